import type { Locale } from '../../domain/input-bounds';
import type { RespondIndicator } from '../pages/respond-model';
import { commentInputId, valueInputId } from '../pages/respond-model';
import { respondText } from '../pages/respond-text';
import { describedBy, Field } from './field';

export interface IndicatorInputsProps {
  lang: Locale;
  indicator: RespondIndicator;
  values: Record<string, string>;
  comments: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** Read-only: values shown, not editable. */
  readOnly?: boolean;
}

const BREAKDOWNS = ['TOTAL', 'WOMEN', 'MEN'] as const;

/**
 * One indicator of the contact's form: its code and text in the reader's language, the unit said plainly,
 * the inputs (one, or Total / Women / Men with a live sum), the comment, last cycle's values beside it,
 * and the plan's confirmation note where its wording is uncertain. Field names are the form's contract
 * with api/respond-page-form.ts: `v|<code>|<TOTAL|WOMEN|MEN>`, `c|<code>`.
 */
export function IndicatorInputs({ lang, indicator: i, values, comments, fieldErrors, readOnly }: IndicatorInputsProps) {
  const t = respondText(lang);
  const title = lang === 'en' ? i.text.en : i.text.es;
  const breakdowns = i.disaggregation === 'SEX' ? BREAKDOWNS : (['TOTAL'] as const);
  const label = (b: (typeof BREAKDOWNS)[number]) => (i.disaggregation === 'SEX' ? ({ TOTAL: t.total, WOMEN: t.women, MEN: t.men } as const)[b] : t.value);
  const unitHint = t.units[i.unit];
  const previous = i.previous;
  const headingId = `h-${i.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <div class="indicator" role="group" aria-labelledby={headingId}>
      <p class="indicator-title" id={headingId}>
        <span class="code">{i.code}</span>
        {title}
      </p>
      {i.confirmationNote ? (
        <div class="confirmation">
          {t.confirmation}
          <details>
            <summary>{t.confirmationDetail}</summary>
            <p lang="en">{i.confirmationNote}</p>
          </details>
        </div>
      ) : null}
      {previous ? (
        <p class="previous">
          {t.previous(previous.year)}:{' '}
          {breakdowns
            .filter((b) => previous.values[b] !== undefined)
            .map((b) => `${i.disaggregation === 'SEX' ? `${label(b)} ` : ''}${previous.values[b]}`)
            .join(' · ') || t.noData}
          {previous.comment ? ` (${previous.comment})` : ''}
        </p>
      ) : null}
      <div class={i.disaggregation === 'SEX' ? 'breakdown' : undefined}>
        {breakdowns.map((b) => {
          const id = valueInputId(i.code, b);
          const error = fieldErrors[id];
          const hint = b === 'TOTAL' || i.disaggregation !== 'SEX' ? unitHint : undefined;
          return (
            <Field id={id} label={label(b)} hint={hint} error={error}>
              <ValueInput id={id} name={`v|${i.code}|${b}`} unit={i.unit} value={values[`${i.code}|${b}`] ?? ''} lang={lang} readOnly={readOnly} describedBy={describedBy(id, { hint, error })} />
            </Field>
          );
        })}
      </div>
      {i.disaggregation === 'SEX' && !readOnly ? (
        <p class="total-note">
          <span>{t.sumLabel}: </span>
          <output data-sum-of={`${valueInputId(i.code, 'WOMEN')} ${valueInputId(i.code, 'MEN')}`} data-total={valueInputId(i.code, 'TOTAL')} for={`${valueInputId(i.code, 'WOMEN')} ${valueInputId(i.code, 'MEN')}`}>
            —
          </output>
          <span> · {t.sumRule}</span>
          <strong class="field-error" data-over hidden>
            {' '}
            {t.sumOver}
          </strong>
        </p>
      ) : null}
      <Field id={commentInputId(i.code)} label={t.comment} hint={readOnly ? undefined : t.commentHint} error={fieldErrors[commentInputId(i.code)]}>
        <input
          type="text"
          id={commentInputId(i.code)}
          name={`c|${i.code}`}
          value={comments[i.code] ?? ''}
          maxLength={2000}
          readOnly={readOnly}
          aria-describedby={describedBy(commentInputId(i.code), { hint: !readOnly, error: fieldErrors[commentInputId(i.code)] })}
        />
      </Field>
    </div>
  );
}

function ValueInput({ id, name, unit, value, lang, readOnly, describedBy: described }: { id: string; name: string; unit: RespondIndicator['unit']; value: string; lang: Locale; readOnly?: boolean; describedBy?: string }) {
  const t = respondText(lang);
  if (unit === 'YES_NO') {
    return (
      <select id={id} name={name} disabled={readOnly} aria-describedby={described}>
        <option value="">{t.choose}</option>
        <option value="true" selected={value === 'true'}>
          {t.yes}
        </option>
        <option value="false" selected={value === 'false'}>
          {t.no}
        </option>
      </select>
    );
  }
  if (unit === 'TEXT') {
    return <textarea id={id} name={name} rows={3} maxLength={5000} readOnly={readOnly} aria-describedby={described} value={value} />;
  }
  return (
    <input
      type="text"
      class="num"
      inputMode={unit === 'COUNT' ? 'numeric' : 'decimal'}
      pattern={unit === 'COUNT' ? '[0-9]*' : undefined}
      autoComplete="off"
      id={id}
      name={name}
      value={value}
      readOnly={readOnly}
      aria-describedby={described}
    />
  );
}
