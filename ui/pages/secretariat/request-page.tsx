import type { ComponentChildren } from 'preact';
import type { RequestDetail } from '../../../api/queries/request-detail';
import { auditActionLabel } from '../../../domain/audit-actions';
import { formatDay } from '../../../domain/day-text';
import { auditDataSummary as summary } from '../../audit-data-summary';
import type { Locale } from '../../../domain/input-bounds';
import { SETTLED_STATUSES } from '../../../domain/request-display-status';
import type { RequestStatus } from '../../../domain/request-types';
import { CsrfField } from '../../components/csrf-field';
import { ErrorSummary } from '../../components/error-summary';
import { describedBy, Field } from '../../components/field';
import { Moment } from '../../components/moment';
import { Notice } from '../../components/notice';
import type { NavModel } from '../../components/secretariat-nav';
import { StatusBadge } from '../../components/status-badge';
import { ValuesTable } from '../../components/values-table';
import { PageShell } from '../../page-shell';
import { dashboardText, type DashboardText } from './dashboard-text';

/** The request's action forms. */
export type RequestForm = 'extension-decision' | 'extension' | 'resend' | 'exempt';

/** A refused action: which form, its message, its fields' errors, what was typed. */
export interface RequestFormState {
  form: RequestForm;
  message?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export interface RequestPageModel {
  lang: Locale;
  nav: NavModel;
  switchLanguageHref: string;
  csrfToken: string;
  canAct: boolean;
  detail: RequestDetail;
  temporalLink?: (workflowId: string) => string;
  notice?: string;
  failed?: RequestFormState;
}

/** A date (yyyy-MM-dd) in words, or as it is when it is not one. */
const dayText = (date: string, lang: Locale) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDay({ date, locale: lang }) : date);

const ROLE_LABELS: Record<string, Record<Locale, string>> = {
  PRIMARY: { 'es-MX': 'Enlace (recibe la solicitud)', en: 'Contact (receives the request)' },
  ALTERNATE: { 'es-MX': 'Suplente (escalamiento 1)', en: 'Alternate (escalation 1)' },
  LIAISON_HEAD: { 'es-MX': 'Titular de la unidad de enlace (escalamiento 2)', en: 'Head of the liaison unit (escalation 2)' },
  SECRETARIAT: { 'es-MX': 'Secretariado (escalamiento 3)', en: 'Secretariat (escalation 3)' },
  WORKING_GROUP: { 'es-MX': 'Integrante del Grupo de Trabajo', en: 'Working group member' },
};

