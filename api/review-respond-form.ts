import type { FormError } from '../ui/components/error-summary';
import { actionInputId, itemKey, newRowKey, reviewFieldId, reviewFieldName } from '../ui/pages/review-respond-model';
import type { ReviewFieldIssue } from '../domain/review/validate-review-submission';

/** How many "add an item" rows the page offers. */
export const ADD_ROWS = 3;

/** A review submission as the HTML form sends it, in the JSON shape of the API, with where each proposal came from. */
export interface ReviewFormSubmission {
  body: { proposals: Record<string, unknown>[]; narrative?: string; final: boolean; reason?: string };
  /** The item key (`INDICATOR|4.b`, `new|2`) each `proposals[i]` came from. */
  origins: string[];
  /** Every field as sent, to show back after an error. */
  fields: Record<string, string>;
  narrative: string;
  reason: string;
}

const one = (raw: unknown) => (Array.isArray(raw) ? String(raw[raw.length - 1] ?? '') : typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw));

/**
 * A goal's target from the form's fields (ui/components/goal-target-inputs.tsx): `tk` empty → no change
 * (undefined); NONE → null; COUNT and OCCURRENCE from comparison, value, period and what is counted;
 * JSON → the text parsed (a text that is not JSON is passed on as text, for the schema to refuse where
 * the target is). The value is passed as a number, or as typed when it is not one.
 */
function targetOf(get: (f: string) => string): unknown {
  const kind = get('tk');
  if (!kind) return undefined;
  if (kind === 'NONE') return null;
  if (kind === 'JSON') {
    try {
      return JSON.parse(get('tj'));
    } catch {
      return get('tj');
    }
  }
  const figure = { es: get('tfes'), en: get('tfen') };
  const counting = get('tp') || 'PER_YEAR';
  if (kind === 'OCCURRENCE') return { kind, figure, counting };
  const typed = get('tv').replace(',', '.');
  const value = /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
  return { kind: 'COUNT', figure, value, comparator: get('tc') || 'AT_LEAST', counting };
}

/** The change a MODIFY or ADD row proposes (absent fields left out; undefined when it changes nothing). */
function changeOf(get: (f: string) => string): Record<string, unknown> | undefined {
  const text = { ...(get('tes').trim() ? { es: get('tes') } : {}), ...(get('ten').trim() ? { en: get('ten') } : {}) };
  const target = targetOf(get);
  const change = {
    ...(Object.keys(text).length ? { text } : {}),
    ...(get('u') ? { unit: get('u') } : {}),
    ...(get('d') ? { disaggregation: get('d') } : {}),
    ...(target !== undefined ? { target } : {}),
  };
  return Object.keys(change).length ? change : undefined;
}

/**
 * Reads the contact's review form into proposals: for each item listed (`items`, the items in charge), the
 * chosen action (`a|<KIND>|<code>`; none chosen: no proposal yet), its justification and, for MODIFY, its
 * changes; each "add" row with anything written in it becomes an ADD. Unknown fields are ignored.
 */
