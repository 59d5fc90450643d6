import planJson from '../../../domain/plans/mx-nap-1325.v1.json';
import type { GoalStatus } from '../../../domain/goal-status';
import type { TTrendPoint } from '../../../domain/indicator-trend';
import { parsePlanFile } from '../../../domain/plan-schema';
import type { ComplianceStatus } from '../../../domain/report/annual-report-model';
import { annualReportFixture } from '../../support/annual-report-fixture';
import { compileSynthesis, type TStoredReport, type TSynthesisReport } from '../../../domain/review/compile-synthesis';

const plan = parsePlanFile(planJson, 'mx-nap-1325.v1.json');

const point = (planYear: number, total: number | null): TTrendPoint => ({ planYear, cycleYear: 2024 + planYear, total, bySex: null, reported: total === null ? 0 : 1, withoutData: total === null ? 1 : 0 });
const name = (code: string) => ({ 'es-MX': `Institución ${code}`, en: `Institution ${code}` });

/** A report of cycle `year` (plan year year − 2024) judging objective 4 only. */
function report({
  year,
  version = 1,
  totals,
  statuses,
  compliance,
  textValue = null,
}: {
  year: number;
  version?: number;
  /** Indicator code → totals of plan years 1..n. */
  totals: Record<string, (number | null)[]>;
  statuses: Record<string, GoalStatus>;
  compliance: Record<string, ComplianceStatus>;
  textValue?: string | null;
}): TSynthesisReport {
  const planYear = year - 2024;
  return {
    cycleYear: year,
    version,
    plan: { key: 'MX-NAP-1325', version: 1, planYear },
    areas: [
      {
        objectives: [
          {
            code: '4',
            indicators: Object.entries(totals).map(([code, ts]) => ({ code, trend: ts.map((t, i) => point(i + 1, t)), values: [] })),
            goals: Object.entries(statuses).map(([code, status]) => ({ code, status })),
          },
          { code: '2', indicators: [{ code: '2.b', trend: [], values: textValue === null ? [] : [{ total: null, booleanValue: null, textValue }] }], goals: [] },
        ],
      },
    ],
    compliance: Object.entries(compliance).map(([institutionCode, status]) => ({ institutionCode, name: name(institutionCode), status })),
    annex: { rows: [] },
  };
}

const stored = (status: TStoredReport['status'], r: TSynthesisReport): TStoredReport => ({ status, report: r });

const reports: TStoredReport[] = [
  // Given out of order: the synthesis sorts by year.
  stored('DRAFT', report({ year: 2027, version: 2, totals: { '4.a': [1, 0, 3], '4.b': [40, 70, 65], '4.c': [null, null, null] }, statuses: { '4.g1': 'MET', '4.g2': 'MET', '4.g3': 'NOT_EVALUABLE' }, compliance: { SEDENA: 'ON_TIME', SEMAR: 'NOT_REPORTED', SRE: 'NOT_REPORTED' }, textValue: 'Se promovieron acciones.' })),
  stored('PUBLISHED', report({ year: 2025, totals: { '4.a': [1], '4.b': [40], '4.c': [null] }, statuses: { '4.g1': 'ON_TRACK', '4.g2': 'BEHIND', '4.g3': 'NOT_EVALUABLE' }, compliance: { SEDENA: 'ON_TIME', SEMAR: 'NOT_REPORTED', SRE: 'LATE' } })),
  // Its own 2026 point (75) differs from what the 2027 report holds for 2026 (70, after a correction): the year's own report wins.
  stored('PUBLISHED', report({ year: 2026, totals: { '4.a': [1, 0], '4.b': [40, 75], '4.c': [null, null] }, statuses: { '4.g1': 'ON_TRACK', '4.g2': 'MET', '4.g3': 'NOT_EVALUABLE' }, compliance: { SEDENA: 'LATE', SEMAR: 'NOT_REPORTED', SRE: 'ON_TIME' } })),
];

const synthesis = compileSynthesis({ plan, reports });
const indicator = (code: string) => synthesis.objectives.flatMap((o) => o.indicators).find((i) => i.code === code)!;
const goal = (code: string) => synthesis.objectives.flatMap((o) => o.goals).find((g) => g.code === code)!;

