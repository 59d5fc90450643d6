import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { pdfBytes } from '../shared/pdf-engine';
import { reportPdfDefinition } from './report-pdf-definition';

/** The PDF format (formal transmission): see {@link reportPdfDefinition}; identical bytes for the same model. */
export async function renderReportPdf(model: TAnnualReport, lang: Locale): Promise<Buffer> {
  return pdfBytes(reportPdfDefinition(model, lang));
}