function Facts({ m }: { m: RequestPageModel }) {
  const { detail: d, lang } = m;
  const t = dashboardText(lang);
  return (
    <dl class="facts">
      <dt>{t.status}</dt>
      <dd>
        <StatusBadge lang={lang} shown={d.shown} />
      </dd>
      <dt>{t.deadline}</dt>
      <dd>
        <Moment lang={lang} at={d.deadline} />
      </dd>
      {d.extension ? (
        <>
          <dt>{t.extensionPending}</dt>
          <dd>{t.extensionText(dayText(d.extension.deadline, lang), d.extension.by, d.extension.reason)}</dd>
        </>
      ) : null}
      {d.deliveryFailed ? (
        <>
          <dt>{t.deliveryFailed}</dt>
          <dd>
            <Moment lang={lang} at={d.deliveryFailed.since} /> — {d.deliveryFailed.reason}
          </dd>
        </>
      ) : null}
      {d.attention ? (
        <>
          <dt>{t.attentionSince}</dt>
          <dd>
            <Moment lang={lang} at={d.attention.since} /> — {d.attention.reason}
          </dd>
        </>
      ) : null}
      <dt>{t.escalationLevel}</dt>
      <dd>{d.escalationLevel}</dd>
      {d.nextAction ? (
        <>
          <dt>{t.nextStep}</dt>
          <dd>
            {t.stepKind[d.nextAction.kind] ?? d.nextAction.kind} — <Moment lang={lang} at={d.nextAction.at} />
          </dd>
        </>
      ) : null}
      <dt>{t.requestedAt}</dt>
      <dd>
        <Moment lang={lang} at={d.requestedAt} />
      </dd>
      <dt>{t.submittedAt}</dt>
      <dd>
        <Moment lang={lang} at={d.submittedAt} />
      </dd>
      {d.endedAt ? (
        <>
          <dt>{t.endedAt}</dt>
          <dd>
            <Moment lang={lang} at={d.endedAt} />
            {d.closedReason ? ` — ${d.closedReason}` : ''}
          </dd>
        </>
      ) : null}
      {m.temporalLink ? (
        <>
          <dt>Temporal</dt>
          <dd>
            <a href={m.temporalLink(d.workflowId)}>{d.workflowId}</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Contacts({ m }: { m: RequestPageModel }) {
  const t = dashboardText(m.lang);
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t.contacts}</h2>
      <ul>
        {m.detail.contacts.map((c) => (
          <li key={`${c.role}-${c.email}`}>
            <strong>{ROLE_LABELS[c.role]?.[m.lang] ?? c.role}</strong>: {c.name} &lt;{c.email}&gt;
          </li>
        ))}
      </ul>
      <p>
        <a href={`/institutions/${m.detail.code}`}>{t.editContacts}</a>
      </p>
    </section>
  );
}

/** One action form: its title, intro, fields; its errors in place when it was the one refused. */
function ActionForm({ m, form, title, intro, button, danger, open, children }: { m: RequestPageModel; form: RequestForm; title: string; intro?: string; button: string; danger?: boolean; open?: boolean; children?: ComponentChildren }) {
  const failed = m.failed?.form === form ? m.failed : undefined;
  const errors = failed ? [...(failed.message ? [{ message: failed.message }] : []), ...Object.entries(failed.errors).map(([fieldId, message]) => ({ fieldId, message }))] : [];
  return (
    <details open={open || !!failed} id={`form-${form}`}>
      <summary>{title}</summary>
      <ErrorSummary lang={m.lang} errors={errors} />
      {intro ? <p>{intro}</p> : null}
      <form method="post" action={`/dashboard/${m.detail.year}/${m.detail.code}/${form}`} noValidate>
        <CsrfField token={m.csrfToken} />
        {children}
        <div class="actions">
          <button type="submit" class={danger ? 'danger' : undefined}>
            {button}
          </button>
        </div>
      </form>
    </details>
  );
}

function DateField({ m, form, id, name, label, hint }: { m: RequestPageModel; form: RequestForm; id: string; name: string; label: string; hint?: string }) {
  const failed = m.failed?.form === form ? m.failed : undefined;
  const error = failed?.errors[id];
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input type="date" id={id} name={name} value={failed?.values[name] ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, { hint, error })} />
    </Field>
  );
}

function TextArea({ m, form, id, name, label }: { m: RequestPageModel; form: RequestForm; id: string; name: string; label: string }) {
  const failed = m.failed?.form === form ? m.failed : undefined;
  const error = failed?.errors[id];
  return (
    <Field id={id} label={label} error={error}>
      <textarea id={id} name={name} rows={2} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, { error })}>
        {failed?.values[name] ?? ''}
      </textarea>
    </Field>
  );
}

