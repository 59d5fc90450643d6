import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { formatNumber } from '../../domain/goal-target-text';
import type { Locale } from '../../domain/input-bounds';
import type { TAnnexRow, TAnnualReport, TReportIndicator, TReportValue } from '../../domain/report/annual-report-model';
import { reportWords } from './report-labels';

const INSTANT_PATTERNS: Record<Locale, string> = { 'es-MX': 'dd/MM/yyyy HH:mm', en: 'd LLL yyyy, HH:mm' };

/**
 * An ISO instant as the report prints it, in Mexico City time (the report says so once): es-MX
 * `30/11/2026 14:05`, en `30 Nov 2026, 14:05`. The zone and locale are always explicit, never the
 * machine's, so every render of the same model gives the same text.
 */
export function instantText(iso: string, lang: Locale): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(DEFAULT_ZONE).setLocale(lang).toFormat(INSTANT_PATTERNS[lang]);
}

/** A number as the report prints it (grouped thousands, at most one decimal); `null` is "sin datos" / "no data". */
export function numberText(value: number | null, lang: Locale): string {
  return value === null ? reportWords(lang).noData : formatNumber(value, lang);
}

/** A number of the indicator's unit: a percentage gets " %". */
export function unitNumberText(value: number | null, unit: TReportIndicator['unit'], lang: Locale): string {
  if (value === null) return reportWords(lang).noData;
  return unit === 'PERCENTAGE' ? `${formatNumber(value, lang)} %` : formatNumber(value, lang);
}

/** One institution's value of an indicator as text: a number in its unit, Sí/No, the text given, or "sin datos". */
export function valueText(value: TReportValue, unit: TReportIndicator['unit'], lang: Locale): string {
  const w = reportWords(lang);
  if (unit === 'YES_NO') return value.booleanValue === null ? w.noData : value.booleanValue ? w.yes : w.no;
  if (unit === 'TEXT') return value.textValue ?? w.noData;
  return unitNumberText(value.total, unit, lang);
}

/** An annex cell's value as text (spreadsheets keep numbers as numbers; this is for HTML and PDF). */
export function annexValueText(value: TAnnexRow['value'], lang: Locale): string {
  const w = reportWords(lang);
  if (value === null) return w.noData;
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (typeof value === 'number') return formatNumber(value, lang);
  return value;
}

/** An indicator's values are shown by institution (few institutions) or as the model's aggregate. */
export const isAggregated = (indicator: TReportIndicator): boolean => indicator.aggregate !== null;

/** The summary's completeness rows, label and count, in the order every format shows them. */
export function completenessRows(c: TAnnualReport['summary']['completeness'], lang: Locale): [string, number][] {
  const w = reportWords(lang);
  return [
    [w.institutions, c.institutions],
    [w.reported, c.reported],
    [w.onTime, c.onTime],
    [w.late, c.late],
    [w.afterExtension, c.afterExtension],
    [w.exempted, c.exempted],
    [w.notReported, c.notReported],
    [w.open, c.open],
  ];
}
