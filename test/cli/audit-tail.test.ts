/**
 * `nap1325 audit tail`, and how the CLI reads answers that are not what it hoped for, against a small
 * local fake of the API: GET /api/audit is being added by another branch (cursor-paged, newest first,
 * `{ events, nextCursor }`), not in this one yet. Once it is, the same command runs against the real route.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CLI_BIN, runCliProcess } from '../support/cli-process';

type Event = { id: string; at: string; actor: string; action: string; year: number | null; institution: string | null; data: unknown };
type Handler = (req: IncomingMessage, url: URL, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
const seen: { url: URL; headers: IncomingMessage['headers'] }[] = [];
/** Newest first, as the route answers. */
let events: Event[] = [];
let override: Handler | undefined;

const event = (n: number, extra: Partial<Event> = {}): Event => ({
  id: `ev${String(n).padStart(4, '0')}`,
  at: new Date(Date.UTC(2026, 4, 1, 15, n)).toISOString(),
  actor: 'secretariat-token',
  action: n % 2 ? 'EXEMPTED' : 'TOKEN_CREATED',
  year: 2026,
  institution: n % 2 ? 'SEMAR' : null,
  data: { n },
  ...extra,
});

const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** The agreed contract: `limit` (default 50), `cursor` (an offset here), newest first, `nextCursor` or null. */
const auditRoute: Handler = (_req, url, res) => {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const from = Number(url.searchParams.get('cursor') ?? 0);
  const page = events.slice(from, from + limit);
  send(res, 200, { events: page, nextCursor: from + limit < events.length ? String(from + limit) : null });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    seen.push({ url, headers: req.headers });
    if (override) return override(req, url, res);
    if (url.pathname === '/api/audit') return auditRoute(req, url, res);
    send(res, 404, { status: 404, code: 'NOT_FOUND', detail: `No route ${req.method} ${url.pathname}` }, 'application/problem+json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  events = Array.from({ length: 30 }, (_, i) => event(30 - i));
  override = undefined;
});

const cli = (args: string[], env: Record<string, string> = {}) => runCliProcess(args, { env: { NAP1325_URL: baseUrl, NAP1325_TOKEN: 'tok-123', ...env } });

it('reads the newest page with the filters and prints it oldest first', async () => {
  const run = await cli(['audit', 'tail', '--cycle', '2026', '--institution', 'semar', '--actor', 'secretariat-token', '--action', 'exempted', '--limit', '3']);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const { url, headers } = seen[0];
  expect(url.pathname).toBe('/api/audit');
  expect(Object.fromEntries(url.searchParams)).toEqual({ year: '2026', institution: 'SEMAR', actor: 'secretariat-token', action: 'EXEMPTED', limit: '3' });
  expect(headers.authorization).toBe('Bearer tok-123');
  expect(headers['accept-language']).toBe('es-MX');
  const lines = run.stdout.trimEnd().split('\n');
  // 28, 29, 30: the three newest, oldest first; times in Mexico City (UTC−6).
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^2026-05-01 09:28 {2}TOKEN_CREATED {11} {2}secretariat-token {15} {2}2026 {24} {2}\{"n":28\}$/);
  expect(lines[1]).toMatch(/^2026-05-01 09:29 {2}EXEMPTED +secretariat-token +2026\/SEMAR +\{"n":29\}$/);
  expect(lines[2]).toContain('{"n":30}');
});

it('prints the answer as it is with --json', async () => {
  const run = await cli(['audit', 'tail', '--json', '--limit', '2']);
  expect(JSON.parse(run.stdout)).toEqual({ events: [event(30), event(29)], nextCursor: '2' });
});

/** Runs the command until `stop` says so; resolves with what it printed. */
function follow(args: string[], stop: (out: string[], err: string[]) => boolean): Promise<{ out: string[]; err: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_BIN, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NAP1325_URL: baseUrl, NAP1325_TOKEN: 'tok-123' } });
    const out: string[] = [];
    const err: string[] = [];
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`follow did not reach its end:\n${out.join('\n')}\n${err.join('\n')}`));
    }, 30_000);
    const check = () => {
      if (!stop(out, err)) return;
      clearTimeout(timer);
      child.kill();
      resolve({ out, err });
    };
    let buffered = { out: '', err: '' };
    const collect = (which: 'out' | 'err', into: string[]) => (chunk: Buffer) => {
      buffered[which] += chunk.toString();
      const parts = buffered[which].split('\n');
      buffered = { ...buffered, [which]: parts.pop() ?? '' };
      into.push(...parts);
      check();
    };
    child.stdout.on('data', collect('out', out));
    child.stderr.on('data', collect('err', err));
    child.on('exit', (code) => {
      if (code !== null) {
        clearTimeout(timer);
        reject(new Error(`follow exited with ${code}:\n${err.join('\n')}`));
      }
    });
  });
}

