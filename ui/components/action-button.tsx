/**
 * A button that posts a one-click change (remove, deactivate, revoke) as its own small form carrying the
 * CSRF token: no script needed. `label` is what the button says; `ariaLabel` names what it acts on, for a
 * list of identical buttons read by a screen reader.
 */
export function ActionButton({ action, csrfToken, label, ariaLabel }: { action: string; csrfToken: string; label: string; ariaLabel?: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class="secondary small" aria-label={ariaLabel}>
        {label}
      </button>
    </form>
  );
}