function Actions({ m, t }: { m: RequestPageModel; t: DashboardText }) {
  const d = m.detail;
  if (d.endedAt || SETTLED_STATUSES.includes(d.status as RequestStatus)) return <p class="muted">{t.ended}</p>;
  const decision = m.failed?.form === 'extension-decision' ? m.failed.values.approve : undefined;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t.actions}</h2>
      {d.extension ? (
        <ActionForm m={m} form="extension-decision" title={t.decideTitle} button={t.decideButton} open>
          <p>{t.extensionText(dayText(d.extension.deadline, m.lang), d.extension.by, d.extension.reason)}</p>
          <fieldset>
            <legend>{t.decision}</legend>
            <label>
              <input type="radio" name="approve" value="true" checked={decision !== 'false'} /> {t.approve}
            </label>{' '}
            <label>
              <input type="radio" name="approve" value="false" checked={decision === 'false'} /> {t.reject}
            </label>
          </fieldset>
          <DateField m={m} form="extension-decision" id="decide-deadline" name="deadline" label={t.otherDate} hint={t.otherDateHint} />
          <TextArea m={m} form="extension-decision" id="decide-note" name="note" label={t.note} />
        </ActionForm>
      ) : null}
      <ActionForm m={m} form="extension" title={t.grantTitle} intro={t.grantIntro} button={t.grantButton}>
        <DateField m={m} form="extension" id="grant-deadline" name="deadline" label={t.newDeadline} />
        <TextArea m={m} form="extension" id="grant-reason" name="reason" label={t.reason} />
      </ActionForm>
      <ActionForm m={m} form="resend" title={t.resendTitle} intro={t.resendIntro} button={t.resendButton} />
      <ActionForm m={m} form="exempt" title={t.exemptTitle} intro={t.exemptIntro} button={t.exemptButton} danger>
        <TextArea m={m} form="exempt" id="exempt-reason" name="reason" label={t.reason} />
      </ActionForm>
    </section>
  );
}

