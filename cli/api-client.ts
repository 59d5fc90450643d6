import type { Locale } from '../domain/input-bounds';
import { ApiError, UnreachableError } from './cli-errors';

/** The methods the API's routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Calls the service's HTTP API: one JSON request, its JSON answer, or a typed failure. */
export interface ApiClient {
  /** The API's base URL, without a trailing slash (`http://localhost:3000`). */
  readonly baseUrl: string;
  /**
   * Sends `method path` (with `query`'s defined entries, and `body` as JSON when given) and resolves to the
   * parsed JSON answer (undefined for an empty one). Rejects with {@link ApiError} for any status ≥ 300
   * and {@link UnreachableError} when no usable answer came (refused connection, timeout, not JSON).
   */
  request(method: HttpMethod, path: string, options?: { body?: unknown; query?: Readonly<Record<string, string | number | undefined>> }): Promise<unknown>;
}

/** Where the API is, who is asking, in which language, and how long to wait. */
export interface ApiClientOptions {
  /** `--url` / `NAP1325_URL`: where the API listens, optionally under a path prefix. */
  baseUrl: string;
  /** `--token` / `NAP1325_TOKEN`: sent as `Authorization: Bearer <token>`; absent: no header (open development server). */
  token?: string;
  /** Sent as `Accept-Language`, so the API's messages come in the operator's language where it has them. */
  lang: Locale;
  /** How long one request may take, answer included, before it counts as unreachable. */
  timeoutMs: number;
  userAgent: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problem+json `fields` (`{"deadline": "must be …"}`) when it is an object of strings. */
function fieldsOf(body: Record<string, unknown>): Record<string, string> | undefined {
  if (!isObject(body.fields)) return undefined;
  const entries = Object.entries(body.fields).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The reason fetch could not get an answer: the system error's code (`ECONNREFUSED`) and message. */
function networkCause(err: unknown): { code: string; message: string } {
  let cause: unknown = err;
  for (let depth = 0; depth < 4 && isObject(cause) && cause.cause !== undefined; depth++) cause = cause.cause;
  const found = cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof found?.code === 'string' ? found.code : 'FETCH_FAILED';
  const message = typeof found?.message === 'string' && found.message ? found.message : err instanceof Error ? err.message : String(err);
  return { code, message };
}

const isTimeout = (err: unknown) => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');

/**
 * An {@link ApiClient} on `fetch`: `Accept: application/json`, the operator's language, the Bearer token
 * when there is one. Every request (its answer read in full) has `timeoutMs`; a timeout is an
 * {@link UnreachableError} `TIMEOUT`, as is a refused connection (`ECONNREFUSED`), an unknown host
 * (`ENOTFOUND`), and a 2xx whose body is not JSON (`NOT_JSON`: not this API, e.g. a proxy's page). A
 * status ≥ 300 is an {@link ApiError} carrying the problem+json's `code`, `detail` and `fields` (or
 * `HTTP_<status>` and the status text when the body is not a problem).
 */
export function createApiClient({ baseUrl, token, lang, timeoutMs, userAgent }: ApiClientOptions): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const seconds = Math.round(timeoutMs / 100) / 10;

  async function request(method: HttpMethod, path: string, { body, query }: { body?: unknown; query?: Readonly<Record<string, string | number | undefined>> } = {}): Promise<unknown> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
    const url = `${base}${path}${search.toString() ? `?${search.toString()}` : ''}`;
    let status: number;
    let statusText: string;
    let text: string;
    try {
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'accept-language': lang,
          'user-agent': userAgent,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      statusText = res.statusText;
      text = await res.text();
    } catch (err) {
      if (isTimeout(err)) {
        throw new UnreachableError('TIMEOUT', { 'es-MX': `sin respuesta de ${base} en ${seconds} s`, en: `no answer from ${base} within ${seconds} s` });
      }
      const cause = networkCause(err);
      throw new UnreachableError(cause.code, { 'es-MX': `no se pudo contactar ${base}: ${cause.message}`, en: `cannot reach ${base}: ${cause.message}` });
    }
    let parsed: unknown;
    let isJson = false;
    try {
      parsed = text ? JSON.parse(text) : undefined;
      isJson = text !== '';
    } catch {
      parsed = text;
    }
    if (status >= 200 && status < 300) {
      if (text && !isJson) {
        throw new UnreachableError('NOT_JSON', {
          'es-MX': `${base} respondió ${method} ${path} con algo que no es JSON (¿es la URL de la API de nap1325?)`,
          en: `${base} answered ${method} ${path} with something that is not JSON (is this nap1325's API URL?)`,
        });
      }
      return parsed;
    }
    if (isJson && isObject(parsed) && typeof parsed.detail === 'string') {
      const code = typeof parsed.code === 'string' ? parsed.code : typeof parsed.title === 'string' ? parsed.title : `HTTP_${status}`;
      throw new ApiError(status, code, parsed.detail, fieldsOf(parsed), parsed, Boolean(token));
    }
    const detail = `${method} ${path}: ${statusText || `HTTP ${status}`}${!isJson && text ? ` — ${text.slice(0, 120)}` : ''}`;
    throw new ApiError(status, `HTTP_${status}`, detail, undefined, parsed, Boolean(token));
  }

  return { baseUrl: base, request };
}
