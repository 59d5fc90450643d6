import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { scheduledStartTime } from './scheduled-start-time';
import type { PlanReviewKickoffInput } from '../domain/schedule-types';

const { recordPlanReviewDue } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20, nonRetryableErrorTypes: ['DataError', 'NotFound'] },
});

/**
 * **A placeholder, not the plan review.** The `plan-review/<planKey>/v<version>` schedule starts this
 * workflow (id `review/<planKey>/v<version>-<time>`) at adoption + 3 years and every 3 years after; it
 * records that the review of that version is due (audit `PLAN_REVIEW_DUE`) and ends. The review itself
 * (`planReview`: synthesis, review round, decisions, new plan version — issue 10 §2) does not exist yet;
 * when it does, worker/ensure-schedules points the schedule's action at it (same id, same input) and
 * this workflow goes.
 */
export async function planReviewKickoff(input: PlanReviewKickoffInput): Promise<void> {
  const info = workflowInfo();
  const scheduledAt = scheduledStartTime();
  await recordPlanReviewDue({ input, workflowId: info.workflowId, scheduledAt });
}
