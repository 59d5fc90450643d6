import { isIsoDate } from './iso-date';
import { DateTime } from 'luxon';
import { AppError } from './app-error';
import { statutoryRestDays } from './mexican-holidays';
import { isValidZoneName } from './valid-zone';

/**
 * Conventions of the timeline arithmetic (domain/business-calendar, compute-timeline, deadline-text):
 *
 * - A **date** is a plain local calendar date, `yyyy-MM-dd`, with no zone ("the deadline is 2025-03-14").
 * - An **instant** is an ISO-8601 UTC string with milliseconds and `Z`, exactly as
 *   `Date.prototype.toISOString()` writes it (`2025-03-15T05:59:59.999Z`). Instants in that form sort
 *   lexicographically, compare with `<`, and cross Temporal payloads and JSON columns unchanged.
 *   Inputs may carry any explicit offset (`…-06:00`); a string without an offset is rejected, since its
 *   meaning would depend on the machine's zone.
 * - The zone appears only where a date meets an instant: {@link TBusinessCalendar.dateOf},
 *   {@link TBusinessCalendar.instantAt} and {@link TBusinessCalendar.endOfDay}.
 */
export const DEFAULT_ZONE = 'America/Mexico_City';

/**
 * A business-day calendar: weekdays that are neither a statutory rest day (LFT art. 74, see
 * domain/mexican-holidays) nor one of the secretariat's extra holidays. Pure and deterministic; safe in
 * workflow code.
 */
export type TBusinessCalendar = {
  /** IANA zone in which dates are read (`America/Mexico_City` by default). */
  readonly zone: string;
  /** The secretariat's extra holidays, validated, sorted and without duplicates. */
  readonly extraHolidays: readonly string[];
  /** Whether `date` is a statutory rest day or an extra holiday (whatever its weekday). */
  isHoliday(date: string): boolean;
  /** Whether `date` is a Monday–Friday that is not a holiday. */
  isBusinessDay(date: string): boolean;
  /**
   * The `n`-th business day after `date` (n > 0) or before it (n < 0); `date` itself never counts, and
   * need not be a business day (as in a spreadsheet's WORKDAY). `n = 0` returns `date` unchanged, even
   * when it is not a business day — use {@link businessDayOnOrAfter} to roll it.
   * Example: addBusinessDays('2025-03-14', 1) = '2025-03-18' (Fri → Tue; Mon 17 Mar is a holiday).
   */
  addBusinessDays(date: string, n: number): string;
  /** The first business day strictly after `date`. */
  nextBusinessDay(date: string): string;
  /** The last business day strictly before `date`. */
  previousBusinessDay(date: string): string;
  /** `date` if it is a business day, otherwise the next business day. */
  businessDayOnOrAfter(date: string): string;
  /**
   * Signed count of business days from `from` to `to`: the number of business days `d` with
   * from < d ≤ to when to ≥ from, and minus the number with to < d ≤ from otherwise. It is the inverse of
   * {@link addBusinessDays}: addBusinessDays(from, businessDaysBetween(from, to)) = to whenever `to` is a
   * business day and either to ≥ from or `from` is a business day. Counting back from a day that is not a
   * business day is one short of that: from Saturday 2025-03-15 to Friday 2025-03-14 the count is 0, and
   * adding 0 business days stays on the Saturday.
   */
  businessDaysBetween(from: string, to: string): number;
  /** The local date of an instant in this calendar's zone. */
  dateOf(instant: string): string;
  /**
   * The instant of a local wall-clock time (`HH:mm`) on `date`. A time that does not exist (a DST gap)
   * moves forward by the gap; Mexico City has had no DST since 30 October 2022, and DST changes happened
   * at 02:00, so office hours were never affected.
   */
  instantAt(date: string, time: string): string;
  /** The last instant of `date`: 23:59:59.999 local time. Deadlines and the cut-off end there. */
  endOfDay(date: string): string;
};

/**
 * Builds a {@link TBusinessCalendar}. `zone` defaults to {@link DEFAULT_ZONE}; `extraHolidays` are
 * additional non-business dates decided by the secretariat (`yyyy-MM-dd`; duplicates and dates that are
 * already rest days are harmless). Statutory rest days are computed per year on first use.
 * Throws `AppError('VALIDATION')` naming an invalid zone or the first invalid extra date.
 */
export function createBusinessCalendar({ zone = DEFAULT_ZONE, extraHolidays = [] }: { zone?: string; extraHolidays?: readonly string[] } = {}): TBusinessCalendar {
  const key = `${zone}|${extraHolidays.join(',')}`;
  if (lastCalendar?.key !== key) lastCalendar = { key, calendar: buildBusinessCalendar(zone, extraHolidays) };
  return lastCalendar.calendar;
}

/**
 * The last calendar built, reused while zone and holidays stay the same: every activity that opens a
 * request builds one, and the statutory days it has worked out stay worked out. Calendars are frozen.
 */
let lastCalendar: { key: string; calendar: TBusinessCalendar } | undefined;

