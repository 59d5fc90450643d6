import { closeCycle, findRequest, REQUEST_ACTIONS, runRequestAction, type RequestAction } from './commands/request-command';
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

export interface RequestRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  /** Who may: the secretariat acts on requests; the working group reads them. */
  auth: Auth;
}

/**
 * Secretariat actions on one institution's request of a cycle (each a validated Temporal update on
 * `request/<year>/<institution>`), its detailed state, and closing a whole cycle early.
 */
export function registerRequestRoutes(app: FastifyInstance, { prisma, temporal, auth }: RequestRouteDeps): void {
  const handleFor = async (params: unknown) => {
    const { year, institution } = ZRequestParams.parse(params);
    const request = await findRequest(prisma, year, institution);
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
      extensionRequest: row.extensionRequestedAt ? { at: row.extensionRequestedAt, deadline: row.extensionRequestedDeadline, by: row.extensionRequestedBy } : null,
      deliveryFailed: row.deliveryFailedAt ? { since: row.deliveryFailedAt, reason: row.deliveryFailure } : null,
      workflow: live ?? null,
      submissions,
      messages,
      audit,
    };
  });

  // The secretariat's actions on one request: each parses its body, then runs one validated update.
  const methods: Record<RequestAction, 'POST' | 'PUT'> = { 'extension-decision': 'POST', extension: 'POST', resend: 'POST', contacts: 'PUT', exempt: 'POST' };
  for (const action of Object.keys(REQUEST_ACTIONS) as RequestAction[]) {
    app.route({
      method: methods[action],
      url: `/api/cycles/:year/requests/:institution/${action}`,
      handler: async (request) => {
        const who = await auth.guard(request, Access.ACT);
        const { year, institution } = ZRequestParams.parse(request.params);
        // Who acted, unless the body names someone: the signed-in person's email, the token's name.
        return runRequestAction({ prisma, temporal }, { year, institution, action, body: request.body, who: who.name, lang: requestLanguage(request, 'en') });
      },
    });
  }

  app.post('/api/cycles/:year/close', async (request) => {
    const who = await auth.guard(request, Access.ACT);
    const { year } = ZYearParams.parse(request.params);
    return closeCycle({ prisma, temporal }, { year, body: request.body, who: who.name, lang: requestLanguage(request, 'en') });
  });
}
