import { asyncLocalStorage } from '@temporalio/activity';
import type { LogMetadata } from '@temporalio/common';

/**
 * Logs one fact (at `level`) through the running activity's logger, which the SDK sends to the runtime's
 * (worker/install-runtime: a JSON line) with the activity's `workflowId`, `workflowType`, `activityType`,
 * `attempt` and `taskQueue`. Outside an activity (a test calling the function directly) nothing is logged.
 */
export function activityLog(level: 'info' | 'warn', message: string, meta?: LogMetadata): void {
  asyncLocalStorage.getStore()?.log[level](message, meta);
}
