import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport, TReportIndicator } from '../../domain/report/annual-report-model';
import { reportWords } from '../../ui/report/report-labels';
import { CHART_FONT, renderSvg, STATUS_COLOURS, type TChart } from '../shared/chart-svg';

/** A chart as the PDF embeds it: an SVG string and what it shows (the caption). */
export type TReportChart = TChart;

/** At most this many charts in a PDF: thousands of indicators must not make thousands of pages. */
export const MAX_CHARTS = 40;

/** Goals per objective, stacked by status (one colour per status, the legend in `lang`). */
export function statusByObjectiveChart(model: TAnnualReport, lang: Locale): TReportChart {
  const objectives = model.areas.flatMap((a) => a.objectives);
  const width = 500;
  const height = Math.max(160, 60 + objectives.length * 22);
  const series = Object.values(GoalStatus).map((status) => ({
    name: GOAL_STATUS_LABELS[status][lang],
    type: 'bar',
    stack: 'goals',
    itemStyle: { color: STATUS_COLOURS[status] },
    data: objectives.map((o) => o.goals.filter((g) => g.status === status).length),
  }));
  const option = {
    legend: { bottom: 0, textStyle: { ...CHART_FONT, fontSize: 10 }, itemWidth: 12, itemHeight: 10 },
    grid: { left: 40, right: 16, top: 10, bottom: 50 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: objectives.map((o) => o.code) },
    series,
  };
  return { title: reportWords(lang).chartStatusByObjective, svg: renderSvg(option, width, height), width, height };
}

/** Women, men and "sex not recorded" per plan year of an indicator broken down by sex. */
export function womenShareChart(indicator: TReportIndicator, lang: Locale): TReportChart | null {
  const points = indicator.trend.filter((p) => p.bySex !== null && p.total !== null && p.total > 0);
  if (indicator.disaggregation !== 'SEX' || points.length === 0) return null;
  const w = reportWords(lang);
  const share = (n: number, total: number | null) => Math.round((n / (total ?? 1)) * 1000) / 10;
  const parts = [
    { name: w.women, colour: '#611232', of: (p: (typeof points)[number]) => share(p.bySex?.women ?? 0, p.total) },
    { name: w.men, colour: '#a57f2c', of: (p: (typeof points)[number]) => share(p.bySex?.men ?? 0, p.total) },
    { name: w.sexNotRecorded, colour: '#8c8c8c', of: (p: (typeof points)[number]) => share(p.bySex?.sexNotRecorded ?? 0, p.total) },
  ];
  const width = 500;
  const height = 90 + points.length * 26;
  const option = {
    legend: { bottom: 0, textStyle: { ...CHART_FONT, fontSize: 10 } },
    grid: { left: 50, right: 24, top: 10, bottom: 40 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', inverse: true, data: points.map((p) => String(p.cycleYear)) },
    series: parts.map((part) => ({
      name: part.name,
      type: 'bar',
      stack: 'share',
      itemStyle: { color: part.colour },
      label: { show: true, fontSize: 9, color: '#fff', formatter: '{c} %' },
      // A segment too narrow for its label shows none (the legend and the trend list give the figure).
      data: points.map((p) => {
        const v = part.of(p);
        return { value: v, label: { show: v >= 8 } };
      }),
    })),
  };
  return { title: w.chartWomenShare(indicator.code), svg: renderSvg(option, width, height), width, height };
}

/** An indicator's total per plan year (a year without a number is a gap, not a zero). */
export function trendChart(indicator: TReportIndicator, lang: Locale): TReportChart | null {
  if (!indicator.trend.some((p) => p.total !== null)) return null;
  const width = 500;
  const height = 180;
  const option = {
    grid: { left: 60, right: 24, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: indicator.trend.map((p) => String(p.cycleYear)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        itemStyle: { color: '#9d2449' },
        label: { show: true, position: 'top', fontSize: 10 },
        data: indicator.trend.map((p) => p.total),
        barMaxWidth: 48,
      },
    ],
  };
  return { title: reportWords(lang).chartTrend(indicator.code), svg: renderSvg(option, width, height), width, height };
}

/**
 * The charts of one indicator in the PDF: its women's share (indicators by sex) and its trend (when it
 * has a number in some plan year). `budget` is how many charts may still be drawn; none beyond it.
 */
export function indicatorCharts(indicator: TReportIndicator, lang: Locale, budget: number): TReportChart[] {
  const charts: TReportChart[] = [];
  for (const make of [womenShareChart, trendChart]) {
    if (charts.length >= budget) break;
    const chart = make(indicator, lang);
    if (chart) charts.push(chart);
  }
  return charts;
}