it('--follow prints new events as they come (JSON Lines with --json), and waits out a failing server', async () => {
  let polls = 0;
  const { out, err } = await follow(['audit', 'tail', '--follow', '--interval', '1', '--limit', '2', '--json'], (lines, errors) => {
    if (lines.length === 2 && polls === 0) {
      // The first page is out: 150 new events arrive (more than one page of 100), then the server fails once.
      polls = 1;
      events = [...Array.from({ length: 150 }, (_, i) => event(180 - i)), ...events];
      override = (_req, url, res) => {
        override = undefined;
        send(res, 503, { status: 503, code: 'UNAVAILABLE', detail: 'Temporal is restarting' }, 'application/problem+json');
      };
    }
    return lines.length >= 152 && errors.length >= 2;
  });
  const ids = out.map((l) => (JSON.parse(l) as Event).id);
  expect(ids.slice(0, 2)).toEqual(['ev0029', 'ev0030']);
  expect(ids.slice(2)).toEqual(Array.from({ length: 150 }, (_, i) => event(31 + i).id));
  expect(err[0]).toMatch(/^aviso: Temporal is restarting; se reintenta cada 1 s$/);
  expect(err[1]).toBe('nota: el servidor responde de nuevo');
  // Each poll after the first read pages with the cursor until it met an event already printed.
  expect(seen.some(({ url }) => url.searchParams.get('cursor') === '100')).toBe(true);
});

describe('answers that are not a success', () => {
  it('a route this server lacks (the audit route before it is deployed): exit 1, one line', async () => {
    override = (_req, url, res) => send(res, 404, { status: 404, code: 'NOT_FOUND', detail: `No route GET ${url.pathname}` }, 'application/problem+json');
    const run = await cli(['audit', 'tail', '--lang', 'en']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'error: No route GET /api/audit (NOT_FOUND, HTTP 404)\n' });
  });

  it('5xx: exit 3; 401/403: exit 4; a 2xx that is not JSON: exit 3', async () => {
    override = (_req, _url, res) => send(res, 500, { status: 500, code: 'INTERNAL', detail: 'Internal error; it has been logged (request 7).' }, 'application/problem+json');
    expect(await cli(['audit', 'tail'])).toMatchObject({ code: 3, stderr: 'error: Internal error; it has been logged (request 7). (INTERNAL, HTTP 500)\n' });

    override = (_req, _url, res) => send(res, 502, '<html>Bad Gateway</html>', 'text/html');
    expect(await cli(['audit', 'tail', '--lang', 'en'])).toMatchObject({ code: 3, stderr: 'error: GET /api/audit: Bad Gateway — <html>Bad Gateway</html> (HTTP_502, HTTP 502)\n' });

    override = (_req, _url, res) => send(res, 401, { status: 401, code: 'NOT_SIGNED_IN', detail: 'Sign in.' }, 'application/problem+json');
    expect((await cli(['audit', 'tail'])).code).toBe(4);
    override = (_req, _url, res) => send(res, 403, { status: 403, code: 'ROLE', detail: 'The working group may read but not change this.' }, 'application/problem+json');
    expect((await cli(['audit', 'tail'])).code).toBe(4);

    override = (_req, _url, res) => send(res, 200, '<!doctype html><p>Welcome</p>', 'text/html');
    const html = await cli(['audit', 'tail', '--lang', 'en']);
    expect(html).toMatchObject({ code: 3, stderr: expect.stringMatching(/^error: .+ with something that is not JSON \(is this nap1325's API URL\?\) \(NOT_JSON\)\n$/) });
  });

  it('an answer that does not come in time: exit 3 (TIMEOUT)', async () => {
    override = () => undefined; // never answers
    const run = await cli(['audit', 'tail', '--timeout', '0.5', '--lang', 'en']);
    expect(run).toMatchObject({ code: 3, stderr: `error: no answer from ${baseUrl} within 0.5 s (TIMEOUT)\n` });
  });

  it('a detail with line breaks or terminal escapes still prints as one plain line, with its fields', async () => {
    override = (_req, _url, res) =>
      send(res, 400, { status: 400, code: 'VALIDATION', detail: 'Invalid request:\n\u001b[31mlimit\u001b[0m', fields: { limit: 'too big', actor: 'must be one line' } }, 'application/problem+json');
    const run = await cli(['audit', 'tail']);
    expect(run).toMatchObject({ code: 1, stderr: 'error: Invalid request: [31mlimit [0m (VALIDATION, HTTP 400) — limit: too big; actor: must be one line\n' });
  });
});
