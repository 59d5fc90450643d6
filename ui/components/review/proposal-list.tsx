import type { Locale } from '../../../domain/input-bounds';
import type { TDossierProposal } from '../../../domain/review/review-model';
import type { DecisionFormError } from '../../pages/reviews-model';
import { reviewsText } from '../../pages/reviews-text';
import { DecisionForm } from './decision-form';
import { ProposalChangeText } from './proposal-change-text';

/**
 * The consolidated proposals, item by item (every institution's proposal on the same item together, under
 * the item's current wording), each with its justification, its decision and — for the secretariat, until publication — the decision form.
 */
export function ProposalList({ lang, proposals, itemTexts, canDecide, action, csrfToken, error }: { lang: Locale; proposals: readonly TDossierProposal[]; itemTexts: Readonly<Record<string, { es: string; en: string }>>; canDecide: boolean; action: string; csrfToken: string; error?: DecisionFormError }) {
  const t = reviewsText(lang);
  const byItem = new Map<string, TDossierProposal[]>();
  for (const p of proposals) byItem.set(`${p.kind}/${p.code}`, [...(byItem.get(`${p.kind}/${p.code}`) ?? []), p]);
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t.proposals}</h2>
      {proposals.length === 0 ? <p>{t.noProposals}</p> : null}
      {[...byItem.entries()].map(([item, list]) => (
        <article key={item} class="proposal-item">
          <h3>
            {t.kind[list[0].kind]} {list[0].code}
          </h3>
          {itemTexts[item] ? (
            <p class="current-wording">
              <span class="muted">{t.currentWording}:</span> {lang === 'en' ? itemTexts[item].en : itemTexts[item].es}
            </p>
          ) : (
            <p class="muted">{t.newItem}</p>
          )}
          {list.map((p) => (
            <div key={p.key} class="proposal" id={`p-${p.key.replace(/[^A-Za-z0-9-]/g, '-')}`}>
              <p>
                <strong>{p.institutionCode}</strong> · {t.action[p.action]}
                {p.objectiveCode && p.action === 'ADD' ? ` (${t.kind.OBJECTIVE.toLowerCase()} ${p.objectiveCode})` : ''}
              </p>
              <ProposalChangeText lang={lang} change={p.change} />
              <p>
                <span class="muted">{t.justification}:</span> {p.justification}
              </p>
              <p>
                <span class="muted">{t.decision}:</span> {p.decision ? t.decisions[p.decision.decision] : t.undecided}
                {p.decision?.note ? ` — ${p.decision.note}` : ''}
              </p>
              {p.decision?.stale ? <p class="warning">{t.stale}</p> : null}
              {canDecide ? <DecisionForm lang={lang} proposal={p} action={action} csrfToken={csrfToken} error={error} /> : null}
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}
