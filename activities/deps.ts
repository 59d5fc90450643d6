import type { PrismaClient } from '../prisma/client';
import type { Mailer } from './mailer';

/** Settings the activities need, taken from the parsed config by the worker. */
export interface ActivityConfig {
  /** Base of the response links put in emails, e.g. http://localhost:3000 */
  publicBaseUrl: string;
  linkSigningSecret: string;
  linkTtlDays: number;
  /** Right-hand side of deterministic Message-IDs. */
  messageIdDomain: string;
  mailFrom: string;
}

/** Everything an activity touches, built once by the worker (or by a test with real parts). */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** Wall clock for I/O-side timestamps (never used for workflow decisions). */
  clock: () => Date;
  config: ActivityConfig;
}
