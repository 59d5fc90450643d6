import { GoalComparator, GoalCounting, GoalTargetKind, type TGoalTarget, type TMilestonesTarget, type TShareTarget } from './goal-target';
import { formatNumber, goalTargetText, inBoth, type TWords } from './goal-target-text';
import { indicatorTrend, pointValue, type TIndicatorYearValues } from './indicator-trend';
import type { Locale } from './input-bounds';
import { planYearOfCycle, planYears, type PlanYearBasis, type TPlanStart, type TPlanYears } from './plan-years';
import type { Breakdown } from './submission';

/**
 * Goal status: the rules that turn the values stored for a goal's indicator into a status, stated in
 * words next to it (es-MX and English) so the annual report can show which rule it applied.
 *
 * - MET: the target is reached (for a per-year target: in the year judged; for milestones: every one).
 * - ON_TRACK: not reached yet, but nothing due so far is missing (milestones met so far; a cumulative
 *   count with some progress and its due year still ahead, or no due year).
 * - BEHIND: something due is missing: the year's value is below a per-year target, a milestone's year
 *   fell short, a cumulative count missed its due year, an upper bound was exceeded, a share is off.
 * - NOT_STARTED: nothing recorded yet and nothing due yet; or the cycle reports on a year before the
 *   plan took effect.
 * - NO_DATA: a value the decision needs was not reported (no institution gave a number for that year), and
 *   the values that were reported do not decide it anyway.
 * - NOT_EVALUABLE: the plan does not give what a judgement needs — a measurable target, an indicator that
 *   records what the goal counts, a denominator for a share, a period — and the result names the missing
 *   figure. Nothing is estimated.
 *
 * By kind of target (domain/goal-target.ts):
 * - per year (COUNT or OCCURRENCE, PER_YEAR): the cycle's year alone → MET / BEHIND / NO_DATA. The year
 *   reported on is over, so there is no "on track"; earlier years are listed in the words, not judged
 *   again (a year missed stays in the record without holding every later year behind).
 * - cumulative (COUNT or OCCURRENCE, CUMULATIVE): the total of plan years 1..n → MET / ON_TRACK /
 *   BEHIND (only past a due year, or over an upper bound) / NOT_STARTED / NO_DATA. An occurrence is met
 *   as soon as anything is recorded, so it is never on track.
 * - MILESTONES: each milestone on its own plan year → MET / ON_TRACK / BEHIND / NOT_STARTED / NO_DATA.
 * - SHARE: the year's quotient (PER_YEAR) or that of the totals (CUMULATIVE) → MET / BEHIND / NO_DATA: a
 *   share is a level, not progress towards a number.
 * Every kind is NOT_STARTED for a cycle before plan year 1, and NOT_EVALUABLE when the plan lacks a piece.
 *
 * A cycle's values are judged as a whole plan year (see `plan-years.ts`); a year's value is the sum over
 * the institutions that gave a number (an institution's "no data" adds nothing; a year in which none gave
 * a number has no data).
 */

export const GoalStatus = {
  MET: 'MET',
  ON_TRACK: 'ON_TRACK',
  BEHIND: 'BEHIND',
  NOT_STARTED: 'NOT_STARTED',
  NO_DATA: 'NO_DATA',
  NOT_EVALUABLE: 'NOT_EVALUABLE',
} as const;
export type GoalStatus = (typeof GoalStatus)[keyof typeof GoalStatus];

/** How a status reads in the report. */
export const GOAL_STATUS_LABELS: Record<GoalStatus, TWords> = {
  MET: { 'es-MX': 'cumplida', en: 'met' },
  ON_TRACK: { 'es-MX': 'en curso', en: 'on track' },
  BEHIND: { 'es-MX': 'atrasada', en: 'behind' },
  NOT_STARTED: { 'es-MX': 'sin iniciar', en: 'not started' },
  NO_DATA: { 'es-MX': 'sin datos', en: 'no data' },
  NOT_EVALUABLE: { 'es-MX': 'no evaluable', en: 'not evaluable' },
};

