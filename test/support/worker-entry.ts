/**
 * A Worker in an OS process of its own, for tests that kill it mid-activity (SIGKILL: no drain, no
 * cleanup, as a crashed host). Started by test/support/worker-process.ts with
 * `node --require tsx/cjs test/support/worker-entry.ts`.
 *
 * Configured like the production worker (worker/main.ts), by the environment parsed with domain/config:
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, DATABASE_URL, SMTP_HOST, SMTP_PORT,
 * LINK_SIGNING_SECRET, PUBLIC_BASE_URL, MAIL_MESSAGE_ID_DOMAIN, MAIL_FROM. One test-only setting:
 * WORKFLOW_BUNDLE_PATH, a workflow bundle built once by the test (a restart then takes a second, not a
 * webpack build). Prints `worker ready` on stdout once it polls.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { createMailer } from '../../activities/mailer';
import { ConfigError, parseConfig } from '../../domain/config';
import { createPrisma } from '../../prisma/client';
import { createWorker } from '../../worker/create-worker';
import { connectTemporal } from '../../worker/temporal-connection';

/** The test-only setting, beside the service's own configuration. */
const ZWorkerEntryEnv = z.object({ WORKFLOW_BUNDLE_PATH: z.string().min(1).optional() });

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const { WORKFLOW_BUNDLE_PATH } = ZWorkerEntryEnv.parse(process.env);
  const missing = (['TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_HOST', 'LINK_SIGNING_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration: ${missing.join(', ')} required`);
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const temporal = await connectTemporal(config, config.TEMPORAL_ADDRESS!);
  const prisma = createPrisma({ url: config.DATABASE_URL!, maxConnections: 5 });
  const mailer = createMailer({ host: config.SMTP_HOST!, port: config.SMTP_PORT, secure: false, from: config.MAIL_FROM });
  const worker = await createWorker({
    connection: temporal.nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: WORKFLOW_BUNDLE_PATH ? { codePath: WORKFLOW_BUNDLE_PATH } : undefined,
    deps: {
      prisma,
      mailer,
      clock: () => new Date(),
      config: {
        publicBaseUrl: config.PUBLIC_BASE_URL,
        linkSigningSecret: config.LINK_SIGNING_SECRET!,
        linkTtlDays: config.LINK_TTL_DAYS,
        messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN,
        mailFrom: config.MAIL_FROM,
      },
    },
  });
  process.stdout.write('worker ready\n');
  // SIGTERM/SIGINT: Worker.run() drains and resolves. SIGKILL: the point of this process.
  await worker.run();
  mailer.close();
  await prisma.$disconnect();
  await temporal.connection.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
