import { withCode } from '../../domain/institution-name';
import { RequestFacts } from '../components/request-facts';
import { requestStatusLabel } from '../../domain/request-status-labels';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { NewItemInputs, ReviewItemInputs } from '../components/review-item-inputs';
import { PageShell } from '../page-shell';
import { ExtensionForm, extensionSentence } from './respond-page';
import { respondText } from './respond-text';
import type { ReviewProposalRow, ReviewRespondPageModel } from './review-respond-model';
import { reviewRespondText } from './review-respond-text';

/**
 * The page an institution's contact reaches from a plan review's request email: one fieldset per item in
 * charge, grouped under its objective (keep / modify / retire, justification, the changes), a few rows to
 * add items, a general comment; save a draft, submit, or correct with a reason while the window is open;
 * read only after; the extension request as for data. No script needed; one column on a phone.
 */
export function ReviewRespondPage(m: ReviewRespondPageModel) {
  const t = reviewRespondText(m.lang);
  const rt = respondText(m.lang);
  const name = m.lang === 'en' ? m.institution.name.en : m.institution.name.es;
  const editable = m.mode !== 'READ_ONLY';
  return (
    <PageShell lang={m.lang} title={`${t.title(m.planVersion)} — ${m.institution.code}`} switchLanguageHref={m.urls.switchLanguage} nonce={m.nonce}>
      <h1>
        {t.title(m.planVersion)}: {withCode(name, m.institution.code)}
      </h1>
      <RequestFacts lang={m.lang} deadlineText={m.deadlineText} status={m.status} latest={m.latest} kindLabel={t.receiptKind} />
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={m.lang} errors={m.errors} />
      {m.extension ? <Notice kind={m.extension.state === 'REJECTED' ? 'warning' : 'ok'}>{extensionSentence(m)}</Notice> : null}
      {m.mode === 'CORRECT' && m.latest ? <p>{t.correctIntro(m.latest.version, m.correctionEndsText ?? '')}</p> : null}
      {m.mode === 'EDIT' ? <p>{t.intro}</p> : null}
      {m.mode === 'READ_ONLY' ? (
        <>
          <Notice kind="warning">{m.status === 'SUBMITTED' ? t.readOnlySubmitted : (rt.readOnlyEnded[m.status] ?? t.readOnlySubmitted)}</Notice>
          {m.endReason ? (
            <p>
              {rt.reasonGiven}: {m.endReason}
            </p>
          ) : null}
        </>
      ) : null}
      {m.urls.receipt ? (
        <p>
          <a href={m.urls.receipt}>{rt.receiptLink}</a>
        </p>
      ) : null}
      {editable ? <ProposalForm {...m} /> : <ProposalRows lang={m.lang} rows={m.latestRows ?? []} title={t.received} narrative={m.narrative} />}
      {m.mode === 'EDIT' && m.extension?.state !== 'PENDING' ? <ExtensionForm {...m} /> : null}
    </PageShell>
  );
}

function ProposalForm(m: ReviewRespondPageModel) {
  const t = reviewRespondText(m.lang);
  const rt = respondText(m.lang);
  return (
    <form method="post" action={m.urls.form} noValidate>
      {m.groups.map((g) => (
        <section class="review-objective" aria-labelledby={`objective-${g.objective.code}`}>
          <h2 id={`objective-${g.objective.code}`}>
            {t.objective(g.objective.code)}: {m.lang === 'en' ? g.objective.text.en : g.objective.text.es}
          </h2>
          {g.objective.inCharge ? null : <p class="muted">{t.contextOnly}</p>}
          {g.items.map((item) => (
            <ReviewItemInputs lang={m.lang} item={item} fields={m.fields} fieldErrors={m.fieldErrors} />
          ))}
        </section>
      ))}
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t.addTitle}</h2>
        <p>{t.addIntro}</p>
        {Array.from({ length: m.addRows }, (_, i) => (
          <NewItemInputs lang={m.lang} n={i + 1} objectives={m.addObjectives} fields={m.fields} fieldErrors={m.fieldErrors} />
        ))}
      </section>
      <Field id="narrative" label={t.narrative} hint={t.narrativeHint} error={m.fieldErrors.narrative}>
        <textarea id="narrative" name="narrative" rows={4} maxLength={20000} aria-describedby={describedBy('narrative', { hint: true, error: m.fieldErrors.narrative })} value={m.narrative} />
      </Field>
      {m.mode === 'CORRECT' ? (
        <Field id="reason" label={rt.reason} hint={rt.reasonHint} error={m.fieldErrors.reason}>
          <textarea id="reason" name="reason" rows={3} maxLength={2000} required aria-describedby={describedBy('reason', { hint: true, error: m.fieldErrors.reason })} value={m.reason} />
        </Field>
      ) : null}
      <div class="actions">
        {m.mode === 'EDIT' ? (
          <>
            <button type="submit" name="final" value="false" class="secondary">
              {rt.saveDraft}
            </button>
            <button type="submit" name="final" value="true">
              {t.submitFinal}
            </button>
          </>
        ) : (
          <button type="submit" name="final" value="true">
            {rt.submitCorrection}
          </button>
        )}
      </div>
    </form>
  );
}

/** Proposals as received (read-only page, receipt): one entry per proposal, its changes and justification below. */
export function ProposalRows({ lang, rows, title, narrative }: { lang: 'es-MX' | 'en'; rows: ReviewProposalRow[]; title: string; narrative?: string }) {
  const t = reviewRespondText(lang);
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{title}</h2>
      {rows.length === 0 ? <p>{t.noProposals}</p> : null}
      <ul class="proposal-rows">
        {rows.map((r) => (
          <li>
            <strong>{r.head}</strong>
            {r.lines.map((line) => (
              <span class="proposal-line">{line}</span>
            ))}
          </li>
        ))}
      </ul>
      {narrative ? (
        <>
          <h2>{t.narrative}</h2>
          <p class="narrative">{narrative}</p>
        </>
      ) : null}
    </section>
  );
}
