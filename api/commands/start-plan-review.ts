import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { zActor, type Locale } from '../../domain/input-bounds';
import { planReviewWorkflowId, type PlanReviewInput } from '../../domain/schedule-types';
import type { PrismaClient } from '../../prisma/client';
import { planReview } from '../../workflows';

export const ZStartPlanReviewBody = z.strictObject({
  /** The plan's key (default: the only plan loaded). */
  planKey: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/).max(64).optional(),
  /** The version to review (default: the newest of the key, the one in force). */
  version: z.number().int().min(1).max(10_000).optional(),
  /** Business days the institutions have to answer (default 30). */
  deadlineBusinessDays: z.number().int().min(5).max(120).optional(),
  startedBy: zActor(),
});
export type StartPlanReviewBody = z.infer<typeof ZStartPlanReviewBody>;

export interface StartPlanReviewDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

/**
 * Starts the review of a plan version (`review/<planKey>/v<version>`): the version in force only (an
 * older one was reviewed already: CONFLICT), once (a second start: CONFLICT naming the running review).
 * The same function serves `POST /api/reviews`, the reviews page and the review schedule's kickoff
 * (activities, with `actor`).
 */
export async function startPlanReview(deps: StartPlanReviewDeps, body: StartPlanReviewBody, who: string, lang: Locale = 'en', { actor }: { actor?: string } = {}): Promise<{ workflowId: string; planKey: string; version: number }> {
  const say = (es: string, en: string) => (lang === 'en' ? en : es);
  const newest = await deps.prisma.plan.findFirst({ where: body.planKey ? { key: body.planKey } : {}, orderBy: [{ key: 'asc' }, { version: 'desc' }], select: { key: true, version: true } });
  if (!newest) throw new AppError('NOT_FOUND', say(`No hay plan ${body.planKey ?? ''} cargado.`, `No plan ${body.planKey ?? ''} is loaded.`));
  const version = body.version ?? newest.version;
  const plan = await deps.prisma.plan.findUnique({ where: { key_version: { key: newest.key, version } }, select: { key: true, version: true } });
  if (!plan) throw new AppError('NOT_FOUND', say(`El plan ${newest.key} no tiene versión ${version}.`, `Plan ${newest.key} has no version ${version}.`));
  if (version !== newest.version) {
    throw new AppError('CONFLICT', say(`La versión ${version} de ${plan.key} ya no está en vigor (la vigente es la ${newest.version}).`, `Version ${version} of ${plan.key} is no longer in force (version ${newest.version} is).`));
  }
  const workflowId = planReviewWorkflowId(plan.key, plan.version);
  const input: PlanReviewInput = { planKey: plan.key, version: plan.version, startedBy: actor ?? `secretariat:${body.startedBy ?? who}`, deadlineBusinessDays: body.deadlineBusinessDays };
  try {
    await deps.temporal.workflow.start(planReview, { workflowId, taskQueue: deps.taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('CONFLICT', say(`La revisión de ${plan.key} v${plan.version} ya se inició (flujo ${workflowId}).`, `The review of ${plan.key} v${plan.version} was already started (workflow ${workflowId}).`));
    }
    throw err;
  }
  return { workflowId, planKey: plan.key, version: plan.version };
}
