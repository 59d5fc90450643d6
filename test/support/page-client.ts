/**
 * A browser's part in page tests, without a browser: a cookie jar of one (the session cookie), GETs that
 * keep the page's CSRF token, form POSTs (urlencoded, `_csrf` added) that do not follow redirects, and
 * signing in as a person of a role through the real sign-in link flow. Pages are read through
 * ./html-text.ts, never printed whole.
 */
import type { PrismaClient } from '../../prisma/client';
import { issueSignInLink } from '../../api/auth/sign-in-links';

export interface PageAnswer {
  status: number;
  html: string;
  location: string | null;
}

export class PageClient {
  private cookies = new Map<string, string>();
  /** The CSRF token of the last page read (every signed-in page carries one). */
  csrf?: string;

  constructor(readonly base: string) {}

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
    const res = await fetch(`${this.base}${path}`, { headers: { accept: 'text/html', ...this.cookieHeader(), ...headers }, redirect: 'manual' });
    this.keep(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, html, location: res.headers.get('location') };
  }

  /** Posts a form as the page would: urlencoded, with the page's CSRF token unless `csrf: false`. */
  async post(path: string, fields: Record<string, string>, { csrf = true }: { csrf?: boolean } = {}): Promise<PageAnswer> {
    const body = new URLSearchParams({ ...fields, ...(csrf && this.csrf ? { _csrf: this.csrf } : {}) });
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...this.cookieHeader() },
      body: body.toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  /** A JSON call made with the session cookie (as a page's script would), with `csrf-token` when `csrf`. */
  async json(method: string, path: string, body: unknown, { csrf = true }: { csrf?: boolean } = {}): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...this.cookieHeader(), ...(csrf && this.csrf ? { 'csrf-token': this.csrf } : {}) },
      body: JSON.stringify(body),
    });
    this.keep(res);
    return { status: res.status, json: await res.json() };
  }

  /**
   * Signs in as a new user of `role` the way a person does, minus the email: a one-time link issued for
   * them (as POST /sign-in would email it), its confirmation page, and its button.
   */
  async signIn(prisma: PrismaClient, { email, name, role }: { email: string; name: string; role: 'SECRETARIAT' | 'WORKING_GROUP' }): Promise<void> {
    await prisma.user.create({ data: { email, name, role, createdBy: 'test' } });
    const issued = await issueSignInLink(prisma, { email, now: new Date() });
    if (!issued) throw new Error(`no sign-in link for ${email}`);
    await this.get(`/sign-in/confirm?token=${issued.token}`);
    const done = await this.post('/sign-in/confirm', { token: issued.token });
    if (done.status !== 303) throw new Error(`sign-in for ${email} answered ${done.status}`);
  }
}
