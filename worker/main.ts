/**
 * `npm run worker`: a Worker alone, for production deployments where Temporal, PostgreSQL and SMTP are
 * external (TEMPORAL_ADDRESS, DATABASE_URL and SMTP_HOST must be set). `npm start` runs one in-process.
 * Logs JSON lines on stdout (LOG_LEVEL) and, with TEMPORAL_METRICS_BIND_ADDRESS, serves the Temporal
 * runtime's Prometheus metrics there (worker/install-runtime.ts); a taken address exits with status 2.
 */
import { Runtime } from '@temporalio/worker';
import { createMailer } from '../activities/mailer';
import { ConfigError, parseConfig } from '../domain/config';
import { createPrisma } from '../prisma/client';
import { activityConfig } from './activity-config';
import { createWorker } from './create-worker';
import { installRuntime } from './install-runtime';
import { ensureSchedules } from './ensure-schedules';
import { scheduleLines } from './schedule-lines';
import { scheduleConfig } from '../domain/schedule-config';
import { connectTemporal } from './temporal-connection';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const missing = (['TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_HOST', 'LINK_SIGNING_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required by a standalone worker`).join('\n')}`);
  try {
    installRuntime({ config });
  } catch (error) {
    if (/address already in use/i.test((error as Error)?.message ?? '')) {
      throw new ConfigError(`TEMPORAL_METRICS_BIND_ADDRESS ${config.TEMPORAL_METRICS_BIND_ADDRESS} is in use: set TEMPORAL_METRICS_BIND_ADDRESS to a free address (the Worker's Temporal metrics endpoint listens there)`);
    }
    throw error;
  }
  const temporal = await connectTemporal(config, config.TEMPORAL_ADDRESS!);
  const prisma = createPrisma({ url: config.DATABASE_URL! });
  const mailer = createMailer({
    host: config.SMTP_HOST!,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
    from: config.MAIL_FROM,
  });
  const worker = await createWorker({
    connection: temporal.nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: {
      prisma,
      mailer,
      clock: () => new Date(),
      config: activityConfig(config, config.LINK_SIGNING_SECRET!),
      reportProcess: { databaseUrl: config.DATABASE_URL! },
    },
  });
  // The schedules (yearly cycle, plan reviews), created or updated from the configuration at every start.
  await ensureSchedules({ client: temporal.client, prisma, taskQueue: config.TEMPORAL_TASK_QUEUE, config: scheduleConfig(config) });
  // Logged through the runtime's logger, so they are JSON lines like every other line of the worker.
  for (const line of await scheduleLines({ temporal: temporal.client, prisma })) Runtime.instance().logger.info(line);
  // Worker.run() handles SIGINT/SIGTERM (package.json `exec`s node, so npm's forwarded signal lands
  // here): it drains and resolves. Then close what it used.
  await worker.run();
  mailer.close();
  await prisma.$disconnect();
  await temporal.nativeConnection.close();
  await temporal.connection.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
