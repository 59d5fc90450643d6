import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { scheduledStartTime } from './scheduled-start-time';
import type { YearlyKickoffInput, YearlyKickoffResult } from '../domain/schedule-types';
import { YEARLY_CYCLE_SCHEDULE_ID } from '../domain/schedule-types';

const { planYearlyKickoff, openKickoffCycle } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20, nonRetryableErrorTypes: ['DataError', 'NotFound'] },
});

/**
 * The yearly cycle's kickoff, started by the `yearly-cycle` schedule on its calendar day (or by a trigger,
 * or directly for a backfill with `input.year`). A schedule cannot say "2nd business day of January", and
 * its action's arguments are fixed, so: the year comes from the run's scheduled time (search attribute
 * `TemporalScheduledStartTime`; the start time when there is none), an activity computes the business day
 * with our calendar (holidays from the database), the workflow sleeps until that day at 09:00 Mexico City
 * (not at all when it is past: a trigger, a catch-up, a backfill open at once), and then opens
 * `cycle/<year>` through the open-cycle command, idempotently: a year opened already (by hand) is recorded
 * as such and nothing else happens. Two kickoffs of one year never both open it: the schedule's overlap
 * policy (SKIP) lets one run at a time, a backfill runs as `kickoff/cycle/<year>`, and the cycle's own id
 * `cycle/<year>` refuses a second start.
 */
export async function yearlyCycleKickoff(input: YearlyKickoffInput): Promise<YearlyKickoffResult> {
  const info = workflowInfo();
  const scheduledAt = scheduledStartTime();
  const plan = await planYearlyKickoff({ input, scheduledAt });
  const wait = Date.parse(plan.at) - Date.now();
  if (wait > 0) await sleep(wait);
  return openKickoffCycle({
    year: plan.year,
    deadlineBusinessDays: input.deadlineBusinessDays,
    startedBy: input.startedBy ?? `schedule:${YEARLY_CYCLE_SCHEDULE_ID}`,
    kickoffWorkflowId: info.workflowId,
    scheduledAt,
  });
}
