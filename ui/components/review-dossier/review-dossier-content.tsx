import type { Locale } from '../../../domain/input-bounds';
import type { TReviewDossier } from '../../../domain/review/review-model';
import { dossierWords } from '../../review/dossier-labels';
import { DossierCrosswalk } from './dossier-crosswalk';
import { DossierProposals } from './dossier-proposals';
import { DossierSynthesis } from './dossier-synthesis';
import { DossierTitleBlock } from './dossier-title-block';

/**
 * The review dossier's content in one language: title page, 1 Synthesis, 2 Proposals and decisions,
 * 3 Crosswalk. It wears the annual report's classes (`annual-report`), so the one stylesheet lays both
 * documents out alike, on screen, on a phone and in print. No script; user text is escaped by preact.
 */
export function ReviewDossierContent({ model, lang }: { model: TReviewDossier; lang: Locale }) {
  const w = dossierWords(lang);
  return (
    <article class="annual-report review-dossier">
      <DossierTitleBlock model={model} lang={lang} />
      <nav class="report-contents no-print" aria-label={w.contents}>
        <ul class="plain-list">
          <li>
            <a href="#synthesis">{w.synthesis}</a>
          </li>
          <li>
            <a href="#proposals">{w.proposals}</a>
          </li>
          <li>
            <a href="#crosswalk">{w.crosswalk}</a>
          </li>
        </ul>
      </nav>
      <DossierSynthesis model={model} lang={lang} />
      <DossierProposals model={model} lang={lang} />
      <DossierCrosswalk model={model} lang={lang} />
    </article>
  );
}
