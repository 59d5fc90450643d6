/**
 * A browser's HTTP side for page tests, without a browser: keeps the cookies a server sets, reads the CSRF
 * token of the last page it fetched, posts forms (urlencoded, with that token unless told not to), and
 * never follows redirects (tests look at them). Bodies are kept out of assertion messages by callers.
 */
export interface PageResponse {
  status: number;
  text: string;
  location: string | null;
  contentType: string;
}

export interface PageClient {
  get(path: string, headers?: Record<string, string>): Promise<PageResponse>;
  /** Posts a form; `_csrf` is the last page's token unless `csrf: false` (or a given value). */
  post(path: string, fields: Record<string, string>, options?: { csrf?: false | string }): Promise<PageResponse>;
  /** The JSON API with this browser's cookies (a signed-in person's fetch). */
  json(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<PageResponse>;
  readonly csrf: string;
  readonly cookies: string;
}

export function pageClient(base: string): PageClient {
  const jar = new Map<string, string>();
  let csrf = '';
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<PageResponse> {
    const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { ...(jar.size ? { cookie: cookieHeader() } : {}), ...init.headers } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) csrf = token;
    return { status: res.status, text, location: res.headers.get('location'), contentType: res.headers.get('content-type') ?? '' };
  }
  return {
    get: (path, headers = {}) => send(path, { method: 'GET', headers: { accept: 'text/html', ...headers } }),
    post: (path, fields, options = {}) => {
      const token = options.csrf === false ? undefined : (options.csrf ?? csrf);
      const body = new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) }).toString();
      return send(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    },
    json: (method, path, body, headers = {}) =>
      send(path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }),
    get csrf() {
      return csrf;
    },
    get cookies() {
      return cookieHeader();
    },
  };
}

/** The text of an HTML element by id (tags stripped, entities left), for assertions on one place of a page. */
export function textOfId(html: string, id: string): string | undefined {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return undefined;
  const open = html.lastIndexOf('<', start);
  const tag = /^<([a-z0-9]+)/i.exec(html.slice(open))?.[1];
  const close = tag ? html.indexOf(`</${tag}>`, start) : -1;
  return html
    .slice(html.indexOf('>', start) + 1, close < 0 ? undefined : close)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
