import type { Client } from '@temporalio/client';
import type { SmtpMailer } from '../activities/mailer';
import type { PrismaClient } from '../prisma/client';
import type { ReadinessCheck } from './run-readiness-checks';

/**
 * The service's dependencies as /readyz checks them, each cheap and bounded by the check's time limit:
 * - `temporal`: the frontend's `GetSystemInfo` (what the SDK itself calls on connecting), with a gRPC
 *   deadline and the abort signal, so the SDK's retries stop at the limit;
 * - `database`: `SELECT 1` through the service's own Prisma pool (a pool that cannot connect fails it);
 * - `smtp`: a connection of its own to the configured server, EHLO (STARTTLS, AUTH as for a send), QUIT.
 * `mailer` absent (a process that sends no email): no `smtp` check.
 */
export function createReadinessChecks({ temporal, prisma, mailer }: { temporal: Client; prisma: PrismaClient; mailer?: SmtpMailer }): Record<string, ReadinessCheck> {
  return {
    temporal: ({ signal, timeoutMs }) =>
      temporal.connection.withAbortSignal(signal, () => temporal.connection.withDeadline(Date.now() + timeoutMs, () => temporal.workflowService.getSystemInfo({}))),
    database: () => prisma.$queryRaw`SELECT 1`,
    ...(mailer ? { smtp: ({ timeoutMs }) => mailer.verify({ timeoutMs }) } : {}),
  };
}
