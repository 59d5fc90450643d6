import { createCycleActivities } from './cycle-activities';
import type { ActivityDeps } from './deps';
import { createRequestActivities } from './request-activities';
import { createSendRequestEmail } from './send-request-email';

export type { ActivityDeps, ActivityConfig } from './deps';

/**
 * All activities, bound to their dependencies. Workflows import only the *type* {@link Activities}.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCycleActivities(deps),
    ...createRequestActivities(deps),
    ...createSendRequestEmail(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
