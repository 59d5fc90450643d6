import type { TReviewDossier } from '../../domain/review/review-model';
import { renderDocumentFile, renderDocumentFiles, type TDocumentFormat, type TDocumentLang, type TDocumentRenderers, type TRenderedFile } from '../shared/document-files';
import { renderDossierCsv } from './render-dossier-csv';
import { renderDossierHtml } from './render-dossier-html';
import { renderDossierJson } from './render-dossier-json';
import { renderDossierPdf } from './render-dossier-pdf';
import { renderDossierXlsx } from './render-dossier-xlsx';

const RENDERERS: TDocumentRenderers<TReviewDossier> = {
  document: 'dossier',
  formats: { json: renderDossierJson, html: renderDossierHtml, pdf: renderDossierPdf, xlsx: renderDossierXlsx, csv: renderDossierCsv },
};

/** One file of the review dossier: `dossier` in `format` and `lang`; the same dossier gives the same bytes. */
export function renderReviewDossierFile(dossier: TReviewDossier, format: TDocumentFormat, lang: TDocumentLang): Promise<TRenderedFile> {
  return renderDocumentFile(RENDERERS, dossier, format, lang);
}

/**
 * Every file of the review dossier, in the annual report's formats and languages and its file shape:
 * JSON, HTML, PDF, XLSX, CSV × es-MX, en, in that order, rendered one after the other with the same
 * engines (documents/shared). Pure: the same dossier gives the same bytes.
 */
export function renderReviewDossierFiles(dossier: TReviewDossier): Promise<TRenderedFile[]> {
  return renderDocumentFiles(RENDERERS, dossier);
}
