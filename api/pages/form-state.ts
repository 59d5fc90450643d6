import type { z } from 'zod';
import { localizeZodIssues, type FieldIssue } from '../../domain/field-issues';
import type { Locale } from '../../domain/input-bounds';
import type { FormState } from '../../ui/pages/admin-frame';

const one = (raw: unknown): string => (Array.isArray(raw) ? one(raw[raw.length - 1]) : typeof raw === 'string' ? raw : '');

/** Each field of a form: its input's id (the summary links to it) and its label (the summary names it). */
export type FormFields<F extends string> = Record<F, { id: string; label: string }>;

/**
 * A form's state for its page: the values as sent (a field's last value when it came twice; what is not
 * text is shown empty) and `issues` placed beside their fields — and listed for the summary as
 * "label: message", linked to the input. An issue about a field the form does not have is listed unlinked.
 */
export function formState<F extends string>({ body, fields, issues = [] }: { body: unknown; fields: FormFields<F>; issues?: readonly FieldIssue[] }): FormState<F> {
  const sent = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const names = Object.keys(fields) as F[];
  const values = Object.fromEntries(names.map((f) => [f, one(sent[f])])) as Record<F, string>;
  const fieldErrors: Partial<Record<F, string>> = {};
  const errors = issues.map(({ field, message }) => {
    const known = names.find((f) => f === field);
    if (!known) return { message: `${field}: ${message}` };
    fieldErrors[known] ??= message;
    return { fieldId: fields[known].id, message: `${fields[known].label}: ${message}` };
  });
  return { values, fieldErrors, errors };
}

/** The issues of a failed parse in `lang`, one per field. */
export function formIssues(error: z.ZodError, lang: Locale): FieldIssue[] {
  return localizeZodIssues({ issues: error.issues, lang });
}
