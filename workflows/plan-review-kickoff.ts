import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { scheduledStartTime } from './scheduled-start-time';
import type { PlanReviewKickoffInput, PlanReviewKickoffResult } from '../domain/schedule-types';

const { recordPlanReviewDue, startPlanReview } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20, nonRetryableErrorTypes: ['DataError', 'NotFound'] },
});

/** Runs recorded when this workflow only recorded that the review was due end there (replay). */
const STARTS_REVIEW_PATCH = 'starts-plan-review';

/**
 * The `plan-review/<planKey>/v<version>` schedule's run (id `kickoff/review/<planKey>/v<version>-<time>`),
 * at adoption + 3 years and every 3 years after: records that the review of that version is due (audit
 * `PLAN_REVIEW_DUE`), then starts the review `review/<planKey>/v<version>` (`planReview`) through the same
 * command as `POST /api/reviews`, once: a review of that version already started (by hand, or by an
 * earlier run) is recorded as such and nothing else happens. The review runs on its own (not a child), so
 * this run ends at once.
 */
export async function planReviewKickoff(input: PlanReviewKickoffInput): Promise<PlanReviewKickoffResult | void> {
  const info = workflowInfo();
  const scheduledAt = scheduledStartTime();
  await recordPlanReviewDue({ input, workflowId: info.workflowId, scheduledAt });
  if (!patched(STARTS_REVIEW_PATCH)) return;
  return startPlanReview({ planKey: input.planKey, version: input.version, startedBy: `schedule:plan-review/${input.planKey}/v${input.version}`, kickoffWorkflowId: info.workflowId });
}
