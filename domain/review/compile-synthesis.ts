import type { TWords } from '../goal-target-text';
import type { TTrendPoint } from '../indicator-trend';
import type { TPlanFile } from '../plan-schema';
import type { TAnnualReport } from '../report/annual-report-model';
import type { ReviewItemKind } from './review-proposal';
import type { TChronicNonReporter, TReviewSynthesis, TSynthesisGoal, TSynthesisIndicator } from './review-model';

/**
 * The parts of an annual report the synthesis reads (a stored {@link TAnnualReport} is one; the activity
 * builds it from the report's JSON file without the rest).
 */
export type TSynthesisReport = {
  cycleYear: number;
  version: number;
  plan: Pick<TAnnualReport['plan'], 'key' | 'version' | 'planYear'>;
  areas: {
    objectives: {
      code: string;
      indicators: { code: string; trend: TTrendPoint[]; values: Pick<TAnnualReport['areas'][number]['objectives'][number]['indicators'][number]['values'][number], 'total' | 'booleanValue' | 'textValue'>[] }[];
      goals: Pick<TAnnualReport['areas'][number]['objectives'][number]['goals'][number], 'code' | 'status'>[];
    }[];
  }[];
  compliance: Pick<TAnnualReport['compliance'][number], 'institutionCode' | 'name' | 'status'>[];
  annex: { rows: Pick<TAnnualReport['annex']['rows'][number], 'indicatorCode' | 'breakdown' | 'value'>[] };
};

/** One stored report version read for a cycle year, and its publication status. */
export type TStoredReport = { status: 'PUBLISHED' | 'DRAFT' | 'SUPERSEDED'; report: TSynthesisReport };

/** Institutions that did not report in at least this many cycles are chronic non-reporters. */
export const CHRONIC_NON_REPORTING_CYCLES = 2;

const words = (text: { en: string; es: string }): TWords => ({ 'es-MX': text.es, en: text.en });

type TReportIndicator = TSynthesisReport['areas'][number]['objectives'][number]['indicators'][number];

function indexReport(report: TSynthesisReport) {
  const indicators = new Map<string, TReportIndicator>();
  const goals = new Map<string, TSynthesisReport['areas'][number]['objectives'][number]['goals'][number]>();
  for (const objective of report.areas.flatMap((a) => a.objectives)) {
    for (const i of objective.indicators) indicators.set(i.code, i);
    for (const g of objective.goals) goals.set(g.code, g);
  }
  const withData = new Set(report.annex.rows.filter((r) => r.breakdown === 'TOTAL' && r.value !== null).map((r) => r.indicatorCode));
  return { report, indicators, goals, withData };
}

/**
 * An indicator's values over the cycle years read: each year's point from that year's own report (what
 * the working group was given for that year, like the goal statuses); a plan year that has no report of
 * its own takes its point from the latest report that holds it (a later report's trend covers the earlier
 * years). Ordered by plan year.
 */
function mergedTrend(code: string, reports: readonly ReturnType<typeof indexReport>[]): TTrendPoint[] {
  const byCycle = new Map<number, TTrendPoint>();
  for (const r of reports) {
    const own = r.indicators.get(code)?.trend.find((p) => p.cycleYear === r.report.cycleYear);
    if (own) byCycle.set(own.cycleYear, own);
  }
  for (const r of [...reports].reverse()) {
    for (const point of r.indicators.get(code)?.trend ?? []) if (!byCycle.has(point.cycleYear)) byCycle.set(point.cycleYear, point);
  }
  return [...byCycle.values()].sort((a, b) => a.planYear - b.planYear);
}

/**
 * What the stored annual reports say about a plan version, for its review (issue 10 §2): per objective, its
 * indicators' values over the years (trend) and whether any report ever held a value for them (a number,
 * yes/no or text, in the report's values, trend or data annex); its goals' status by year as each year's
 * report judged it, the latest, and whether any report could evaluate them; institutions that did not
 * report in {@link CHRONIC_NON_REPORTING_CYCLES} or more cycles; items the plan file still marks
 * needsConfirmation; and the counts of each. Items and their texts come from the plan (in its order),
 * so a plan with no report yet gives every indicator "never with data" and every goal "never evaluable".
 *
 * `reports`: one per cycle year of this plan version (the published version of the year's report, else its
 * latest); a report of another plan version, or two for one year, is a programming error (RangeError).
 * Pure.
 */
