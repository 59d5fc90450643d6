import type { FieldIssue } from '../domain/field-issues';
import type { FormError } from '../ui/components/error-summary';
import { commentInputId, valueInputId } from '../ui/pages/respond-model';
import type { FormEcho } from './respond-page-model';

/** A submission as the HTML form sends it, in the JSON shape of the API, with where each value came from. */
export interface FormSubmission {
  body: {
    values: { indicator: string; breakdown: string; value: string | null; comment?: string }[];
    narrative?: string;
    final: boolean;
    reason?: string;
  };
  /** The input id each `values[i]` came from (its value input, or its comment for "no data"). */
  origins: string[];
  /** What was sent, to show back in the form after an error. */
  echo: FormEcho;
}

const one = (raw: unknown) => (Array.isArray(raw) ? String(raw[raw.length - 1] ?? '') : typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw));

/**
 * Reads the contact's form (fields `v|<indicator>|<TOTAL|WOMEN|MEN>`, `c|<indicator>`, `narrative`,
 * `reason`, `final` — see ui/components/indicator-inputs.tsx) into a submission. An empty value is left
 * out; a comment on an indicator without any value means "no data, because …". Unknown fields are ignored
 * (a browser sends only these).
 */
export function formToSubmission(form: Record<string, unknown>): FormSubmission {
  const values: FormSubmission['body']['values'] = [];
  const origins: string[] = [];
  const echo: FormEcho = { values: {}, comments: {}, narrative: one(form.narrative), reason: one(form.reason) };
  for (const [key, raw] of Object.entries(form)) {
    const parts = key.split('|');
    const value = one(raw);
    if (parts[0] === 'c' && parts.length === 2) {
      if (value.trim() !== '') echo.comments[parts[1]] = value;
    } else if (parts[0] === 'v' && parts.length === 3) {
      echo.values[`${parts[1]}|${parts[2]}`] = value;
      if (value.trim() === '') continue;
      values.push({ indicator: parts[1], breakdown: parts[2], value: value.trim() });
      origins.push(valueInputId(parts[1], parts[2]));
    }
  }
  for (const [indicator, comment] of Object.entries(echo.comments)) {
    const own = values.filter((v) => v.indicator === indicator);
    if (own.length === 0) {
      values.push({ indicator, breakdown: 'TOTAL', value: null, comment: comment.trim() });
      origins.push(commentInputId(indicator));
    } else {
      own.forEach((v) => (v.comment = comment.trim()));
    }
  }
  const narrative = echo.narrative.trim() ? echo.narrative : undefined;
  const reason = echo.reason.trim() ? echo.reason : undefined;
  return { body: { values, ...(narrative ? { narrative } : {}), final: one(form.final) !== 'false', ...(reason ? { reason } : {}) }, origins, echo };
}

/**
 * Puts each problem of a submission beside the input it is about: `values[3].value` → the input that value
 * came from, `values[3].comment` → the indicator's comment, a missing indicator → its first input,
 * `narrative`/`reason` → those fields. Returns the summary list (linked) and the errors by input id.
 */
export function placeIssues(issues: readonly FieldIssue[], origins: readonly string[]): { errors: FormError[]; fieldErrors: Record<string, string> } {
  const errors: FormError[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const fieldId = inputOf(issue, origins);
    if (fieldId && !fieldErrors[fieldId]) fieldErrors[fieldId] = issue.message;
    errors.push({ ...(fieldId ? { fieldId } : {}), message: issue.message });
  }
  return { errors, fieldErrors };
}

function inputOf(issue: FieldIssue, origins: readonly string[]): string | undefined {
  const indexed = /^values\[(\d+)\]\.(value|comment|breakdown|indicator)$/.exec(issue.field);
  if (indexed) {
    const origin = origins[Number(indexed[1])];
    if (indexed[2] === 'comment' && origin && issue.indicator) return commentInputId(issue.indicator);
    return origin;
  }
  if (issue.field === 'values' && issue.indicator) return valueInputId(issue.indicator, 'TOTAL');
  if (issue.field === 'narrative' || issue.field === 'reason') return issue.field;
  return undefined;
}
