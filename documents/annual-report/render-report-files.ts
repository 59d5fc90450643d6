import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_FORMATS, DOCUMENT_LANGS, renderDocumentFile, renderDocumentFiles, type TDocumentFormat, type TDocumentLang, type TDocumentRenderers, type TRenderedFile } from '../shared/document-files';
import { renderReportCsv } from './render-report-csv';
import { renderReportHtml } from './render-report-html';
import { renderReportJson, reportJsonPieces } from './render-report-json';
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

/** A file of the annual report as pieces of bytes, and whether it is worth keeping compressed. */
export type TReportFilePieces = { contentType: string; pieces: Iterable<string | Buffer>; compressible: boolean };

/** Text formats: kept compressed (the JSON and CSV annexes shrink some 50× and 15×); PDF and XLSX are compressed already. */
const COMPRESSIBLE: Record<TReportFormat, boolean> = { json: true, html: true, csv: true, pdf: false, xlsx: false };

/**
 * One file of the annual report as pieces, for the activity that stores it: the JSON (68 MB at 10,000
 * entities) as it is written, a few thousand annex rows at a time ({@link reportJsonPieces}), so it is
 * compressed as it comes and never held whole; the other formats as their one buffer. Joined, the pieces
 * are {@link renderReportFile}'s bytes.
 */
export async function reportFilePieces(model: TAnnualReport, format: TReportFormat, lang: TReportLang): Promise<TReportFilePieces> {
  if (format === 'json' && REPORT_LANGS.includes(lang)) return { contentType: REPORT_CONTENT_TYPES.json, pieces: reportJsonPieces(model, lang), compressible: true };
  const file = await renderReportFile(model, format, lang);
  return { contentType: file.contentType, pieces: [file.content], compressible: COMPRESSIBLE[format] };
}
