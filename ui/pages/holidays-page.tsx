import { ActionButton } from '../components/action-button';
import { ErrorSummary } from '../components/error-summary';
import { describedBy, Field } from '../components/field';
import { Notice } from '../components/notice';
import { PostForm } from '../components/post-form';
import { StackTable } from '../components/stack-table';
import { PageShell } from '../page-shell';
import type { HolidaysPageModel } from './holidays-model';
import { holidaysText } from './holidays-text';

/**
 * The business calendar of one year: the statutory rest days and those the secretariat added (which it
 * may remove), a switch to other years, and the form to add a day (secretariat only; the working group
 * reads). A table on a desktop, cards on a phone.
 */
export function HolidaysPage(m: HolidaysPageModel) {
  const { frame } = m;
  const t = holidaysText(frame.lang);
  return (
    <PageShell lang={frame.lang} title={t.title(m.year)} switchLanguageHref={frame.switchLanguageHref} nav={frame.nav} wide>
      <h1 id="holidays-title">{t.title(m.year)}</h1>
      {m.notice ? <Notice kind={m.notice.kind}>{m.notice.text}</Notice> : null}
      <ErrorSummary lang={frame.lang} errors={m.form.errors} />
      <p>{t.intro}</p>
      <p class="muted">{t.later}</p>
      <YearSwitch {...m} />
      <HolidayTable {...m} />
      {frame.canAct ? <AddHolidayForm {...m} /> : <p class="muted">{t.readOnly}</p>}
    </PageShell>
  );
}

function YearSwitch(m: HolidaysPageModel) {
  const t = holidaysText(m.frame.lang);
  return (
    <div class="year-switch">
      <form method="get" action="/holidays" class="filters" noValidate>
        <Field id="year" label={t.yearLabel} error={m.yearError}>
          <input type="text" id="year" name="year" inputMode="numeric" maxLength={4} value={m.yearInput} class="num" aria-describedby={describedBy('year', { error: m.yearError })} />
        </Field>
        <button type="submit" class="secondary">
          {t.show}
        </button>
      </form>
      <nav aria-label={t.years} class="pager">
        {m.previousYear ? <a href={`/holidays?year=${m.previousYear}`}>{t.previous(m.previousYear)}</a> : null}
        {m.nextYear ? <a href={`/holidays?year=${m.nextYear}`}>{t.next(m.nextYear)}</a> : null}
      </nav>
    </div>
  );
}

function HolidayTable(m: HolidaysPageModel) {
  const t = holidaysText(m.frame.lang);
  if (m.days.length === 0) return <p>{t.none}</p>;
  const columns = [t.date, t.name, t.origin, ...(m.frame.canAct ? [t.actions] : [])];
  return (
    <StackTable columns={columns} labelledBy="holidays-title">
      {m.days.map((d) => (
        <tr key={d.date}>
          <td data-label={t.date}>
            <time dateTime={d.date}>{d.dateText}</time>
          </td>
          <td data-label={t.name}>{d.name}</td>
          <td data-label={t.origin}>{d.kind === 'ADDED' ? t.added(d.createdBy ?? '') : t.statutory}</td>
          {m.frame.canAct ? (
            <td>{d.kind === 'ADDED' ? <ActionButton action={`/holidays/${d.date}/remove`} csrfToken={m.frame.csrfToken} label={t.remove} ariaLabel={t.removeLabel(d.dateText)} /> : null}</td>
          ) : null}
        </tr>
      ))}
    </StackTable>
  );
}

function AddHolidayForm(m: HolidaysPageModel) {
  const t = holidaysText(m.frame.lang);
  const { values, fieldErrors: e } = m.form;
  return (
    <PostForm id="add-holiday" title={t.addTitle} action="/holidays" csrfToken={m.frame.csrfToken} submit={t.add}>
      <Field id="holiday-date" label={t.date} hint={t.dateHint} error={e.date}>
        <input type="date" id="holiday-date" name="date" value={values.date} required aria-describedby={describedBy('holiday-date', { hint: true, error: e.date })} />
      </Field>
      <Field id="holiday-name-es" label={t.nameEs} error={e.nameEs}>
        <input type="text" id="holiday-name-es" name="nameEs" value={values.nameEs} maxLength={200} required lang="es-MX" aria-describedby={describedBy('holiday-name-es', { error: e.nameEs })} />
      </Field>
      <Field id="holiday-name-en" label={t.nameEn} hint={t.nameEnHint} error={e.nameEn}>
        <input type="text" id="holiday-name-en" name="nameEn" value={values.nameEn} maxLength={200} lang="en" aria-describedby={describedBy('holiday-name-en', { hint: true, error: e.nameEn })} />
      </Field>
    </PostForm>
  );
}
