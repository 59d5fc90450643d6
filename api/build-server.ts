import formbody from '@fastify/formbody';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/app-error';
import type { PrismaClient } from '../prisma/client';
import { registerCycleRoutes } from './cycle-routes';
import { drainOnClose } from './drain-on-close';
import { registerHolidayRoutes } from './holiday-routes';
import { registerMailboxRoutes, type Mailbox } from './mailbox-routes';
import { registerProblemHandler } from './problem';
import { registerRequestRoutes } from './request-routes';
import { registerRespondRoutes } from './respond-routes';

export interface ServerDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  linkSigningSecret: string;
  /** Bearer token for secretariat routes; when absent (development) they are open. */
  secretariatToken?: string;
  mailbox?: Mailbox;
  now?: () => Date;
  logger?: boolean;
}

/**
 * The HTTP API: secretariat routes under /api, the agency contact's form under /respond, and the local
 * mail catcher under /mail when one runs. Every error is answered as problem+json (api/problem.ts).
 * `close()` resolves once no route handler is running any more (api/drain-on-close.ts): only then may
 * the caller close the Temporal connection and the database the handlers use.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 2 * 1024 * 1024 });
  drainOnClose(app);
  registerProblemHandler(app);
  await app.register(formbody);
  const now = deps.now ?? (() => new Date());
  const authorize = (header: string | undefined) => {
    if (!deps.secretariatToken) return;
    const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
    const expected = Buffer.from(deps.secretariatToken);
    if (!header) throw new AppError('UNAUTHENTICATED', 'Secretariat routes need "Authorization: Bearer <SECRETARIAT_TOKEN>".');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('FORBIDDEN', 'The secretariat token is not valid.');
  };
  app.get('/healthz', async () => ({ ok: true }));
  registerCycleRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, taskQueue: deps.taskQueue, now, authorize });
  registerRequestRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, authorize });
  registerHolidayRoutes(app, { prisma: deps.prisma, authorize });
  registerRespondRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, linkSigningSecret: deps.linkSigningSecret, now });
  if (deps.mailbox) registerMailboxRoutes(app, deps.mailbox);
  return app;
}
