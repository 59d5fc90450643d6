import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { pdfBytes } from '../shared/pdf-engine';
import { dossierPdfDefinition } from './dossier-pdf-definition';

/** The PDF format: see {@link dossierPdfDefinition}; identical bytes for the same model (the annual report's engine). */
export async function renderDossierPdf(model: TReviewDossier, lang: Locale): Promise<Buffer> {
  return pdfBytes(dossierPdfDefinition(model, lang));
}
