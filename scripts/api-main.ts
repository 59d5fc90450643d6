/**
 * `npm run api`: the HTTP API alone (pages, the secretariat's and the contacts' routes, /metrics,
 * /healthz, /readyz), for deployments that run API processes apart from worker processes (`npm run
 * worker`) against the same Temporal, PostgreSQL and SMTP — as many of either as the load needs (README,
 * "How a deployment splits"). `npm start` runs one in-process beside its Worker.
 *
 * Needs TEMPORAL_ADDRESS, DATABASE_URL, SMTP_HOST (sign-in emails), LINK_SIGNING_SECRET and
 * SECRETARIAT_TOKEN; a missing one exits with status 2 naming it. SIGTERM or SIGINT: stops taking
 * connections, lets the requests in flight finish (api/drain-on-close.ts), then closes its connections
 * and exits 0.
 */
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createMailer } from '../activities/mailer';
import { buildServer } from '../api/build-server';
import { createReadinessChecks } from '../api/readiness-checks';
import { ConfigError, parseConfig } from '../domain/config';
import { createPrisma } from '../prisma/client';
import { temporalConnectionOptions } from '../worker/temporal-connection';

const REQUIRED = ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_HOST', 'LINK_SIGNING_SECRET', 'SECRETARIAT_TOKEN'] as const;

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const missing = REQUIRED.filter((k) => !config[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required by a standalone API`).join('\n')}`);

  const connection = await Connection.connect(temporalConnectionOptions(config, config.TEMPORAL_ADDRESS!));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const prisma = createPrisma({ url: config.DATABASE_URL! });
  const mailer = createMailer({ host: config.SMTP_HOST!, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, password: config.SMTP_PASSWORD, from: config.MAIL_FROM });
  const metricsRegistry = new Registry();
  collectDefaultMetrics({ register: metricsRegistry });
  const api = await buildServer({
    prisma,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    linkSigningSecret: config.LINK_SIGNING_SECRET!,
    secretariatToken: config.SECRETARIAT_TOKEN!,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    sendEmail: async ({ to, subject, text, html }) => {
      await mailer.send({ from: config.MAIL_FROM, to: [to], subject, text, html, messageId: `<${randomBytes(16).toString('hex')}@${config.MAIL_MESSAGE_ID_DOMAIN}>` });
    },
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    secureCookies: config.NODE_ENV === 'production',
    readinessChecks: createReadinessChecks({ temporal, prisma, mailer }),
    readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
    metricsToken: config.METRICS_TOKEN,
    metricsRegistry,
  });
  const address = await api.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  api.log.info({ address, temporal: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }, 'API listening');

  const stop = async () => {
    await api.close();
    mailer.close();
    await prisma.$disconnect();
    await connection.close();
  };
  await new Promise<void>((resolve, reject) => {
    const onSignal = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      stop().then(resolve, reject);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
