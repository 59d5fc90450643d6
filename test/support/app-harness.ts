import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createActivities, type ActivityConfig, type ActivityDeps } from '../../activities';
import { createMailer, type Mailer, type SmtpMailer } from '../../activities/mailer';
import { buildServer } from '../../api/build-server';
import { createReadinessChecks } from '../../api/readiness-checks';
import { ZPlanFile } from '../../domain/plan-schema';
import type { PrismaClient } from '../../prisma/client';
import { seedDemoContacts } from '../../prisma/seed-contacts';
import { seedPlan } from '../../prisma/seed-plan';
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher';
import { createWorker } from '../../worker/create-worker';
import { createTestDatabase } from './database';

let runtimeInstalled = false;
/** Worker logs at WARN: tests assert on behaviour, not on lifecycle chatter. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process (another test file): keep it.
  }
  runtimeInstalled = true;
}

/** Polls `probe` until it returns a value that is not undefined (or fails after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, { timeoutMs = 30_000, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle, built once per test file (webpack takes a few seconds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  return bundle;
}

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => console.error(m), log() {} } as never;

export const PLAN_FILE = path.resolve(__dirname, '../../domain/plans/mx-nap-1325.v1.json');

/** Loads Mexico's NAP-1325 and the demo contacts into `prisma`. */
export async function seedAll(prisma: PrismaClient): Promise<void> {
  const plan = ZPlanFile.parse(JSON.parse(readFileSync(PLAN_FILE, 'utf8')));
  await seedPlan({ prisma, plan });
  await seedDemoContacts({ prisma });
}

export interface Harness {
  env: TestWorkflowEnvironment;
  prisma: PrismaClient;
  databaseUrl: string;
  smtp: MailCatcher;
  mailer: SmtpMailer;
  deps: ActivityDeps;
  taskQueue: string;
  api: FastifyInstance;
  baseUrl: string;
  worker: Worker;
  /** Starts the worker in the background (stopped by `close`). */
  startWorker(): void;
  close(): Promise<void>;
}

/**
 * Everything real, wired as `npm start` wires it, on a given Temporal environment: a fresh PostgreSQL
 * database with the plan seeded, an in-process SMTP server, activities with nodemailer, a Worker on a
 * unique task queue, and the API listening on a free port.
 */
export async function startHarness({
  env,
  refuse,
  config: overrides,
  wrapMailer,
  seed = seedAll,
  secretariatToken,
  metricsToken,
  clock = () => new Date(),
}: {
  env: TestWorkflowEnvironment;
  /** Makes the SMTP server answer 550 for these recipients. */
  refuse?: (address: string) => boolean;
  config?: Partial<ActivityConfig>;
  /** Lets a test interpose on sending (delay, crash after accept…); the real SMTP send stays underneath. */
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** What to load into the fresh database (default: the NAP-1325 plan and the demo contacts). */
  seed?: (prisma: PrismaClient) => Promise<void>;
  /** Require `Authorization: Bearer <token>` on /api routes. */
  secretariatToken?: string;
  /** The metrics scraper's token (/metrics then needs it or the secretariat's). */
  metricsToken?: string;
  /** The activities' wall clock (default: the real one). */
  clock?: () => Date;
}): Promise<Harness> {
  quietRuntime();
  const db = await createTestDatabase();
  await seed(db.prisma);
  const smtp = await startMailCatcher({ refuse });
  const mailer = createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'PNA-1325 <pna1325@test.local>' });
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const linkSigningSecret = randomBytes(32).toString('hex');

  const api = await buildServer({
    prisma: db.prisma,
    temporal: env.client,
    taskQueue,
    linkSigningSecret,
    secretariatToken,
    metricsToken,
    // As npm start checks them: Temporal, this database and this SMTP server.
    readinessChecks: createReadinessChecks({ temporal: env.client, prisma: db.prisma, mailer }),
  });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const address = api.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const deps: ActivityDeps = {
    prisma: db.prisma,
    mailer: wrapMailer ? wrapMailer(mailer) : mailer,
    clock,
    config: {
      publicBaseUrl: baseUrl,
      linkSigningSecret,
      linkTtlDays: 120,
      messageIdDomain: 'nap1325.test',
      mailFrom: 'PNA-1325 <pna1325@test.local>',
      ...overrides,
    },
    // As the worker does on PostgreSQL: annual reports compile in a process of their own.
    reportProcess: { databaseUrl: db.url },
  };
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps,
    workflowBundle: await workflowBundle(),
  });
  let running: Promise<void> | undefined;
  return {
    env,
    prisma: db.prisma,
    databaseUrl: db.url,
    smtp,
    mailer,
    deps,
    taskQueue,
    api,
    baseUrl,
    worker,
    startWorker() {
      running = worker.run();
    },
    async close() {
      // A Worker that never ran (a test whose Worker is another process) still holds the native
      // connection until it has run: run it and shut it down at once (run() is RUNNING synchronously).
      running ??= worker.run();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await api.close();
      mailer.close();
      await smtp.stop();
      await db.drop();
    },
  };
}

export { createActivities };
