import net from 'node:net';
import { parseConfig } from '../../../domain/config';
import { PortInUseError, assertPortsFree, boundPorts, listenOn } from '../../../scripts/dev-services/bound-ports';

/** A server of the test's own on a port the OS chose. */
async function holdAPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('boundPorts', () => {
  it('lists every port of the embedded defaults with the variable that chooses it', () => {
    const ports = boundPorts({ config: parseConfig({}), reuseTemporal: false });
    expect(ports.map((p) => `${p.variable} ${p.port}`)).toEqual([
      'HTTP_PORT 3000',
      'TEMPORAL_DEV_PORT 7233',
      'TEMPORAL_UI_PORT 8233',
      'EMBEDDED_DB_PORT 5433',
      'MAIL_CATCHER_PORT 1025',
    ]);
  });

  it('leaves out what external services replace, a reused Temporal server, and HTTP_PORT=0', () => {
    const external = parseConfig({ TEMPORAL_ADDRESS: 'temporal:7233', DATABASE_URL: 'postgresql://db/app', SMTP_HOST: 'smtp.example.org' });
    expect(boundPorts({ config: external, reuseTemporal: false }).map((p) => p.variable)).toEqual(['HTTP_PORT']);
    expect(boundPorts({ config: parseConfig({}), reuseTemporal: true }).map((p) => p.variable)).toEqual(['HTTP_PORT', 'EMBEDDED_DB_PORT', 'MAIL_CATCHER_PORT']);
    expect(boundPorts({ config: parseConfig({ HTTP_PORT: '0' }), reuseTemporal: true }).map((p) => p.variable)).toEqual(['EMBEDDED_DB_PORT', 'MAIL_CATCHER_PORT']);
  });

  it("adds the Worker's Temporal metrics address when it is set (and not port 0)", () => {
    const external = { TEMPORAL_ADDRESS: 'temporal:7233', DATABASE_URL: 'postgresql://db/app', SMTP_HOST: 'smtp.example.org' };
    expect(boundPorts({ config: parseConfig({ ...external, TEMPORAL_METRICS_BIND_ADDRESS: '0.0.0.0:9464' }), reuseTemporal: false })).toEqual([
      { variable: 'HTTP_PORT', host: '127.0.0.1', port: 3000, what: 'the API' },
      { variable: 'TEMPORAL_METRICS_BIND_ADDRESS', host: '0.0.0.0', port: 9464, what: "the Worker's Temporal metrics endpoint" },
    ]);
    expect(boundPorts({ config: parseConfig({ ...external, TEMPORAL_METRICS_BIND_ADDRESS: '[::1]:9464' }), reuseTemporal: false })[1]).toMatchObject({ host: '::1', port: 9464 });
    expect(boundPorts({ config: parseConfig({ ...external, TEMPORAL_METRICS_BIND_ADDRESS: '127.0.0.1:0' }), reuseTemporal: false }).map((p) => p.variable)).toEqual(['HTTP_PORT']);
  });
});

describe('a port in use', () => {
  it('is refused up front in one line naming the variable to set', async () => {
    const held = await holdAPort();
    try {
      const ports = boundPorts({ config: parseConfig({ EMBEDDED_DB_PORT: String(held.port) }), reuseTemporal: true }).filter((p) => p.variable !== 'HTTP_PORT' && p.variable !== 'MAIL_CATCHER_PORT');
      await expect(assertPortsFree(ports)).rejects.toThrow(
        new PortInUseError({ variable: 'EMBEDDED_DB_PORT', host: '127.0.0.1', port: held.port, what: 'the embedded PostgreSQL' }),
      );
      await expect(assertPortsFree(ports)).rejects.toThrow(`EMBEDDED_DB_PORT ${held.port} is in use: set EMBEDDED_DB_PORT to a free port (the embedded PostgreSQL listens there)`);
    } finally {
      await held.close();
    }
  });

  it('taken after the check is reported the same way when listening fails with EADDRINUSE', async () => {
    const held = await holdAPort();
    const bound = { variable: 'MAIL_CATCHER_PORT', host: '127.0.0.1', port: held.port, what: 'the mail catcher' } as const;
    const late = net.createServer();
    try {
      await expect(
        listenOn(bound, () => new Promise<void>((resolve, reject) => late.once('error', reject).listen(held.port, '127.0.0.1', () => resolve()))),
      ).rejects.toThrow(`MAIL_CATCHER_PORT ${held.port} is in use: set MAIL_CATCHER_PORT`);
      // Any other failure passes through unchanged.
      await expect(listenOn(bound, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    } finally {
      await held.close();
    }
  });
});
