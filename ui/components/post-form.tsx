import type { ComponentChildren } from 'preact';

/**
 * A titled form section that posts to `action` (no script needed): its heading (`h2` or `h3`), the CSRF
 * token, the fields (children), and one submit button. `noValidate`: the server checks every value and
 * answers with the errors in place, in the reader's language.
 */
export function PostForm({ id, title, level = 2, action, csrfToken, submit, children }: { id: string; title: string; level?: 2 | 3; action: string; csrfToken: string; submit: string; children: ComponentChildren }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      <form method="post" action={action} class="narrow" noValidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        {children}
        <div class="actions">
          <button type="submit">{submit}</button>
        </div>
      </form>
    </section>
  );
}
