import net from 'node:net';

/** A TCP proxy in front of a real server, which a drill can take down and bring back. */
export interface FaultProxy {
  /** The port clients connect to (kept across {@link FaultProxy.cut} and {@link FaultProxy.restore}). */
  readonly port: number;
  /** Whether the proxy refuses connections now. */
  readonly down: boolean;
  /**
   * Takes the server "down" as clients see it: stops listening (new connections are refused,
   * ECONNREFUSED) and resets every open connection (ECONNRESET mid-conversation). Idempotent.
   */
  cut(): Promise<void>;
  /** Listens again on the same port; the server behind never went away, so nothing it held is lost. */
  restore(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 (a free port unless `port` is given) that forwards every connection to
 * `target`. It stands in for "the SMTP server is stopped" or "PostgreSQL is down" without stopping a
 * server other processes share: clients meet exactly what a stopped server gives them (refused
 * connections, reset sockets), and the server behind keeps what it had accepted.
 */
export async function startFaultProxy({ target, port = 0 }: { target: { host: string; port: number }; port?: number }): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset peer is the point of the exercise, not an error of the proxy.
    socket.on('error', () => socket.destroy());
  };
  const onConnection = (client: net.Socket) => {
    const upstream = net.connect(target);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  };
  let server = net.createServer(onConnection);
  const listen = (s: net.Server, p: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => {
        s.off('error', reject);
        const address = s.address();
        resolve(typeof address === 'object' && address ? address.port : p);
      });
    });
  const boundPort = await listen(server, port);
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port: boundPort,
    get down() {
      return down;
    },
    async cut() {
      if (down) return;
      down = true;
      const closed = stopListening();
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
    async restore() {
      if (!down) return;
      server = net.createServer(onConnection);
      await listen(server, boundPort);
      down = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (!down) await stopListening();
      down = true;
    },
  };
}
