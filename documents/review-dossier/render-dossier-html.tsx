import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { ReviewDossierPage } from '../../ui/pages/review-dossier-page';
import { renderPage } from '../../ui/render-page';

/**
 * The HTML format: the dossier as a full document of the app's page system (the annual report's shell and
 * stylesheet, inlined so the file stands alone), printable, readable on a phone, without script. UTF-8.
 */
export function renderDossierHtml(model: TReviewDossier, lang: Locale): Buffer {
  return Buffer.from(renderPage(<ReviewDossierPage model={model} lang={lang} standalone />), 'utf8');
}
