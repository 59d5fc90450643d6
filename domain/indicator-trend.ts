import type { Breakdown } from './submission';
import { cycleYearOfPlanYear, planYearOfCycle, type TPlanYears } from './plan-years';
import { sexBreakdown, type TSexBreakdown } from './sex-breakdown';

/**
 * One institution's stored value of one indicator for one cycle: its total and, for indicators broken
 * down by sex, the women and men it recorded. `total: null` is "no data" (the institution's comment says
 * why); such a value adds nothing, and neither do its women or men.
 */
export type TInstitutionValue = {
  institutionCode: string;
  total: number | null;
  women?: number | null;
  men?: number | null;
  comment?: string | null;
};

/** An indicator's stored values for one cycle (the calendar year it reported on), one per institution. */
export type TIndicatorYearValues = { cycleYear: number; values: readonly TInstitutionValue[] };

/** An indicator over one plan year: the sum over the institutions that gave a number. */
export type TTrendPoint = {
  planYear: number;
  cycleYear: number;
  /** Sum of the totals given; null when no institution gave a number (no data for the year). */
  total: number | null;
  /** For indicators broken down by sex, the sums of women, men and "sex not recorded"; else null. */
  bySex: Omit<TSexBreakdown, 'total'> | null;
  /** Institutions that gave a number. */
  reported: number;
  /** Institutions whose value is "no data" (null, with a comment). */
  withoutData: number;
};

function sumBySex(values: readonly TInstitutionValue[]): Omit<TSexBreakdown, 'total'> {
  const parts = values.flatMap((v) => (v.total === null ? [] : [sexBreakdown({ total: v.total, women: v.women, men: v.men })]));
  return {
    women: parts.reduce((n, p) => n + p.women, 0),
    men: parts.reduce((n, p) => n + p.men, 0),
    sexNotRecorded: parts.reduce((n, p) => n + p.sexNotRecorded, 0),
  };
}

function trendPoint({ planYear, cycleYear, values, bySex }: { planYear: number; cycleYear: number; values: readonly TInstitutionValue[]; bySex: boolean }): TTrendPoint {
  const given = values.filter((v) => v.total !== null);
  return {
    planYear,
    cycleYear,
    total: given.length === 0 ? null : given.reduce((n, v) => n + (v.total ?? 0), 0),
    bySex: bySex && given.length > 0 ? sumBySex(given) : null,
    reported: given.length,
    withoutData: values.length - given.length,
  };
}

/**
 * An indicator's values over the plan's years so far: one point per plan year from 1 to the plan year of
 * `cycleYear`, in order, each summing the institutions that gave a number that year. A plan year without
 * a cycle, or whose institutions all said "no data", has `total: null`. Cycles before plan year 1 or after
 * `cycleYear` are left out. `disaggregation: 'SEX'` adds the women / men / sex-not-recorded sums.
 */
export function indicatorTrend({
  years,
  cycleYear,
  values,
  disaggregation,
}: {
  years: TPlanYears;
  cycleYear: number;
  values: readonly TIndicatorYearValues[];
  disaggregation: 'NONE' | 'SEX';
}): TTrendPoint[] {
  const last = planYearOfCycle({ years, cycleYear });
  const points: TTrendPoint[] = [];
  for (let planYear = 1; planYear <= last; planYear++) {
    const year = cycleYearOfPlanYear({ years, planYear });
    const stored = values.filter((v) => v.cycleYear === year).flatMap((v) => v.values);
    points.push(trendPoint({ planYear, cycleYear: year, values: stored, bySex: disaggregation === 'SEX' }));
  }
  return points;
}

/** A trend point's value in one breakdown: the total, or the women or men recorded (null: no data). */
export function pointValue(point: TTrendPoint, breakdown: Breakdown): number | null {
  if (breakdown === 'TOTAL' || point.total === null) return point.total;
  if (point.bySex === null) return null;
  return breakdown === 'WOMEN' ? point.bySex.women : point.bySex.men;
}
