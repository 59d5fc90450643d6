import type { PageClient } from './page-client';

/** The sign-in emails a test server "sends": kept in memory, newest last. */
export function signInOutbox() {
  const sent: { to: string; subject: string; text: string; html: string }[] = [];
  return {
    sent,
    sendEmail: async (email: { to: string; subject: string; text: string; html: string }) => {
      sent.push(email);
    },
    /** The sign-in link of the latest email to `to`. */
    linkFor(to: string): string {
      const email = [...sent].reverse().find((e) => e.to === to);
      const link = /https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(email?.text ?? '')?.[0];
      if (!link) throw new Error(`no sign-in link was sent to ${to}`);
      return link;
    },
  };
}

/**
 * Signs `client` in as `email` the way a person does: the form, the emailed link, the confirm button.
 * Returns where the confirmation redirected.
 */
export async function signIn(client: PageClient, outbox: ReturnType<typeof signInOutbox>, email: string, next?: string): Promise<string | null> {
  const form = await client.get(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  if (form.status !== 200) throw new Error(`GET /sign-in answered ${form.status}`);
  const asked = await client.post('/sign-in', { email, ...(next ? { next } : {}) });
  if (asked.status !== 200) throw new Error(`POST /sign-in answered ${asked.status}`);
  const link = new URL(outbox.linkFor(email));
  const confirm = await client.get(`${link.pathname}${link.search}`);
  if (confirm.status !== 200) throw new Error(`GET ${link.pathname} answered ${confirm.status}`);
  const done = await client.post('/sign-in/confirm', { token: link.searchParams.get('token') ?? '', ...(link.searchParams.get('next') ? { next: link.searchParams.get('next')! } : {}) });
  if (done.status !== 303) throw new Error(`POST /sign-in/confirm answered ${done.status}`);
  return done.location;
}
