/**
 * Everything a fault drill runs on, real and wired as in production, each part restartable: a Temporal
 * CLI dev server whose SQLite file lives on disk (so it can be stopped and started again with its
 * history), a fresh PostgreSQL database behind a fault proxy, the mail catcher behind another, the API in
 * this process, and the Worker in OS processes of its own (test/support/worker-process.ts) that a drill
 * may SIGKILL and replace.
 */
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/build-server';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedAll } from '../../test/support/app-harness';
import { createTestDatabase, type TTestDatabase } from '../../test/support/database';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process';
import { startTemporalDevServer, type TTemporalDevServer } from '../dev-services/temporal-dev-server';
import { startMailCatcher, type MailCatcher } from '../mail-catcher';
import { ensureTemporalCli } from '../temporal-binaries';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/** The drill's Temporal dev server: same port and same database file across restarts. */
export interface DrillTemporal {
  readonly address: string;
  /** Stops the server (SIGTERM, SIGKILL after 10 s) and starts it again on its file; resolves once it listens. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The Worker as a supervisor sees it: one process at a time, replaced when killed. */
export interface DrillWorkers {
  /** SIGKILLs the current worker process (no drain, no cleanup) and starts another; resolves once it polls. */
  killAndRestart(): Promise<void>;
  /** Every process started so far. */
  readonly started: number;
  stop(): Promise<void>;
}

export interface DrillStack {
  temporal: DrillTemporal;
  client: Client;
  /** Prisma on the database directly (not through the proxy): the drill's own reads and checks. */
  prisma: PrismaClient;
  smtp: MailCatcher;
  /** In front of the mail catcher: what the worker sends to. */
  smtpProxy: FaultProxy;
  /** In front of PostgreSQL: what the API and the worker use. */
  dbProxy: FaultProxy;
  workers: DrillWorkers;
  api: FastifyInstance;
  baseUrl: string;
  codes: string[];
  messageIdDomain: string;
  close(): Promise<void>;
}

/** A TCP port free now on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function startDrillTemporal(): Promise<DrillTemporal> {
  const cli = await ensureTemporalCli();
  const dir = mkdtempSync(path.join(tmpdir(), 'nap1325-drill-temporal-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  const frontend = { variable: 'TEMPORAL_DEV_PORT' as const, host: '127.0.0.1', port: await freePort(), what: 'the drill\'s Temporal dev server' };
  const ui = { variable: 'TEMPORAL_UI_PORT' as const, host: '127.0.0.1', port: await freePort(), what: 'its Web UI' };
  const start = async () => {
    const server = startTemporalDevServer({ cli, frontend, ui, dbFile, namespace: 'default', timeoutMs: 120_000 });
    await server.ready.catch(async (err: unknown) => {
      await server.stop();
      throw err;
    });
    return server;
  };
  let server: TTemporalDevServer = await start();
  return {
    address: server.address,
    async restart() {
      await server.stop();
      server = await start();
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The URL `url` with its host and port replaced by the proxy's. */
function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/**
 * Starts a drill's stack with `entities` synthetic municipalities (codes `<prefix>-00001`…) seeded beside
 * the NAP-1325 plan and its demo contacts, and one worker process polling. `close()` stops all of it and
 * drops the database.
 */
export async function startDrillStack({ entities, prefix = 'DRILL' }: { entities: number; prefix?: string }): Promise<DrillStack> {
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const temporal = await startDrillTemporal();
    stops.push(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    const db: TTestDatabase = await createTestDatabase();
    stops.push(() => db.drop());
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: entities, prefix });
    const dbUrl = new URL(db.url);
    const dbProxy = await startFaultProxy({ target: { host: dbUrl.hostname, port: Number(dbUrl.port || 5432) } });
    stops.push(() => dbProxy.close());
    const proxiedDbUrl = throughProxy(db.url, dbProxy.port);

    const smtp = await startMailCatcher();
    stops.push(() => smtp.stop());
    const smtpProxy = await startFaultProxy({ target: { host: smtp.host, port: smtp.port } });
    stops.push(() => smtpProxy.close());

    const taskQueue = `drill-${randomBytes(4).toString('hex')}`;
    const linkSigningSecret = randomBytes(32).toString('hex');
    const apiPrisma = createPrisma({ url: proxiedDbUrl, maxConnections: 10 });
    stops.push(() => apiPrisma.$disconnect());
    const api = await buildServer({ prisma: apiPrisma, temporal: client, taskQueue, linkSigningSecret });
    await api.listen({ host: '127.0.0.1', port: 0 });
    stops.push(() => api.close());
    const address = api.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const messageIdDomain = 'nap1325.test';
    const workerOptions = {
      temporalAddress: temporal.address,
      taskQueue,
      databaseUrl: proxiedDbUrl,
      smtpPort: smtpProxy.port,
      linkSigningSecret,
      publicBaseUrl: baseUrl,
      messageIdDomain,
    };
    let current: WorkerProcess | undefined;
    let started = 0;
    const startWorker = async () => {
      current = await startWorkerProcess(workerOptions);
      started++;
      await current.ready;
    };
    await startWorker();
    const workers: DrillWorkers = {
      async killAndRestart() {
        await current?.stop('SIGKILL');
        await startWorker();
      },
      get started() {
        return started;
      },
      async stop() {
        await current?.stop('SIGKILL');
      },
    };
    // Stopped first (stops run last to first): it holds connections to everything else.
    stops.push(() => workers.stop());
    return { temporal, client, prisma: db.prisma, smtp, smtpProxy, dbProxy, workers, api, baseUrl, codes, messageIdDomain, close };
  } catch (err) {
    await close();
    throw err;
  }
}
