import type { Locale } from '../../domain/input-bounds';

export interface FormError {
  /** The id of the input the error is about (the summary links to it); absent for the whole form. */
  fieldId?: string;
  message: string;
}

/**
 * The errors of a form, listed at the top and linked to their fields (GOV.UK's pattern): a reader of a
 * long form on a phone sees at once what to fix and jumps to it. Announced to screen readers (role alert).
 */
export function ErrorSummary({ lang, errors }: { lang: Locale; errors: readonly FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="errors">
      <h2 id="error-summary-title">{lang === 'en' ? 'There is a problem' : 'Hay un problema'}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e.fieldId ? <a href={`#${e.fieldId}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}
