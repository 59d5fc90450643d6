import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { isIsoDate } from '../domain/business-calendar';
import type { PrismaClient } from '../prisma/client';
import {
  changeContactsUpdate,
  closeCycleUpdate,
  decideExtensionUpdate,
  exemptUpdate,
  grantExtensionUpdate,
  resendRequestUpdate,
  statusQuery,
} from '../workflows';
import { runUpdate } from './run-update';

const ZParams = z.object({ year: z.coerce.number().int().min(2000).max(2100), institution: z.string().min(1).max(64) });
const ZDate = z.string().refine(isIsoDate, 'must be a date written yyyy-MM-dd');
const ZActor = z.string().trim().min(1).max(200).default('secretariat');

export const ZExtensionDecisionBody = z.strictObject({ approve: z.boolean(), deadline: ZDate.optional(), note: z.string().trim().max(2000).optional(), decidedBy: ZActor });
export const ZGrantExtensionBody = z.strictObject({ deadline: ZDate, reason: z.string().trim().min(1, 'a reason is required').max(2000), grantedBy: ZActor });
export const ZExemptBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(2000), exemptedBy: ZActor });
export const ZResendBody = z.strictObject({ requestedBy: ZActor });
export const ZChangeContactsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        role: z.enum(['PRIMARY', 'ALTERNATE', 'LIAISON_HEAD']),
        name: z.string().trim().min(1).max(200),
        email: z.email(),
        locale: z.enum(['es-MX', 'en']).optional(),
        timeZone: z.string().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(20),
  changedBy: ZActor,
});
export const ZCloseCycleBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(2000), closedBy: ZActor });

export interface RequestRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  authorize: (authorization: string | undefined) => void;
}

/**
 * Secretariat actions on one institution's request of a cycle (each a validated Temporal update on
 * `request/<year>/<institution>`), its detailed state, and closing a whole cycle early.
 */
export function registerRequestRoutes(app: FastifyInstance, { prisma, temporal, authorize }: RequestRouteDeps): void {
  const handleFor = async (params: unknown) => {
    const { year, institution } = ZParams.parse(params);
    const request = await prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/${institution}` } });
    if (!request) throw new AppError('NOT_FOUND', `No ${year} request for institution ${institution}.`);
    return { year, institution, request, handle: temporal.workflow.getHandle(request.workflowId) };
  };

  app.get('/api/cycles/:year/requests/:institution', async (request) => {
    authorize(request.headers.authorization);
    const { request: row, handle } = await handleFor(request.params);
    const live = row.endedAt ? undefined : await handle.query(statusQuery).catch(() => undefined);
    const [submissions, audit, messages] = await Promise.all([
      prisma.submission.findMany({ where: { dataRequestId: row.id }, orderBy: { version: 'asc' }, select: { version: true, kind: true, submittedBy: true, reason: true, createdAt: true } }),
      prisma.auditEvent.findMany({ where: { dataRequestId: row.id }, orderBy: { at: 'asc' }, take: 500, select: { at: true, actor: true, action: true, data: true } }),
      prisma.sentMessage.findMany({ where: { dataRequestId: row.id }, orderBy: { createdAt: 'asc' }, select: { kind: true, to: true, cc: true, subject: true, status: true, sentAt: true, error: true } }),
    ]);
    return {
      workflowId: row.workflowId,
      status: row.status,
      deadline: row.deadline,
      escalationLevel: row.escalationLevel,
      nextAction: row.nextActionKind ? { kind: row.nextActionKind, at: row.nextActionAt } : null,
      endedAt: row.endedAt,
      workflow: live ?? null,
      submissions,
      messages,
      audit,
    };
  });

  // The secretariat's actions on one request: each parses its body, then runs one validated update.
  const actions = [
    { method: 'POST', path: 'extension-decision', body: ZExtensionDecisionBody, update: decideExtensionUpdate },
    { method: 'POST', path: 'extension', body: ZGrantExtensionBody, update: grantExtensionUpdate },
    { method: 'POST', path: 'resend', body: ZResendBody, update: resendRequestUpdate },
    { method: 'PUT', path: 'contacts', body: ZChangeContactsBody, update: changeContactsUpdate },
    { method: 'POST', path: 'exempt', body: ZExemptBody, update: exemptUpdate },
  ] as const;
  for (const action of actions) {
    app.route({
      method: action.method,
      url: `/api/cycles/:year/requests/:institution/${action.path}`,
      handler: async (request) => {
        authorize(request.headers.authorization);
        const { handle, year, institution } = await handleFor(request.params);
        const body = action.body.parse(request.body ?? {});
        return runUpdate(`The ${year} request of ${institution}`, () => handle.executeUpdate(action.update, { args: [body] }));
      },
    });
  }

  app.post('/api/cycles/:year/close', async (request) => {
    authorize(request.headers.authorization);
    const { year } = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).parse(request.params);
    const body = ZCloseCycleBody.parse(request.body ?? {});
    const cycle = await prisma.reportingCycle.findFirst({ where: { year } });
    if (!cycle) throw new AppError('NOT_FOUND', `No reporting cycle for ${year}.`);
    if (cycle.status === 'CLOSED') throw new AppError('CONFLICT', `The ${year} cycle is already closed.`);
    return runUpdate(`Closing the ${year} cycle`, () => temporal.workflow.getHandle(cycle.workflowId).executeUpdate(closeCycleUpdate, { args: [body] }));
  });
}
