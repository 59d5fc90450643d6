import Fastify from 'fastify';
import http from 'node:http';
import type net from 'node:net';
import { drainOnClose } from '../../api/drain-on-close';

describe('drainOnClose', () => {
  it("makes close() wait for a handler whose client hung up, as it would for the Temporal call it is in", async () => {
    const app = Fastify();
    drainOnClose(app);
    let finishHandler!: () => void;
    const handlerStarted = new Promise<void>((started) => {
      app.get('/slow', async () => {
        started();
        await new Promise<void>((resolve) => (finishHandler = resolve));
        return { ok: true };
      });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;

    const request = http.get({ host: '127.0.0.1', port, path: '/slow' });
    request.on('error', () => undefined);
    await handlerStarted;
    request.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));

    let closed = false;
    const closing = app.close().then(() => (closed = true));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(closed).toBe(false);
    } finally {
      finishHandler();
    }
    await closing;
    expect(closed).toBe(true);
  });

  it('closes at once when no handler runs', async () => {
    const app = Fastify();
    drainOnClose(app);
    app.get('/fast', async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/fast`)).status).toBe(200);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
