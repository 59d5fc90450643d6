import { ApplicationFailure, Context } from '@temporalio/activity';
import { openCycle } from '../api/commands/open-cycle';
import { AppError } from '../domain/app-error';
import { AuditAction } from '../domain/audit-actions';
import type { PlanReviewKickoffInput, YearlyKickoffInput, YearlyKickoffPlan, YearlyKickoffResult } from '../domain/schedule-types';
import { kickoffDeadline, kickoffOfCycle, yearlyKickoff } from '../domain/yearly-kickoff';
import { businessCalendar } from '../prisma/business-calendar';
import { writeAudit } from './audit';
import type { ActivityDeps } from './deps';

/**
 * The schedules' activities: when the yearly kickoff opens which cycle (business calendar from the
 * database, so the secretariat's extra holidays count), opening it through the same command as
 * `POST /api/cycles` (no HTTP: the Worker's own Temporal client), and the review hook's audit row.
 */
export function createScheduleActivities({ prisma, clock }: ActivityDeps) {
  return {
    /**
     * The cycle year and the instant at which it opens: from `input.year` when given (a backfill), else
     * from `scheduledAt`, the run's nominal time (domain/yearly-kickoff).
     */
    async planYearlyKickoff({ input, scheduledAt }: { input: YearlyKickoffInput; scheduledAt: string }): Promise<YearlyKickoffPlan> {
      const calendar = await businessCalendar(prisma);
      const options = { calendar, businessDay: input.businessDay, time: input.time };
      const kickoff = input.year !== undefined ? kickoffOfCycle({ year: input.year, ...options }) : yearlyKickoff({ scheduledAt, ...options });
      return { ...kickoff, scheduledAt };
    },

    /**
     * Opens `cycle/<year>` with the default policy and a deadline `deadlineBusinessDays` business days after
     * today (Mexico City), unless that year is already opened — by hand, or by an earlier kickoff — in which
     * case it changes nothing. Either way one audit row says what happened (keyed by the kickoff's
     * workflow id, so a retry writes it once). A refusal of the command (a year whose deadline window has
     * passed, no plan loaded) fails the kickoff without retries.
     */
    async openKickoffCycle({ year, deadlineBusinessDays, startedBy, kickoffWorkflowId, scheduledAt }: { year: number; deadlineBusinessDays: number; startedBy: string; kickoffWorkflowId: string; scheduledAt: string | null }): Promise<YearlyKickoffResult> {
      const workflowId = `cycle/${year}`;
      const alreadyOpened = async (): Promise<YearlyKickoffResult> => {
        await writeAudit(prisma, { actor: startedBy, action: AuditAction.KICKOFF_ALREADY_OPENED, data: { year, workflowId, kickoff: kickoffWorkflowId, scheduledAt }, idempotencyKey: `${kickoffWorkflowId}/open` });
        return { outcome: 'ALREADY_OPENED', year, workflowId };
      };
      const existing = await prisma.reportingCycle.findFirst({ where: { year, kind: 'DATA' }, select: { id: true } });
      if (existing) return alreadyOpened();
      const now = clock();
      const deadline = kickoffDeadline({ openedAt: now.toISOString(), calendar: await businessCalendar(prisma), businessDays: deadlineBusinessDays });
      const { client, info } = Context.current();
      try {
        // A retry after the start succeeded lands in CONFLICT below: recorded as "already opened".
        const opened = await openCycle({ prisma, temporal: client, taskQueue: info.taskQueue, now: () => now }, { year, deadline }, startedBy, 'en', { actor: startedBy });
        await writeAudit(prisma, { actor: startedBy, action: AuditAction.KICKOFF_OPENED, data: { year, workflowId, deadline: opened.deadline, kickoff: kickoffWorkflowId, scheduledAt }, idempotencyKey: `${kickoffWorkflowId}/open` });
        return { outcome: 'OPENED', year, workflowId, deadline: opened.deadline };
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT') return alreadyOpened();
        if (err instanceof AppError && err.code !== 'UNAVAILABLE') throw ApplicationFailure.nonRetryable(err.message, `Kickoff${err.code}`);
        throw err;
      }
    },

    /**
     * The review schedule's run records that the review of this plan version is due (`PLAN_REVIEW_DUE`,
     * once per run), before it starts the review (plan-review-activities' startPlanReview).
     */
    async recordPlanReviewDue({ input, workflowId, scheduledAt }: { input: PlanReviewKickoffInput; workflowId: string; scheduledAt: string }): Promise<void> {
      await writeAudit(prisma, {
        actor: `schedule:plan-review/${input.planKey}/v${input.version}`,
        action: AuditAction.PLAN_REVIEW_DUE,
        data: { planKey: input.planKey, version: input.version, workflowId, scheduledAt, reviewWorkflow: 'planReview' },
        idempotencyKey: `${workflowId}/due`,
      });
    },
  };
}
