import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type CalendarSpec,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import { DEFAULT_ZONE } from '../domain/business-calendar';
import { reviewDates } from '../domain/review-dates';
import type { TScheduleConfig } from '../domain/schedule-config';
import {
  planReviewScheduleId,
  planReviewKickoffWorkflowId,
  ScheduleKind,
  YEARLY_CYCLE_SCHEDULE_ID,
  YEARLY_KICKOFF_WORKFLOW_ID,
  type PlanReviewKickoffInput,
  type YearlyKickoffInput,
} from '../domain/schedule-types';
import type { PrismaClient } from '../prisma/client';
import { planReviewTargets } from '../prisma/plan-review-targets';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
/** Review dates written into a review schedule's spec: ten reviews (30 years at the default interval); a start-up rewrites them. */
const REVIEWS_IN_SPEC = 10;

/** What {@link ensureSchedules} did with one schedule. */
export interface TEnsuredSchedule {
  id: string;
  kind: ScheduleKind;
  /** `created` the first time, `updated` after (the spec, action and policies of the configuration). */
  outcome: 'created' | 'updated';
}

/** A plan version in force without an adoption date: it has no review schedule, and the service says so. */
export interface TScheduleNotice {
  code: 'NO_ADOPTION_DATE';
  planKey: string;
  version: number;
}

export interface TEnsureSchedulesResult {
  schedules: TEnsuredSchedule[];
  /** Schedules removed: disabled by configuration, an older plan version, an adoption date unset. */
  removed: string[];
  notices: TScheduleNotice[];
}

const clock = (time: string) => ({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) });

/** The yearly schedule's calendar: every year on the configured day and time, Mexico City. */
export function yearlyCycleSpec(config: TScheduleConfig): ScheduleSpec {
  const { month, day, time } = config.yearlyCycle;
  const calendar: CalendarSpec = { month: MONTHS[month - 1], dayOfMonth: day, ...clock(time), comment: 'yearly reporting cycle (the kickoff waits for the business day)' };
  return { calendars: [calendar], timezone: DEFAULT_ZONE };
}

/**
 * A review schedule's calendar: one entry per review date (domain/review-dates: adoption + 3 years, then
 * every 3, 09:00 Mexico City). Explicit dates rather than a yearly rule with a step, so that an adoption on
 * 29 February is reviewed on the 28th of a common year, exactly as the domain says.
 */
export function planReviewSpec(config: TScheduleConfig, adoptedOn: string): ScheduleSpec {
  const { offsetYears, intervalYears, time } = config.planReview;
  const calendars = reviewDates({ adoptedOn, offsetYears, intervalYears, time, count: REVIEWS_IN_SPEC }).map(({ date }): CalendarSpec => ({
    year: Number(date.slice(0, 4)),
    month: MONTHS[Number(date.slice(5, 7)) - 1],
    dayOfMonth: Number(date.slice(8, 10)),
    ...clock(time),
  }));
  return { calendars, timezone: DEFAULT_ZONE };
}

/**
 * Creates or updates the service's Temporal Schedules from the configuration, idempotently; run by the
 * worker side at every start (`npm start`, `npm run worker`), never by the API (docs: ARCHITECTURE.md).
 *
 * - `yearly-cycle` (when enabled): fires every year on the configured day (default 2 January, 09:00
 *   America/Mexico_City) and starts `yearlyCycleKickoff` (workflows/yearly-cycle-kickoff), which waits for
 *   the n-th business day and opens the previous year's cycle.
 * - `plan-review/<planKey>/v<version>` for the version in force of each plan that has an adoption date:
 *   fires at adoption + 3 years and every 3 years after, 09:00, and starts `planReviewKickoff` with id
 *   `kickoff/review/<planKey>/v<version>-<time>`, which records that the review is due and starts the review
 *   `review/<planKey>/v<version>` (`planReview`) once. A version without an adoption date has no review
 *   schedule: a notice says so.
 *
 * Every schedule: overlap SKIP (never two runs at once: a kickoff of one year never races another),
 * the configured catch-up window (a run missed while the service was down still runs within it).
 * A schedule that exists already is updated to the configured spec, action and policies; its paused
 * state and note are kept (a pause is the secretariat's decision, not the configuration's).
 */
export async function ensureSchedules({ client, prisma, taskQueue, config }: { client: Client; prisma: PrismaClient; taskQueue: string; config: TScheduleConfig }): Promise<TEnsureSchedulesResult> {
  const result: TEnsureSchedulesResult = { schedules: [], removed: [], notices: [] };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: `${config.catchupWindowDays} days` } as const;

  const upsert = async (id: string, kind: ScheduleKind, spec: ScheduleSpec, action: ScheduleOptionsAction, memo: Record<string, unknown>) => {
    try {
      await client.schedule.create({ scheduleId: id, spec, action, policies, memo, state: { note: 'created by the worker at start-up' } });
      result.schedules.push({ id, kind, outcome: 'created' });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(id).update((previous) => ({ ...previous, spec, action, policies }));
      result.schedules.push({ id, kind, outcome: 'updated' });
    }
  };
  const remove = async (id: string) => {
    try {
      await client.schedule.getHandle(id).delete();
      result.removed.push(id);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  };

  if (config.yearlyCycle.enabled) {
    const { businessDay, time, deadlineBusinessDays } = config.yearlyCycle;
    const input: YearlyKickoffInput = { businessDay, time, deadlineBusinessDays };
    await upsert(YEARLY_CYCLE_SCHEDULE_ID, ScheduleKind.YEARLY_CYCLE, yearlyCycleSpec(config), { type: 'startWorkflow', workflowType: 'yearlyCycleKickoff', workflowId: YEARLY_KICKOFF_WORKFLOW_ID, taskQueue, args: [input] }, { kind: ScheduleKind.YEARLY_CYCLE });
  } else {
    await remove(YEARLY_CYCLE_SCHEDULE_ID);
  }

  for (const target of await planReviewTargets(prisma)) {
    for (const older of target.olderVersions) await remove(planReviewScheduleId(target.planKey, older));
    const id = planReviewScheduleId(target.planKey, target.version);
    if (!config.planReview.enabled) {
      await remove(id);
      continue;
    }
    if (!target.adoptedOn) {
      await remove(id);
      result.notices.push({ code: 'NO_ADOPTION_DATE', planKey: target.planKey, version: target.version });
      continue;
    }
    const input: PlanReviewKickoffInput = { planKey: target.planKey, version: target.version };
    // The kickoff records that the review is due and starts `planReview` (`review/<key>/v<n>`), once per version.
    await upsert(id, ScheduleKind.PLAN_REVIEW, planReviewSpec(config, target.adoptedOn), { type: 'startWorkflow', workflowType: 'planReviewKickoff', workflowId: planReviewKickoffWorkflowId(target.planKey, target.version), taskQueue, args: [input] }, {
      kind: ScheduleKind.PLAN_REVIEW,
      adoptedOn: target.adoptedOn,
    });
  }
  return result;
}
