import type { Locale } from '../../domain/input-bounds';
import { ITEM_KIND_NAME } from '../../domain/review/proposal-issue-text';
import { actionInputId, itemKey, newRowKey, reviewFieldId, reviewFieldName, type ReviewFormItem } from '../pages/review-respond-model';
import { reviewRespondText } from '../pages/review-respond-text';
import { describedBy, Field } from './field';
import { GoalTargetInputs } from './goal-target-inputs';

interface Common {
  lang: Locale;
  fields: Record<string, string>;
  fieldErrors: Record<string, string>;
}

function TextArea({ id, name, label, hint, value, error, rows = 3 }: { id: string; name: string; label: string; hint?: string; value: string; error?: string; rows?: number }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={rows} maxLength={2000} aria-describedby={describedBy(id, { hint, error })} value={value} />
    </Field>
  );
}

function Select({ id, name, label, options, value, error }: { id: string; name: string; label: string; options: Record<string, string>; value: string; error?: string }) {
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} name={name} aria-describedby={describedBy(id, { error })}>
        {Object.entries(options).map(([v, text]) => (
          <option value={v} selected={value === v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * One item in charge, as a fieldset: its kind, code and wording in the reader's language (an indicator's
 * unit and breakdown, a goal's target in words), the proposal (keep / modify / retire radios), the
 * justification, and — folded, open when modifying — the changes: new wording in both languages, an
 * indicator's unit and breakdown, a goal's target. Field names `a|j|tes|ten|u|d|t…` + `|<KIND>|<code>`.
 */
export function ReviewItemInputs({ lang, item, fields, fieldErrors }: Common & { item: ReviewFormItem }) {
  const t = reviewRespondText(lang);
  const key = itemKey(item.kind, item.code);
  const id = (f: string) => reviewFieldId(f, key);
  const name = (f: string) => reviewFieldName(f, key);
  const value = (f: string) => fields[name(f)] ?? '';
  const action = value('a');
  const changeFields = ['tes', 'ten', 'u', 'd', 'tk', 'tc', 'tv', 'tp', 'tfes', 'tfen', 'tj'];
  const modifyOpen = action === 'MODIFY' || changeFields.some((f) => fieldErrors[id(f)]);
  const actionError = fieldErrors[actionInputId(key)];
  const legendId = `${id('item')}-legend`;
  return (
    <fieldset class="review-item" id={id('item')} aria-labelledby={legendId}>
      <legend id={legendId}>
        <span class="code">{item.code}</span>
        {ITEM_KIND_NAME[lang][item.kind]}
      </legend>
      {/* An objective's wording is its section's heading, just above. */}
      {item.kind === 'OBJECTIVE' ? null : <p class="item-text">{lang === 'en' ? item.text.en : item.text.es}</p>}
      {item.kind === 'INDICATOR' && item.unit ? <p class="muted">{t.unitNow(t.units[item.unit] ?? item.unit, t.breakdowns[item.disaggregation ?? 'NONE'] ?? '')}</p> : null}
      {item.kind === 'GOAL' ? (
        <p class="muted">{item.targetText ? `${t.targetNow} — ${item.targetText}` : t.noTarget}</p>
      ) : null}
      <div class={actionError ? 'field has-error' : 'field'} role="radiogroup" aria-labelledby={`${id('a')}-label`} aria-describedby={actionError ? `${actionInputId(key)}-error` : undefined}>
        <span class="label" id={`${id('a')}-label`}>
          {t.actionLegend}
        </span>
        {actionError ? (
          <span class="field-error" id={`${actionInputId(key)}-error`}>
            {actionError}
          </span>
        ) : null}
        <span class="choices">
          {(['KEEP', 'MODIFY', 'RETIRE'] as const).map((a) => (
            <label>
              <input type="radio" id={`${id('a')}-${a}`} name={name('a')} value={a} checked={action === a} /> {t.actions[a]}
            </label>
          ))}
        </span>
      </div>
      <TextArea id={id('j')} name={name('j')} label={t.justification} hint={t.justificationHint} value={value('j')} error={fieldErrors[id('j')]} />
      <details class="changes" open={modifyOpen}>
        <summary>{t.changes}</summary>
        <TextArea id={id('tes')} name={name('tes')} label={t.textEs} hint={t.textHint} value={value('tes')} error={fieldErrors[id('tes')]} />
        <TextArea id={id('ten')} name={name('ten')} label={t.textEn} hint={t.textHint} value={value('ten')} error={fieldErrors[id('ten')]} />
        {item.kind === 'INDICATOR' ? (
          <div class="breakdown">
            <Select id={id('u')} name={name('u')} label={t.unit} options={{ '': t.unchanged, ...t.units }} value={value('u')} error={fieldErrors[id('u')]} />
            <Select id={id('d')} name={name('d')} label={t.breakdown} options={{ '': t.unchanged, ...t.breakdowns }} value={value('d')} error={fieldErrors[id('d')]} />
          </div>
        ) : null}
        {item.kind === 'GOAL' ? <GoalTargetInputs lang={lang} itemKey={key} fields={fields} fieldErrors={fieldErrors} /> : null}
      </details>
    </fieldset>
  );
}

/** One empty row to propose a new item: kind, objective, code, wording (es/en), justification; unit and breakdown for indicators, a target for goals. */
export function NewItemInputs({ lang, n, objectives, fields, fieldErrors }: Common & { n: number; objectives: { code: string; text: { es: string; en: string } }[] }) {
  const t = reviewRespondText(lang);
  const key = newRowKey(n);
  const id = (f: string) => reviewFieldId(f, key);
  const name = (f: string) => reviewFieldName(f, key);
  const value = (f: string) => fields[name(f)] ?? '';
  const objectiveOptions = Object.fromEntries([['', t.addKinds['']], ...objectives.map((o) => [o.code, `${o.code}. ${(lang === 'en' ? o.text.en : o.text.es).slice(0, 80)}`])]);
  return (
    <fieldset class="review-item" id={id('item')}>
      <legend>{t.addRow(n)}</legend>
      <div class="breakdown">
        <Select id={id('nk')} name={name('nk')} label={t.addKind} options={t.addKinds} value={value('nk')} error={fieldErrors[id('nk')]} />
        <Select id={id('no')} name={name('no')} label={t.addObjective} options={objectiveOptions} value={value('no')} error={fieldErrors[id('no')]} />
        <Field id={id('nc')} label={t.addCode} error={fieldErrors[id('nc')]}>
          <input type="text" id={id('nc')} name={name('nc')} value={value('nc')} maxLength={16} autoComplete="off" aria-describedby={describedBy(id('nc'), { error: fieldErrors[id('nc')] })} />
        </Field>
      </div>
      <p class="hint">{t.addCodeHint}</p>
      <TextArea id={id('tes')} name={name('tes')} label={t.addTextEs} value={value('tes')} error={fieldErrors[id('tes')]} rows={2} />
      <TextArea id={id('ten')} name={name('ten')} label={t.addTextEn} value={value('ten')} error={fieldErrors[id('ten')]} rows={2} />
      <TextArea id={id('j')} name={name('j')} label={t.justification} value={value('j')} error={fieldErrors[id('j')]} rows={2} />
      <details class="changes" open={['u', 'd', 'tk', 'tv', 'tj'].some((f) => value(f) || fieldErrors[id(f)])}>
        <summary>
          {t.addUnit} · {t.target}
        </summary>
        <div class="breakdown">
          <Select id={id('u')} name={name('u')} label={t.addUnit} options={{ '': t.unchanged, ...t.units }} value={value('u')} error={fieldErrors[id('u')]} />
          <Select id={id('d')} name={name('d')} label={t.addBreakdown} options={{ '': t.unchanged, ...t.breakdowns }} value={value('d')} error={fieldErrors[id('d')]} />
        </div>
        <GoalTargetInputs lang={lang} itemKey={key} fields={fields} fieldErrors={fieldErrors} />
      </details>
    </fieldset>
  );
}
