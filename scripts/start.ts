/**
 * `npm start`: the whole service on embedded defaults, or on the external Temporal, PostgreSQL and SMTP
 * that the environment names. Starts (as needed) the Temporal dev server, an embedded PostgreSQL (PGlite),
 * a local mail catcher; applies migrations, loads the plan, runs the Worker and the API; prints where
 * everything is. Ctrl-C (SIGINT) or SIGTERM stops it all, in the reverse order of start; so does a start
 * that fails, which exits non-zero (2 when a port is in use: the message names the variable to change).
 *
 * package.json runs this file with `exec node …`, so that the signals npm forwards reach this process
 * and not a shell in between.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createMailer } from '../activities/mailer';
import { buildServer } from '../api/build-server';
import { createReadinessChecks } from '../api/readiness-checks';
import { ConfigError, parseConfig, type TConfig } from '../domain/config';
import { ZPlanFile } from '../domain/plan-schema';
import { createPrisma } from '../prisma/client';
import { seedDemoContacts } from '../prisma/seed-contacts';
import { seedPlan } from '../prisma/seed-plan';
import { connectTemporal } from '../worker/temporal-connection';
import { activityConfig } from '../worker/activity-config';
import { createWorker } from '../worker/create-worker';
import { issueSignInLink } from '../api/auth/sign-in-links';
import { ensureBootstrapUser } from '../api/people-routes';
import { installRuntime } from '../worker/install-runtime';
import { ensureSchedules } from '../worker/ensure-schedules';
import { scheduleLines } from '../worker/schedule-lines';
import { scheduleConfig } from '../domain/schedule-config';
import { PortInUseError, assertPortsFree, boundPorts, listenOn, type PortVariable } from './dev-services/bound-ports';
import { createStopStack, type TStopStack } from './dev-services/stop-stack';
import { isListening, startTemporalDevServer, type TTemporalDevServer } from './dev-services/temporal-dev-server';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startMailCatcher } from './mail-catcher';
import { applyMigrations } from './migrate-apply';
import { ensureTemporalCli } from './temporal-binaries';

const log = (line: string) => process.stdout.write(`[nap1325] ${line}\n`);

/** Exit status of a start refused for its configuration: an invalid variable, a port in use. */
const EXIT_CONFIGURATION = 2;
/**
 * How long stopping may take before we exit anyway (the Temporal dev server is still signalled). Above
 * the ~20 s that the Temporal SDK's retries give an API call against a server that went away.
 */
