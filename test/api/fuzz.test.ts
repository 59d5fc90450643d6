/**
 * A bounded fuzz of every route, on the real dev server, PostgreSQL and SMTP (loopback only), with a valid
 * secretariat token and valid signed links so that requests reach the handlers. Each generated request
 * starts from a valid one and is bent: a field replaced by an arbitrary JSON value (huge numbers, NUL and
 * other control characters, nested objects, very long strings), a field dropped or added, a path
 * parameter or query value mangled. Seeded (fast-check), a few hundred requests. Asserted: no 5xx, no
 * answer slower than a few seconds, every refusal problem+json (a form post: its page with the errors); and at the end every request still
 * answers its status query and the consistency check is clean.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { statusQuery } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { linkIn } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

const token = 'secretariat-token-fuzz-0123456789';
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Slower than this is a hang (every route answers in well under a second here). */
const MAX_MS = 5_000;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 40 }).toISODate()!;
const YEAR = Number(deadline.slice(0, 4));
const CODES = ['SEDENA', 'SEMAR', 'SRE'];

let env: TestWorkflowEnvironment;
let h: Harness;
const links: Record<string, string> = {};

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: token });
  h.startWorker();
  const opened = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ year: YEAR, deadline, institutions: CODES }),
  });
  expect(opened.status).toBe(202);
  const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: CODES.length, timeoutMs: 60_000 });
  for (const m of emails) links[/a (\S+) \(fecha/.exec(m.parsed.subject ?? '')![1]] = linkIn(m.parsed.text);
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** Strings people and attackers send: control characters, NUL, right-to-left marks, markup, very long. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u0007', '\r\n', '\u202Eevil', '<script>alert(1)</script>', '=HYPERLINK("x")', '../../etc/passwd', '%00', '0x7EA', '2026.0', '02026', ''),
  fc.integer({ min: 1, max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(1e35, 2 ** 53 + 1, -1, 0.1, Number.MAX_SAFE_INTEGER, -0, 1e-40, true, false, null),
  fc.double(),
  fc.integer(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid body of each route, bent by {@link mutate}. */
type Template = { method: 'GET' | 'POST' | 'PUT'; path: string; query?: Record<string, string>; body?: Record<string, unknown>; form?: boolean };
const later = (days: number) => DateTime.fromISO(deadline).plus({ days }).toISODate()!;

function templates(code: string): Template[] {
  const [path, query] = links[code].replace(h.baseUrl, '').split('?token=');
  const valueOf = (indicator: string) => ({ indicator, value: 3 });
  return [
    { method: 'GET', path: '/healthz' },
    { method: 'GET', path: `/api/cycles/${YEAR}`, query: { offset: '0', limit: '10', status: 'REQUESTED' } },
    { method: 'GET', path: `/api/cycles/${YEAR}/requests/${code}` },
    { method: 'POST', path: '/api/cycles', body: { year: YEAR - 1, deadline: later(3), institutions: [code], policy: { reminders: { businessDaysBefore: [5] } }, openedBy: 'fuzz' } },
    { method: 'POST', path: `/api/cycles/${YEAR}/requests/${code}/extension-decision`, body: { approve: false, note: 'no', decidedBy: 'fuzz' } },
    { method: 'POST', path: `/api/cycles/${YEAR}/requests/${code}/extension`, body: { deadline: later(10), reason: 'fuzz', grantedBy: 'fuzz' } },
    { method: 'POST', path: `/api/cycles/${YEAR}/requests/${code}/resend`, body: { requestedBy: 'fuzz' } },
    { method: 'PUT', path: `/api/cycles/${YEAR}/requests/${code}/contacts`, body: { contacts: [{ role: 'ALTERNATE', name: 'Fuzz', email: 'fuzz@example.org', locale: 'en', timeZone: 'America/Tijuana' }], changedBy: 'fuzz' } },
    // Exempt and close are bent always (see `destructive`): a valid one would end the requests under test.
    { method: 'POST', path: `/api/cycles/${YEAR}/requests/${code}/exempt`, body: { reason: 'fuzz', exemptedBy: 'fuzz' } },
    { method: 'POST', path: `/api/cycles/${YEAR}/close`, body: { reason: 'fuzz', closedBy: 'fuzz' } },
    { method: 'GET', path: `/api/holidays/${YEAR}` },
    { method: 'POST', path: '/api/holidays', body: { date: `${YEAR + 1}-04-0${1 + (code.length % 8)}`, nameEs: 'Día', nameEn: 'Day', createdBy: 'fuzz' } },
    { method: 'GET', path, query: { token: query, lang: 'en' } },
    { method: 'POST', path, query: { token: query }, body: { values: [valueOf('1.a')], narrative: 'fuzz', final: false } },
    { method: 'POST', path, query: { token: query }, body: { 'v|1.a|TOTAL': '3', 'c|1.a': 'x', narrative: 'fuzz', final: 'false' }, form: true },
    { method: 'POST', path: `${path}/extension`, query: { token: query }, body: { deadline: later(5), reason: 'fuzz' } },
  ];
}
const destructive = (t: Template) => /\/(exempt|close)$/.test(t.path);

type Mutation =
  | { kind: 'none' }
  | { kind: 'field'; pick: number; value: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'path'; segment: number; value: string }
  | { kind: 'query'; pick: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), key: fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'reason')), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('path' as const), segment: fc.nat(), value: hostileString }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), pick: fc.nat(), value: hostileString }) },
);

