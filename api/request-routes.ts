import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZRequestParams, ZYearParams } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { closeCycle, findRequest, REQUEST_ACTIONS, runRequestAction, ZCloseCycleBody, type RequestAction } from './commands/request-command';
import { ZAttention, ZNextAction, ZRequestStatus } from './cycle-routes';
import { requestLanguage } from './request-language';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zDay, zInstant } from './route-schemas';
import { ZSubmissionKind } from './submission-routes';
import { statusQuery } from '../workflows';

/**
 * What a request's workflow says of itself (its `status` query), as it says it: loose, since runs started
 * by older code answer with fewer or more members.
 */
const ZWorkflowState = z
  .looseObject({
    dataRequestId: z.string().optional(),
    year: z.number().int().optional(),
    institutionCode: z.string().optional(),
    status: ZRequestStatus.optional(),
    escalationLevel: z.number().int().optional(),
    deadlineAt: z.string().optional(),
    cutoffAt: z.string().optional(),
    nextAction: z.looseObject({ kind: z.string(), key: z.string(), at: z.string() }).nullish(),
    doneSteps: z.array(z.string()).optional(),
    submittedAt: z.string().nullish(),
    pendingExtension: z.looseObject({ deadline: z.string(), reason: z.string(), requestedBy: z.string(), requestedAt: z.string() }).nullish(),
    latest: z.looseObject({ version: z.number().int(), kind: ZSubmissionKind, contentHash: z.string() }).nullish(),
    history: z.array(z.looseObject({ at: z.string(), event: z.string(), detail: z.string().optional() })).optional().meta({ description: 'The last 100 events of the request.' }),
    pendingEmails: z.number().int().optional(),
  })
  .meta({ id: 'WorkflowState', description: "The request's workflow as its `status` query answers (instants as ISO strings)." });

/** What an action on a request answers: the request's status and deadline after it, and what happened. */
export const ZCommandResult = z
  .looseObject({ status: ZRequestStatus, deadlineAt: z.string().meta({ description: 'The deadline in force (an instant).' }), message: z.string() })
  .meta({ id: 'CommandResult' });

/** One request in detail. */
const ZRequestDetail = z
  .strictObject({
    workflowId: z.string(),
    status: ZRequestStatus,
    deadline: zInstant(),
    escalationLevel: z.number().int(),
    nextAction: ZNextAction,
    endedAt: zInstant().nullable(),
    attention: ZAttention,
    extensionRequest: z
      .strictObject({ at: zInstant(), deadline: zDay().nullable(), by: z.string().nullable() })
      .nullable()
      .meta({ description: "The contact's extension request awaiting a decision (when, the deadline asked, who asked); null when none." }),
    deliveryFailed: z
      .strictObject({ since: zInstant(), reason: z.string().nullable() })
      .nullable()
      .meta({ description: "Since when the institution's email is refused (bounced), and the server's answer; null once an email is accepted again." }),
    workflow: ZWorkflowState.nullable().meta({ description: 'The live state (null once the request has ended, or when the workflow does not answer).' }),
    submissions: z.array(z.strictObject({ version: z.number().int(), kind: ZSubmissionKind, submittedBy: z.string(), reason: z.string().nullable(), createdAt: zInstant() })),
    messages: z.array(
      z.strictObject({
        kind: z.string(),
        to: z.array(z.string()),
        cc: z.array(z.string()),
        subject: z.string(),
        status: z.enum(['SENDING', 'SENT', 'FAILED']),
        sentAt: zInstant().nullable(),
        error: z.string().nullable(),
      }),
    ),
    audit: z.array(z.strictObject({ at: zInstant(), actor: z.string(), action: z.string(), data: z.unknown() })).meta({ description: 'The first 500 audit events of the request (all of them: GET /api/audit).' }),
  })
  .meta({ id: 'RequestDetail' });

export interface RequestRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  /** Who may: the secretariat acts on requests; the working group reads them. */
  auth: Auth;
}

