import { withCode } from '../../domain/institution-name';
import { INSTITUTION_KIND_LABELS } from '../../domain/institution-kind-labels';
import { ErrorSummary } from '../components/error-summary';
import { EscalationLadderList } from '../components/escalation-ladder-list';
import { InstitutionContacts } from '../components/institution-contacts';
import { InstitutionIndicators } from '../components/institution-indicators';
import { InstitutionRequests } from '../components/institution-requests';
import { Notice } from '../components/notice';
import { PageShell } from '../page-shell';
import type { InstitutionPageModel } from './institution-model';
import { institutionText } from './institution-text';

/**
 * One institution, for the secretariat and the working group: what it is, its contacts by role and the
 * escalation ladder they stand on, the indicators it reports (derived ones to confirm), and its requests
 * across cycles with its timeliness. The secretariat's forms (contacts, assignments) post back here; a
 * refusal comes back as this page with the errors listed at the top and beside their fields.
 */
export function InstitutionPage(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const name = m.lang === 'en' ? m.institution.name.en : m.institution.name.es;
  return (
    <PageShell lang={m.lang} title={`${m.institution.code} · ${t.listTitle}`} switchLanguageHref={m.switchLanguageHref} nav={m.nav} wide>
      <p class="muted">
        <a href={m.urls.list}>{t.listTitle}</a>
      </p>
      <ErrorSummary lang={m.lang} errors={m.errors} />
      <h1>{withCode(name, m.institution.code)}</h1>
      <dl class="facts">
        <dt>{t.kind}</dt>
        <dd>{INSTITUTION_KIND_LABELS[m.institution.kind][m.lang]}</dd>
        <dt>{t.timeZone}</dt>
        <dd>{m.institution.timeZone}</dd>
        <dt>{t.status}</dt>
        <dd>{m.institution.active ? t.active : t.inactive}</dd>
      </dl>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      {m.canAct ? null : <p class="muted">{t.readOnly}</p>}
      <InstitutionContacts {...m} />
      <EscalationLadderList {...m} />
      <InstitutionIndicators {...m} />
      <InstitutionRequests {...m} />
    </PageShell>
  );
}
