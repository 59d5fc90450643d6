import { INSTITUTION_KIND_LABELS } from '../institution-kind-labels';
import type { InstitutionKind } from '../plan-schema';
import { sexBreakdown } from '../sex-breakdown';
import type { TIndicatorAggregate, TReportValue } from './annual-report-model';
import type { TSnapshotIndicator, TSnapshotInstitution, TSnapshotValue } from './report-snapshot';

/** Up to this many institutions in the cycle, the report lists every value; above, it shows aggregates. */
export const LISTED_INSTITUTIONS_MAX = 50;
/** How many of the largest contributors an aggregate names. */
export const TOP_CONTRIBUTORS = 10;

/**
 * A stored value as the report shows it. For an indicator broken down by sex with a total, the part of
 * the total whose sex was not recorded is `sexNotRecorded` (total − women − men, a missing figure counting
 * as 0): shown as such, never spread over women and men (domain/sex-breakdown.ts).
 */
export function reportValue(indicator: TSnapshotIndicator, v: TSnapshotValue): TReportValue {
  const bySex = indicator.disaggregation === 'SEX' && v.total !== null;
  return {
    institutionCode: v.institutionCode,
    total: v.total,
    women: v.women,
    men: v.men,
    sexNotRecorded: bySex ? sexBreakdown({ total: v.total!, women: v.women, men: v.men }).sexNotRecorded : null,
    booleanValue: v.booleanValue,
    textValue: v.textValue,
    comment: v.comment,
  };
}

const KIND_ORDER = Object.keys(INSTITUTION_KIND_LABELS) as InstitutionKind[];

const sumOf = (numbers: (number | null)[]) => {
  const given = numbers.filter((n): n is number => n !== null);
  return given.length === 0 ? null : given.reduce((a, n) => a + n, 0);
};

/**
 * The aggregate shown instead of the list at scale: per institution kind (in the order of
 * INSTITUTION_KIND_LABELS; kinds without a value left out) the number of institutions with a value and
 * the sums of their totals, women and men (null: no number given); the {@link TOP_CONTRIBUTORS} largest
 * totals, descending then by code; and how many institutions are not in that top.
 */
export function aggregateValues({ values, institutions }: { values: TReportValue[]; institutions: ReadonlyMap<string, TSnapshotInstitution> }): TIndicatorAggregate {
  const kindOf = (code: string) => institutions.get(code)?.kind ?? 'OTHER';
  const byKind = KIND_ORDER.flatMap((kind) => {
    const ofKind = values.filter((v) => kindOf(v.institutionCode) === kind);
    if (ofKind.length === 0) return [];
    const withTotal = ofKind.filter((v) => v.total !== null);
    return [
      {
        kind,
        label: INSTITUTION_KIND_LABELS[kind],
        institutions: ofKind.length,
        total: sumOf(ofKind.map((v) => v.total)),
        women: sumOf(withTotal.map((v) => v.women)),
        men: sumOf(withTotal.map((v) => v.men)),
      },
    ];
  });
  const top = values
    .filter((v) => v.total !== null)
    .sort((a, b) => b.total! - a.total! || (a.institutionCode < b.institutionCode ? -1 : a.institutionCode > b.institutionCode ? 1 : 0))
    .slice(0, TOP_CONTRIBUTORS);
  return { byKind, top, others: values.length - top.length };
}
