import net from 'node:net';
import type { TConfig } from '../../domain/config';

/** The variables that choose a port `npm start` listens on (itself or through the Temporal dev server). */
export const PortVariable = {
  HTTP_PORT: 'HTTP_PORT',
  TEMPORAL_DEV_PORT: 'TEMPORAL_DEV_PORT',
  TEMPORAL_UI_PORT: 'TEMPORAL_UI_PORT',
  EMBEDDED_DB_PORT: 'EMBEDDED_DB_PORT',
  MAIL_CATCHER_PORT: 'MAIL_CATCHER_PORT',
  TEMPORAL_METRICS_BIND_ADDRESS: 'TEMPORAL_METRICS_BIND_ADDRESS',
} as const;
export type PortVariable = (typeof PortVariable)[keyof typeof PortVariable];

/** A port `npm start` will listen on, where, and the variable a person changes when it is taken. */
export type TBoundPort = {
  variable: PortVariable;
  host: string;
  port: number;
  /** What listens there, for the message: "the API", "the embedded PostgreSQL"… */
  what: string;
};

/**
 * The ports this configuration makes `npm start` listen on: the API always; the Temporal dev server's
 * frontend and Web UI unless `TEMPORAL_ADDRESS` is set or `reuseTemporal` (a server already answers
 * on `TEMPORAL_DEV_PORT` and will be used as it is); the embedded PostgreSQL unless `DATABASE_URL` is
 * set; the mail catcher unless `SMTP_HOST` is set; the Worker's Temporal metrics when
 * `TEMPORAL_METRICS_BIND_ADDRESS` is set. Port 0 (`HTTP_PORT=0`: any free port) is left out.
 */
export function boundPorts({ config, reuseTemporal }: { config: TConfig; reuseTemporal: boolean }): TBoundPort[] {
  const ports: TBoundPort[] = [];
  if (config.HTTP_PORT !== 0) ports.push({ variable: 'HTTP_PORT', host: config.HTTP_HOST, port: config.HTTP_PORT, what: 'the API' });
  if (!config.TEMPORAL_ADDRESS && !reuseTemporal) {
    ports.push({ variable: 'TEMPORAL_DEV_PORT', host: '127.0.0.1', port: config.TEMPORAL_DEV_PORT, what: 'the Temporal dev server' });
    ports.push({ variable: 'TEMPORAL_UI_PORT', host: '127.0.0.1', port: config.TEMPORAL_UI_PORT, what: 'the Temporal Web UI' });
  }
  if (!config.DATABASE_URL) ports.push({ variable: 'EMBEDDED_DB_PORT', host: '127.0.0.1', port: config.EMBEDDED_DB_PORT, what: 'the embedded PostgreSQL' });
  if (!config.SMTP_HOST) ports.push({ variable: 'MAIL_CATCHER_PORT', host: '127.0.0.1', port: config.MAIL_CATCHER_PORT, what: 'the mail catcher' });
  const metrics = config.TEMPORAL_METRICS_BIND_ADDRESS;
  if (metrics) {
    const colon = metrics.lastIndexOf(':');
    const port = Number(metrics.slice(colon + 1));
    if (port !== 0) ports.push({ variable: 'TEMPORAL_METRICS_BIND_ADDRESS', host: metrics.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port, what: "the Worker's Temporal metrics endpoint" });
  }
  return ports;
}

/**
 * A port we must listen on is taken. Its message is the one line a person needs:
 * `HTTP_PORT 3000 is in use: set HTTP_PORT to a free port (the API listens there)`.
 * `npm start` exits with status 2 on it, as on any other configuration problem.
 */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly bound: TBoundPort) {
    super(`${bound.variable} ${bound.port} is in use: set ${bound.variable} to a free port (${bound.what} listens there)`);
  }
}

/**
 * Whether `port` on `host` can be listened on now: binds it and lets it go. A check ahead of time
 * only; something may take the port before we listen, which {@link listenOn} reports the same way.
 */
export function isPortFree({ host, port }: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Throws {@link PortInUseError} for the first of `ports` that is taken, before anything is started:
 * a start that cannot finish should not spend seconds starting servers it will have to stop.
 */
export async function assertPortsFree(ports: readonly TBoundPort[]): Promise<void> {
  for (const bound of ports) {
    if (!(await isPortFree(bound))) throw new PortInUseError(bound);
  }
}

/**
 * Runs `listen` (which starts listening on `bound`) and turns its EADDRINUSE into
 * {@link PortInUseError}, so a port taken after {@link assertPortsFree} names its variable too.
 */
export async function listenOn<T>(bound: TBoundPort | undefined, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    if (bound && (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') throw new PortInUseError(bound);
    throw error;
  }
}