export function formToProposals(form: Record<string, unknown>, items: readonly { kind: string; code: string }[]): ReviewFormSubmission {
  const fields: Record<string, string> = {};
  for (const [key, raw] of Object.entries(form)) fields[key] = one(raw);
  const proposals: Record<string, unknown>[] = [];
  const origins: string[] = [];
  for (const item of items) {
    const key = itemKey(item.kind, item.code);
    const get = (f: string) => fields[reviewFieldName(f, key)] ?? '';
    const action = get('a');
    if (!action) continue;
    const justification = get('j');
    const change = action === 'MODIFY' ? changeOf(get) : undefined;
    proposals.push({ kind: item.kind, code: item.code, action, ...(change ? { change } : {}), ...(justification.trim() ? { justification } : {}) });
    origins.push(key);
  }
  // The page shows at least ADD_ROWS rows, more when a saved version has more additions.
  const rows = Math.max(ADD_ROWS, ...Object.keys(fields).map((k) => Number(/^[a-z]+\|new\|([1-9][0-9]?)$/.exec(k)?.[1] ?? 0)));
  for (let n = 1; n <= rows; n++) {
    const key = newRowKey(n);
    const get = (f: string) => fields[reviewFieldName(f, key)] ?? '';
    const written = ['nk', 'nc', 'tes', 'ten', 'j'].some((f) => get(f).trim());
    if (!written) continue;
    const kind = get('nk');
    const change = changeOf(get);
    proposals.push({
      kind,
      code: get('nc').trim(),
      action: 'ADD',
      ...(get('no') ? { objectiveCode: get('no') } : {}),
      ...(change ? { change } : {}),
      ...(get('j').trim() ? { justification: get('j') } : {}),
    });
    origins.push(key);
  }
  const narrative = fields.narrative ?? '';
  const reason = fields.reason ?? '';
  return {
    body: { proposals, ...(narrative.trim() ? { narrative } : {}), final: fields.final !== 'false', ...(reason.trim() ? { reason } : {}) },
    origins,
    fields,
    narrative,
    reason,
  };
}

/** The input a proposal's sub-field came from (`change.text.es` → `tes`), by the JSON path after `proposals[i].`. */
function fieldOf(sub: string, isNew: boolean, targetKind: string): string {
  if (sub === 'justification') return 'j';
  if (sub === 'change.text.es' || sub === 'change.text') return 'tes';
  if (sub === 'change.text.en') return 'ten';
  if (sub === 'change.unit') return 'u';
  if (sub === 'change.disaggregation') return 'd';
  if (sub.startsWith('change.target')) {
    if (targetKind === 'JSON') return 'tj';
    if (sub.endsWith('.value')) return 'tv';
    if (sub.endsWith('.comparator')) return 'tc';
    if (sub.endsWith('.counting')) return 'tp';
    if (sub.endsWith('figure.es')) return 'tfes';
    if (sub.endsWith('figure.en')) return 'tfen';
    return 'tk';
  }
  if (isNew && (sub === 'code' || sub === '')) return 'nc';
  if (isNew && sub === 'kind') return 'nk';
  if (isNew && sub === 'objectiveCode') return 'no';
  if (isNew && sub === 'change') return 'tes';
  return 'a';
}

/**
 * Puts each problem of a review submission beside the input it is about: `proposals[3].justification` →
 * that item's justification, `proposals[3].change.unit` → its unit, a missing proposal → the item's
 * first radio, `narrative`/`reason` → those fields. Returns the summary list (linked) and errors by input id.
 */
export function placeReviewIssues(issues: readonly ReviewFieldIssue[], origins: readonly string[], fields: Record<string, string>): { errors: FormError[]; fieldErrors: Record<string, string> } {
  const errors: FormError[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const fieldId = inputOf(issue, origins, fields);
    if (fieldId && !fieldErrors[fieldId]) fieldErrors[fieldId] = issue.message;
    errors.push({ ...(fieldId ? { fieldId } : {}), message: issue.message });
  }
  return { errors, fieldErrors };
}

function inputOf(issue: ReviewFieldIssue, origins: readonly string[], fields: Record<string, string>): string | undefined {
  if (issue.field === 'narrative' || issue.field === 'reason') return issue.field;
  const indexed = /^proposals\[(\d+)\]\.?(.*)$/.exec(issue.field);
  if (indexed) {
    const key = origins[Number(indexed[1])];
    if (!key) return undefined;
    const isNew = key.startsWith('new|');
    const f = fieldOf(indexed[2], isNew, fields[reviewFieldName('tk', key)] ?? '');
    return f === 'a' ? actionInputId(key) : reviewFieldId(f, key);
  }
  if (issue.item) {
    const [kind, code] = issue.item.split('/');
    return actionInputId(itemKey(kind, code));
  }
  return undefined;
}
