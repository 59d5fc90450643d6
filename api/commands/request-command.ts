import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { LIMITS, zActor, zEmailAddress, zIsoDate, zLine, zLocale, zReason, zText, zTimeZone, type Locale } from '../../domain/input-bounds';
import type { CommandResult } from '../../domain/request-types';
import type { PrismaClient } from '../../prisma/client';
import { changeContactsUpdate, closeCycleUpdate, decideExtensionUpdate, exemptUpdate, grantExtensionUpdate, resendRequestUpdate } from '../../workflows';
import { runUpdate } from '../run-update';

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

/**
 * The secretariat's actions on one request, each a validated Temporal update on `request/<year>/<code>`:
 * its body schema, the body field naming who acted, the update.
 */
export const REQUEST_ACTIONS = {
  'extension-decision': { body: ZExtensionDecisionBody, actor: 'decidedBy', update: decideExtensionUpdate },
  extension: { body: ZGrantExtensionBody, actor: 'grantedBy', update: grantExtensionUpdate },
  resend: { body: ZResendBody, actor: 'requestedBy', update: resendRequestUpdate },
  contacts: { body: ZChangeContactsBody, actor: 'changedBy', update: changeContactsUpdate },
  exempt: { body: ZExemptBody, actor: 'exemptedBy', update: exemptUpdate },
} as const;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

export interface CommandDeps {
  prisma: PrismaClient;
  temporal: Client;
}

const requestName = (lang: Locale, year: number, institution: string) => (lang === 'en' ? `The ${year} request of ${institution}` : `La solicitud ${year} de ${institution}`);

/** The request row of `year` and `institution`, or NOT_FOUND (in the reader's language). */
export async function findRequest(prisma: PrismaClient, year: number, institution: string, lang: Locale = 'en') {
  const request = await prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/${institution}` } });
  if (!request) throw new AppError('NOT_FOUND', lang === 'en' ? `No ${year} request for institution ${institution}.` : `No hay solicitud ${year} para la institución ${institution}.`);
  return request;
}

/**
 * Runs one of the secretariat's actions on a request: `body` is parsed by the action's schema (its actor
 * field, when left out, is who is asking), then the update runs and its refusals come back as AppErrors
 * in `lang` (api/run-update). The JSON API and the dashboard's forms both call this.
 */
export async function runRequestAction(
  { prisma, temporal }: CommandDeps,
  { year, institution, action, body, who, lang }: { year: number; institution: string; action: RequestAction; body: unknown; who: string; lang: Locale },
): Promise<CommandResult> {
  const row = await findRequest(prisma, year, institution, lang);
  return runActionOn({ temporal }, { workflowId: row.workflowId, name: requestName(lang, year, institution), action, body, who, lang });
}

/**
 * The same actions on a plan review's request (`review/<planKey>/v<version>/<institution>`): the same
 * workflow and updates, reached by the review's key (api/review-routes).
 */
export async function runReviewRequestAction(
  { prisma, temporal }: CommandDeps,
  { planKey, version, institution, action, body, who, lang }: { planKey: string; version: number; institution: string; action: RequestAction; body: unknown; who: string; lang: Locale },
): Promise<CommandResult> {
  const workflowId = `review/${planKey}/v${version}/${institution}`;
  const row = await prisma.dataRequest.findUnique({ where: { workflowId }, select: { workflowId: true } });
  if (!row) throw new AppError('NOT_FOUND', lang === 'en' ? `No review request of ${planKey} v${version} for institution ${institution}.` : `No hay solicitud de revisión de ${planKey} v${version} para la institución ${institution}.`);
  const name = lang === 'en' ? `The review request of ${institution}` : `La solicitud de revisión de ${institution}`;
  return runActionOn({ temporal }, { workflowId: row.workflowId, name, action, body, who, lang });
}

/** Parses `body` with the action's schema (who acts defaults to who asks) and runs its update on `workflowId`. */
async function runActionOn({ temporal }: Pick<CommandDeps, 'temporal'>, { workflowId, name, action, body, who, lang }: { workflowId: string; name: string; action: RequestAction; body: unknown; who: string; lang: Locale }): Promise<CommandResult> {
  const spec = REQUEST_ACTIONS[action];
  const parsed = spec.body.parse(body ?? {}) as Record<string, unknown>;
  const command = parsed[spec.actor] === undefined ? { ...parsed, [spec.actor]: who } : parsed;
  // One table of actions: each update takes the body its schema parsed (the table pairs them).
  const update = spec.update as unknown as UpdateDefinition<CommandResult, [Record<string, unknown>]>;
  return runUpdate(name, () => temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [command] }), lang);
}

/** Closes a whole cycle early (every open request is closed with the reason); refuses a closed one. */
export async function closeCycle({ prisma, temporal }: CommandDeps, { year, body, who, lang }: { year: number; body: unknown; who: string; lang: Locale }): Promise<unknown> {
  const parsed = ZCloseCycleBody.parse(body ?? {});
  const command = { ...parsed, closedBy: parsed.closedBy ?? who };
  const cycle = await prisma.reportingCycle.findFirst({ where: { year, kind: 'DATA' } });
  if (!cycle) throw new AppError('NOT_FOUND', lang === 'en' ? `No reporting cycle for ${year}.` : `No hay ciclo de reporte ${year}.`);
  if (cycle.status === 'CLOSED') throw new AppError('CONFLICT', lang === 'en' ? `The ${year} cycle is already closed.` : `El ciclo ${year} ya está cerrado.`);
  return runUpdate(lang === 'en' ? `Closing the ${year} cycle` : `El cierre del ciclo ${year}`, () => temporal.workflow.getHandle(cycle.workflowId).executeUpdate(closeCycleUpdate, { args: [command] }), lang);
}
