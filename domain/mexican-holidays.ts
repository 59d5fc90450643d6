import { DateTime } from 'luxon';
import { AppError } from './app-error';

/** A statutory rest day: a plain local date (`yyyy-MM-dd`) and its name in Spanish and English. */
export type TRestDay = {
  /** Plain local date, `yyyy-MM-dd`. */
  date: string;
  nameEs: string;
  nameEn: string;
};

/**
 * First year whose rest days {@link statutoryRestDays} can give: the 2006 reform of art. 74 moved
 * Constitution Day, Benito Juárez's birthday and Revolution Day to Mondays; earlier years used fixed dates.
 */
export const FIRST_SUPPORTED_YEAR = 2006;
/** Last year {@link statutoryRestDays} accepts (a guard against typos such as 20025, not a legal limit). */
export const LAST_SUPPORTED_YEAR = 2200;

/**
 * Whether `year` is one in which the Federal Executive Power changes hands: every six years since 1934
 * (… 2012, 2018, 2024, 2030 …). From 2024 the new president takes office on 1 October; before that, on
 * 1 December (constitutional reform of 2014). Returns false for years before 1934 and non-integers.
 */
export function isPresidentialTransitionYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1934 && (year - 1934) % 6 === 0;
}

/**
 * The mandatory rest days of Ley Federal del Trabajo, art. 74, for one year, sorted by date:
 *
 * - I    1 January (Año Nuevo)
 * - II   first Monday of February (Constitution Day, 5 February)
 * - III  third Monday of March (Benito Juárez's birthday, 21 March)
 * - IV   1 May (Labour Day)
 * - V    16 September (Independence Day)
 * - VI   third Monday of November (Revolution Day, 20 November)
 * - VII  1 October of each presidential transition year (2024, 2030, …); 1 December up to 2018
 * - VIII 25 December (Christmas)
 *
 * Not listed: fraction IX (the day of an ordinary federal or local election), because ordinary elections
 * are held on Sundays, which are never business days anyway. Days that federal offices close by custom or
 * by the yearly DOF calendar (Holy Thursday and Good Friday, 2 November, 12 December, …) are not statutory
 * rest days under art. 74; the secretariat adds them as extra holidays of the business calendar.
 *
 * Throws `AppError('VALIDATION')` for a non-integer year or one outside
 * {@link FIRST_SUPPORTED_YEAR}–{@link LAST_SUPPORTED_YEAR}.
 */
export function statutoryRestDays(year: number): TRestDay[] {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new AppError(
      'VALIDATION',
      `Rest days are known for the years ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}; got ${String(year)}`,
    );
  }
  const days: TRestDay[] = [
    { date: isoDate(year, 1, 1), nameEs: 'Año Nuevo', nameEn: "New Year's Day" },
    { date: nthMonday(year, 2, 1), nameEs: 'Día de la Constitución', nameEn: 'Constitution Day' },
    { date: nthMonday(year, 3, 3), nameEs: 'Natalicio de Benito Juárez', nameEn: "Benito Juárez's Birthday" },
    { date: isoDate(year, 5, 1), nameEs: 'Día del Trabajo', nameEn: 'Labour Day' },
    { date: isoDate(year, 9, 16), nameEs: 'Día de la Independencia', nameEn: 'Independence Day' },
    { date: nthMonday(year, 11, 3), nameEs: 'Día de la Revolución', nameEn: 'Revolution Day' },
    { date: isoDate(year, 12, 25), nameEs: 'Navidad', nameEn: 'Christmas Day' },
  ];
  if (isPresidentialTransitionYear(year)) {
    days.push({
      date: year >= 2024 ? isoDate(year, 10, 1) : isoDate(year, 12, 1),
      nameEs: 'Transmisión del Poder Ejecutivo Federal',
      nameEn: 'Transfer of the Federal Executive Power',
    });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `n`-th Monday (1-based) of a month, as `yyyy-MM-dd`. */
function nthMonday(year: number, month: number, n: number): string {
  // Weekday of the 1st does not depend on a zone: compute it on the plain date in UTC.
  const first = DateTime.utc(year, month, 1);
  const offsetToMonday = (8 - first.weekday) % 7; // luxon: Monday = 1 … Sunday = 7
  return isoDate(year, month, 1 + offsetToMonday + 7 * (n - 1));
}
