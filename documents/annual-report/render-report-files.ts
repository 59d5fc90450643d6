import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_FORMATS, DOCUMENT_LANGS, renderDocumentFile, renderDocumentFiles, type TDocumentFormat, type TDocumentLang, type TDocumentRenderers, type TRenderedFile } from '../shared/document-files';
import { renderReportCsv } from './render-report-csv';
import { renderReportHtml } from './render-report-html';
import { renderReportJson } from './render-report-json';
import { renderReportPdf } from './render-report-pdf';
import { renderReportXlsx } from './render-report-xlsx';

export type TReportFormat = TDocumentFormat;
export type TReportLang = TDocumentLang;
export type { TRenderedFile } from '../shared/document-files';

/** The formats, in the order files are rendered and listed (every document's: {@link DOCUMENT_FORMATS}). */
export const REPORT_FORMATS = DOCUMENT_FORMATS;
/** The languages, es-MX first. */
export const REPORT_LANGS = DOCUMENT_LANGS;
/** Each format's Content-Type (text formats say UTF-8). */
export const REPORT_CONTENT_TYPES = DOCUMENT_CONTENT_TYPES;

const RENDERERS: TDocumentRenderers<TAnnualReport> = {
  document: 'report',
  formats: { json: renderReportJson, html: renderReportHtml, pdf: renderReportPdf, xlsx: renderReportXlsx, csv: renderReportCsv },
};

/**
 * One file of the annual report: `model` rendered in `format` and `lang`. Pure with respect to the model:
 * the same model gives the same bytes (no clock, no randomness, no network, no machine locale or zone).
 */
export function renderReportFile(model: TAnnualReport, format: TReportFormat, lang: TReportLang): Promise<TRenderedFile> {
  return renderDocumentFile(RENDERERS, model, format, lang);
}

/**
 * Every file of the annual report: the 5 formats × 2 languages, in a stable order (formats as in
 * {@link REPORT_FORMATS}, es-MX before en within each), rendered one after the other.
 */
export function renderReportFiles(model: TAnnualReport): Promise<TRenderedFile[]> {
  return renderDocumentFiles(RENDERERS, model);
}