describe('compileSynthesis', () => {
  it('reads the years in order and says which report version it read for each', () => {
    expect(synthesis.years).toEqual([2025, 2026, 2027]);
    expect(synthesis.reportsRead).toEqual([
      { cycleYear: 2025, version: 1, status: 'PUBLISHED' },
      { cycleYear: 2026, version: 1, status: 'PUBLISHED' },
      { cycleYear: 2027, version: 2, status: 'DRAFT' },
    ]);
    expect([synthesis.planKey, synthesis.planVersion]).toEqual(['MX-NAP-1325', 1]);
  });

  it("lists every objective, indicator and goal of the plan in its order, with the plan's texts", () => {
    expect(synthesis.objectives.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(synthesis.objectives[3]).toMatchObject({ code: '4', areaCode: 'II', institutionsInCharge: ['SRE', 'SEDENA', 'SEMAR', 'SSPC', 'UNWOMEN'] });
    expect(synthesis.objectives[3].indicators.map((i) => i.code)).toEqual(['4.a', '4.b', '4.c', '4.d']);
    expect(goal('4.g2').text).toEqual({ 'es-MX': '60 mujeres uniformadas capacitadas por año.', en: '60 uniformed women trained per year.' });
  });

  it("an indicator's trend takes each year from that year's own report", () => {
    expect(indicator('4.b').trend.map((p) => [p.cycleYear, p.total])).toEqual([
      [2025, 40],
      [2026, 75],
      [2027, 65],
    ]);
    expect(indicator('4.b').neverHadData).toBe(false);
  });

  it('indicators never with data: only "no data" over the years, or in no report at all; a text value is data', () => {
    expect(indicator('4.c').neverHadData).toBe(true);
    expect(indicator('4.d')).toMatchObject({ trend: [], neverHadData: true, derivedReporters: ['UNWOMEN'] });
    expect(indicator('2.b').neverHadData).toBe(false);
    // 4.a's value 0 is data.
    expect(indicator('4.a').neverHadData).toBe(false);
  });

  it("a goal's status by year, its latest, and goals never evaluable", () => {
    expect(goal('4.g2')).toMatchObject({
      statusByYear: [
        { cycleYear: 2025, planYear: 1, status: 'BEHIND' },
        { cycleYear: 2026, planYear: 2, status: 'MET' },
        { cycleYear: 2027, planYear: 3, status: 'MET' },
      ],
      latestStatus: 'MET',
      neverEvaluable: false,
    });
    expect(goal('4.g3')).toMatchObject({ latestStatus: 'NOT_EVALUABLE', neverEvaluable: true });
    // Judged by no report.
    expect(goal('1.g1')).toMatchObject({ statusByYear: [], latestStatus: null, neverEvaluable: true, needsConfirmation: true });
  });

  it('chronic non-reporting: not reported in two cycles or more', () => {
    expect(synthesis.chronicNonReporters).toEqual([
      { institutionCode: 'SEMAR', name: name('SEMAR'), years: [2025, 2026, 2027], cycles: 3 },
    ]);
    const twice = compileSynthesis({ plan, reports: reports.slice(0, 2) });
    expect(twice.chronicNonReporters.map((c) => [c.institutionCode, c.years])).toEqual([['SEMAR', [2025, 2027]]]);
    expect(compileSynthesis({ plan, reports: reports.slice(1, 2) }).chronicNonReporters).toEqual([]);
  });

  it('items still needing confirmation, objective by objective, with their notes', () => {
    const flagged = synthesis.needsConfirmation.map((i) => `${i.kind} ${i.code}`);
    expect(flagged.slice(0, 4)).toEqual(['GOAL 1.g1', 'GOAL 1.g2', 'INDICATOR 2.b', 'GOAL 2.g1']);
    expect(flagged).toContain('OBJECTIVE 3');
    expect(synthesis.needsConfirmation.find((i) => i.code === '2.b')!.note).toContain('repeats line of action 2.2');
    expect(synthesis.counts.itemsNeedingConfirmation).toBe(flagged.length);
  });

  it('counts', () => {
    expect(synthesis.counts).toMatchObject({ chronicNonReporters: 1 });
    // 23 indicators: only 4.a, 4.b and 2.b ever had data; 21 goals: only 4.g1 and 4.g2 were ever evaluable.
    expect(synthesis.counts.indicatorsNeverWithData).toBe(20);
    expect(synthesis.counts.goalsNeverEvaluable).toBe(19);
  });

  it('with no report (a fresh install), every item is there, never with data and never evaluable', () => {
    const empty = compileSynthesis({ plan, reports: [] });
    expect(empty.years).toEqual([]);
    expect(empty.counts).toEqual({ indicatorsNeverWithData: 23, goalsNeverEvaluable: 21, chronicNonReporters: 0, itemsNeedingConfirmation: synthesis.counts.itemsNeedingConfirmation });
  });

  it('refuses a report of another plan version, or two reports of one year', () => {
    const other = report({ year: 2025, totals: {}, statuses: {}, compliance: {} });
    expect(() => compileSynthesis({ plan, reports: [stored('DRAFT', { ...other, plan: { ...other.plan, version: 2 } })] })).toThrow(RangeError);
    expect(() => compileSynthesis({ plan, reports: [stored('DRAFT', other), stored('PUBLISHED', other)] })).toThrow('two reports for cycle 2025');
  });
});

it('reads a whole annual report model as it is stored (the report fixture)', () => {
  const full = annualReportFixture();
  const result = compileSynthesis({ plan, reports: [{ status: 'PUBLISHED', report: { ...full, plan: { ...full.plan, key: plan.key, version: plan.version } } }] });
  expect(result.years).toEqual([full.cycleYear]);
  const judged = full.areas.flatMap((a) => a.objectives.flatMap((o) => o.goals));
  for (const g of judged) expect(result.objectives.flatMap((o) => o.goals).find((x) => x.code === g.code)!.latestStatus).toBe(g.status);
});
