import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';

/** Set by Temporal on every run a schedule starts (also by a trigger or a backfill): the run's nominal time. */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * This run's scheduled time as an ISO instant: the `TemporalScheduledStartTime` search attribute of a run
 * a schedule started (with SDK 1.24 it is in `workflowInfo().typedSearchAttributes`; test/worker checks it),
 * otherwise the run's start time. Safe in workflow code (no I/O).
 */
export function scheduledStartTime(): string {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  return (scheduled ?? info.startTime).toISOString();
}
