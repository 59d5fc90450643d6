/**
 * Shared generators of the property tests of domain/ (fast-check). Dates are plain `yyyy-MM-dd` strings
 * chosen from day numbers (days since 1970-01-01), so every generated date is a real date, and instants are
 * fixed epoch milliseconds: nothing reads the clock.
 *
 * The statutory rest days are known from 2006 to 2200 (domain/mexican-holidays), and arithmetic that steps
 * outside those years is refused; the generated dates keep a margin of two years at both ends so that
 * adding or subtracting up to {@link MAX_STEP} business days stays inside.
 */
import fc from 'fast-check';

export const MS_PER_DAY = 86_400_000;
/** The most business days any property adds or subtracts (a reminder 60 days before, a cut-off 250 after, and then some). */
export const MAX_STEP = 400;

/** Day number of a `yyyy-MM-dd` date. */
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
/** The `yyyy-MM-dd` date of a day number. */
export const dateOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
/** `date` moved by `days` calendar days. */
export const plusDays = (date: string, days: number): string => dateOfDay(dayOf(date) + days);
/** Monday–Friday, computed independently of the calendar under test (getUTCDay: 0 = Sunday, 6 = Saturday). */
export const isWeekday = (date: string): boolean => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

const FIRST_DAY = dayOf('2008-01-01');
const LAST_DAY = dayOf('2198-12-31');

/** Any date from 2008 to 2198. */
const anyDate = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(dateOfDay);
/** A date within three weeks of a New Year (where a year's rest days meet the next year's). */
const nearNewYear = fc
  .record({ year: fc.integer({ min: 2008, max: 2198 }), offset: fc.integer({ min: -21, max: 21 }) })
  .map(({ year, offset }) => plusDays(`${year}-01-01`, offset));
/**
 * A date in the years Mexico City still changed its clocks (2006 to October 2022), near a change: first
 * Sunday of April and last Sunday of October (± a week).
 */
const nearMexicoCityDstChange = fc
  .record({ year: fc.integer({ min: 2008, max: 2022 }), month: fc.constantFrom(4, 10), offset: fc.integer({ min: -7, max: 7 }) })
  .map(({ year, month, offset }) => {
    const utcDay = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    const firstOfApril = `${year}-04-01`;
    const lastOfOctober = `${year}-10-31`;
    const sunday = month === 4 ? plusDays(firstOfApril, (7 - utcDay(firstOfApril)) % 7) : plusDays(lastOfOctober, -utcDay(lastOfOctober));
    return plusDays(sunday, offset);
  });
/** A date in a month with a moving rest day (first Monday of February, third of March and November), or 16 September / 1 May / presidential transitions. */
const nearRestDay = fc
  .record({ year: fc.integer({ min: 2008, max: 2198 }), monthDay: fc.constantFrom('02-01', '03-14', '05-01', '09-16', '10-01', '11-14', '12-01', '12-25'), offset: fc.integer({ min: -3, max: 10 }) })
  .map(({ year, monthDay, offset }) => plusDays(`${year}-${monthDay}`, offset));

/** A date from 2008 to 2198, biased towards New Year, rest days and Mexico City's DST changes. */
export const dateArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anyDate, weight: 3 },
  { arbitrary: nearNewYear, weight: 2 },
  { arbitrary: nearRestDay, weight: 2 },
  { arbitrary: nearMexicoCityDstChange, weight: 2 },
);

/** Extra holidays near `date` (within ± `spread` days): the secretariat's closures (Holy Week, 2 November, 12 December…). */
export const extraHolidaysNear = (date: string, spread = 60): fc.Arbitrary<string[]> =>
  fc.array(fc.integer({ min: -spread, max: spread }).map((offset) => plusDays(date, offset)), { maxLength: 12 });

/** A local time of day `HH:mm`, biased towards the DST hour (02:xx) and the ends of the day. */
export const timeArb: fc.Arbitrary<string> = fc
  .record({
    hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 1, 2, 3, 23)),
    minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 30, 59)),
  })
  .map(({ hour, minute }) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