const STOP_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  let config: TConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EXIT_CONFIGURATION);
    }
    throw err;
  }
  process.env.TZ = 'UTC';

  const stack = createStopStack();
  // However the process ends (a forced exit, an uncaught error), the detached dev server must not outlive it.
  process.on('exit', () => stack.killNow());
  const stopAndExit = async (code: number) => {
    const force = setTimeout(() => {
      process.stderr.write(`still stopping after ${STOP_TIMEOUT_MS / 1000} s: exiting anyway\n`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    await stack.stopAll((name, error) => process.stderr.write(`while stopping ${name}: ${error instanceof Error ? error.message : String(error)}\n`));
    if (code === 0) log('stopped.');
    process.exit(code);
  };
  const stopOn = (why: string, code: number) => {
    // A terminal's Ctrl-C reaches us twice (from the terminal and forwarded by npm): stop once.
    if (stack.stopping) return;
    log(`${why}: stopping…`);
    void stopAndExit(code);
  };
  // Installed before anything starts: a signal during start-up stops what has started so far.
  process.on('SIGINT', () => stopOn('SIGINT', 0));
  process.on('SIGTERM', () => stopOn('SIGTERM', 0));

  let running: TRunning;
  try {
    running = await startServices({ config, stack });
  } catch (err) {
    // A signal arrived meanwhile: its handler is stopping everything, and this error is a consequence.
    if (stack.stopping) return;
    process.stderr.write(err instanceof PortInUseError ? `${err.message}\n` : `start failed: ${(err as Error)?.stack ?? String(err)}\n`);
    await stopAndExit(err instanceof PortInUseError ? EXIT_CONFIGURATION : 1);
    return;
  }
  void running.devServer?.exited.then((code) => {
    if (stack.stopping) return;
    process.stderr.write(`Temporal dev server exited (${code}); stopping.\n`);
    stopOn('temporal-exit', 1);
  });
  void running.workerRun.catch((err: unknown) => {
    if (stack.stopping) return;
    process.stderr.write(`the Worker failed: ${(err as Error)?.stack ?? String(err)}\n`);
    stopOn('worker-failed', 1);
  });
}

/** What keeps running after {@link startServices}, for the watchers that stop everything when it dies. */
type TRunning = { devServer: TTemporalDevServer | undefined; workerRun: Promise<void> };

/**
 * Starts every part, registering each on `stack` as soon as it runs (so a failure or a signal stops
 * exactly what has started), and prints where everything is. Ports are checked first: a start that
 * cannot finish says so before starting anything.
 */
async function startServices({ config, stack }: { config: TConfig; stack: TStopStack }): Promise<TRunning> {
  const dataDir = path.resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const reuseTemporal = !config.TEMPORAL_ADDRESS && (await isListening(config.TEMPORAL_DEV_PORT));
  const ports = boundPorts({ config, reuseTemporal });
  await assertPortsFree(ports);
  const port = (variable: PortVariable) => ports.find((p) => p.variable === variable);

  // The Temporal runtime, before any connection: the Worker's JSON logs and, when configured, its
  // Prometheus endpoint (whose port was checked above). Our own SIGINT/SIGTERM handler stops everything
  // in order; the Worker must not react on its own.
  try {
    installRuntime({ config, shutdownSignals: [] });
  } catch (error) {
    const metrics = port('TEMPORAL_METRICS_BIND_ADDRESS');
    if (metrics && /address already in use/i.test((error as Error)?.message ?? '')) throw new PortInUseError(metrics);
    throw error;
  }

  // Temporal
  let temporalAddress = config.TEMPORAL_ADDRESS;
  let devServer: TTemporalDevServer | undefined;
  if (!temporalAddress && reuseTemporal) {
    temporalAddress = `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
    log(`a Temporal server already listens on ${temporalAddress}; using it`);
  } else if (!temporalAddress) {
    const cli = await ensureTemporalCli({ log });
    const server = startTemporalDevServer({
      cli,
      frontend: port('TEMPORAL_DEV_PORT')!,
      ui: port('TEMPORAL_UI_PORT')!,
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
    });
    stack.defer({ name: 'the Temporal dev server', stop: () => server.stop(), killNow: () => server.killNow() });
    await server.ready;
    devServer = server;
    temporalAddress = server.address;
  }
  const temporal = await connectTemporal(config, temporalAddress!);
  // The client connection (the API's) is closed before the native one (the Worker's); both only after
  // their users, which start later and so stop earlier.
  stack.defer({ name: "the Worker's Temporal connection", stop: () => temporal.nativeConnection.close() });
  stack.defer({ name: 'the Temporal client connection', stop: () => temporal.connection.close() });

  // Database
  let databaseUrl = config.DATABASE_URL;
  let maxConnections = 10;
  if (!databaseUrl) {
    const embedded = await listenOn(port('EMBEDDED_DB_PORT'), () =>
      startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port: config.EMBEDDED_DB_PORT, log }),
    );
    stack.defer({ name: 'the embedded PostgreSQL', stop: () => embedded.stop() });
    databaseUrl = embedded.url;
    maxConnections = 1;
  }
  await applyMigrations({ url: databaseUrl, log });
  const prisma = createPrisma({ url: databaseUrl, maxConnections });
  stack.defer({ name: 'Prisma', stop: () => prisma.$disconnect() });
  const planText = readFileSync(path.resolve(__dirname, '../domain/plans/mx-nap-1325.v1.json'), 'utf8');
  await seedPlan({ prisma, plan: ZPlanFile.parse(JSON.parse(planText)), fileText: planText });
  if (!config.DATABASE_URL) await seedDemoContacts({ prisma });

  // Mail
  let smtp = { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, password: config.SMTP_PASSWORD };
  let mailbox;
  if (!config.SMTP_HOST) {
    // Kept in a file of its own, so the messages (and the links in them) survive a restart; re-parsed on
    // start at about 1.5 ms each, so a bounded number of them.
    const catcher = await listenOn(port('MAIL_CATCHER_PORT'), () =>
      startMailCatcher({ port: config.MAIL_CATCHER_PORT, file: path.join(dataDir, 'mail-catcher.jsonl'), maxMessages: 2_000 }),
    );
    // The catcher's close waits (up to 30 s) for its clients to hang up: the mailer, deferred after it, stops first.
    stack.defer({ name: 'the mail catcher', stop: () => catcher.stop() });
    mailbox = catcher;
    smtp = { host: '127.0.0.1', port: catcher.port, secure: false, user: undefined, password: undefined };
  }
  const mailer = createMailer({ host: smtp.host!, port: smtp.port, secure: smtp.secure, user: smtp.user, password: smtp.password, from: config.MAIL_FROM });
  stack.defer({ name: 'the mailer', stop: () => mailer.close() });

  // Link signing secret: from the environment, or one kept under .data/ so links survive restarts.
  let linkSigningSecret = config.LINK_SIGNING_SECRET;
  if (!linkSigningSecret) {
    const file = path.join(dataDir, 'link-signing-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    linkSigningSecret = readFileSync(file, 'utf8').trim();
  }

  // The secretariat's bootstrap token: from the environment, or (development) one kept under .data/ and
  // printed below, so that nothing is open even on a laptop.
  let secretariatToken = config.SECRETARIAT_TOKEN;
  if (!secretariatToken) {
    const file = path.join(dataDir, 'secretariat-token');
    if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
    secretariatToken = readFileSync(file, 'utf8').trim();
  }
  // The first person who can sign in (the demo secretariat in development, whose mail the catcher shows).
  const bootstrapEmail = config.BOOTSTRAP_SECRETARIAT_EMAIL ?? (config.NODE_ENV === 'production' ? undefined : 'secretariado.gti1325@example.gob.mx');
  if (bootstrapEmail) await ensureBootstrapUser(prisma, { email: bootstrapEmail, name: config.BOOTSTRAP_SECRETARIAT_NAME });

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
      // A PostgreSQL of your own: reports compile in a process of their own. The embedded PGlite serves one
      // connection at a time, so there they compile in the worker.
      ...(config.DATABASE_URL ? { reportProcess: { databaseUrl: config.DATABASE_URL } } : {}),
    },
    maxConcurrentActivityTaskExecutions: maxConnections === 1 ? 4 : 50,
  });
  const workerRun = worker.run();
  // The schedules (yearly cycle, plan reviews): created or updated from the configuration, by the worker side.
  const ensured = await ensureSchedules({ client: temporal.client, prisma, taskQueue: config.TEMPORAL_TASK_QUEUE, config: scheduleConfig(config) });
  for (const notice of ensured.notices) log(`no review schedule for plan ${notice.planKey} v${notice.version}: its adoption date is not set (PUT /api/plans/${notice.planKey}/versions/${notice.version})`);
  stack.defer({
    name: 'the Worker',
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      // A failure of the Worker was reported when it happened (see main).
      await workerRun.catch(() => undefined);
    },
  });

  // API
  const metricsRegistry = new Registry();
  collectDefaultMetrics({ register: metricsRegistry });
  const api = await buildServer({
    prisma,
    temporal: temporal.client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    linkSigningSecret,
    secretariatToken,
    mailbox,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    sendEmail: async ({ to, subject, text, html }) => {
      await mailer.send({ from: config.MAIL_FROM, to: [to], subject, text, html, messageId: `<${randomBytes(16).toString('hex')}@${config.MAIL_MESSAGE_ID_DOMAIN}>` });
    },
    mailboxAllowRemote: config.MAIL_CATCHER_ALLOW_REMOTE,
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    secureCookies: config.NODE_ENV === 'production',
    ...(devServer ? { links: { temporalUi: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}` } } : {}),
    readinessChecks: createReadinessChecks({ temporal: temporal.client, prisma, mailer }),
    readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
    metricsToken: config.METRICS_TOKEN,
    metricsRegistry,
  });
  // Resolves once no handler runs any more (api/drain-on-close.ts): the connections closed after it are unused.
  stack.defer({ name: 'the API', stop: () => api.close() });
  await listenOn(port('HTTP_PORT'), () => api.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT }));

  const base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  log('ready:');
  log(`  API                 ${base}  (health: ${base}/healthz, readiness: ${base}/readyz, metrics: ${base}/metrics)`);
  log(`  API documentation   ${base}/docs  (OpenAPI: ${base}/openapi.json)`);
  if (config.TEMPORAL_METRICS_BIND_ADDRESS) log(`  Worker metrics      http://${config.TEMPORAL_METRICS_BIND_ADDRESS}/metrics  (Temporal runtime)`);
  if (devServer) log(`  Temporal Web UI     http://127.0.0.1:${config.TEMPORAL_UI_PORT}  (server ${temporalAddress})`);
  else log(`  Temporal            ${temporalAddress} namespace ${config.TEMPORAL_NAMESPACE}`);
  log(`  Database            ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PGlite, data in ${path.join(dataDir, 'pglite')}`}`);
  if (mailbox) log(`  Mail catcher        ${base}/mail  (SMTP on 127.0.0.1:${smtp.port})`);
  if (!config.SECRETARIAT_TOKEN) log(`  Secretariat token   ${secretariatToken}  (development; kept in ${path.join(dataDir, 'secretariat-token')})`);
  if (config.NODE_ENV !== 'production' && bootstrapEmail) {
    const link = await issueSignInLink(prisma, { email: bootstrapEmail, now: new Date() });
    if (link) log(`  Sign in             ${base}/sign-in/confirm?token=${link.token}  (${bootstrapEmail}; one use, 15 minutes; later: ${base}/sign-in)`);
  }
  log(`  Open a cycle:       curl -X POST ${base}/api/cycles -H 'authorization: Bearer ${config.SECRETARIAT_TOKEN ? '$SECRETARIAT_TOKEN' : secretariatToken}' -H 'content-type: application/json' -d '{"year": ${new Date().getUTCFullYear()}, "deadline": "${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}"}'`);
  log(`  Cycle status:       ${base}/api/cycles/${new Date().getUTCFullYear()}`);
  for (const line of await scheduleLines({ temporal: temporal.client, prisma })) log(`  ${line}`);
  log(`  Schedules:          ${base}/schedules  (API: ${base}/api/schedules)`);
  log('Ctrl-C (or SIGTERM) stops everything.');
  return { devServer, workerRun };
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