export function compileSynthesis({ plan, reports }: { plan: TPlanFile; reports: readonly TStoredReport[] }): TReviewSynthesis {
  for (const { report } of reports) {
    if (report.plan.key !== plan.key || report.plan.version !== plan.version) {
      throw new RangeError(`report ${report.cycleYear} v${report.version} is of plan ${report.plan.key} v${report.plan.version}, not ${plan.key} v${plan.version}`);
    }
  }
  const sorted = [...reports].sort((a, b) => a.report.cycleYear - b.report.cycleYear);
  sorted.forEach((r, i) => {
    if (i > 0 && sorted[i - 1].report.cycleYear === r.report.cycleYear) throw new RangeError(`two reports for cycle ${r.report.cycleYear}`);
  });
  const indexed = sorted.map((r) => indexReport(r.report));

  const indicator = (code: string): TSynthesisIndicator => {
    const item = plan.indicators.find((i) => i.code === code)!;
    const trend = mergedTrend(code, indexed);
    const hadData =
      trend.some((p) => p.total !== null) ||
      indexed.some((r) => r.withData.has(code) || (r.indicators.get(code)?.values ?? []).some((v) => v.total !== null || v.booleanValue !== null || v.textValue !== null));
    return {
      code,
      objectiveCode: item.objectiveCode,
      text: words(item.text),
      trend,
      neverHadData: !hadData,
      needsConfirmation: item.needsConfirmation,
      derivedReporters: item.reporters.filter((r) => r.derived).map((r) => r.institutionCode),
    };
  };

  const goal = (code: string): TSynthesisGoal => {
    const item = plan.goals.find((g) => g.code === code)!;
    const statusByYear = indexed.flatMap((r) => {
      const judged = r.goals.get(code);
      return judged ? [{ cycleYear: r.report.cycleYear, planYear: r.report.plan.planYear, status: judged.status }] : [];
    });
    return {
      code,
      objectiveCode: item.objectiveCode,
      indicatorCode: item.indicatorCode,
      text: words(item.text),
      statusByYear,
      latestStatus: statusByYear.at(-1)?.status ?? null,
      neverEvaluable: statusByYear.every((s) => s.status === 'NOT_EVALUABLE'),
      needsConfirmation: item.needsConfirmation,
    };
  };

  const objectives = plan.objectives.map((o) => ({
    code: o.code,
    areaCode: o.thematicAreaCode,
    text: words(o.text),
    institutionsInCharge: [...o.institutionsInCharge],
    needsConfirmation: o.needsConfirmation,
    indicators: plan.indicators.filter((i) => i.objectiveCode === o.code).map((i) => indicator(i.code)),
    goals: plan.goals.filter((g) => g.objectiveCode === o.code).map((g) => goal(g.code)),
  }));

  const notReported = new Map<string, { name: TWords; years: number[] }>();
  for (const r of indexed) {
    for (const c of r.report.compliance) {
      if (c.status !== 'NOT_REPORTED') continue;
      const entry = notReported.get(c.institutionCode) ?? { name: c.name, years: [] };
      entry.years.push(r.report.cycleYear);
      notReported.set(c.institutionCode, entry);
    }
  }
  const chronicNonReporters: TChronicNonReporter[] = [...notReported]
    .filter(([, e]) => e.years.length >= CHRONIC_NON_REPORTING_CYCLES)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([institutionCode, e]) => ({ institutionCode, name: e.name, years: e.years, cycles: e.years.length }));

  const flagged = (kind: ReviewItemKind, items: readonly { code: string; objectiveCode?: string; needsConfirmation: boolean; confirmationNote?: string }[]) =>
    items.filter((i) => i.needsConfirmation).map((i) => ({ kind, code: i.code, note: i.confirmationNote ?? null }));
  // Per objective: the objective, its lines of action, its indicators, its goals (the report's reading order).
  const needsConfirmation = plan.objectives.flatMap((o) => [
    ...flagged('OBJECTIVE', [o]),
    ...flagged('LINE_OF_ACTION', plan.linesOfAction.filter((l) => l.objectiveCode === o.code)),
    ...flagged('INDICATOR', plan.indicators.filter((i) => i.objectiveCode === o.code)),
    ...flagged('GOAL', plan.goals.filter((g) => g.objectiveCode === o.code)),
  ]);

  const allIndicators = objectives.flatMap((o) => o.indicators);
  const allGoals = objectives.flatMap((o) => o.goals);
  return {
    planKey: plan.key,
    planVersion: plan.version,
    years: sorted.map((r) => r.report.cycleYear),
    reportsRead: sorted.map((r) => ({ cycleYear: r.report.cycleYear, version: r.report.version, status: r.status })),
    objectives,
    chronicNonReporters,
    needsConfirmation,
    counts: {
      indicatorsNeverWithData: allIndicators.filter((i) => i.neverHadData).length,
      goalsNeverEvaluable: allGoals.filter((g) => g.neverEvaluable).length,
      chronicNonReporters: chronicNonReporters.length,
      itemsNeedingConfirmation: needsConfirmation.length,
    },
  };
}
