import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { ReviewDossierContent } from '../components/review-dossier/review-dossier-content';
import { PageShell } from '../page-shell';
import { dossierWords } from '../review/dossier-labels';

export interface ReviewDossierPageProps {
  model: TReviewDossier;
  lang: Locale;
  /** The same dossier in the other language, when served by the app. */
  switchLanguageHref?: string;
  /** A file that stands alone (the HTML download): the stylesheet inside the document, as the annual report's. */
  standalone?: boolean;
}

/** The review dossier as a page of the app: the shared shell and stylesheet, wide on a desktop, one column on a phone, printable, no script. */
export function ReviewDossierPage({ model, lang, switchLanguageHref, standalone = false }: ReviewDossierPageProps) {
  return (
    <PageShell lang={lang} title={dossierWords(lang).title(model.fromVersion)} switchLanguageHref={switchLanguageHref} wide inlineStylesheet={standalone}>
      <ReviewDossierContent model={model} lang={lang} />
    </PageShell>
  );
}
