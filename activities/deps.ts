import type { PrismaClient } from '../prisma/client';
import type { Mailer } from './mailer';
import type { TReportProcess } from './report/compile-in-process';

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
  /**
   * Compile annual reports in a process of their own on this database (activities/report/compile-in-process.ts),
   * so a 10,000-entity report never sits in the worker's heap. Without it they compile in-process (the
   * embedded PGlite of `npm start` takes one connection at a time).
   */
  reportProcess?: TReportProcess;
}
