import type { TBusinessCalendar } from './business-calendar';

/** When the yearly kickoff opens which cycle: the year reported on, the business day, its instant. */
export interface TYearlyKickoff {
  /** The cycle opened: the year before the one in which the schedule fired (January 2027 opens 2026). */
  year: number;
  /** The n-th business day of January of the firing year, `yyyy-MM-dd`. */
  date: string;
  /** `date` at the configured local time, as an ISO UTC instant (see domain/business-calendar). */
  at: string;
}

/**
 * The kickoff of the yearly cycle that the schedule's firing at `scheduledAt` stands for. With Y the
 * year of `scheduledAt` in the calendar's zone (America/Mexico_City), the cycle of year Y-1 opens on the
 * `businessDay`-th business day of January of Y (weekends, LFT art. 74 rest days and the secretariat's
 * extra holidays do not count) at `time` local. Defaults: the 2nd business day, 09:00.
 * Example: scheduled 2027-01-02T15:00Z (Saturday 2 January, 09:00 Mexico City) → cycle 2026, Tuesday
 * 5 January 2027 (Friday 1 January is New Year's Day, Monday 4 the 1st business day) at 15:00Z.
 * A schedule triggered by hand later in the year gives the same answer: the day is then in the past and
 * the kickoff opens at once.
 */
export function yearlyKickoff({
  scheduledAt,
  calendar,
  businessDay = 2,
  time = '09:00',
}: {
  scheduledAt: string;
  calendar: TBusinessCalendar;
  businessDay?: number;
  time?: string;
}): TYearlyKickoff {
  const firingYear = Number(calendar.dateOf(scheduledAt).slice(0, 4));
  return kickoffOfCycle({ year: firingYear - 1, calendar, businessDay, time });
}

/** {@link yearlyKickoff} for a cycle year given directly (a backfill of a missed year): January of `year + 1`. */
export function kickoffOfCycle({ year, calendar, businessDay = 2, time = '09:00' }: { year: number; calendar: TBusinessCalendar; businessDay?: number; time?: string }): TYearlyKickoff {
  if (!Number.isInteger(businessDay) || businessDay < 1) throw new RangeError(`businessDay must be a whole number of at least 1; got ${businessDay}`);
  // The n-th business day after 31 December is the n-th business day of January (n ≤ 20 always stays in January).
  const date = calendar.addBusinessDays(`${year}-12-31`, businessDay);
  return { year, date, at: calendar.instantAt(date, time) };
}

/**
 * The deadline date (`yyyy-MM-dd`, Mexico City) of a cycle the schedule opens at `openedAt`: `businessDays`
 * business days after the local date on which it opens (that day does not count). Counted from the day it
 * really opens, not from the planned one, so a late start (a catch-up, a backfill) still gives the
 * institutions the whole time. Default 20 (see domain/schedule-config).
 */
export function kickoffDeadline({ openedAt, calendar, businessDays = 20 }: { openedAt: string; calendar: TBusinessCalendar; businessDays?: number }): string {
  return calendar.addBusinessDays(calendar.dateOf(openedAt), businessDays);
}
