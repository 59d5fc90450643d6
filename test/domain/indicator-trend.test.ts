import { indicatorTrend, pointValue, type TIndicatorYearValues } from '../../domain/indicator-trend';
import { planYears } from '../../domain/plan-years';
import { sexBreakdown } from '../../domain/sex-breakdown';

const years = planYears({ adoptedOn: '2025-03-08', firstCycleYear: 2025 });

describe('sexBreakdown', () => {
  it('shows what women and men leave of the total as "sex not recorded", never spread', () => {
    expect(sexBreakdown({ total: 10, women: 4, men: 3 })).toEqual({ total: 10, women: 4, men: 3, sexNotRecorded: 3 });
    expect(sexBreakdown({ total: 10, women: 4, men: 6 })).toEqual({ total: 10, women: 4, men: 6, sexNotRecorded: 0 });
    expect(sexBreakdown({ total: 10, women: 4 })).toEqual({ total: 10, women: 4, men: 0, sexNotRecorded: 6 });
    expect(sexBreakdown({ total: 10, women: null, men: null })).toEqual({ total: 10, women: 0, men: 0, sexNotRecorded: 10 });
  });

  it('refuses women and men above the total instead of correcting them', () => {
    expect(() => sexBreakdown({ total: 5, women: 4, men: 3 })).toThrow('women (4) + men (3) exceed the total (5)');
  });
});

describe('indicatorTrend', () => {
  // 2.a (public officials trained), broken down by sex, reported by INMUJERES and UN Women.
  const values: TIndicatorYearValues[] = [
    { cycleYear: 2024, values: [{ institutionCode: 'INMUJERES', total: 999 }] },
    {
      cycleYear: 2025,
      values: [
        { institutionCode: 'INMUJERES', total: 40, women: 25, men: 10 },
        { institutionCode: 'UNWOMEN', total: 12 },
      ],
    },
    // 2026: no cycle at all.
    {
      cycleYear: 2027,
      values: [
        { institutionCode: 'INMUJERES', total: null, comment: 'Sin capacitaciones por recorte presupuestal.' },
        { institutionCode: 'UNWOMEN', total: 30, women: 30, men: 0 },
      ],
    },
    { cycleYear: 2028, values: [{ institutionCode: 'INMUJERES', total: 1 }] },
  ];

  it('gives one point per plan year so far, summing the institutions that gave a number', () => {
    const trend = indicatorTrend({ years, cycleYear: 2027, values, disaggregation: 'SEX' });
    expect(trend).toEqual([
      { planYear: 1, cycleYear: 2025, total: 52, bySex: { women: 25, men: 10, sexNotRecorded: 17 }, reported: 2, withoutData: 0 },
      { planYear: 2, cycleYear: 2026, total: null, bySex: null, reported: 0, withoutData: 0 },
      { planYear: 3, cycleYear: 2027, total: 30, bySex: { women: 30, men: 0, sexNotRecorded: 0 }, reported: 1, withoutData: 1 },
    ]);
    expect(pointValue(trend[0], 'WOMEN')).toBe(25);
    expect(pointValue(trend[0], 'TOTAL')).toBe(52);
    expect(pointValue(trend[1], 'MEN')).toBeNull();
  });

  it('leaves the sex breakdown out for indicators that are not broken down by sex', () => {
    const trend = indicatorTrend({ years, cycleYear: 2025, values, disaggregation: 'NONE' });
    expect(trend).toEqual([{ planYear: 1, cycleYear: 2025, total: 52, bySex: null, reported: 2, withoutData: 0 }]);
    expect(pointValue(trend[0], 'WOMEN')).toBeNull();
  });

  it('has no points for a cycle before the plan, and a year where everyone said "no data" has no total', () => {
    expect(indicatorTrend({ years, cycleYear: 2024, values, disaggregation: 'NONE' })).toEqual([]);
    const allNoData = [{ cycleYear: 2025, values: [{ institutionCode: 'SRE', total: null, comment: 'No aplica' }] }];
    expect(indicatorTrend({ years, cycleYear: 2025, values: allNoData, disaggregation: 'SEX' })).toEqual([
      { planYear: 1, cycleYear: 2025, total: null, bySex: null, reported: 0, withoutData: 1 },
    ]);
  });
});
