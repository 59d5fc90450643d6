/**
 * Hostile and careless input, on the real dev server, PostgreSQL and SMTP, with SECRETARIAT_TOKEN set.
 * Each case below was once seen to break a request for good (an activity retrying forever, a hung HTTP
 * call, a 500): now each is a 4xx naming the field, in the contact's language where a contact sees it,
 * and afterwards the request still takes a normal draft, answers its status query, and the consistency
 * check finds nothing wrong.
 */
import { Writable } from 'node:stream';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { buildServer } from '../../api/build-server';
import { LIMITS } from '../../domain/input-bounds';
import { statusQuery, submitUpdate, exemptUpdate } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { answers, linkIn, type TFormIndicator } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

const token = 'secretariat-token-hostile-0123456789';
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 40 }).toISODate()!;
const YEAR = Number(deadline.slice(0, 4));
const NUL = '\u0000';

let env: TestWorkflowEnvironment;
let h: Harness;
const links: Record<string, string> = {};
const indicators: Record<string, TFormIndicator[]> = {};

type Res = { status: number; json: any; headers: Headers; text: string };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const res = await fetch(path.startsWith('http') ? path : `${h.baseUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(path.startsWith('/api') ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers, text };
}

const api = (code: string, action = '') => `/api/cycles/${YEAR}/requests/${code}${action}`;
const extension = (code: string) => links[code].replace('?token=', '/extension?token=');

/** The request still works: a new draft is stored, its status query answers, record and workflow agree. */
async function stillHealthy(code: string, n: number): Promise<void> {
  const [first] = indicators[code];
  const draft = await call('POST', links[code], { values: answers([first]).map((a) => (typeof a.value === 'number' && a.value > 1 ? { ...a, value: a.value * (n + 1) } : a)), final: false });
  expect([200, 201]).toContain(draft.status);
  const state = await env.client.workflow.getHandle(`request/${YEAR}/${code}`).query(statusQuery);
  expect(['DRAFT', 'REQUESTED']).toContain(state.status);
}

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: token });
  h.startWorker();
  const opened = await call('POST', '/api/cycles', { year: YEAR, deadline });
  expect(opened.status).toBe(202);
  const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 7, timeoutMs: 60_000 });
  for (const m of emails) {
    const code = /a (\S+) \(fecha/.exec(m.parsed.subject ?? '')![1];
    links[code] = linkIn(m.parsed.text);
    indicators[code] = (await call('GET', links[code])).json.indicators;
  }
  await eventually(async () => {
    const cycle = await call('GET', `/api/cycles/${YEAR}`);
    return cycle.json.requests?.length === 7 && cycle.json.requests.every((r: any) => r.nextAction) ? true : undefined;
  }, { what: 'every request to schedule its first reminder' });
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

describe('values the database cannot hold are refused at the edge (400 naming the field, in Spanish)', () => {
  it('a count of 1e35, or above 2^53, is refused rather than overflowing or rounding', async () => {
    const count = indicators.SEDENA.find((i) => i.unit === 'COUNT')!;
    for (const value of [1e35, 9007199254740993, '9007199254740993', -1, 1.5]) {
      const res = await call('POST', links.SEDENA, { values: [{ indicator: count.code, value }], final: false });
      expect(res.status).toBe(400);
      expect(res.json.errors[0]).toMatchObject({ field: 'values[0].value', code: 'NOT_A_COUNT' });
      expect(res.json.fields['values[0].value']).toMatch(/número entero de 0 a 9 007 199 254 740 991/);
    }
    await stillHealthy('SEDENA', 1);
  });

  it('a NUL byte in a narrative, a comment, a text value or a reason is refused', async () => {
    const text = indicators.SEDENA.find((i) => i.unit === 'TEXT');
    const count = indicators.SEDENA.find((i) => i.unit === 'COUNT')!;
    const cases: [unknown, string][] = [
      [{ values: [], narrative: `Informe${NUL}`, final: false }, 'narrative'],
      [{ values: [{ indicator: count.code, value: null, comment: `sin dato${NUL}` }], final: false }, 'values[0].comment'],
      [{ values: [], final: true, reason: `corrección${NUL}` }, 'reason'],
      [{ values: [], final: true, reason: 42 }, 'reason'],
      ...(text ? ([[{ values: [{ indicator: text.code, value: `dos${NUL}campañas` }], final: false }, 'values[0].value']] as [unknown, string][]) : []),
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', links.SEDENA, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(Object.keys(res.json.fields)).toContain(field);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const control = await call('POST', links.SEDENA, { values: [], narrative: 'a\u0007b', final: false });
    expect(control.json.fields.narrative).toMatch(/carácter de control/);
    await stillHealthy('SEDENA', 2);
  });

  it('a NUL in an exemption, extension or closing reason, a holiday name or a contact name is refused', async () => {
    expect((await call('POST', api('CECOPAM', '/exempt'), { reason: `x${NUL}` })).json.fields).toHaveProperty('reason');
    expect((await call('POST', api('CECOPAM', '/extension'), { deadline: DateTime.fromISO(deadline).plus({ days: 7 }).toISODate(), reason: `x${NUL}` })).status).toBe(400);
    expect((await call('POST', extension('CECOPAM'), { deadline: DateTime.fromISO(deadline).plus({ days: 7 }).toISODate(), reason: `x${NUL}` })).status).toBe(400);
    expect((await call('POST', `/api/cycles/${YEAR}/close`, { reason: `x${NUL}` })).status).toBe(400);
    const holiday = await call('POST', '/api/holidays', { date: `${YEAR + 1}-03-03`, nameEs: `Día${NUL}`, nameEn: 'Day' });
    expect(holiday.status).toBe(400);
    expect(holiday.json.fields).toHaveProperty('nameEs');
    const contacts = await call('PUT', api('CECOPAM', '/contacts'), { contacts: [{ role: 'ALTERNATE', name: `Ana${NUL}`, email: 'ana@example.org' }] });
    expect(contacts.json.fields).toHaveProperty(['contacts[0].name']);
    await stillHealthy('CECOPAM', 1);
  });

  it('free text has a length limit everywhere it is stored; a 1.9 MB reason never reaches the workflow', async () => {
    const huge = 'x'.repeat(1_900_000);
    const reason = await call('POST', extension('SEMAR'), { deadline: DateTime.fromISO(deadline).plus({ days: 7 }).toISODate(), reason: huge });
    expect(reason.status).toBe(400);
    expect(reason.json.fields.reason).toMatch(/como máximo 2000 caracteres/);
    expect((await call('POST', links.SEMAR, { values: [], narrative: 'n'.repeat(LIMITS.narrative + 1), final: false })).json.fields.narrative).toMatch(/20000/);
    expect((await call('POST', api('SEMAR', '/exempt'), { reason: 'r'.repeat(LIMITS.reason + 1) })).json.fields.reason).toMatch(/2000/);
    // Too large for any route: the body limit (2 MB) answers 413 before anything is parsed.
    expect((await call('POST', links.SEMAR, { values: [], narrative: 'n'.repeat(2_200_000), final: false })).status).toBe(413);
    await stillHealthy('SEMAR', 1);
  });

  it('fourteen drafts with the longest narrative leave the workflow history small: content travels by hash', async () => {
    const [first] = indicators.SSPC;
    const handle = env.client.workflow.getHandle(`request/${YEAR}/SSPC`);
    /** The server's own measure of the history (what its 50 MB limit counts). */
    const historyBytes = async () => Number((await handle.describe()).raw.workflowExecutionInfo?.historySizeBytes ?? 0);
    const before = await historyBytes();
    for (let n = 0; n < 14; n++) {
      const res = await call('POST', links.SSPC, { values: answers([first]), narrative: `${n} ${'ñ'.repeat(LIMITS.narrative - 4)}`, final: false });
      expect(res.status).toBe(201);
    }
    // 14 × 20,000 characters of narrative (about 560 kB in UTF-8) are in the database, not the history:
    // each draft adds its update, its activity and its record write (about 3 kB), not its content.
    const perDraft = ((await historyBytes()) - before) / 14;
    expect(perDraft).toBeLessThan(5_000);
    const state = await handle.query(statusQuery);
    expect(JSON.stringify(state).length).toBeLessThan(40_000);
    expect(await h.prisma.submission.count({ where: { dataRequest: { workflowId: `request/${YEAR}/SSPC` } } })).toBe(14);
  });
});

describe('strict parameters and credentials', () => {
  it('a year in a path is exactly four digits; an institution code is a code; NUL in a path is a 400', async () => {
    for (const year of ['0x7EA', '2026.0', '02026', '+2026', '2026%00', '1999']) {
      const res = await call('GET', `/api/cycles/${year}`);
      expect({ year, status: res.status }).toEqual({ year, status: 400 });
    }
    expect((await call('GET', `/api/cycles/${YEAR}/requests/SE%00MAR`)).status).toBe(400);
    expect((await call('GET', `/api/cycles/${YEAR}/requests/semar`)).status).toBe(400);
    expect((await call('GET', `/respond/${YEAR}/SEMAR%00?token=x`)).status).toBe(400);
    expect((await call('GET', `/api/holidays/2026.5`)).status).toBe(400);
  });

  it('the secretariat token needs the Bearer scheme', async () => {
    expect((await call('GET', `/api/cycles/${YEAR}`, undefined, { authorization: token })).status).toBe(401);
    expect((await call('GET', `/api/cycles/${YEAR}`, undefined, { authorization: `Basic ${token}` })).status).toBe(401);
    expect((await call('GET', `/api/cycles/${YEAR}`, undefined, { authorization: `Bearer  ${token}` })).status).toBe(401);
    expect((await call('GET', `/api/cycles/${YEAR}`, undefined, { authorization: `Bearer ${token}x` })).status).toBe(403);
    expect((await call('GET', `/api/cycles/${YEAR}`, undefined, { authorization: `bearer ${token}` })).status).toBe(200);
  });

  it('a link signature decodes strictly: an appended "=", "!!" or a non-canonical last character is refused', async () => {
    const [base, query] = links.SRE.split('?token=');
    const variants = [`${query}=`, `${query}!!`, `${query}%3D%3D`, `${query.slice(0, -1)}${String.fromCharCode(query.charCodeAt(query.length - 1) ^ 1)}`];
    for (const variant of variants) {
      const res = await call('GET', `${base}?token=${variant}`);
      expect({ variant: variant.slice(-4), status: res.status }).toEqual({ variant: variant.slice(-4), status: 401 });
    }
    expect((await call('GET', links.SRE)).status).toBe(200);
  });

  it("a cycle's deadline must fall in its year or the two after it", async () => {
    const res = await call('POST', '/api/cycles', { year: YEAR + 3, deadline: DateTime.fromISO(deadline).plus({ days: 1 }).toISODate() });
    expect(res.status).toBe(400);
    expect(res.json.fields.deadline).toMatch(/must fall between/);
    expect((await call('POST', '/api/cycles', { year: YEAR - 3, deadline })).status).toBe(400);
  });

  it('an invalid contact time zone or locale is refused; a zone stored before the checks does not stop emails', async () => {
    const bad = await call('PUT', api('UNWOMEN', '/contacts'), { contacts: [{ role: 'PRIMARY', name: 'Ana', email: 'ana@example.org', timeZone: 'Mars/Olympus_Mons' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'contacts[0].timeZone', code: 'NOT_A_TIME_ZONE' })]);
    expect((await call('PUT', api('UNWOMEN', '/contacts'), { contacts: [{ role: 'PRIMARY', name: 'Ana', email: 'ana@example.org', locale: 'fr' }] })).status).toBe(400);
    // Written behind the API's back (an older release, a manual fix): the email falls back to Mexico City.
    await h.prisma.contact.updateMany({ where: { institution: { code: 'UNWOMEN' }, role: 'PRIMARY' }, data: { timeZone: 'Mars/Olympus_Mons' } });
    const before = h.smtp.messages.length;
    expect((await call('POST', api('UNWOMEN', '/resend'), {})).status).toBe(200);
    await h.smtp.waitFor((m) => h.smtp.messages.indexOf(m) >= before && /UNWOMEN/.test(m.parsed.subject ?? ''));
    expect((await call('GET', links.UNWOMEN)).status).toBe(200);
    await stillHealthy('UNWOMEN', 1);
  });
});

describe('what reaches a workflow without the API is refused by the workflow, which goes on', () => {
  it('an update whose value the database refuses fails that update (no retry forever), and the request stays healthy', async () => {
    const handle = env.client.workflow.getHandle(`request/${YEAR}/INMUJERES`);
    const started = Date.now();
    await expect(handle.executeUpdate(exemptUpdate, { args: [{ reason: `x${NUL}`, exemptedBy: 'script' }] })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(handle.executeUpdate(submitUpdate, { args: [{ submittedBy: 'x@example.org', final: false, contentHash: 'f'.repeat(64) }] })).rejects.toThrow();
    expect((await handle.query(statusQuery)).status).toBe('REQUESTED');
    await stillHealthy('INMUJERES', 1);
  });
});

describe('responses', () => {
  it('carry security headers and a request id', async () => {
    const res = await call('GET', links.SRE, undefined, { accept: 'text/html' });
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a 500 is logged with its stack and request id; the response says only the request id', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildServer({ prisma: h.prisma, temporal: env.client, taskQueue: h.taskQueue, linkSigningSecret: 'x'.repeat(40), logger: { level: 'info', stream } });
    app.get('/boom', async () => {
      throw new TypeError('a bug in a route');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const res = await fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-test-1' } });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'INTERNAL', detail: 'Internal error; it has been logged (request req-test-1).' });
    expect(body).not.toContain('a bug in a route');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(logged).toMatchObject({ reqId: 'req-test-1', err: { type: 'TypeError', message: 'a bug in a route' } });
    expect(logged.err.stack).toContain('hostile-input.test.ts');
    // An ordinary refusal is one line, without a stack.
    const refused = await fetch(`${base}/api/cycles/0x7EA`);
    expect(refused.status).toBe(400);
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === refused.headers.get('x-request-id') && l.level === 30 && l.status === 400);
    expect(line).toBeDefined();
    expect(line.err).toBeUndefined();
    await app.close();
  });
});

describe('the consistency check', () => {
  it('finds nothing wrong after all of the above', async () => {
    await expectConsistent({ ...h, cycleYear: YEAR });
  });
});
