import type { ComponentChildren } from 'preact';

/** A message at the top of a page: what just happened (`ok`), something to know (`warning`), a failure (`error`). */
export function Notice({ kind = 'ok', children }: { kind?: 'ok' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <div class={kind === 'ok' ? 'notice' : `notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
