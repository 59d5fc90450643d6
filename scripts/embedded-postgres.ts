import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running PGlite server: its connection URL and how to stop it. */
export type TEmbeddedPostgres = {
  /** `postgresql://postgres:postgres@127.0.0.1:<port>/postgres` (PGlite accepts any password). */
  url: string;
  /** Closes the connections, stops listening and closes the database (flushing it to `dataDir`). */
  stop(): Promise<void>;
};

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly, in this process) with its data in `dataDir`,
 * served over the PostgreSQL wire protocol on 127.0.0.1:`port` by `@electric-sql/pglite-socket`, so
 * Prisma, `pg` and `psql` connect as to a real server. For development and demos without PostgreSQL;
 * the tests use a real server.
 *
 * PGlite is one single-user backend. The socket server multiplexes clients onto it: one protocol
 * message at a time and, while a client is inside a transaction, only that client's messages (checked
 * here with concurrent parameterised queries and transactions from 8 connections). All clients share
 * one session, so session state (SET, advisory locks, temporary tables) is shared too; keep the
 * application's pool at one connection (`createPrisma({ url, maxConnections: 1 })`).
 *
 * `maxConnections` (default 8) is how many clients may be connected at once. More than one is needed
 * in practice: a client that disconnects frees its slot only on a later tick, so with a single slot the
 * next client (the app right after `applyMigrations`, a script beside the app, `psql`) is refused with
 * "Connection terminated unexpectedly". `port` 0 picks a free port. `log` receives one line when the
 * server is up.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  maxConnections,
  log,
}: {
  dataDir: string;
  port: number;
  maxConnections?: number;
  log?: (line: string) => void;
}): Promise<TEmbeddedPostgres> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const server = await startPgliteServer({ dataDir: absolute, port, maxConnections });
  log?.(`PGlite (data in ${absolute}) listening on ${server.url.replace(/:[^:@/]*@/, ':***@')}`);
  return server;
}

/**
 * PGlite behind a socket server; `dataDir` undefined keeps the database in memory. The migration
 * tooling uses it for throwaway databases; applications use `startEmbeddedPostgres`.
 */
export async function startPgliteServer({
  dataDir,
  port,
  maxConnections = 8,
}: {
  dataDir: string | undefined;
  port: number;
  maxConnections?: number;
}): Promise<TEmbeddedPostgres> {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // After start() the server knows the port the OS gave it when `port` was 0.
  const address = server.getServerConn();
  const url = `postgresql://postgres:postgres@${address}/postgres`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await server.stop();
      // stop() detaches the handlers without waiting for them; a detach may still roll back an open
      // transaction, which must reach the database before it closes.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await db.close();
    })();
    return stopping;
  };
  return { url, stop };
}

/**
 * CLI: `npx tsx scripts/embedded-postgres.ts [--data-dir .data/pglite] [--port 5433]` runs the embedded
 * server in the foreground (for psql, or a second process beside the app) and prints
 * `DATABASE_URL=<url>` once it accepts connections. Ctrl-C / SIGTERM stops it cleanly.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string', default: '.data/pglite' }, port: { type: 'string', default: '5433' } },
  });
  const server = await startEmbeddedPostgres({
    dataDir: values['data-dir'],
    port: Number(values.port),
    log: (line) => console.error(line),
  });
  console.log(`DATABASE_URL=${server.url}`);
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
