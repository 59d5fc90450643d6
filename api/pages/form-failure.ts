import { ZodError } from 'zod';
import { AppError, appErrorStatus } from '../../domain/app-error';
import { localizeZodIssues } from '../../domain/field-issues';
import type { Locale } from '../../domain/input-bounds';

/** A command's refusal as a form shows it: a message for the form, errors by field id, the HTTP status. */
export interface FormFailure {
  status: number;
  message?: string;
  errors: Record<string, string>;
}

/**
 * Turns what a command threw into errors a form shows in place: zod issues and field-naming AppErrors by
 * field (`fieldId` maps a command's field name to the form's input id), any other refusal (wrong state,
 * not found, Temporal busy) as the form's message. Anything else is rethrown (a 500 page).
 */
export function formFailure(err: unknown, lang: Locale, fieldId: (field: string) => string = (f) => f): FormFailure {
  if (err instanceof ZodError) {
    const errors: Record<string, string> = {};
    for (const issue of localizeZodIssues({ issues: err.issues, lang })) errors[fieldId(issue.field)] ??= issue.message;
    return { status: 400, errors };
  }
  if (err instanceof AppError) {
    const status = appErrorStatus[err.code];
    if (status >= 500 && err.code !== 'UNAVAILABLE') throw err;
    const errors: Record<string, string> = {};
    for (const issue of err.extra.issues ?? []) errors[fieldId(issue.field)] ??= issue.message;
    if (!Object.keys(errors).length) for (const [field, message] of Object.entries(err.fields ?? {})) errors[fieldId(field)] ??= err.message || message;
    return { status, errors, ...(Object.keys(errors).length ? {} : { message: err.message }) };
  }
  throw err;
}
