import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: ComponentChildren;
  /** A sentence under the label (unit, format, what is expected). */
  hint?: ComponentChildren;
  /** The error of this field, shown in place (and listed in the page's error summary). */
  error?: string;
  children: ComponentChildren;
}

/**
 * A labelled input with its hint and its error in place. The input (children) must carry `id` and
 * `aria-describedby={describedBy(id, …)}` so assistive technology reads the hint and the error.
 */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The `aria-describedby` of an input rendered by {@link Field}. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}
