import type { Locale } from '../../../domain/input-bounds';
import type { TReviewDossier } from '../../../domain/review/review-model';
import { instantText } from '../../report/report-text';
import { dossierWords } from '../../review/dossier-labels';
import { titleFacts } from '../../review/dossier-text';

/** The dossier's title page: title, plan, versions (from → to, or undecided), dates, reports read, the round's figures. */
export function DossierTitleBlock({ model, lang }: { model: TReviewDossier; lang: Locale }) {
  const w = dossierWords(lang);
  return (
    <header class="report-title">
      <h1>{w.title(model.fromVersion)}</h1>
      <p class="muted">{model.planTitle[lang]}</p>
      <dl class="facts" id="dossier-facts">
        {titleFacts(model, lang, (iso) => instantText(iso, lang)).map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      {model.toVersion === null ? <p class="notice warning">{w.noCrosswalk}</p> : null}
      <p class="small muted">{w.timeZoneNote}</p>
    </header>
  );
}
