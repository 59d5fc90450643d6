import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { localizedReport } from './localized-report';

/**
 * The JSON format: {@link localizedReport} pretty-printed (two spaces), keys in the model's order, UTF-8
 * (no escapes for non-ASCII), ending with a newline.
 */
export function renderReportJson(model: TAnnualReport, lang: Locale): Buffer {
  return Buffer.from(`${JSON.stringify(localizedReport(model, lang), null, 2)}\n`, 'utf8');
}
