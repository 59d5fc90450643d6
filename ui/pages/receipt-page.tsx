import type { Locale } from '../../domain/input-bounds';
import { withCode } from '../../domain/institution-name';
import { ValuesTable, type ValueRow } from '../components/values-table';
import { PageShell } from '../page-shell';
import type { Bilingual } from './respond-model';
import { respondText } from './respond-text';
import type { ReviewProposalRow } from './review-respond-model';
import { ProposalRows } from './review-respond-page';
import { reviewRespondText } from './review-respond-text';

export interface ReceiptPageModel {
  lang: Locale;
  year: number;
  institution: { code: string; name: Bilingual };
  version: number;
  kind: 'DRAFT' | 'FINAL' | 'CORRECTION';
  atText: string;
  submittedBy: string;
  reason?: string;
  rows: ValueRow[];
  narrative?: string;
  correctionEndsText?: string;
  urls: { form: string; switchLanguage: string };
  /** A plan review's version: its proposals are listed instead of values. */
  review?: { planVersion: number; rows: ReviewProposalRow[] };
}

/**
 * The receipt of one version of a report, printable: what was received, as it was received (the values
 * by indicator and breakdown, "sin dato" with its comment, the narrative), its version and kind, when and
 * by whom, and until when it may be corrected. A plan review's version lists its proposals instead.
 */
export function ReceiptPage(m: ReceiptPageModel) {
  const t = respondText(m.lang);
  const name = m.lang === 'en' ? m.institution.name.en : m.institution.name.es;
  const title = m.review ? reviewRespondText(m.lang).receiptTitle(m.review.planVersion, m.version) : t.receiptTitle(m.year, m.version);
  return (
    <PageShell lang={m.lang} title={title} switchLanguageHref={m.urls.switchLanguage}>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t.institution}</dt>
        <dd>{withCode(name, m.institution.code)}</dd>
        <dt>{t.kind}</dt>
        <dd>{(m.review ? reviewRespondText(m.lang).receiptKind : t.receiptKind)[m.kind]}</dd>
        <dt>{t.receivedAt}</dt>
        <dd>{m.atText}</dd>
        <dt>{t.submittedBy}</dt>
        <dd>{m.submittedBy}</dd>
        {m.reason ? (
          <>
            <dt>{t.reasonGiven}</dt>
            <dd>{m.reason}</dd>
          </>
        ) : null}
      </dl>
      {m.correctionEndsText ? <p>{m.lang === 'en' ? `It may be corrected until ${m.correctionEndsText}.` : `Puede corregirse hasta el ${m.correctionEndsText}.`}</p> : null}
      {m.review ? (
        <ProposalRows lang={m.lang} rows={m.review.rows} title={reviewRespondText(m.lang).received} />
      ) : (
        <ValuesTable lang={m.lang} rows={m.rows} caption={t.valuesReceived} />
      )}
      {m.narrative ? (
        <>
          <h2>{t.narrative}</h2>
          <p class="narrative">{m.narrative}</p>
        </>
      ) : null}
      <p class="no-print">
        <a href={m.urls.form}>{t.backToForm}</a> · <span class="muted">{t.print}</span>
      </p>
    </PageShell>
  );
}
