import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../domain/business-calendar';
import type { Locale } from '../domain/input-bounds';

const PATTERNS: Record<Locale, { minutes: string; seconds: string }> = {
  'es-MX': { minutes: 'dd/MM/yyyy HH:mm', seconds: 'dd/MM/yyyy HH:mm:ss' },
  en: { minutes: 'd LLL yyyy, HH:mm', seconds: 'd LLL yyyy, HH:mm:ss' },
};

/**
 * An instant in a table of the secretariat's pages, in Mexico City time (the pages say so once):
 * es-MX `30/11/2026 14:05:09`, en `30 Nov 2026, 14:05:09` (24-hour clock; `seconds` false drops them).
 */
export function momentText({ at, lang, seconds = false }: { at: Date; lang: Locale; seconds?: boolean }): string {
  const pattern = PATTERNS[lang][seconds ? 'seconds' : 'minutes'];
  return DateTime.fromJSDate(at, { zone: DEFAULT_ZONE }).setLocale(lang).toFormat(pattern);
}