function mutate(t: Template, m: Mutation): { url: string; method: string; body?: string; form: boolean } {
  let path = t.path;
  const query = { ...t.query };
  let body: unknown = t.body === undefined ? undefined : structuredClone(t.body);
  const keys = Object.keys((body as Record<string, unknown>) ?? {});
  switch (m.kind) {
    case 'field':
      if (keys.length) (body as Record<string, unknown>)[keys[m.pick % keys.length]] = m.value;
      break;
    case 'drop':
      if (keys.length) delete (body as Record<string, unknown>)[keys[m.pick % keys.length]];
      break;
    case 'add':
      if (body && typeof body === 'object') Object.defineProperty(body, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      break;
    case 'whole':
      body = m.value;
      break;
    case 'path': {
      const segments = path.split('/');
      const i = 1 + (m.segment % (segments.length - 1));
      segments[i] = encodeURIComponent(m.value);
      path = segments.join('/');
      break;
    }
    case 'query': {
      const qk = Object.keys(query);
      if (qk.length) query[qk[m.pick % qk.length]] = m.value;
      break;
    }
  }
  const qs = new URLSearchParams(query).toString();
  const form = t.form === true && body !== null && typeof body === 'object' && !Array.isArray(body);
  const encoded = body === undefined ? undefined : form ? new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])).toString() : JSON.stringify(body);
  return { url: `${h.baseUrl}${path}${qs ? `?${qs}` : ''}`, method: t.method, body: encoded, form };
}

it(`${RUNS} bent requests over every route: no 5xx, no hang, every refusal problem+json`, async () => {
  const statuses = new Map<number, number>();
  let slowest = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...CODES), fc.nat(), mutation, async (code, pick, m) => {
      const all = templates(code);
      const t = all[pick % all.length];
      if (destructive(t) && m.kind === 'none') return; // a valid exemption or close would end the story
      const req = mutate(t, m);
      const started = Date.now();
      const res = await fetch(req.url, {
        method: req.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(req.body !== undefined ? { 'content-type': req.form ? 'application/x-www-form-urlencoded' : 'application/json' } : {}),
        },
        body: req.method === 'GET' ? undefined : req.body,
        signal: AbortSignal.timeout(MAX_MS * 3),
      });
      const text = await res.text();
      const ms = Date.now() - started;
      slowest = Math.max(slowest, ms);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = `${req.method} ${req.url.slice(0, 200)} ${String(req.body).slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
      if (res.status >= 500) throw new Error(`5xx: ${what}`);
      if (ms > MAX_MS) throw new Error(`took ${ms} ms: ${what}`);
      // A browser's form post gets its page back with the errors in place; everything else is problem+json.
      const type = res.headers.get('content-type') ?? '';
      const expected = req.form ? /application\/problem\+json|text\/html/ : /application\/problem\+json/;
      if (res.status >= 400 && !expected.test(type)) throw new Error(`not problem+json: ${what}`);
      if (text.includes('    at ')) throw new Error(`stack trace in the answer: ${what}`);
    }),
    {
      numRuns: RUNS,
      seed: SEED,
      endOnFailure: true,
      // A failing case can carry 40,000-character strings: report it short.
      reporter: (details) => {
        if (!details.failed) return;
        const example = JSON.stringify(details.counterexample).slice(0, 600);
        throw new Error(`fuzz failed after ${details.numRuns} requests (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance).slice(0, 1_500)}\ncounterexample: ${example}`);
      },
    },
  );
  console.log(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, slowest ${slowest} ms`);
  expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
}, 600_000);

it('after the fuzz, every request answers its status query and the record agrees with every workflow', async () => {
  for (const code of CODES) {
    const handle = env.client.workflow.getHandle(`request/${YEAR}/${code}`);
    if ((await handle.describe()).status.name === 'RUNNING') expect((await handle.query(statusQuery)).institutionCode).toBe(code);
  }
  await eventually(async () => {
    await expectConsistent({ ...h });
    return true;
  }, { timeoutMs: 30_000, what: 'a clean consistency check' });
});
