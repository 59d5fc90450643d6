import { withCode } from '../../domain/institution-name';
import { RequestFacts } from '../components/request-facts';
import { requestStatusLabel } from '../../domain/request-status-labels';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { IndicatorInputs } from '../components/indicator-inputs';
import { Notice } from '../components/notice';
import { ValuesTable } from '../components/values-table';
import { PageShell } from '../page-shell';
import type { RespondPageModel } from './respond-model';
import { respondText } from './respond-text';

/**
 * The page an agency contact reaches from the emailed link, for the whole life of a request: the form
 * (draft or final), the same form with a required reason while a submitted report may be corrected, a
 * read-only view once nothing may change; the extension request and its state; errors listed at the top
 * and in place. Works without JavaScript (plain form posts); the one script adds live sums.
 */
export function RespondPage(m: RespondPageModel) {
  const t = respondText(m.lang);
  const name = m.lang === 'en' ? m.institution.name.en : m.institution.name.es;
  const editable = m.mode !== 'READ_ONLY';
  return (
    <PageShell lang={m.lang} title={`${t.title(m.year)} — ${m.institution.code}`} switchLanguageHref={m.urls.switchLanguage} nonce={m.nonce} withScript={editable}>
      <h1>
        {t.title(m.year)}: {withCode(name, m.institution.code)}
      </h1>
      <RequestFacts lang={m.lang} deadlineText={m.deadlineText} status={m.status} latest={m.latest} kindLabel={t.receiptKind} />
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={m.lang} errors={m.errors} />
      {m.extension ? <Notice kind={m.extension.state === 'REJECTED' ? 'warning' : 'ok'}>{extensionSentence(m)}</Notice> : null}
      {m.mode === 'CORRECT' && m.latest ? <p>{t.correctIntro(m.latest.version, m.correctionEndsText ?? '')}</p> : null}
      {m.mode === 'READ_ONLY' ? <ReadOnlyIntro {...m} /> : null}
      {m.mode === 'EDIT' ? (
        <>
          <p>{t.intro}</p>
          <p class="muted">{t.noDataHint}</p>
        </>
      ) : null}
      {m.urls.receipt ? (
        <p>
          <a href={m.urls.receipt}>{t.receiptLink}</a>
        </p>
      ) : null}
      {editable ? <ResponseForm {...m} /> : <ReadOnlyValues {...m} />}
      {m.mode === 'EDIT' && m.extension?.state !== 'PENDING' ? <ExtensionForm {...m} /> : null}
    </PageShell>
  );
}

function ReadOnlyValues(m: RespondPageModel) {
  const t = respondText(m.lang);
  return (
    <>
      <ValuesTable lang={m.lang} rows={m.latestRows ?? []} caption={t.valuesReceived} />
      {m.narrative ? (
        <>
          <h2>{t.narrative}</h2>
          <p class="narrative">{m.narrative}</p>
        </>
      ) : null}
    </>
  );
}

function ResponseForm(m: RespondPageModel) {
  const t = respondText(m.lang);
  return (
    <form method="post" action={m.urls.form} noValidate>
      {m.groups.map((g) => (
        <fieldset>
          <legend>
            {t.objective(g.objective.code)}: {m.lang === 'en' ? g.objective.text.en : g.objective.text.es}
          </legend>
          {g.indicators.map((indicator) => (
            <IndicatorInputs lang={m.lang} indicator={indicator} values={m.values} comments={m.comments} fieldErrors={m.fieldErrors} />
          ))}
        </fieldset>
      ))}
      <Field id="narrative" label={t.narrative} hint={t.narrativeHint} error={m.fieldErrors.narrative}>
        <textarea id="narrative" name="narrative" rows={6} maxLength={20000} aria-describedby={describedBy('narrative', { hint: true, error: m.fieldErrors.narrative })} value={m.narrative} />
      </Field>
      {m.mode === 'CORRECT' ? (
        <Field id="reason" label={t.reason} hint={t.reasonHint} error={m.fieldErrors.reason}>
          <textarea id="reason" name="reason" rows={3} maxLength={2000} required aria-describedby={describedBy('reason', { hint: true, error: m.fieldErrors.reason })} value={m.reason} />
        </Field>
      ) : null}
      {m.mode === 'EDIT' ? (
        <div class="actions">
          <button type="submit" name="final" value="false" class="secondary">
            {t.saveDraft}
          </button>
          <button type="submit" name="final" value="true">
            {t.submitFinal}
          </button>
        </div>
      ) : null}
      {m.mode === 'CORRECT' ? (
        <div class="actions">
          <button type="submit" name="final" value="true">
            {t.submitCorrection}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** The extension's state in a sentence (pending, approved, rejected with the note, granted). */
export function extensionSentence(m: Pick<RespondPageModel, 'extension' | 'lang'>): string {
  const e = m.extension!;
  const t = respondText(m.lang);
  const sentence = t.extensionState[e.state](e.deadline);
  return e.note ? `${sentence} ${t.note}: ${e.note}` : sentence;
}

function ReadOnlyIntro(m: RespondPageModel) {
  const t = respondText(m.lang);
  const sentence = m.status === 'SUBMITTED' ? t.readOnlySubmitted : (t.readOnlyEnded[m.status] ?? t.readOnlySubmitted);
  return (
    <>
      <Notice kind="warning">{sentence}</Notice>
      {m.endReason ? (
        <p>
          {t.reasonGiven}: {m.endReason}
        </p>
      ) : null}
    </>
  );
}

/** Asking for a later deadline: a date and a reason (the secretariat decides). Shared by the review's page. */
export function ExtensionForm(m: Pick<RespondPageModel, 'lang' | 'extensionForm' | 'urls'>) {
  const t = respondText(m.lang);
  const f = m.extensionForm ?? { deadline: '', reason: '', errors: {} };
  return (
    <section aria-labelledby="extension-title">
      <h2 id="extension-title">{t.extensionTitle}</h2>
      <p>{t.extensionIntro}</p>
      <form method="post" action={m.urls.extension} noValidate>
        <Field id="extension-deadline" label={t.extensionDeadline} hint={t.extensionDeadlineHint} error={f.errors.deadline}>
          <input type="date" id="extension-deadline" name="deadline" value={f.deadline} required aria-describedby={describedBy('extension-deadline', { hint: true, error: f.errors.deadline })} />
        </Field>
        <Field id="extension-reason" label={t.extensionReason} error={f.errors.reason}>
          <textarea id="extension-reason" name="reason" rows={3} maxLength={2000} required aria-describedby={describedBy('extension-reason', { error: f.errors.reason })} value={f.reason} />
        </Field>
        <div class="actions">
          <button type="submit" class="secondary">
            {t.extensionSubmit}
          </button>
        </div>
      </form>
    </section>
  );
}