/** The secretariat's actions on one request, as routes: method, path, words (a review request has the same, api/review-routes). */
export const REQUEST_ACTION_ROUTES = [
  {
    method: 'POST',
    path: 'extension-decision' as RequestAction,
    summary: 'Decide a pending extension request',
    description: "Approves (with the deadline asked for, or `deadline`) or rejects the contact's pending extension request; the timeline is recomputed and the contact told. 409 when none is pending.",
  },
  {
    method: 'POST',
    path: 'extension' as RequestAction,
    summary: 'Grant more time',
    description: 'Moves the deadline to a later date without being asked; the timeline is recomputed and the contact told. 400 when the date is not after the deadline in force.',
  },
  {
    method: 'POST',
    path: 'resend' as RequestAction,
    summary: 'Send the request again',
    description: 'Sends the data request again to the current contacts, threaded under the first, listing only the indicators still missing; clears an attention flag once sent. The body may be empty.',
  },
  {
    method: 'PUT',
    path: 'contacts' as RequestAction,
    summary: "Replace the institution's contacts",
    description: 'Replaces the contacts of the roles named; the next emails go to the new people, and links sent to replaced contacts stop working (403).',
  },
  {
    method: 'POST',
    path: 'exempt' as RequestAction,
    summary: 'Exempt the institution from the cycle',
    description: 'Ends the request as EXEMPTED, with the reason; the contact is told.',
  },
] as const;

/**
 * Secretariat actions on one institution's request of a cycle (each a validated Temporal update on
 * `request/<year>/<institution>`), its detailed state, and closing a whole cycle early.
 */
export function registerRequestRoutes(app: FastifyInstance, { prisma, temporal, auth }: RequestRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const handleFor = async ({ year, institution }: { year: number; institution: string }) => {
    const request = await findRequest(prisma, year, institution);
    return { year, institution, request, handle: temporal.workflow.getHandle(request.workflowId) };
  };

  api.get(
    '/api/cycles/:year/requests/:institution',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.REQUESTS],
        summary: 'One request in detail',
        description: "The record (status, deadline, next action, attention flag), the workflow's live state (its `status` query), the versions submitted (their values: `…/submissions/:version`), the emails sent, and the audit trail.",
        security: SIGNED_IN,
        params: ZRequestParams,
        response: responses({ 200: json(ZRequestDetail, 'The request.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
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
    },
  );

  // The secretariat's actions on one request: each body is checked by its schema, then one validated update runs.
  for (const action of REQUEST_ACTION_ROUTES) {
    api.route({
      method: action.method,
      url: `/api/cycles/:year/requests/:institution/${action.path}`,
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REQUESTS],
        summary: action.summary,
        description: action.description,
        security: SIGNED_IN,
        params: ZRequestParams,
        body: REQUEST_ACTIONS[action.path].body,
        response: responses({ 200: json(ZCommandResult, 'Done: the request after the change.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409, 503),
      },
      handler: async (request) => {
        const who = await auth.guard(request, Access.ACT);
        const { year, institution } = request.params;
        // Who acted, unless the body names someone: the signed-in person's email, the token's name.
        return runRequestAction({ prisma, temporal }, { year, institution, action: action.path, body: request.body, who: who.name, lang: requestLanguage(request, 'en') });
      },
    });
  }

  api.post(
    '/api/cycles/:year/close',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.CYCLES],
        summary: 'Close a cycle early',
        description: 'Open requests become CLOSED (their contacts told, with the reason); submitted ones keep their data. 409 when the cycle is already closed.',
        security: SIGNED_IN,
        params: ZYearParams,
        body: ZCloseCycleBody,
        response: responses({ 200: json(z.looseObject({ message: z.string() }), 'The cycle is closing.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409, 503),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      return closeCycle({ prisma, temporal }, { year: request.params.year, body: request.body, who: who.name, lang: requestLanguage(request, 'en') });
    },
  );
}
