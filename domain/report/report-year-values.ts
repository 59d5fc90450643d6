import { indicatorTrend, type TIndicatorYearValues, type TInstitutionValue, type TTrendPoint } from '../indicator-trend';
import type { TPlanYears } from '../plan-years';
import type { TReportSnapshot, TSnapshotHistoryPoint, TSnapshotIndicator } from './report-snapshot';

/** Indicator code → its values per cycle, as `goalStatus` and `indicatorTrend` read them. */
export type TYearValuesByIndicator = Record<string, TIndicatorYearValues[]>;

/** Earlier cycles arrive summed per indicator; the rules only add values up, so one entry per cycle holds the sums. */
const ALL_INSTITUTIONS = '*';

function historyEntry(point: TSnapshotHistoryPoint): TInstitutionValue {
  return { institutionCode: ALL_INSTITUTIONS, total: point.total, women: point.women, men: point.men };
}

/**
 * The values the goal rules and the trends read: this cycle's, one per institution, and each earlier
 * cycle's as one entry holding the sums over its institutions (the sums are all the rules and the trend
 * use: the year's value is the sum of the totals given, women and men likewise; see
 * domain/indicator-trend.ts). Cycles after the snapshot's are never in it.
 */
export function yearValuesByIndicator(snapshot: TReportSnapshot): TYearValuesByIndicator {
  const byIndicator: TYearValuesByIndicator = {};
  const push = (code: string, cycleYear: number, value: TInstitutionValue) => {
    const years = (byIndicator[code] ??= []);
    const year = years.find((y) => y.cycleYear === cycleYear);
    if (year) (year.values as TInstitutionValue[]).push(value);
    else years.push({ cycleYear, values: [value] });
  };
  for (const point of snapshot.history) push(point.indicatorCode, point.cycleYear, historyEntry(point));
  for (const v of snapshot.values) {
    push(v.indicatorCode, snapshot.cycle.year, { institutionCode: v.institutionCode, total: v.total, women: v.women, men: v.men, comment: v.comment });
  }
  return byIndicator;
}

/**
 * An indicator's trend over the plan years so far (domain/indicator-trend.ts); for earlier cycles, the
 * number of institutions that reported (or had no data) comes from the snapshot's history, since their
 * values arrive summed.
 */
export function reportTrend({
  indicator,
  years,
  snapshot,
  values,
}: {
  indicator: TSnapshotIndicator;
  years: TPlanYears;
  snapshot: TReportSnapshot;
  values: TYearValuesByIndicator;
}): TTrendPoint[] {
  const points = indicatorTrend({ years, cycleYear: snapshot.cycle.year, values: values[indicator.code] ?? [], disaggregation: indicator.disaggregation });
  return points.map((point) => {
    if (point.cycleYear === snapshot.cycle.year) return point;
    const earlier = snapshot.history.find((h) => h.cycleYear === point.cycleYear && h.indicatorCode === indicator.code);
    return earlier ? { ...point, reported: earlier.reported, withoutData: earlier.withoutData } : point;
  });
}
