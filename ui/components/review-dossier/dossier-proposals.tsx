import type { Locale } from '../../../domain/input-bounds';
import type { TDossierProposal, TReviewDossier } from '../../../domain/review/review-model';
import { instantText } from '../../report/report-text';
import { ACTION_LABELS, DECISION_LABELS, dossierWords } from '../../review/dossier-labels';
import { changeLines, itemName, proposalGroups } from '../../review/dossier-text';

/** The id of a proposal's element: its key with the slashes as dashes (`proposal-SRE-INDICATOR-4.b`). */
export const proposalElementId = (key: string): string => `proposal-${key.replace(/\//g, '-')}`;

function Proposal({ p, indicatorCode, lang }: { p: TDossierProposal; indicatorCode: string | null; lang: Locale }) {
  const w = dossierWords(lang);
  const d = p.decision;
  return (
    <article class="report-goal" id={proposalElementId(p.key)}>
      <p class="indicator-title">
        <span class="code">{p.institutionCode}</span>
        {ACTION_LABELS[p.action][lang]}
        {p.action === 'ADD' && p.objectiveCode ? ` (${w.under(p.objectiveCode)})` : ''}
      </p>
      <p class="small muted">{w.submitted(p.version, instantText(p.submittedAt, lang), p.submittedBy)}</p>
      <dl class="facts">
        {changeLines(p.change, lang, indicatorCode).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd class="user-text" dir="auto">
              {v}
            </dd>
          </>
        ))}
        <dt>{w.justification}</dt>
        <dd class="user-text" dir="auto">
          {p.justification}
        </dd>
        <dt>{w.decision}</dt>
        <dd>
          {d ? (
            <>
              <span class={`status decision-${d.decision}`}>{DECISION_LABELS[d.decision][lang]}</span> <span class="small muted">{w.decidedBy(d.decidedBy, instantText(d.decidedAt, lang))}</span>
            </>
          ) : (
            <em>{w.notDecided}</em>
          )}
        </dd>
        {d
          ? changeLines(d.change, lang, indicatorCode).map(([k, v]) => (
              <>
                <dt>
                  {w.acceptedChange} · {k}
                </dt>
                <dd class="user-text" dir="auto">
                  {v}
                </dd>
              </>
            ))
          : null}
        {d?.note ? (
          <>
            <dt>{w.decisionNote}</dt>
            <dd class="user-text" dir="auto">
              {d.note}
            </dd>
          </>
        ) : null}
      </dl>
      {d?.stale ? <p class="notice warning">{w.stale}</p> : null}
    </article>
  );
}

/**
 * Section 2: the proposals grouped by item (plan order), under each the institutions' proposals with
 * action, change, justification and the secretariat's decision (with its note, and marked when the
 * proposal changed after it). Texts people wrote are shown as written, escaped by preact, `dir="auto"`.
 */
export function DossierProposals({ model, lang }: { model: TReviewDossier; lang: Locale }) {
  const w = dossierWords(lang);
  const groups = proposalGroups(model);
  return (
    <section aria-labelledby="proposals">
      <h2 id="proposals">{w.proposals}</h2>
      {groups.length === 0 ? <p>{w.noProposals}</p> : null}
      {groups.map((g) => (
        <section class="report-objective" id={`item-${g.kind}-${g.code}`} aria-labelledby={`item-${g.kind}-${g.code}-title`}>
          <h3 id={`item-${g.kind}-${g.code}-title`}>
            <span class="code">{itemName(g.kind, g.code, lang)}</span>
            {g.text ? g.text[lang] : null}
          </h3>
          {g.proposals.map((p) => (
            <Proposal p={p} indicatorCode={g.indicatorCode} lang={lang} />
          ))}
        </section>
      ))}
    </section>
  );
}
