import type { Locale } from '../../../domain/input-bounds';
import { CsrfField } from '../../components/csrf-field';
import { ErrorSummary } from '../../components/error-summary';
import { describedBy, Field } from '../../components/field';
import { Moment } from '../../components/moment';
import { Notice } from '../../components/notice';
import type { NavModel } from '../../components/secretariat-nav';
import { PageShell } from '../../page-shell';
import { dashboardText } from './dashboard-text';

export interface CycleSummary {
  year: number;
  status: string;
  openedAt: Date;
  deadline: Date;
  total: number;
  submitted: number;
  overdue: number;
}

/** The open-cycle form's fields, as typed (strings), pre-filled with the policy's defaults. */
export interface OpenCycleFields {
  year: string;
  deadline: string;
  institutions: string;
  sendTime: string;
  reminders: string;
  onDeadlineDay: boolean;
  level1: string;
  level2: string;
  level3: string;
  cutoff: string;
  correction: string;
}

export interface CyclesPageModel {
  lang: Locale;
  nav: NavModel;
  switchLanguageHref: string;
  csrfToken: string;
  canAct: boolean;
  cycles: readonly CycleSummary[];
  form: OpenCycleFields;
  /** Field id → error, shown in place and in the summary. */
  errors: Readonly<Record<string, string>>;
  /** The default policy in sentences. */
  policyLines: readonly string[];
  notice?: string;
}

function CycleTable({ lang, cycles }: { lang: Locale; cycles: readonly CycleSummary[] }) {
  const t = dashboardText(lang);
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">{t.year}</th>
          <th scope="col">{t.status}</th>
          <th scope="col">{t.opened}</th>
          <th scope="col">{t.deadline}</th>
          <th scope="col">{t.requests}</th>
          <th scope="col">{t.submitted}</th>
          <th scope="col">{t.overdue}</th>
        </tr>
      </thead>
      <tbody>
        {cycles.map((c) => (
          <tr key={c.year}>
            <td data-label={t.year}>
              <a href={`/dashboard/${c.year}`}>{t.dashboardTitle(c.year)}</a>
            </td>
            <td data-label={t.status}>{t.cycleStatus[c.status] ?? c.status}</td>
            <td data-label={t.opened}>
              <Moment lang={lang} at={c.openedAt} />
            </td>
            <td data-label={t.deadline}>
              <Moment lang={lang} at={c.deadline} />
            </td>
            <td data-label={t.requests}>{c.total}</td>
            <td data-label={t.submitted}>{c.submitted}</td>
            <td data-label={t.overdue}>{c.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A text input of the open-cycle form, its error in place. */
function TextField({ id, label, hint, value, error, type = 'text', inputMode }: { id: string; label: string; hint?: string; value: string; error?: string; type?: string; inputMode?: 'numeric' }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input type={type} id={id} name={id} value={value} inputMode={inputMode} class={inputMode ? 'num' : undefined} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, { hint, error })} />
    </Field>
  );
}

function OpenCycleForm({ m }: { m: CyclesPageModel }) {
  const t = dashboardText(m.lang);
  const f = m.form;
  const e = m.errors;
  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title">{t.openTitle}</h2>
      <p>{t.openIntro}</p>
      <ErrorSummary lang={m.lang} errors={Object.entries(e).map(([fieldId, message]) => ({ fieldId, message }))} />
      <form method="post" action="/dashboard/cycles" noValidate>
        <CsrfField token={m.csrfToken} />
        <TextField id="year" label={t.year} hint={t.yearHint} value={f.year} error={e.year} inputMode="numeric" />
        <TextField id="deadline" label={t.deadline} hint={t.deadlineHint} value={f.deadline} error={e.deadline} type="date" />
        <Field id="institutions" label={t.institutions} hint={t.institutionsHint} error={e.institutions}>
          <textarea id="institutions" name="institutions" rows={2} aria-invalid={e.institutions ? 'true' : undefined} aria-describedby={describedBy('institutions', { hint: true, error: e.institutions })}>
            {f.institutions}
          </textarea>
        </Field>
        <fieldset>
          <legend>{t.policy}</legend>
          <TextField id="sendTime" label={t.sendTime} value={f.sendTime} error={e.sendTime} />
          <TextField id="reminders" label={t.reminders} hint={t.remindersHint} value={f.reminders} error={e.reminders} />
          <div class="field">
            <label>
              <input type="checkbox" name="onDeadlineDay" value="on" checked={f.onDeadlineDay} class="checkbox" /> {t.onDeadlineDay}
            </label>
          </div>
          <TextField id="level1" label={t.level(1)} value={f.level1} error={e.level1} inputMode="numeric" />
          <TextField id="level2" label={t.level(2)} value={f.level2} error={e.level2} inputMode="numeric" />
          <TextField id="level3" label={t.level(3)} value={f.level3} error={e.level3} inputMode="numeric" />
          <TextField id="cutoff" label={t.cutoff} value={f.cutoff} error={e.cutoff} inputMode="numeric" />
          <TextField id="correction" label={t.correction} value={f.correction} error={e.correction} inputMode="numeric" />
          <p class="label">{t.policyNow}</p>
          <ul>
            {m.policyLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </fieldset>
        <div class="actions">
          <button type="submit">{t.openButton}</button>
        </div>
      </form>
    </section>
  );
}

/** `/dashboard`: the cycles, newest first, and (for the secretariat) the form that opens one. */
export function CyclesPage(m: CyclesPageModel) {
  const t = dashboardText(m.lang);
  return (
    <PageShell lang={m.lang} title={t.cyclesTitle} switchLanguageHref={m.switchLanguageHref} nav={m.nav} wide>
      <h1>{t.cyclesTitle}</h1>
      {m.notice ? <Notice>{m.notice}</Notice> : null}
      <p>{t.cyclesIntro}</p>
      {m.cycles.length ? <CycleTable lang={m.lang} cycles={m.cycles} /> : <p class="muted">{t.noCycles}</p>}
      {m.canAct ? <OpenCycleForm m={m} /> : <p class="muted">{t.readOnly}</p>}
    </PageShell>
  );
}
