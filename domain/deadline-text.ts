import { DateTime } from 'luxon';
import { AppError } from './app-error';
import { DEFAULT_ZONE, parseInstant } from './business-calendar';

/** Languages in which deadlines are written: Mexican Spanish (emails, pages) and English. */
export const DeadlineTextLocale = { ES_MX: 'es-MX', EN: 'en' } as const;
export type DeadlineTextLocale = (typeof DeadlineTextLocale)[keyof typeof DeadlineTextLocale];

/** How people name a zone, where ICU's generic name ("hora estándar central") would read oddly. */
const ZONE_LABELS: Record<string, Record<DeadlineTextLocale, string>> = {
  'America/Mexico_City': { 'es-MX': 'hora del centro de México', en: 'Mexico City time' },
};

const PATTERNS: Record<DeadlineTextLocale, string> = {
  'es-MX': "cccc, d 'de' LLLL 'de' yyyy, HH:mm",
  en: 'cccc, d LLLL yyyy, HH:mm',
};

/**
 * A deadline (or any instant) as people read it, with the zone named:
 * - es-MX: `viernes, 14 de marzo de 2025, 23:59 (hora del centro de México)`
 * - en: `Friday, 14 March 2025, 23:59 (Mexico City time)`
 *
 * 24-hour clock, minutes truncated (a deadline at 23:59:59.999 reads 23:59). `zone` defaults to
 * America/Mexico_City; a zone without a label of ours is named by ICU's generic name ("hora del Pacífico",
 * "Pacific Time"). Locale and zone are always explicit, never the machine's, so the text is the same on
 * every worker. Throws `AppError('VALIDATION')` for an invalid instant, zone or locale.
 */
export function formatDeadline({
  at,
  zone = DEFAULT_ZONE,
  locale,
}: {
  /** ISO instant with an offset, e.g. `timeline.deadlineAt`. */
  at: string;
  zone?: string;
  locale: DeadlineTextLocale;
}): string {
  const pattern = PATTERNS[locale];
  if (!pattern) throw new AppError('VALIDATION', `locale must be one of ${Object.values(DeadlineTextLocale).join(', ')}; got ${JSON.stringify(locale)}`);
  const local = DateTime.fromMillis(parseInstant(at, 'at'), { zone, locale });
  if (!local.isValid) {
    throw new AppError('VALIDATION', `"${zone}" is not a valid IANA time zone (for example "America/Mexico_City")`);
  }
  return `${local.toFormat(pattern)} (${zoneLabel(local, zone, locale)})`;
}

function zoneLabel(local: DateTime, zone: string, locale: DeadlineTextLocale): string {
  const known = ZONE_LABELS[zone]?.[locale];
  if (known) return known;
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(local.toJSDate())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

const SHORT_PATTERNS: Record<DeadlineTextLocale, string> = {
  'es-MX': "d 'de' LLL 'de' yyyy, HH:mm",
  en: 'd LLL yyyy, HH:mm',
};

/**
 * When something happened, short, in the reader's zone (not named): `30 de nov. de 2026, 13:19` /
 * `30 Nov 2026, 13:19`. For timestamps beside other text (a version's instant), where a deadline's full
 * form ({@link formatDeadline}) would be too long. Same rules otherwise.
 */
export function formatMoment({ at, zone = DEFAULT_ZONE, locale }: { at: string; zone?: string; locale: DeadlineTextLocale }): string {
  const pattern = SHORT_PATTERNS[locale];
  if (!pattern) throw new AppError('VALIDATION', `locale must be one of ${Object.values(DeadlineTextLocale).join(', ')}; got ${JSON.stringify(locale)}`);
  const local = DateTime.fromMillis(parseInstant(at, 'at'), { zone, locale });
  if (!local.isValid) throw new AppError('VALIDATION', `"${zone}" is not a valid IANA time zone (for example "America/Mexico_City")`);
  return local.toFormat(pattern);
}
