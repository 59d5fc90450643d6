import type { TAnnexRow } from './annual-report-model';
import { reportValue } from './report-indicator-values';
import type { TReportSnapshot, TSnapshotIndicator, TSnapshotInstitution } from './report-snapshot';

/**
 * The data annex: one row per institution × indicator × breakdown of this cycle's values, by institution
 * code, indicator position (the snapshot's order), then TOTAL, WOMEN, MEN, SEX_NOT_RECORDED. The TOTAL row
 * carries the value whatever its type (number, yes/no, text, or null for "no data"); indicators broken
 * down by sex add WOMEN and MEN where the submission gave them, and SEX_NOT_RECORDED where the total
 * exceeds women + men. The comment goes on the TOTAL row.
 */
export function annexRows({
  snapshot,
  indicators,
  institutions,
}: {
  snapshot: TReportSnapshot;
  indicators: ReadonlyMap<string, TSnapshotIndicator>;
  institutions: ReadonlyMap<string, TSnapshotInstitution>;
}): TAnnexRow[] {
  const rows: TAnnexRow[] = [];
  for (const v of snapshot.values) {
    const indicator = indicators.get(v.indicatorCode);
    if (!indicator) continue;
    const base = { institutionCode: v.institutionCode, institutionKind: institutions.get(v.institutionCode)?.kind ?? 'OTHER', indicatorCode: v.indicatorCode, submissionVersion: v.version };
    const total = indicator.unit === 'YES_NO' ? v.booleanValue : indicator.unit === 'TEXT' ? v.textValue : v.total;
    rows.push({ ...base, breakdown: 'TOTAL', value: total, comment: v.comment });
    if (indicator.disaggregation !== 'SEX') continue;
    if (v.women !== null) rows.push({ ...base, breakdown: 'WOMEN', value: v.women, comment: null });
    if (v.men !== null) rows.push({ ...base, breakdown: 'MEN', value: v.men, comment: null });
    const { sexNotRecorded } = reportValue(indicator, v);
    if (sexNotRecorded !== null && sexNotRecorded > 0) rows.push({ ...base, breakdown: 'SEX_NOT_RECORDED', value: sexNotRecorded, comment: null });
  }
  return rows;
}