function buildBusinessCalendar(zone: string, extraHolidays: readonly string[]): TBusinessCalendar {
  if (!isValidZoneName(zone)) {
    throw new AppError('VALIDATION', `"${zone}" is not a valid IANA time zone (for example "America/Mexico_City")`);
  }
  const extras = new Set<string>();
  extraHolidays.forEach((date, i) => {
    toDayNumber(date, `extraHolidays[${i}]`); // validates
    extras.add(date);
  });
  const statutoryByYear = new Map<number, Set<string>>();

  const isHolidayOn = (iso: string): boolean => {
    if (extras.has(iso)) return true;
    const year = Number(iso.slice(0, 4));
    let statutory = statutoryByYear.get(year);
    if (!statutory) {
      statutory = new Set(statutoryRestDays(year).map((r) => r.date));
      statutoryByYear.set(year, statutory);
    }
    return statutory.has(iso);
  };
  const isBusinessDayNumber = (day: number): boolean => isWeekday(day) && !isHolidayOn(fromDayNumber(day));

  const step = (day: number, n: number): number => {
    if (!Number.isInteger(n)) throw new AppError('VALIDATION', `A number of business days must be a whole number; got ${n}`);
    const direction = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let current = day;
    while (remaining > 0) {
      current += direction;
      if (isBusinessDayNumber(current)) remaining -= 1;
    }
    return current;
  };

  const localDateTime = (date: string, hour = 0, minute = 0): DateTime => {
    toDayNumber(date); // validates
    const [year, month, day] = date.split('-').map(Number);
    return DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  };

  const calendar: TBusinessCalendar = {
    zone,
    extraHolidays: Object.freeze([...extras].sort()),
    isHoliday: (date) => isHolidayOn(fromDayNumber(toDayNumber(date))),
    isBusinessDay: (date) => isBusinessDayNumber(toDayNumber(date)),
    addBusinessDays: (date, n) => fromDayNumber(step(toDayNumber(date), n)),
    nextBusinessDay: (date) => fromDayNumber(step(toDayNumber(date), 1)),
    previousBusinessDay: (date) => fromDayNumber(step(toDayNumber(date), -1)),
    businessDayOnOrAfter: (date) => {
      const day = toDayNumber(date);
      return fromDayNumber(isBusinessDayNumber(day) ? day : step(day, 1));
    },
    businessDaysBetween: (from, to) => {
      const a = toDayNumber(from, 'from');
      const b = toDayNumber(to, 'to');
      const [start, end, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let day = start + 1; day <= end; day++) if (isBusinessDayNumber(day)) count += 1;
      return sign * count || 0; // never -0
    },
    dateOf: (instant) => DateTime.fromMillis(parseInstant(instant), { zone }).toISODate()!,
    instantAt: (date, time) => {
      const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
      if (!match) throw new AppError('VALIDATION', `"${time}" is not a local time of day HH:mm (00:00–23:59)`);
      return toInstant(localDateTime(date, Number(match[1]), Number(match[2])));
    },
    endOfDay: (date) => toInstant(localDateTime(date).endOf('day')),
  };
  return Object.freeze(calendar);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;


/**
 * Epoch milliseconds of an ISO-8601 instant with an explicit offset (`Z` or `±HH:mm`). Throws
 * `AppError('VALIDATION')` for anything else, including a local date-time without an offset.
 */
export function parseInstant(value: string, label = 'instant'): number {
  const parsed = typeof value === 'string' && ISO_INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed || !parsed.isValid) {
    throw new AppError('VALIDATION', `${label} must be an ISO instant with an offset, such as 2025-03-14T15:00:00.000Z; got ${JSON.stringify(value)}`);
  }
  return parsed.toMillis();
}

/** Normalizes an instant to the canonical form `yyyy-MM-ddTHH:mm:ss.SSSZ` (UTC). */
export function normalizeInstant(value: string, label = 'instant'): string {
  return new Date(parseInstant(value, label)).toISOString();
}

const MS_PER_DAY = 86_400_000;

/**
 * A plain date as a day number (days since 1970-01-01). Plain-date arithmetic runs on these integers, so
 * it cannot depend on any zone; only instantAt, endOfDay and dateOf meet the zone.
 */
function toDayNumber(value: string, label = 'date'): number {
  const day = dayNumberOf(value);
  if (day === undefined) {
    throw new AppError('VALIDATION', `${label} must be a date yyyy-MM-dd, such as 2025-03-14; got ${JSON.stringify(value)}`);
  }
  return day;
}

function dayNumberOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  const ms = new Date(0).setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years 0–99 stay as given
  // Date rolls 2025-02-30 over to 2025-03-02; a real date survives the round trip.
  return fromDayNumber(ms / MS_PER_DAY) === value ? ms / MS_PER_DAY : undefined;
}

function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday–Friday. Day 0, 1970-01-01, was a Thursday. */
function isWeekday(day: number): boolean {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday … 6 = Sunday
  return weekday < 5;
}

function toInstant(d: DateTime): string {
  return new Date(d.toMillis()).toISOString();
}

export { isIsoDate };
