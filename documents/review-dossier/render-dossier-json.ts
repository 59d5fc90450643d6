import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { localized } from '../shared/localized';

/**
 * The JSON format: the dossier model in one language ({@link localized}: every TWords as its `lang`
 * string; codes, figures and texts people wrote as they are), pretty-printed with two spaces, keys in the
 * model's order, UTF-8, ending with a newline. A dossier is small (hundreds of proposals), so it is one
 * `JSON.stringify`.
 */
export function renderDossierJson(model: TReviewDossier, lang: Locale): Buffer {
  return Buffer.from(`${JSON.stringify(localized(model, lang), null, 2)}\n`, 'utf8');
}
