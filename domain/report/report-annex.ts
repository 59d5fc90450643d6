import type { TAnnexRow } from './annual-report-model';
import { reportValue } from './report-indicator-values';
import type { TReportSnapshot, TSnapshotIndicator, TSnapshotInstitution, TSnapshotValue } from './report-snapshot';

/**
 * One annex row as a plain literal of its seven keys, in the order the JSON writes them (institution,
 * kind, indicator, submission version, breakdown, value, comment). A literal keeps every property inside
 * the object; `{ ...base, breakdown, value, comment }` (as before) made each of the 300,000 rows of a
 * 10,000-entity cycle carry an extra property array, some 3× the memory.
 */
function annexRow(v: TSnapshotValue, institutionKind: string, breakdown: TAnnexRow['breakdown'], value: TAnnexRow['value'], comment: string | null): TAnnexRow {
  return { institutionCode: v.institutionCode, institutionKind, indicatorCode: v.indicatorCode, submissionVersion: v.version, breakdown, value, comment };
}

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
    const kind = institutions.get(v.institutionCode)?.kind ?? 'OTHER';
    const row = (breakdown: TAnnexRow['breakdown'], value: TAnnexRow['value'], comment: string | null) => annexRow(v, kind, breakdown, value, comment);
    const total = indicator.unit === 'YES_NO' ? v.booleanValue : indicator.unit === 'TEXT' ? v.textValue : v.total;
    rows.push(row('TOTAL', total, v.comment));
    if (indicator.disaggregation !== 'SEX') continue;
    if (v.women !== null) rows.push(row('WOMEN', v.women, null));
    if (v.men !== null) rows.push(row('MEN', v.men, null));
    const { sexNotRecorded } = reportValue(indicator, v);
    if (sexNotRecorded !== null && sexNotRecorded > 0) rows.push(row('SEX_NOT_RECORDED', sexNotRecorded, null));
  }
  return rows;
}
