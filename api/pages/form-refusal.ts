import { ZodError } from 'zod';
import { AppError, appErrorStatus } from '../../domain/app-error';
import { localizeZodIssues, type FieldIssue } from '../../domain/field-issues';
import type { Locale } from '../../domain/input-bounds';
import type { FormError } from '../../ui/components/error-summary';

/** A form's refusal placed on its page: the summary's entries, the message beside each input, the status. */
export interface PlacedRefusal {
  status: number;
  errors: FormError[];
  fieldErrors: Record<string, string>;
}

/** Where a field's message goes: the id of its input (or row), and the label the summary names it by. */
export interface Placement {
  id: string;
  label?: string;
}

/**
 * Places the problems of a refused form on its page, in `lang`: zod's (a value out of bounds: 400) and a
 * command's refusal carrying field issues (its own status: 400, 404, 409). `place` maps a field as the
 * command names it (`email`, `role`, `indicator`) to the input or row the message goes beside, the summary
 * naming it by its label (undefined: listed in the summary only). Any other error is not the form's to show: undefined, and the
 * caller rethrows it (an error page).
 */
export function placeRefusal(err: unknown, { lang, place }: { lang: Locale; place: (field: string) => Placement | undefined }): PlacedRefusal | undefined {
  let issues: readonly FieldIssue[];
  let status: number;
  if (err instanceof ZodError) {
    issues = localizeZodIssues({ issues: err.issues, lang });
    status = 400;
  } else if (err instanceof AppError && err.extra.issues?.length) {
    issues = err.extra.issues;
    status = appErrorStatus[err.code];
  } else {
    return undefined;
  }
  const errors: FormError[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const at = place(issue.field);
    if (at && !fieldErrors[at.id]) fieldErrors[at.id] = issue.message;
    const message = at?.label ? `${at.label}: ${issue.message}` : issue.message;
    errors.push(at ? { fieldId: at.id, message } : { message });
  }
  return { status, errors, fieldErrors };
}