/** What the plan lacks for a goal to be judged. */
export const NotEvaluableReason = {
  /** The goal's text gives no number and no rhythm (or lost them). */
  NO_TARGET: 'NO_TARGET',
  /** No indicator of the plan records what the goal counts. */
  NO_INDICATOR: 'NO_INDICATOR',
  /** A share whose denominator no indicator records. */
  NO_DENOMINATOR: 'NO_DENOMINATOR',
  /** The text lost whether the number is per year or over the plan. */
  NO_PERIOD: 'NO_PERIOD',
} as const;
export type NotEvaluableReason = (typeof NotEvaluableReason)[keyof typeof NotEvaluableReason];

/** The parts of a plan goal the rules read. */
export type TGoalForStatus = { code: string; indicatorCode: string | null; target: TGoalTarget | null };

/** One plan year's value as the rule read it (a share also shows its denominator). */
export type TGoalYear = { planYear: number; cycleYear: number; value: number | null; denominator?: number | null };

export type TGoalStatusResult = {
  goalCode: string;
  status: GoalStatus;
  cycleYear: number;
  /** The plan year the cycle was judged as (below 1: before the plan took effect). */
  planYear: number;
  /** What plan years were counted from: the adoption date, or the first cycle when none is recorded. */
  planYearBasis: PlanYearBasis;
  /** The rule applied and its outcome, in words. */
  rule: TWords;
  /** For NOT_EVALUABLE: why, and the figure that is missing; else null. */
  notEvaluable: { reason: NotEvaluableReason; missing: TWords } | null;
  /** The values read, plan years 1..planYear (empty when not evaluable or before the plan). */
  years: TGoalYear[];
};

type TVerdict = { status: GoalStatus; facts: TWords };
type TGap = { reason: NotEvaluableReason; missing: TWords };

/** What a goal is judged with: its target and the indicators whose values are read. */
type TJudgeable = { target: TGoalTarget; indicatorCode: string; denominatorCode: string | null };

const NO_TARGET_WORDS: TWords = {
  'es-MX': 'una meta medible (el texto de la meta no da cifra ni ritmo)',
  en: "a measurable target (the goal's text gives no number and no rhythm)",
};
const NO_PERIOD_WORDS: TWords = {
  'es-MX': 'el periodo de la meta (por año o en total durante el plan)',
  en: 'the period of the target (per year or in total over the plan)',
};

/** The first thing the plan lacks for this goal to be judged (as a gap), or what it is judged with. */
function judgeable({ target, indicatorCode }: TGoalForStatus): { gap: TGap } | TJudgeable {
  const gap = (reason: NotEvaluableReason, missing: TWords) => ({ gap: { reason, missing } });
  if (target === null) return gap(NotEvaluableReason.NO_TARGET, NO_TARGET_WORDS);
  if (indicatorCode === null) {
    const { figure } = target;
    return gap(NotEvaluableReason.NO_INDICATOR, { 'es-MX': `un indicador que registre ${figure.es}`, en: `an indicator that records the ${figure.en}` });
  }
  if (target.kind === GoalTargetKind.SHARE && target.denominator.indicatorCode === null) {
    const { figure } = target.denominator;
    return gap(NotEvaluableReason.NO_DENOMINATOR, {
      'es-MX': `el denominador, ${figure.es} (ningún indicador del plan lo registra)`,
      en: `the denominator, ${figure.en} (no indicator of the plan records it)`,
    });
  }
  if ((target.kind === GoalTargetKind.COUNT || target.kind === GoalTargetKind.SHARE) && target.counting === null) {
    return gap(NotEvaluableReason.NO_PERIOD, NO_PERIOD_WORDS);
  }
  const denominatorCode = target.kind === GoalTargetKind.SHARE ? target.denominator.indicatorCode : null;
  return { target, indicatorCode, denominatorCode };
}

const valueWords = (value: number | null, lang: Locale) => (value === null ? (lang === 'en' ? 'no data' : 'sin datos') : formatNumber(value, lang));
const yearWords = (y: TGoalYear, en: boolean) => (en ? `plan year ${y.planYear} (${y.cycleYear})` : `año ${y.planYear} del plan (${y.cycleYear})`);
const yearsWords = (series: readonly TGoalYear[], lang: Locale) => series.map((y) => `${yearWords(y, lang === 'en')}: ${valueWords(y.value, lang)}`).join('; ');
const sumOf = (series: readonly TGoalYear[]) => series.reduce((n, y) => n + (y.value ?? 0), 0);
const hasGaps = (series: readonly TGoalYear[]) => series.some((y) => y.value === null);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether `value` satisfies "comparator target" (e.g. 61 AT_LEAST 60). */
function meets(value: number, comparator: GoalComparator, target: number): boolean {
  switch (comparator) {
    case GoalComparator.AT_LEAST:
      return value >= target;
    case GoalComparator.AT_MOST:
      return value <= target;
    case GoalComparator.MORE_THAN:
      return value > target;
    case GoalComparator.LESS_THAN:
      return value < target;
    case GoalComparator.EXACTLY:
      return value === target;
  }
}

