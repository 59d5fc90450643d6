import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { AnnualReportPage } from '../../ui/pages/annual-report-page';
import { renderPage } from '../../ui/render-page';

/**
 * The HTML format: the report as a full document of the app's page system (shared shell, stylesheet
 * inlined so the file stands alone), printable, readable on a phone, without script. UTF-8.
 */
export function renderReportHtml(model: TAnnualReport, lang: Locale): Buffer {
  return Buffer.from(renderPage(<AnnualReportPage model={model} lang={lang} standalone />), 'utf8');
}
