import type * as Echarts from 'echarts';
import type { GoalStatus } from '../../domain/goal-status';

/** A chart as the PDF embeds it: an SVG string and what it shows (the caption). */
export type TChart = { title: string; svg: string; width: number; height: number };

/** One colour per goal status, the same in every document's charts. */
export const STATUS_COLOURS: Record<GoalStatus, string> = {
  MET: '#1b5e20',
  ON_TRACK: '#2f6db5',
  BEHIND: '#b00020',
  NOT_STARTED: '#a57f2c',
  NO_DATA: '#8c8c8c',
  NOT_EVALUABLE: '#4a4a4a',
};

/** The charts' text: pdfmake's Roboto (the PDF embeds the same font files for the SVG text). */
export const CHART_FONT = { fontFamily: 'Roboto', color: '#1b1b1b' };

/**
 * One chart rendered server-side as SVG (echarts' SSR: no DOM, no animation, fixed size), so that the
 * same option always gives the same SVG string.
 */
export function renderSvg(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  // Loaded on first use, as pdfmake is (documents/shared/pdf-engine.ts): some 40 MB the annex formats do without.
  const echarts = require('echarts') as typeof Echarts;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: CHART_FONT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