const isLowerBound = (comparator: GoalComparator) => comparator === GoalComparator.AT_LEAST || comparator === GoalComparator.MORE_THAN;

/** Judges the year of the cycle alone; earlier years are listed in the words, not judged. */
function judgePerYear({ series, comparator, value }: { series: readonly TGoalYear[]; comparator: GoalComparator; value: number }): TVerdict {
  const current = series[series.length - 1];
  const earlier = series.slice(0, -1);
  const status = current.value === null ? GoalStatus.NO_DATA : meets(current.value, comparator, value) ? GoalStatus.MET : GoalStatus.BEHIND;
  const facts = inBoth((lang, en) => {
    const before = earlier.length === 0 ? '' : ` (${en ? 'earlier years' : 'años anteriores'}: ${yearsWords(earlier, lang)})`;
    return `${yearWords(current, en)}: ${valueWords(current.value, lang)}${before}`;
  });
  return { status, facts };
}

/**
 * A total over plan years 1..n. A lower bound once reached stays reached, and an upper bound (or an
 * exact number) once exceeded stays exceeded, whatever the years without data would add; any other
 * outcome needs every year's value. An upper bound kept is met only once its due year has come (before
 * that, or with no due year, it is on track); a lower bound reached after its due year is met from then on.
 */
function cumulativeStatus({ sum, gaps, comparator, value, due }: { sum: number; gaps: boolean; comparator: GoalComparator; value: number; due: boolean }): GoalStatus {
  const reached = meets(sum, comparator, value);
  const overshot = comparator === GoalComparator.EXACTLY ? sum > value : !isLowerBound(comparator) && !reached;
  if (isLowerBound(comparator) && reached) return GoalStatus.MET;
  if (overshot) return GoalStatus.BEHIND;
  if (gaps) return GoalStatus.NO_DATA;
  if (reached) return comparator === GoalComparator.EXACTLY || due ? GoalStatus.MET : GoalStatus.ON_TRACK;
  if (due) return GoalStatus.BEHIND;
  return sum > 0 ? GoalStatus.ON_TRACK : GoalStatus.NOT_STARTED;
}

function cumulativeWords(series: readonly TGoalYear[], total: string, lang: Locale): string {
  const n = series.length;
  const span = lang === 'en' ? `total of plan years 1–${n}` : `total de los años 1 a ${n} del plan`;
  return `${span}: ${total} (${yearsWords(series, lang)})`;
}

function judgeCumulative({
  series,
  comparator,
  value,
  dueByPlanYear,
}: {
  series: readonly TGoalYear[];
  comparator: GoalComparator;
  value: number;
  dueByPlanYear: number | null;
}): TVerdict {
  const sum = sumOf(series);
  const due = dueByPlanYear !== null && series.length >= dueByPlanYear;
  const status = cumulativeStatus({ sum, gaps: hasGaps(series), comparator, value, due });
  const total = series.every((y) => y.value === null) ? null : sum;
  return { status, facts: inBoth((lang) => cumulativeWords(series, valueWords(total, lang), lang)) };
}

const MilestoneState = { MET: 'MET', MISSED: 'MISSED', NO_DATA: 'NO_DATA', PENDING: 'PENDING' } as const;
type MilestoneState = (typeof MilestoneState)[keyof typeof MilestoneState];

const MILESTONE_WORDS: Record<MilestoneState, TWords> = {
  MET: { 'es-MX': 'cumplido', en: 'met' },
  MISSED: { 'es-MX': 'no cumplido', en: 'missed' },
  NO_DATA: { 'es-MX': 'sin datos', en: 'no data' },
  PENDING: { 'es-MX': 'aún no vence', en: 'not yet due' },
};

