import { DateTime } from 'luxon';
import { AppError } from './app-error';
import type { DeadlineTextLocale } from './deadline-text';

const PATTERNS: Record<DeadlineTextLocale, string> = {
  'es-MX': "cccc, d 'de' LLLL 'de' yyyy",
  en: 'cccc, d LLLL yyyy',
};

/**
 * A calendar day (`yyyy-MM-dd`, no time, no zone: a date someone asked for, such as an extension's new
 * deadline) as people read it:
 * - es-MX: `martes, 15 de diciembre de 2026`
 * - en: `Tuesday, 15 December 2026`
 *
 * The day is read as written, in no zone, so it never shifts by a day; the locale is always explicit,
 * never the machine's. For an instant (a deadline at 23:59 local) use `formatDeadline`. Throws
 * `AppError('VALIDATION')` for a string that is not a real `yyyy-MM-dd` day or an unknown locale.
 */
export function formatDay({ date, locale }: { date: string; locale: DeadlineTextLocale }): string {
  const pattern = PATTERNS[locale];
  if (!pattern) throw new AppError('VALIDATION', `locale must be es-MX or en; got ${JSON.stringify(locale)}`);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: 'UTC', locale }) : DateTime.invalid('not yyyy-MM-dd');
  if (!day.isValid) throw new AppError('VALIDATION', `"${date}" is not a day written yyyy-MM-dd (for example 2026-12-15)`);
  return day.toFormat(pattern);
}
