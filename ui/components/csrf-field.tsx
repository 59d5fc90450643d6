/** The hidden CSRF field every state-changing form carries (checked by api/pages/csrf-guard). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
