import { ADD_REPORTER_INPUT, reporterRowId, type InstitutionPageModel, type ReportedIndicatorModel } from '../pages/institution-model';
import { institutionText } from '../pages/institution-text';
import { describedBy, Field } from './field';
import { Notice } from './notice';

/**
 * The indicators of the current plan the institution reports, each with its unit and whether the
 * assignment is derived ("to confirm", and why) or confirmed; for the secretariat a Confirm button per
 * derived one, one to confirm them all, a Remove button per row, and a form to add one of the plan's
 * other indicators. A table on a desktop, cards on a phone.
 */
export function InstitutionIndicators(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const derived = m.indicators.filter((i) => i.derived).length;
  return (
    <section aria-labelledby="indicators-title" id="indicators">
      <h2 id="indicators-title">{t.indicatorsTitle}</h2>
      {m.plan ? <p class="muted">{t.indicatorsIntro(`${m.plan.key} v${m.plan.version}`)}</p> : <p>{t.noPlan}</p>}
      {m.canAct && m.openRequests > 0 ? <Notice kind="warning">{t.openRequestsWarning(m.openRequests)}</Notice> : null}
      {m.indicators.length ? (
        <table class="stack indicators">
          <thead>
            <tr>
              <th scope="col">{t.indicator}</th>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.assignment}</th>
              {m.canAct ? <th scope="col">{t.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {m.indicators.map((i) => (
              <IndicatorRow m={m} indicator={i} />
            ))}
          </tbody>
        </table>
      ) : m.plan ? (
        <p class="muted">{t.noIndicators}</p>
      ) : null}
      {m.canAct && derived > 1 ? (
        <form method="post" action={`${m.urls.self}/reporters/confirm`}>
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <button type="submit">{t.confirmAll(derived)}</button>
        </form>
      ) : null}
      {m.canAct && m.plan ? <AddIndicatorForm {...m} /> : null}
    </section>
  );
}

function IndicatorRow({ m, indicator: i }: { m: InstitutionPageModel; indicator: ReportedIndicatorModel }) {
  const t = institutionText(m.lang);
  const error = m.fieldErrors[reporterRowId(i.code)];
  const form = (path: string, label: string, secondary: boolean) => (
    <form method="post" action={`${m.urls.self}/reporters${path}`} class="inline-form">
      <input type="hidden" name="_csrf" value={m.csrfToken} />
      <input type="hidden" name="indicator" value={i.code} />
      <button type="submit" class={secondary ? 'secondary small' : 'small'} aria-label={`${label}: ${t.indicator} ${i.code}`}>
        {label}
      </button>
    </form>
  );
  return (
    <tr id={reporterRowId(i.code)}>
      <td data-label={t.indicator}>
        <span class="code">{i.code}</span>
        {m.lang === 'en' ? i.text.en : i.text.es}
        {error ? <span class="field-error">{error}</span> : null}
      </td>
      <td data-label={t.unit}>
        {t.units[i.unit] ?? i.unit}
        {i.disaggregation === 'SEX' ? `, ${t.bySex}` : ''}
      </td>
      <td data-label={t.assignment}>
        <span class={i.derived ? 'status s-DERIVED' : 'status s-CONFIRMED'}>{i.derived ? t.derived : t.confirmed}</span>
        {i.basis && t.basis[i.basis] ? <span class="hint">{t.basis[i.basis]}</span> : null}
      </td>
      {m.canAct ? (
        <td>
          <div class="row-actions">
            {i.derived ? form('/confirm', t.confirm, false) : null}
            {form('/remove', t.remove, true)}
          </div>
        </td>
      ) : null}
    </tr>
  );
}

function AddIndicatorForm(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const error = m.fieldErrors[ADD_REPORTER_INPUT];
  if (m.addable.length === 0) return <p class="muted">{t.allAssigned}</p>;
  return (
    <form method="post" action={`${m.urls.self}/reporters`} noValidate class="add-reporter">
      <input type="hidden" name="_csrf" value={m.csrfToken} />
      <Field id={ADD_REPORTER_INPUT} label={t.addIndicator} hint={t.addIndicatorHint} error={error}>
        <select id={ADD_REPORTER_INPUT} name="indicator" aria-describedby={describedBy(ADD_REPORTER_INPUT, { hint: true, error })}>
          <option value="">{t.choose}</option>
          {m.addable.map((i) => (
            <option value={i.code}>
              {i.code} — {m.lang === 'en' ? i.text.en : i.text.es}
            </option>
          ))}
        </select>
      </Field>
      <div class="actions">
        <button type="submit" class="secondary">
          {t.addReporter}
        </button>
      </div>
    </form>
  );
}
