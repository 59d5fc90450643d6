import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import type { Locale } from '../../domain/input-bounds';
import type { TSynthesisObjective } from '../../domain/review/review-model';
import { dossierWords } from '../../ui/review/dossier-labels';
import { CHART_FONT, renderSvg, STATUS_COLOURS, type TChart } from '../shared/chart-svg';

/** At most this many charts in a dossier's PDF (one per objective with goals; a plan has about ten). */
export const MAX_DOSSIER_CHARTS = 40;

/**
 * An objective's goals per cycle year, stacked by status (the annual report's colours, the legend in
 * `lang`): how the objective's goals moved over the plan's years. Null for an objective without goals.
 */
export function goalsByYearChart(objective: TSynthesisObjective, years: readonly number[], lang: Locale): TChart | null {
  if (objective.goals.length === 0 || years.length === 0) return null;
  const width = 500;
  const height = 90 + years.length * 26;
  const series = Object.values(GoalStatus).map((status) => ({
    name: GOAL_STATUS_LABELS[status][lang],
    type: 'bar',
    stack: 'goals',
    itemStyle: { color: STATUS_COLOURS[status] },
    data: years.map((y) => objective.goals.filter((g) => g.statusByYear.some((s) => s.cycleYear === y && s.status === status)).length),
  }));
  const option = {
    legend: { bottom: 0, textStyle: { ...CHART_FONT, fontSize: 10 }, itemWidth: 12, itemHeight: 10 },
    grid: { left: 50, right: 16, top: 10, bottom: 50 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: years.map(String) },
    series,
  };
  return { title: dossierWords(lang).chartGoalsByYear(objective.code), svg: renderSvg(option, width, height), width, height };
}