/** Each milestone is judged on its own plan year's value: what other years hold does not count for it. */
function milestoneState(milestone: { planYear: number; value: number }, series: readonly TGoalYear[]): MilestoneState {
  if (milestone.planYear > series.length) return MilestoneState.PENDING;
  const value = series[milestone.planYear - 1].value;
  if (value === null) return MilestoneState.NO_DATA;
  return value >= milestone.value ? MilestoneState.MET : MilestoneState.MISSED;
}

function milestonesStatus(states: readonly MilestoneState[], series: readonly TGoalYear[]): GoalStatus {
  if (states.includes(MilestoneState.MISSED)) return GoalStatus.BEHIND;
  if (states.includes(MilestoneState.NO_DATA)) return GoalStatus.NO_DATA;
  if (!states.includes(MilestoneState.PENDING)) return GoalStatus.MET;
  if (states.includes(MilestoneState.MET)) return GoalStatus.ON_TRACK;
  // Nothing due yet.
  if (sumOf(series) > 0) return GoalStatus.ON_TRACK;
  return hasGaps(series) ? GoalStatus.NO_DATA : GoalStatus.NOT_STARTED;
}

function judgeMilestones({ series, target }: { series: readonly TGoalYear[]; target: TMilestonesTarget }): TVerdict {
  const states = target.milestones.map((m) => milestoneState(m, series));
  const facts = inBoth((lang, en) => {
    const each = target.milestones.map((m, i) => `${en ? `plan year ${m.planYear} milestone` : `hito del año ${m.planYear}`}: ${MILESTONE_WORDS[states[i]][lang]}`);
    return `${yearsWords(series, lang)}; ${each.join('; ')}`;
  });
  return { status: milestonesStatus(states, series), facts };
}

/** A share of the year judged (PER_YEAR) or of the totals of plan years 1..n (CUMULATIVE); it needs every value it divides. */
function judgeShare({ series, target }: { series: readonly TGoalYear[]; target: TShareTarget }): TVerdict {
  const used = target.counting === GoalCounting.PER_YEAR ? series.slice(-1) : series;
  const numerators = used.map((y) => y.value);
  const denominators = used.map((y) => y.denominator ?? null);
  const span = (en: boolean) => (used.length === 1 ? yearWords(used[0], en) : en ? `total of plan years 1–${used.length}` : `total de los años 1 a ${used.length} del plan`);
  if (numerators.includes(null) || denominators.includes(null)) {
    const facts = inBoth((lang, en) => {
      const each = used.map((y) => `${yearWords(y, en)}: ${valueWords(y.value, lang)} / ${valueWords(y.denominator ?? null, lang)}`);
      return `${each.join('; ')}`;
    });
    return { status: GoalStatus.NO_DATA, facts };
  }
  const n = numerators.reduce<number>((a, v) => a + (v ?? 0), 0);
  const d = denominators.reduce<number>((a, v) => a + (v ?? 0), 0);
  if (d === 0) {
    return { status: GoalStatus.NO_DATA, facts: inBoth((_l, en) => `${span(en)}: ${en ? 'the denominator is 0, so there is no share' : 'el denominador es 0: no hay porcentaje'}`) };
  }
  const share = (100 * n) / d;
  const facts = inBoth((lang, en) => `${span(en)}: ${formatNumber(n, lang)} ${en ? 'out of' : 'de'} ${formatNumber(d, lang)} = ${formatNumber(share, lang)} %`);
  return { status: meets(share, target.comparator, target.value) ? GoalStatus.MET : GoalStatus.BEHIND, facts };
}

type TValues = Readonly<Record<string, readonly TIndicatorYearValues[]>>;

/** One indicator's values, in one breakdown, for plan years 1..n. */
function seriesOf({ years, cycleYear, values, indicatorCode, breakdown }: { years: TPlanYears; cycleYear: number; values: TValues; indicatorCode: string; breakdown: Breakdown }) {
  const trend = indicatorTrend({ years, cycleYear, values: values[indicatorCode] ?? [], disaggregation: breakdown === 'TOTAL' ? 'NONE' : 'SEX' });
  return trend.map((point) => ({ planYear: point.planYear, cycleYear: point.cycleYear, value: pointValue(point, breakdown) }));
}

