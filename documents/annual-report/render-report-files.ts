import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { renderReportCsv } from './render-report-csv';
import { renderReportHtml } from './render-report-html';
import { renderReportJson } from './render-report-json';
import { renderReportPdf } from './render-report-pdf';
import { renderReportXlsx } from './render-report-xlsx';

export type TReportFormat = 'json' | 'html' | 'pdf' | 'xlsx' | 'csv';
export type TReportLang = 'es-MX' | 'en';
export type TRenderedFile = { format: TReportFormat; lang: TReportLang; contentType: string; content: Buffer };

/** The formats, in the order files are rendered and listed. */
export const REPORT_FORMATS: readonly TReportFormat[] = ['json', 'html', 'pdf', 'xlsx', 'csv'];
/** The languages, es-MX first. */
export const REPORT_LANGS: readonly TReportLang[] = ['es-MX', 'en'];

/** Each format's Content-Type (text formats say UTF-8). */
export const REPORT_CONTENT_TYPES: Record<TReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const RENDERERS: Record<TReportFormat, (model: TAnnualReport, lang: TReportLang) => Buffer | Promise<Buffer>> = {
  json: renderReportJson,
  html: renderReportHtml,
  pdf: renderReportPdf,
  xlsx: renderReportXlsx,
  csv: renderReportCsv,
};

/**
 * One file of the annual report: `model` rendered in `format` and `lang`. Pure with respect to the model:
 * the same model gives the same bytes (no clock, no randomness, no network, no machine locale or zone).
 */
export async function renderReportFile(model: TAnnualReport, format: TReportFormat, lang: TReportLang): Promise<TRenderedFile> {
  const render = RENDERERS[format];
  if (!render) throw new RangeError(`unknown report format "${String(format)}"`);
  if (!REPORT_LANGS.includes(lang)) throw new RangeError(`unknown report language "${String(lang)}"`);
  return { format, lang, contentType: REPORT_CONTENT_TYPES[format], content: await render(model, lang) };
}

/**
 * Every file of the annual report: the 5 formats × 2 languages, in a stable order (formats as in
 * {@link REPORT_FORMATS}, es-MX before en within each). Rendered one after the other, so memory holds
 * one large file being built at a time.
 */
export async function renderReportFiles(model: TAnnualReport): Promise<TRenderedFile[]> {
  const files: TRenderedFile[] = [];
  for (const format of REPORT_FORMATS) {
    for (const lang of REPORT_LANGS) files.push(await renderReportFile(model, format, lang));
  }
  return files;
}
