import { createAttentionActivities } from './attention';
import { withClassifiedFailures } from './classify-failure';
import { createCycleActivities } from './cycle-activities';
import type { ActivityDeps } from './deps';
import { createReportActivities } from './report/report-activities';
import { createPlanReviewActivities } from './review/plan-review-activities';
import { createRequestActivities } from './request-activities';
import { createReviewActivities } from './review/review-activities';
import { createReviewRoundActivities } from './review/review-round-activities';
import { createScheduleActivities } from './schedule-activities';
import { createSendRequestEmail } from './send-request-email';
import { createOpenRequest } from './open-request';

export type { ActivityDeps, ActivityConfig } from './deps';

/**
 * All activities, bound to their dependencies, each of whose errors is classified retryable or not in one
 * place (activities/classify-failure). Workflows import only the *type* {@link Activities}.
 */
export function createActivities(deps: ActivityDeps) {
  const email = createSendRequestEmail(deps);
  return withClassifiedFailures({
    ...createCycleActivities(deps),
    ...createRequestActivities(deps),
    ...email,
    ...createOpenRequest(deps, email),
    ...createAttentionActivities(deps, email),
    ...createReportActivities(deps),
    ...createScheduleActivities(deps),
    ...createPlanReviewActivities(deps),
    ...createReviewActivities(deps),
    ...createReviewRoundActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
