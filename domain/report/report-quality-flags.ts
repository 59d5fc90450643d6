import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../business-calendar';
import { formatNumber, inBoth } from '../goal-target-text';
import type { Locale } from '../input-bounds';
import { QualityFlagKind, type TQualityFlag } from './annual-report-model';
import { reportValue } from './report-indicator-values';
import type { TReportSnapshot, TSnapshotIndicator } from './report-snapshot';

/** A day as the flag says it, in Mexico City: "23 de marzo de 2026" / "23 March 2026". */
const dayText = (iso: string, lang: Locale) => DateTime.fromISO(iso, { zone: DEFAULT_ZONE }).setLocale(lang).toLocaleString(DateTime.DATE_FULL);

const byCode = (a: TQualityFlag, b: TQualityFlag) => (a.institutionCode < b.institutionCode ? -1 : a.institutionCode > b.institutionCode ? 1 : 0);

/**
 * The data-quality flags the summary shows the working group, by institution code (within one: a late
 * correction first, then its values in indicator order):
 * - NO_DATA_VALUE: a value given as "no data" (no number, yes/no or text), with the comment that says why;
 * - SEX_NOT_RECORDED: a value broken down by sex whose women and men fall short of its total (the
 *   remainder is shown as "sex not recorded");
 * - CORRECTED_AFTER_DEADLINE: the values used come from a correction submitted after the deadline in
 *   force (what was on time is not what the report uses).
 */
export function reportQualityFlags({ snapshot, indicators }: { snapshot: TReportSnapshot; indicators: ReadonlyMap<string, TSnapshotIndicator> }): TQualityFlag[] {
  const flags: TQualityFlag[] = [];
  for (const request of snapshot.requests) {
    const { current } = request;
    if (current?.kind === 'CORRECTION' && current.at > request.deadline) {
      flags.push({
        kind: QualityFlagKind.CORRECTED_AFTER_DEADLINE,
        institutionCode: request.institutionCode,
        indicatorCode: null,
        // The renderers name the institution (and the indicator) beside the text.
        text: inBoth((lang, en) =>
          en
            ? `the values used come from correction v${current.version}, made after the deadline (on ${dayText(current.at, lang)})`
            : `los valores usados vienen de la corrección v${current.version}, hecha después del plazo (el ${dayText(current.at, lang)})`,
        ),
      });
    }
  }
  for (const v of snapshot.values) {
    const indicator = indicators.get(v.indicatorCode);
    if (!indicator) continue;
    if (v.total === null && v.booleanValue === null && v.textValue === null) {
      flags.push({
        kind: QualityFlagKind.NO_DATA_VALUE,
        institutionCode: v.institutionCode,
        indicatorCode: v.indicatorCode,
        text: inBoth((_l, en) => `${en ? 'no data' : 'sin datos'}${v.comment ? ` (${v.comment})` : ''}`),
      });
    }
    const shown = reportValue(indicator, v);
    if (shown.sexNotRecorded !== null && shown.sexNotRecorded > 0) {
      const n = shown.sexNotRecorded;
      flags.push({
        kind: QualityFlagKind.SEX_NOT_RECORDED,
        institutionCode: v.institutionCode,
        indicatorCode: v.indicatorCode,
        text: inBoth((lang, en) =>
          en
            ? `women and men fall short of the total by ${formatNumber(n, lang)} (sex not recorded)`
            : `mujeres y hombres no alcanzan el total por ${formatNumber(n, lang)} (sexo no registrado)`,
        ),
      });
    }
  }
  // Stable sort: within an institution, the order above is kept.
  return flags.sort(byCode);
}
