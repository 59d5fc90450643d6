/**
 * `npm start`: the whole service on embedded defaults, or on the external Temporal, PostgreSQL and SMTP
 * that the environment names. Starts (as needed) the Temporal dev server, an embedded PostgreSQL (PGlite),
 * a local mail catcher; applies migrations, loads the plan, runs the Worker and the API; prints where
 * everything is. Ctrl-C stops it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createMailer } from '../activities/mailer';
import { buildServer } from '../api/build-server';
import { ConfigError, parseConfig } from '../domain/config';
import { ZPlanFile } from '../domain/plan-schema';
import { createPrisma } from '../prisma/client';
import { seedDemoContacts } from '../prisma/seed-contacts';
import { seedPlan } from '../prisma/seed-plan';
import { connectTemporal } from '../worker/temporal-connection';
import { activityConfig } from '../worker/activity-config';
import { createWorker } from '../worker/create-worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startMailCatcher } from './mail-catcher';
import { applyMigrations } from './migrate-apply';
import { ensureTemporalCli } from './temporal-binaries';

const log = (line: string) => process.stdout.write(`[nap1325] ${line}\n`);

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  process.env.TZ = 'UTC';
  // Our own SIGINT/SIGTERM handler stops everything in order; the Worker must not react on its own.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const dataDir = path.resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  /** Stopped in order at Ctrl-C: API first, then the worker, then what they use. */
  const stops: (() => Promise<void> | void)[] = [];
  /** The Temporal dev server goes last, after the worker has drained. */
  const stopLast: (() => Promise<void> | void)[] = [];

  // Temporal
  let temporalAddress = config.TEMPORAL_ADDRESS;
  let temporalProcess: ChildProcess | undefined;
  if (!temporalAddress) {
    const cli = await ensureTemporalCli({ log });
    temporalAddress = `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
    if (await isListening(config.TEMPORAL_DEV_PORT)) {
      log(`a Temporal server already listens on ${temporalAddress}; using it`);
    } else {
      temporalProcess = spawn(
        cli,
        [
          'server', 'start-dev',
          '--ip', '127.0.0.1',
          '--port', String(config.TEMPORAL_DEV_PORT),
          '--ui-port', String(config.TEMPORAL_UI_PORT),
          '--db-filename', path.join(dataDir, 'temporal.sqlite'),
          '--namespace', config.TEMPORAL_NAMESPACE,
          '--log-level', 'error',
        ],
        // Own process group: a terminal's Ctrl-C reaches only us, and we stop the server last.
        { stdio: ['ignore', 'inherit', 'inherit'], detached: true },
      );
      stopLast.push(() => new Promise<void>((resolve) => {
        if (temporalProcess!.exitCode !== null) return resolve();
        temporalProcess!.once('exit', () => resolve());
        temporalProcess!.kill('SIGTERM');
      }));
      await waitForPort(config.TEMPORAL_DEV_PORT, 60_000, 'Temporal dev server');
    }
  }
  const temporal = await connectTemporal(config, temporalAddress);
  stops.push(() => temporal.connection.close());

  // Database
  let databaseUrl = config.DATABASE_URL;
  let maxConnections = 10;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port: config.EMBEDDED_DB_PORT, log });
    databaseUrl = embedded.url;
    maxConnections = 1;
    stops.push(() => embedded.stop());
  }
  await applyMigrations({ url: databaseUrl, log });
  const prisma = createPrisma({ url: databaseUrl, maxConnections });
  stops.unshift(() => prisma.$disconnect());
  const plan = ZPlanFile.parse(JSON.parse(readFileSync(path.resolve(__dirname, '../domain/plans/mx-nap-1325.v1.json'), 'utf8')));
  await seedPlan({ prisma, plan });
  if (!config.DATABASE_URL) await seedDemoContacts({ prisma });

  // Mail
  let smtp = { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, password: config.SMTP_PASSWORD };
  let mailbox;
  if (!config.SMTP_HOST) {
    const catcher = await startMailCatcher({ port: config.MAIL_CATCHER_PORT });
    mailbox = catcher;
    smtp = { host: '127.0.0.1', port: catcher.port, secure: false, user: undefined, password: undefined };
    stops.push(() => catcher.stop());
  }
  const mailer = createMailer({ host: smtp.host!, port: smtp.port, secure: smtp.secure, user: smtp.user, password: smtp.password, from: config.MAIL_FROM });
  stops.push(() => mailer.close());

  // Link signing secret: from the environment, or one kept under .data/ so links survive restarts.
  let linkSigningSecret = config.LINK_SIGNING_SECRET;
  if (!linkSigningSecret) {
    const file = path.join(dataDir, 'link-signing-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    linkSigningSecret = readFileSync(file, 'utf8').trim();
  }

  // Worker
  const worker = await createWorker({
    connection: temporal.nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: {
      prisma,
      mailer,
      clock: () => new Date(),
      config: activityConfig(config, linkSigningSecret),
    },
    maxConcurrentActivityTaskExecutions: maxConnections === 1 ? 4 : 50,
  });
  const workerRun = worker.run();
  stops.unshift(async () => {
    worker.shutdown();
    await workerRun.catch(() => undefined);
  });

  // API
  const api = await buildServer({
    prisma,
    temporal: temporal.client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    linkSigningSecret,
    secretariatToken: config.SECRETARIAT_TOKEN,
    mailbox,
  });
  await api.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  stops.unshift(() => api.close());

  const base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  log('ready:');
  log(`  API                 ${base}  (health: ${base}/healthz)`);
  if (temporalProcess) log(`  Temporal Web UI     http://127.0.0.1:${config.TEMPORAL_UI_PORT}  (server ${temporalAddress})`);
  else log(`  Temporal            ${temporalAddress} namespace ${config.TEMPORAL_NAMESPACE}`);
  log(`  Database            ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PGlite, data in ${path.join(dataDir, 'pglite')}`}`);
  if (mailbox) log(`  Mail catcher        ${base}/mail  (SMTP on 127.0.0.1:${smtp.port})`);
  log(`  Open a cycle:       curl -X POST ${base}/api/cycles -H 'content-type: application/json' -d '{"year": ${new Date().getUTCFullYear()}, "deadline": "${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}"}'`);
  log(`  Cycle status:       ${base}/api/cycles/${new Date().getUTCFullYear()}`);
  log('Ctrl-C stops everything.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    const force = setTimeout(() => {
      process.stderr.write('still stopping after 20 s: exiting anyway\n');
      process.exit(1);
    }, 20_000);
    force.unref();
    for (const stop of [...stops, ...stopLast]) {
      try {
        await stop();
      } catch (err) {
        process.stderr.write(`while stopping: ${(err as Error).message}\n`);
      }
    }
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  temporalProcess?.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`Temporal dev server exited (${code}); stopping.\n`);
      void shutdown('temporal-exit');
    }
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isListening(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
