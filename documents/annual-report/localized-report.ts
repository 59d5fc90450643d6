import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { localized, type TLocalized } from '../shared/localized';

/** The annual report in one language: the JSON format. */
export type TLocalizedReport = TLocalized<TAnnualReport>;

/**
 * The annual report in one language ({@link localized}): every TWords as its `lang` string, keys in the
 * model's order. Parts without TWords (the annex rows, 300,000 at scale) are shared with the model rather
 * than copied, so treat the result as read-only.
 */
export function localizedReport(model: TAnnualReport, lang: Locale): TLocalizedReport {
  return localized(model, lang);
}
