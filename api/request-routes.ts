import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { CommandResult } from '../domain/request-types';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { LIMITS, zActor, zEmailAddress, zIsoDate, zLine, zLocale, zReason, ZRequestParams, zText, zTimeZone, ZYearParams, type Locale } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import {
  changeContactsUpdate,
  closeCycleUpdate,
  decideExtensionUpdate,
  exemptUpdate,
  grantExtensionUpdate,
  resendRequestUpdate,
  statusQuery,
} from '../workflows';
import { requestLanguage } from './request-language';
import { runUpdate } from './run-update';

export const ZExtensionDecisionBody = z.strictObject({ approve: z.boolean(), deadline: zIsoDate().optional(), note: zText(LIMITS.note).optional(), decidedBy: zActor() });
export const ZGrantExtensionBody = z.strictObject({ deadline: zIsoDate(), reason: zReason(), grantedBy: zActor() });
export const ZExemptBody = z.strictObject({ reason: zReason(), exemptedBy: zActor() });
export const ZResendBody = z.strictObject({ requestedBy: zActor() });
export const ZChangeContactsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        role: z.enum(['PRIMARY', 'ALTERNATE', 'LIAISON_HEAD']),
        name: zLine(LIMITS.name),
        email: zEmailAddress(),
        locale: zLocale().optional(),
        timeZone: zTimeZone().optional(),
      }),
    )
    .min(1)
    .max(LIMITS.contacts),
  changedBy: zActor(),
});
export const ZCloseCycleBody = z.strictObject({ reason: zReason(), closedBy: zActor() });

/** The command with its actor (`decidedBy`, `closedBy`…) set to who is asking when the body left it out. */
function withActor<T extends object, K extends keyof T>(body: T, field: K, name: string): T {
  return body[field] === undefined ? { ...body, [field]: name } : body;
}

export interface RequestRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  /** Who may: the secretariat acts on requests; the working group reads them. */
  auth: Auth;
}

const requestName = (lang: Locale, year: number, institution: string) => (lang === 'en' ? `The ${year} request of ${institution}` : `La solicitud ${year} de ${institution}`);

/**
 * Secretariat actions on one institution's request of a cycle (each a validated Temporal update on
 * `request/<year>/<institution>`), its detailed state, and closing a whole cycle early.
 */
export function registerRequestRoutes(app: FastifyInstance, { prisma, temporal, auth }: RequestRouteDeps): void {
  const handleFor = async (params: unknown) => {
    const { year, institution } = ZRequestParams.parse(params);
    const request = await prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/${institution}` } });
    if (!request) throw new AppError('NOT_FOUND', `No ${year} request for institution ${institution}.`);
    return { year, institution, request, handle: temporal.workflow.getHandle(request.workflowId) };
  };

  app.get('/api/cycles/:year/requests/:institution', async (request) => {
    await auth.guard(request, Access.READ);
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
      attention: row.attentionAt ? { since: row.attentionAt, reason: row.attentionReason } : null,
      workflow: live ?? null,
      submissions,
      messages,
      audit,
    };
  });

  // The secretariat's actions on one request: each parses its body, then runs one validated update.
  const actions = [
    { method: 'POST', path: 'extension-decision', body: ZExtensionDecisionBody, actor: 'decidedBy', update: decideExtensionUpdate },
    { method: 'POST', path: 'extension', body: ZGrantExtensionBody, actor: 'grantedBy', update: grantExtensionUpdate },
    { method: 'POST', path: 'resend', body: ZResendBody, actor: 'requestedBy', update: resendRequestUpdate },
    { method: 'PUT', path: 'contacts', body: ZChangeContactsBody, actor: 'changedBy', update: changeContactsUpdate },
    { method: 'POST', path: 'exempt', body: ZExemptBody, actor: 'exemptedBy', update: exemptUpdate },
  ] as const;
  for (const action of actions) {
    app.route({
      method: action.method,
      url: `/api/cycles/:year/requests/:institution/${action.path}`,
      handler: async (request) => {
        const who = await auth.guard(request, Access.ACT);
        const { handle, year, institution } = await handleFor(request.params);
        // Who acted, unless the body names someone: the signed-in person's email, the token's name.
        const body = withActor(action.body.parse(request.body ?? {}) as Record<string, unknown>, action.actor, who.name);
        const lang = requestLanguage(request, 'en');
        // One table of actions: each update takes the body its schema parsed (the table pairs them).
        const update = action.update as unknown as UpdateDefinition<CommandResult, [Record<string, unknown>]>;
        return runUpdate(requestName(lang, year, institution), () => handle.executeUpdate(update, { args: [body] }), lang);
      },
    });
  }

  app.post('/api/cycles/:year/close', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { year } = ZYearParams.parse(request.params);
    const parsed = ZCloseCycleBody.parse(request.body ?? {});
    const body = { ...parsed, closedBy: parsed.closedBy ?? who.name };
    const cycle = await prisma.reportingCycle.findFirst({ where: { year } });
    if (!cycle) throw new AppError('NOT_FOUND', `No reporting cycle for ${year}.`);
    if (cycle.status === 'CLOSED') throw new AppError('CONFLICT', `The ${year} cycle is already closed.`);
    const lang = requestLanguage(request, 'en');
    return runUpdate(lang === 'en' ? `Closing the ${year} cycle` : `El cierre del ciclo ${year}`, () => temporal.workflow.getHandle(cycle.workflowId).executeUpdate(closeCycleUpdate, { args: [body] }), lang);
  });
}
