import { z } from 'zod';
import { isIsoDate } from './iso-date';

/** `true`/`false` (also 1/0, yes/no) with a default, for the schedules' on/off switches. */
const switchFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const localTime = (fallback: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm between 00:00 and 23:59 (America/Mexico_City)')
    .default(fallback);

/**
 * The schedules' environment variables, spread into domain/config's `ZConfig` (so that start-up names every
 * invalid one, exit status 2). Read them through {@link scheduleConfig}. Every time is America/Mexico_City.
 */
export const SCHEDULE_ENV_SHAPE = {
  /** Whether the `yearly-cycle` schedule exists (false: it is deleted at start-up). Default true. */
  SCHEDULE_YEARLY_CYCLE_ENABLED: switchFromEnv(true),
  /**
   * The calendar day (`MM-dd`) on which the yearly schedule fires each year. Default `01-02`: 1 January is
   * always a rest day, so the 2nd business day of January is never before 2 January; the kickoff then
   * waits until the business day (holidays counted). A day after that business day opens at once.
   */
  SCHEDULE_YEARLY_CYCLE_DATE: z
    .string()
    .default('01-02')
    .refine((v) => /^\d{2}-\d{2}$/.test(v) && isIsoDate(`2025-${v}`), 'must be a day of the year MM-dd that exists every year, e.g. 01-02'),
  /** Local time at which the schedule fires and at which the kickoff opens the cycle. Default 09:00 (office hours start). */
  SCHEDULE_YEARLY_CYCLE_TIME: localTime('09:00'),
  /** Which business day of January the cycle opens on (1–20). Default 2: the 1st is often a bridge day. */
  SCHEDULE_YEARLY_CYCLE_BUSINESS_DAY: z.coerce.number().int().min(1).max(20).default(2),
  /**
   * The deadline of the cycle the schedule opens: this many business days after the day it opens.
   * Default 20 (four working weeks): a cycle opened on the 2nd business day of January is due in late
   * January or the first days of February, which is what the default reporting policy is built around
   * (domain/reporting-policy: reminders 10, 5 and 1 business days before, so at least 11 are needed; its
   * cut-off of 30 business days after the deadline "closes a request due in late January by mid-March, in
   * time to draft the annual report"). Between 11 and 120.
   */
  SCHEDULE_YEARLY_CYCLE_DEADLINE_BUSINESS_DAYS: z.coerce.number().int().min(11).max(120).default(20),
  /**
   * How late a missed run still runs (the service was down when it was due), in days, for every schedule.
   * Default 30: a run missed on 2 January still opens the cycle if the service is back by 1 February.
   */
  SCHEDULE_CATCHUP_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Whether plan-review schedules exist (one per plan version with an adoption date). Default true. */
  SCHEDULE_PLAN_REVIEW_ENABLED: switchFromEnv(true),
  /** Years after the adoption date of the first review. Default 3 (the plan: "three years after its adoption"). */
  SCHEDULE_PLAN_REVIEW_OFFSET_YEARS: z.coerce.number().int().min(1).max(10).default(3),
  /** Years between reviews after the first, while the version is in force. Default 3. */
  SCHEDULE_PLAN_REVIEW_INTERVAL_YEARS: z.coerce.number().int().min(1).max(10).default(3),
  /** Local time of day of a review's start. Default 09:00. */
  SCHEDULE_PLAN_REVIEW_TIME: localTime('09:00'),
};

/** The schedules' settings, by meaning rather than by variable name. */
export interface TScheduleConfig {
  yearlyCycle: {
    enabled: boolean;
    /** Month (1–12) and day of the month on which the schedule fires. */
    month: number;
    day: number;
    /** `HH:mm`, America/Mexico_City. */
    time: string;
    /** The n-th business day of January on which the cycle opens. */
    businessDay: number;
    deadlineBusinessDays: number;
  };
  planReview: { enabled: boolean; offsetYears: number; intervalYears: number; time: string };
  catchupWindowDays: number;
}

type ScheduleEnv = { [K in keyof typeof SCHEDULE_ENV_SHAPE]: z.output<(typeof SCHEDULE_ENV_SHAPE)[K]> };

/** The schedules' settings out of the parsed configuration (or `{}` parsed: every default). */
export function scheduleConfig(env: ScheduleEnv): TScheduleConfig {
  const [month, day] = env.SCHEDULE_YEARLY_CYCLE_DATE.split('-').map(Number);
  return {
    yearlyCycle: {
      enabled: env.SCHEDULE_YEARLY_CYCLE_ENABLED,
      month,
      day,
      time: env.SCHEDULE_YEARLY_CYCLE_TIME,
      businessDay: env.SCHEDULE_YEARLY_CYCLE_BUSINESS_DAY,
      deadlineBusinessDays: env.SCHEDULE_YEARLY_CYCLE_DEADLINE_BUSINESS_DAYS,
    },
    planReview: {
      enabled: env.SCHEDULE_PLAN_REVIEW_ENABLED,
      offsetYears: env.SCHEDULE_PLAN_REVIEW_OFFSET_YEARS,
      intervalYears: env.SCHEDULE_PLAN_REVIEW_INTERVAL_YEARS,
      time: env.SCHEDULE_PLAN_REVIEW_TIME,
    },
    catchupWindowDays: env.SCHEDULE_CATCHUP_WINDOW_DAYS,
  };
}

/** Every default: what `npm start` uses with no SCHEDULE_* variable set. */
export const DEFAULT_SCHEDULE_CONFIG: TScheduleConfig = scheduleConfig(z.object(SCHEDULE_ENV_SHAPE).parse({}));
