import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from './business-calendar';
import type { Locale } from './input-bounds';

/**
 * A schedule's run time as people in Mexico City read it, with the weekday (a yearly run lands on a
 * different one each year): es-MX `sábado 2 de enero de 2027, 09:00`, en `Saturday 2 January 2027, 09:00`.
 */
export function runTimeText({ at, lang }: { at: Date | string; lang: Locale }): string {
  const instant = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  const pattern = lang === 'en' ? "cccc d LLLL yyyy, HH:mm" : "cccc d 'de' LLLL 'de' yyyy, HH:mm";
  return instant.setZone(DEFAULT_ZONE).setLocale(lang).toFormat(pattern);
}

const ordinal = (n: number, lang: Locale) => (lang === 'en' ? `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}` : `${n}.º`);
const MONTHS: Record<Locale, string[]> = {
  'es-MX': ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** The yearly schedule in words: when it fires, on which business day the cycle opens, and its deadline. */
export function yearlyCycleSpecText({ month, day, time, businessDay, deadlineBusinessDays, lang }: { month: number; day: number; time: string; businessDay: number; deadlineBusinessDays: number; lang: Locale }): string {
  const monthName = MONTHS[lang][month - 1];
  return lang === 'en'
    ? `Every year on ${day} ${monthName} at ${time} (Mexico City): the previous year's cycle opens on the ${ordinal(businessDay, lang)} business day of January at ${time}, due ${deadlineBusinessDays} business days later, with the default policy.`
    : `Cada año el ${day} de ${monthName} a las ${time} (Ciudad de México): el ciclo del año anterior se abre el ${ordinal(businessDay, lang)} día hábil de enero a las ${time}, con fecha límite ${deadlineBusinessDays} días hábiles después y la política predeterminada.`;
}

/** A review schedule in words: the plan version, its adoption, and the review dates. */
export function planReviewSpecText({ planKey, version, dates, time, lang }: { planKey: string; version: number; dates: string[]; time: string; lang: Locale }): string {
  const list = dates.slice(0, 3).join(', ');
  return lang === 'en'
    ? `Review of ${planKey} v${version} on ${list}${dates.length > 3 ? ', …' : ''} at ${time} (Mexico City): adoption + 3 years, then every 3 years while the version is in force. Today it records that the review is due (the review workflow is not built yet).`
    : `Revisión de ${planKey} v${version} el ${list}${dates.length > 3 ? ', …' : ''} a las ${time} (Ciudad de México): adopción + 3 años y luego cada 3 años mientras la versión esté vigente. Por ahora registra que la revisión corresponde (el flujo de revisión aún no existe).`;
}

/** Why a plan version has no review schedule, in words. */
export function noAdoptionText({ planKey, version, lang }: { planKey: string; version: number; lang: Locale }): string {
  return lang === 'en'
    ? `No review schedule for ${planKey} v${version}: its adoption date is not set (PUT /api/plans/${planKey}/versions/${version}).`
    : `No hay calendario de revisión para ${planKey} v${version}: falta su fecha de adopción (PUT /api/plans/${planKey}/versions/${version}).`;
}
