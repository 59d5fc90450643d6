import type { Locale } from '../../domain/input-bounds';
import { reviewFieldId, reviewFieldName } from '../pages/review-respond-model';
import { reviewRespondText } from '../pages/review-respond-text';
import { describedBy, Field } from './field';

/**
 * A goal's new target without script: a kind (count, occurrence, no target, or advanced JSON in the plan
 * file's format for milestones and shares), then comparison, value, period and what is counted (es/en,
 * prefilled with the target in force). Fields `tk|tc|tv|tp|tfes|tfen|tj` of the item's key; read by
 * api/review-respond-form.ts into a ZGoalTarget.
 */
export function GoalTargetInputs({ lang, itemKey, fields, fieldErrors }: { lang: Locale; itemKey: string; fields: Record<string, string>; fieldErrors: Record<string, string> }) {
  const t = reviewRespondText(lang);
  const id = (f: string) => reviewFieldId(f, itemKey);
  const name = (f: string) => reviewFieldName(f, itemKey);
  const value = (f: string) => fields[name(f)] ?? '';
  const select = (f: string, label: string, options: Record<string, string>, hint?: string) => (
    <Field id={id(f)} label={label} hint={hint} error={fieldErrors[id(f)]}>
      <select id={id(f)} name={name(f)} aria-describedby={describedBy(id(f), { hint, error: fieldErrors[id(f)] })}>
        {Object.entries(options).map(([v, text]) => (
          <option value={v} selected={value(f) === v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
  const text = (f: string, label: string, inputMode?: 'decimal') => (
    <Field id={id(f)} label={label} error={fieldErrors[id(f)]}>
      <input type="text" id={id(f)} name={name(f)} value={value(f)} inputMode={inputMode} maxLength={200} autoComplete="off" aria-describedby={describedBy(id(f), { error: fieldErrors[id(f)] })} />
    </Field>
  );
  return (
    <div class="target-inputs">
      {select('tk', t.target, t.targetKinds, t.targetHint)}
      <div class="breakdown">
        {select('tc', t.comparator, t.comparators)}
        {text('tv', t.value, 'decimal')}
        {select('tp', t.counting, t.countings)}
      </div>
      {text('tfes', t.figureEs)}
      {text('tfen', t.figureEn)}
      <Field id={id('tj')} label={t.targetJson} error={fieldErrors[id('tj')]}>
        <textarea id={id('tj')} name={name('tj')} rows={3} maxLength={4000} class="mono" aria-describedby={describedBy(id('tj'), { error: fieldErrors[id('tj')] })} value={value('tj')} />
      </Field>
    </div>
  );
}
