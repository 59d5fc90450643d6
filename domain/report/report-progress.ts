import { GOAL_STATUS_LABELS, goalStatus } from '../goal-status';
import { goalTargetText, type TWords } from '../goal-target-text';
import type { TPlanStart, TPlanYears } from '../plan-years';
import type { TReportArea, TReportGoal, TReportIndicator, TReportObjective } from './annual-report-model';
import type { TFootnotes } from './report-footnotes';
import { aggregateValues, LISTED_INSTITUTIONS_MAX, reportValue } from './report-indicator-values';
import type { TReportSnapshot, TSnapshotGoal, TSnapshotIndicator, TSnapshotInstitution, TSnapshotObjective, TSnapshotValue } from './report-snapshot';
import { reportTrend, type TYearValuesByIndicator } from './report-year-values';

const words = (text: { es: string; en: string }): TWords => ({ 'es-MX': text.es, en: text.en });
const about = (es: string, en: string, code: string): TWords => ({ 'es-MX': `${es} ${code}`, en: `${en} ${code}` });

/** What building the progress section reads, computed once per report. */
export type TProgressContext = {
  snapshot: TReportSnapshot;
  planStart: TPlanStart;
  years: TPlanYears;
  values: TYearValuesByIndicator;
  footnotes: TFootnotes;
  institutions: ReadonlyMap<string, TSnapshotInstitution>;
  /** This cycle's values by indicator code, each list by institution code. */
  valuesByIndicator: ReadonlyMap<string, TSnapshotValue[]>;
  /** Institutions of the cycle that were not exempted: those expected to give the values they report. */
  expected: ReadonlySet<string>;
};

function reportIndicator(indicator: TSnapshotIndicator, ctx: TProgressContext): TReportIndicator {
  const footnotes = [
    ...ctx.footnotes.ofItem(about('indicador', 'indicator', indicator.code), indicator),
    ...ctx.footnotes.ofDerivedReporters(about('indicador', 'indicator', indicator.code), indicator),
  ];
  const values = (ctx.valuesByIndicator.get(indicator.code) ?? []).map((v) => reportValue(indicator, v));
  const given = new Set(values.map((v) => v.institutionCode));
  const listed = ctx.snapshot.requests.length <= LISTED_INSTITUTIONS_MAX;
  return {
    code: indicator.code,
    text: words(indicator.text),
    unit: indicator.unit,
    disaggregation: indicator.disaggregation,
    footnotes,
    values: listed ? values : [],
    aggregate: listed ? null : aggregateValues({ values, institutions: ctx.institutions }),
    missing: indicator.reporters
      .map((r) => r.institutionCode)
      .filter((code) => ctx.expected.has(code) && !given.has(code))
      .sort(),
    trend: reportTrend({ indicator, years: ctx.years, snapshot: ctx.snapshot, values: ctx.values }),
  };
}

function reportGoal(goal: TSnapshotGoal, ctx: TProgressContext): TReportGoal {
  const footnotes = ctx.footnotes.ofItem(about('meta', 'goal', goal.code), goal);
  const result = goalStatus({
    goal: { code: goal.code, indicatorCode: goal.indicatorCode, target: goal.target },
    planStart: ctx.planStart,
    cycleYear: ctx.snapshot.cycle.year,
    values: ctx.values,
  });
  return {
    code: goal.code,
    text: words(goal.text),
    indicatorCode: goal.indicatorCode,
    target: goal.target === null ? null : goalTargetText({ target: goal.target, indicatorCode: goal.indicatorCode }),
    status: result.status,
    statusLabel: GOAL_STATUS_LABELS[result.status],
    rule: result.rule,
    notEvaluable: result.notEvaluable,
    years: result.years,
    footnotes,
  };
}

/** Footnotes are numbered as a reader meets them: the objective, its lines of action, its indicators, its goals. */
function reportObjective(objective: TSnapshotObjective, ctx: TProgressContext): TReportObjective {
  const footnotes = [
    ...ctx.footnotes.ofItem(about('objetivo', 'objective', objective.code), objective),
    ...objective.linesOfAction.flatMap((line) => ctx.footnotes.ofItem(about('línea de acción', 'line of action', line.code), line)),
  ];
  return {
    code: objective.code,
    text: words(objective.text),
    institutions: objective.institutions,
    linesOfAction: objective.linesOfAction.map((line) => ({ code: line.code, text: words(line.text) })),
    indicators: objective.indicators.map((indicator) => reportIndicator(indicator, ctx)),
    goals: objective.goals.map((goal) => reportGoal(goal, ctx)),
    footnotes,
  };
}

/**
 * Progress by objective, in plan order (area → objective → indicators → goals): each indicator's values
 * (listed up to {@link LISTED_INSTITUTIONS_MAX} institutions in the cycle, else aggregated), the
 * institutions expected to report it that gave nothing, its trend; each goal's status by the rules of
 * domain/goal-status.ts with this and earlier cycles' values, and the rule in words.
 */
export function reportProgress(ctx: TProgressContext): TReportArea[] {
  return ctx.snapshot.areas.map((area) => ({
    code: area.code,
    name: words(area.name),
    objectives: area.objectives.map((objective) => reportObjective(objective, ctx)),
  }));
}