function Versions({ m, t }: { m: RequestPageModel; t: DashboardText }) {
  const { detail: d, lang } = m;
  if (d.versions.length === 0) return <p class="muted">{t.noSubmissions}</p>;
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">{t.version}</th>
          <th scope="col">{t.status}</th>
          <th scope="col">{t.by}</th>
          <th scope="col">{t.when}</th>
          <th scope="col">{t.why}</th>
        </tr>
      </thead>
      <tbody>
        {[...d.versions].reverse().map((v) => (
          <tr key={v.version}>
            <td data-label={t.version}>
              <a href={`/dashboard/${d.year}/${d.code}?v=${v.version}#values`} aria-current={d.shownVersion?.version === v.version ? 'true' : undefined}>
                {v.version}
              </a>
            </td>
            <td data-label={t.status}>{t.versionKind[v.kind] ?? v.kind}</td>
            <td data-label={t.by}>{v.submittedBy}</td>
            <td data-label={t.when}>
              <Moment lang={lang} at={v.createdAt} />
            </td>
            <td data-label={t.why}>{v.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Diff({ m, t }: { m: RequestPageModel; t: DashboardText }) {
  const { detail: d, lang } = m;
  if (d.versions.length < 2) return null;
  const options = (selected: number | undefined) =>
    d.versions.map((v) => (
      <option key={v.version} value={v.version} selected={selected === v.version}>
        {v.version} · {t.versionKind[v.kind] ?? v.kind}
      </option>
    ));
  const show = (v: { value: string | null; comment?: string } | undefined) => (v ? `${v.value ?? '—'}${v.comment ? ` (${v.comment})` : ''}` : '—');
  return (
    <section aria-labelledby="diff-title" id="diff">
      <h3 id="diff-title">{t.compare}</h3>
      <form method="get" action={`/dashboard/${d.year}/${d.code}#diff`} class="filters">
        <div class="field">
          <label for="diff-from">{t.earlier}</label>
          <select id="diff-from" name="from">
            {options(d.diff?.from)}
          </select>
        </div>
        <div class="field">
          <label for="diff-to">{t.later}</label>
          <select id="diff-to" name="to">
            {options(d.diff?.to)}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.compareButton}
        </button>
      </form>
      {d.diff ? (
        <>
          <h4>{t.diffTitle(d.diff.from, d.diff.to)}</h4>
          {d.diff.changes.length === 0 && !d.diff.narrativeChanged ? <p>{t.noChanges}</p> : null}
          {d.diff.changes.length ? (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t.indicator}</th>
                  <th scope="col">{t.breakdown}</th>
                  <th scope="col">{t.before}</th>
                  <th scope="col">{t.after}</th>
                </tr>
              </thead>
              <tbody>
                {d.diff.changes.map((c) => {
                  const text = (c.after ?? c.before)?.text;
                  return (
                    <tr key={`${c.code}-${c.breakdown}`}>
                      <td data-label={t.indicator}>
                        <span class="code">{c.code}</span> {text ? (lang === 'en' ? text.en : text.es) : ''}
                      </td>
                      <td data-label={t.breakdown}>{c.breakdown}</td>
                      <td data-label={t.before}>
                        <span class="diff-old">{show(c.before)}</span>
                      </td>
                      <td data-label={t.after}>
                        <span class="diff-new">{show(c.after)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {d.diff.narrativeChanged ? <p class="muted">{t.narrative}: ✎</p> : null}
        </>
      ) : null}
    </section>
  );
}

function Emails({ m, t }: { m: RequestPageModel; t: DashboardText }) {
  if (m.detail.emails.length === 0) return <p class="muted">{t.noEmails}</p>;
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">{t.when}</th>
          <th scope="col">{t.subject}</th>
          <th scope="col">{t.to}</th>
          <th scope="col">{t.status}</th>
        </tr>
      </thead>
      <tbody>
        {m.detail.emails.map((e, i) => (
          <tr key={i}>
            <td data-label={t.when}>
              <Moment lang={m.lang} at={e.at} />
            </td>
            <td data-label={t.subject}>{e.subject}</td>
            <td data-label={t.to}>{e.to.join(', ')}</td>
            <td data-label={t.status}>
              {t.emailStatus[e.status] ?? e.status}
              {e.error ? <span class="field-error">{e.error}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Audit({ m, t }: { m: RequestPageModel; t: DashboardText }) {
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">{t.when}</th>
          <th scope="col">{t.actor}</th>
          <th scope="col">{t.action}</th>
        </tr>
      </thead>
      <tbody>
        {m.detail.audit.map((a, i) => (
          <tr key={i}>
            <td data-label={t.when}>
              <Moment lang={m.lang} at={a.at} />
            </td>
            <td data-label={t.actor}>{a.actor}</td>
            <td data-label={t.action}>
              {auditActionLabel(a.action, m.lang)}
              {summary(a.data, m.lang) ? <span class="muted small"> — {summary(a.data, m.lang)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * `/dashboard/:year/:code`: one institution's request of a cycle — its facts (pending extension, failed
 * delivery, attention), contacts, the secretariat's actions (each a form whose refusal shows in place),
 * every version received with who and why, one version's values, the changes between two versions, the
 * emails and the audit.
 */
export function RequestPage(m: RequestPageModel) {
  const t = dashboardText(m.lang);
  const d = m.detail;
  return (
    <PageShell lang={m.lang} title={t.requestTitle(d.code, d.year)} switchLanguageHref={m.switchLanguageHref} nav={m.nav}>
      <p>
        <a href={`/dashboard/${d.year}`}>← {t.back(d.year)}</a>
      </p>
      <h1>{t.requestTitle(d.name[m.lang], d.year)}</h1>
      {m.notice ? <Notice>{m.notice}</Notice> : null}
      <Facts m={m} />
      {m.canAct ? <Actions m={m} t={t} /> : null}
      <section aria-labelledby="submissions-title">
        <h2 id="submissions-title">{t.submissions}</h2>
        <Versions m={m} t={t} />
        {d.shownVersion ? (
          <div id="values">
            <ValuesTable lang={m.lang} rows={d.shownVersion.rows} caption={t.values(d.shownVersion.version)} />
            {d.shownVersion.narrative ? (
              <>
                <h3>{t.narrative}</h3>
                <p class="narrative">{d.shownVersion.narrative}</p>
              </>
            ) : null}
          </div>
        ) : null}
        <Diff m={m} t={t} />
      </section>
      <Contacts m={m} />
      <section aria-labelledby="emails-title">
        <h2 id="emails-title">{t.emails}</h2>
        <Emails m={m} t={t} />
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">{t.audit}</h2>
        <Audit m={m} t={t} />
      </section>
    </PageShell>
  );
}
