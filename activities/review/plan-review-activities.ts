import { ApplicationFailure, Context } from '@temporalio/activity';
import { startPlanReview } from '../../api/commands/start-plan-review';
import { AppError } from '../../domain/app-error';
import { AuditAction } from '../../domain/audit-actions';
import type { PlanReviewKickoffResult } from '../../domain/schedule-types';
import { kickoffDeadline } from '../../domain/yearly-kickoff';
import { businessCalendar } from '../../prisma/business-calendar';
import { type Prisma } from '../../prisma/generated/client';
import { writeAudit } from '../audit';
import type { ActivityDeps } from '../deps';
import { loadReviewSynthesis } from './load-review-synthesis';

/**
 * The review workflow's own steps (workflows/plan-review): opening the review's record with its synthesis,
 * ending the round, and the schedule's kickoff starting the review. Each keyed so a retry changes nothing.
 */
export function createPlanReviewActivities({ prisma }: ActivityDeps) {
  return {
    /**
     * Opens the review's record (`PlanReview`, keyed by the workflow id) as of `startedAt` (the workflow's
     * clock) with the synthesis of the stored annual reports, and says the round's deadline
     * (`deadlineBusinessDays` business days after the day it opened, Mexico City, holidays counted). A retry
     * finds the row and answers the same.
     */
    async openPlanReview({ workflowId, planKey, version, startedBy, startedAt: startedAtIso, deadlineBusinessDays }: { workflowId: string; planKey: string; version: number; startedBy: string; /** The workflow's start (its own clock). */ startedAt: string; deadlineBusinessDays: number }): Promise<{ reviewId: string; deadlineDate: string }> {
      const plan = await prisma.plan.findUnique({ where: { key_version: { key: planKey, version } }, select: { id: true } });
      if (!plan) throw ApplicationFailure.create({ type: 'NotFound', message: `plan ${planKey} v${version} is not loaded`, nonRetryable: true });
      const calendar = await businessCalendar(prisma);
      const existing = await prisma.planReview.findUnique({ where: { workflowId }, select: { id: true, startedAt: true } });
      if (existing) return { reviewId: existing.id, deadlineDate: kickoffDeadline({ openedAt: existing.startedAt.toISOString(), calendar, businessDays: deadlineBusinessDays }) };
      const synthesis = await loadReviewSynthesis(prisma, { planId: plan.id });
      const startedAt = new Date(startedAtIso);
      const review = await prisma.$transaction(async (tx) => {
        await tx.planReview.createMany({ data: [{ planId: plan.id, workflowId, startedAt, startedBy, synthesis: synthesis as unknown as Prisma.InputJsonValue }], skipDuplicates: true });
        const row = await tx.planReview.findUniqueOrThrow({ where: { workflowId }, select: { id: true, startedAt: true } });
        await writeAudit(tx, { actor: startedBy, action: AuditAction.PLAN_REVIEW_STARTED, data: { planKey, version, workflowId, synthesis: synthesis.counts }, idempotencyKey: `${workflowId}/started` });
        return row;
      });
      return { reviewId: review.id, deadlineDate: kickoffDeadline({ openedAt: review.startedAt.toISOString(), calendar, businessDays: deadlineBusinessDays }) };
    },

    /** Every request of the round has ended: the review waits for decisions; the round's cycle is closed. */
    async endReviewRound({ reviewId, endedAt, idempotencyKey }: { reviewId: string; /** The workflow's clock. */ endedAt: string; idempotencyKey: string }): Promise<void> {
      const now = new Date(endedAt);
      await prisma.$transaction(async (tx) => {
        const review = await tx.planReview.findUniqueOrThrow({ where: { id: reviewId }, select: { cycleId: true, workflowId: true } });
        await tx.planReview.updateMany({ where: { id: reviewId, status: 'ROUND_OPEN' }, data: { status: 'DECIDING', roundEndedAt: now } });
        if (review.cycleId) await tx.reportingCycle.updateMany({ where: { id: review.cycleId, status: { not: 'CLOSED' } }, data: { status: 'CLOSED', closedAt: now } });
        await writeAudit(tx, { actor: 'workflow', action: AuditAction.PLAN_REVIEW_ROUND_ENDED, cycleId: review.cycleId, data: { workflowId: review.workflowId }, idempotencyKey });
      });
    },

    /**
     * The review schedule's kickoff: starts `review/<planKey>/v<version>` through the same command as
     * `POST /api/reviews` (the Worker's own Temporal client), or records that it was started already.
     */
    async startPlanReview({ planKey, version, startedBy, kickoffWorkflowId }: { planKey: string; version: number; startedBy: string; kickoffWorkflowId: string }): Promise<PlanReviewKickoffResult> {
      const { client, info } = Context.current();
      try {
        const started = await startPlanReview({ prisma, temporal: client, taskQueue: info.taskQueue }, { planKey, version }, startedBy, 'en', { actor: startedBy });
        await writeAudit(prisma, { actor: startedBy, action: AuditAction.PLAN_REVIEW_KICKOFF, data: { planKey, version, workflowId: started.workflowId, kickoff: kickoffWorkflowId, outcome: 'STARTED' }, idempotencyKey: `${kickoffWorkflowId}/start` });
        return { outcome: 'STARTED', workflowId: started.workflowId };
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT') {
          const workflowId = `review/${planKey}/v${version}`;
          await writeAudit(prisma, { actor: startedBy, action: AuditAction.PLAN_REVIEW_KICKOFF, data: { planKey, version, workflowId, kickoff: kickoffWorkflowId, outcome: 'ALREADY_STARTED', detail: err.message }, idempotencyKey: `${kickoffWorkflowId}/start` });
          return { outcome: 'ALREADY_STARTED', workflowId };
        }
        if (err instanceof AppError && err.code !== 'UNAVAILABLE') throw ApplicationFailure.nonRetryable(err.message, `Kickoff${err.code}`);
        throw err;
      }
    },
  };
}