function goalSeries({ judged, years, cycleYear, values }: { judged: TJudgeable; years: TPlanYears; cycleYear: number; values: TValues }): TGoalYear[] {
  const { target, indicatorCode, denominatorCode } = judged;
  if (target.kind !== GoalTargetKind.SHARE || denominatorCode === null) return seriesOf({ years, cycleYear, values, indicatorCode, breakdown: 'TOTAL' });
  const numerator = seriesOf({ years, cycleYear, values, indicatorCode, breakdown: target.breakdown });
  const denominator = seriesOf({ years, cycleYear, values, indicatorCode: denominatorCode, breakdown: target.denominator.breakdown });
  return numerator.map((y, i) => ({ ...y, denominator: denominator[i].value }));
}

function judge(target: TGoalTarget, series: readonly TGoalYear[]): TVerdict {
  switch (target.kind) {
    case GoalTargetKind.MILESTONES:
      return judgeMilestones({ series, target });
    case GoalTargetKind.SHARE:
      return judgeShare({ series, target });
    case GoalTargetKind.COUNT:
    case GoalTargetKind.OCCURRENCE: {
      // An occurrence is a count that must be above zero.
      const { comparator, value } = target.kind === GoalTargetKind.COUNT ? target : { comparator: GoalComparator.MORE_THAN, value: 0 };
      if (target.counting === GoalCounting.PER_YEAR) return judgePerYear({ series, comparator, value });
      return judgeCumulative({ series, comparator, value, dueByPlanYear: target.dueByPlanYear });
    }
  }
}

function ruleWords({ target, facts, status }: { target: TWords | null; facts: TWords; status: GoalStatus }): TWords {
  return inBoth((lang) => `${target ? `${target[lang]}. ` : ''}${capitalized(facts[lang])} → ${GOAL_STATUS_LABELS[status][lang]}.`);
}

/**
 * The status of one goal for the cycle of `cycleYear`, with the rule applied in words.
 *
 * `planStart` says what plan years count from: the adoption date, or — while none is recorded — the first
 * cycle's year; the result's `planYearBasis` says which. `values` holds the stored values by indicator
 * code (the goal's indicator and, for a share, its denominator's), one entry per cycle; values of cycles
 * after `cycleYear` are ignored, so a report compiled later judges the same data the same way.
 *
 * Order of the checks: not evaluable (missing target, indicator, denominator or period) → not started
 * (cycle before plan year 1) → the rule of the target's kind.
 */
export function goalStatus({
  goal,
  planStart,
  cycleYear,
  values,
}: {
  goal: TGoalForStatus;
  planStart: TPlanStart;
  cycleYear: number;
  values: TValues;
}): TGoalStatusResult {
  const years = planYears(planStart);
  const planYear = planYearOfCycle({ years, cycleYear });
  const head = { goalCode: goal.code, cycleYear, planYear, planYearBasis: years.basis };
  const targetWords = goal.target === null ? null : goalTargetText({ target: goal.target, indicatorCode: goal.indicatorCode });
  const judged = judgeable(goal);
  if ('gap' in judged) {
    const { gap } = judged;
    const facts = inBoth((lang, en) => `${en ? 'missing' : 'falta'}: ${gap.missing[lang]}`);
    return { ...head, status: GoalStatus.NOT_EVALUABLE, rule: ruleWords({ target: targetWords, facts, status: GoalStatus.NOT_EVALUABLE }), notEvaluable: gap, years: [] };
  }
  if (planYear < 1) {
    const facts = inBoth((_l, en) =>
      en ? `the cycle ${cycleYear} reports on a year before plan year 1 (${years.firstYear})` : `el ciclo ${cycleYear} informa sobre un año anterior al año 1 del plan (${years.firstYear})`,
    );
    return { ...head, status: GoalStatus.NOT_STARTED, rule: ruleWords({ target: targetWords, facts, status: GoalStatus.NOT_STARTED }), notEvaluable: null, years: [] };
  }
  const series = goalSeries({ judged, years, cycleYear, values });
  const verdict = judge(judged.target, series);
  return { ...head, status: verdict.status, rule: ruleWords({ target: targetWords, ...verdict }), notEvaluable: null, years: series };
}
