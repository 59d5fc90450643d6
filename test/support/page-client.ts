/**
 * A browser-like client for the secretariat's pages over real HTTP (`fetch`): it keeps the session cookie
 * between requests, reads the CSRF token of the last page it got, posts forms as a browser does
 * (`application/x-www-form-urlencoded`), and never follows redirects (tests look at the 303). And the
 * sign-in of a person, through the real confirm step of an emailed link.
 */
import { issueSignInLink } from '../../api/auth/sign-in-links';
import { fieldError, pageText, textById } from './html-text';
import type { PrismaClient } from '../../prisma/client';

export interface PageResponse {
  status: number;
  headers: Headers;
  /** The body as text (HTML pages). Tests assert on parts of it; never print it whole. */
  html: string;
  /** The Location header of a redirect. */
  location: string | null;
}

const COOKIE = 'nap1325_session';

/** The first `_csrf` hidden value of a page, or undefined. */
export function csrfOf(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** The text of a page with its tags removed and spaces folded (for assertions on what a reader sees). */
export const visibleText = pageText;

export class PageClient {
  private cookie?: string;
  /** The CSRF token of the last page received. */
  csrf?: string;

  /** `headers` go with every request (e.g. the browser's `accept-language`). */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private async send(path: string, init: RequestInit): Promise<PageResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(this.cookie ? { cookie: `${COOKIE}=${this.cookie}` } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const value = new RegExp(`^${COOKIE}=([^;]*)`).exec(line)?.[1];
      if (value !== undefined) this.cookie = value || undefined;
    }
    const html = await res.text();
    this.csrf = csrfOf(html) ?? this.csrf;
    return { status: res.status, headers: res.headers, html, location: res.headers.get('location') };
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path, { method: 'GET', headers: { accept: 'text/html' } });
  }

  /** The JSON API with this browser's cookie (what a signed-in person's script could send). */
  json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.send(path, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    });
  }

  /** The Cookie header this client sends (to replay it after sign-out). */
  get cookieHeader(): string {
    return this.cookie ? `${COOKIE}=${this.cookie}` : '';
  }

  /**
   * Posts a form, with the last page's CSRF token unless `csrf` is false (or a string: that token).
   * A field given as an array is sent once per value, as a browser sends repeated fields.
   */
  post(path: string, form: Record<string, string | string[]>, { csrf = true }: { csrf?: boolean | string } = {}): Promise<PageResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    const token = typeof csrf === 'string' ? csrf : csrf ? this.csrf : undefined;
    if (token && !('_csrf' in form)) body.append('_csrf', token);
    return this.send(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: body.toString() });
  }

  /**
   * Signs in as the active user `email` (created beforehand): a one-time link issued as POST /sign-in would
   * email it, then its confirm page and button. Throws unless the session opens (303).
   */
  async signIn(prisma: PrismaClient, email: string): Promise<void> {
    const issued = await issueSignInLink(prisma, { email, now: new Date() });
    if (!issued) throw new Error(`No sign-in link for ${email}: not an active user, or too many links.`);
    const confirm = await this.get(`/sign-in/confirm?token=${issued.token}`);
    if (confirm.status !== 200) throw new Error(`GET /sign-in/confirm answered ${confirm.status}`);
    const done = await this.post('/sign-in/confirm', { token: issued.token });
    if (done.status !== 303) throw new Error(`POST /sign-in/confirm answered ${done.status}`);
  }
}

/** A client signed in as a new active user with `role` (created here). */
export async function signedInClient({ baseUrl, prisma, email, name, role }: { baseUrl: string; prisma: PrismaClient; email: string; name?: string; role: 'SECRETARIAT' | 'WORKING_GROUP' }): Promise<PageClient> {
  await createUser(prisma, { email, name, role });
  const client = new PageClient(baseUrl);
  await client.signIn(prisma, email);
  return client;
}

/** Creates a user (active) with `role` and returns it. */
export async function createUser(prisma: PrismaClient, { email, name = email, role }: { email: string; name?: string; role: 'SECRETARIAT' | 'WORKING_GROUP' }) {
  return prisma.user.create({ data: { email, name, role, createdBy: 'test' } });
}

/** The error shown beside the input `id` (ui/components/field.tsx), or undefined. */
export const fieldErrorOf = fieldError;

/** The messages of the error summary at the top of a page (ui/components/error-summary.tsx). */
export function errorSummaryOf(html: string): string[] {
  const box = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...box.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => visibleText(m[1]));
}

/** The text of the element with `id` (tags removed, spaces folded), for assertions on one place of a page. */
export const textOfId = textById;

