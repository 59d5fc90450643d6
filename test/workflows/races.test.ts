/**
 * Races as users cause them, on the real dev server (real time), PostgreSQL and SMTP, through the HTTP
 * API: an extension request and the secretariat's decision 0–100 ms apart; ten different final reports at
 * once; the same report twice at once; a resend racing a contact change; an exemption racing a submission.
 * Before handlers were serialized, the first wedged the workflow for good (a TypeError in a handler, 3/3
 * at 30–100 ms) and the second stored seven FINAL versions. Each race is repeated; after them every request
 * still answers its status query, and the consistency check finds nothing wrong.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { createBusinessCalendar, DEFAULT_ZONE } from '../../domain/business-calendar';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { statusQuery } from '../../workflows';
import { eventually, quietRuntime, seedAll, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { linkIn } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

const ENTITIES = 24;
const calendar = createBusinessCalendar({ zone: DEFAULT_ZONE });
const deadline = calendar.addBusinessDays(DateTime.now().setZone(DEFAULT_ZONE).toISODate()!, 20);
const YEAR = Number(deadline.slice(0, 4));

let env: TestWorkflowEnvironment;
let h: Harness;
let codes: string[] = [];
const links: Record<string, string> = {};

type Res = { status: number; json: any };
async function http(method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(path.startsWith('http') ? path : `${h.baseUrl}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
const api = (code: string, action = '') => `/api/cycles/${YEAR}/requests/${code}${action}`;
const extensionLink = (code: string) => links[code].replace('?token=', '/extension?token=');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A municipality's complete report; `n` makes each one different. */
const report = (n: number, extra: Record<string, unknown> = {}) => ({
  values: [
    { indicator: '2.a', breakdown: 'TOTAL', value: 10 + n },
    { indicator: '2.a', breakdown: 'WOMEN', value: 5 },
    { indicator: '2.a', breakdown: 'MEN', value: 5 },
    { indicator: '2.b', value: `Informe ${n}` },
  ],
  final: true,
  ...extra,
});

/** Two calls, the second `gapMs` after the first; both answers. */
async function race(first: () => Promise<Res>, second: () => Promise<Res>, gapMs: number): Promise<[Res, Res]> {
  const a = first();
  await sleep(gapMs);
  return Promise.all([a, second()]);
}

const state = (code: string) => env.client.workflow.getHandle(`request/${YEAR}/${code}`).query(statusQuery);

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({
    env,
    seed: async (prisma) => {
      await seedAll(prisma);
      ({ codes } = await seedSyntheticEntities({ prisma, count: ENTITIES, prefix: 'RACE' }));
    },
  });
  h.startWorker();
  expect((await http('POST', '/api/cycles', { year: YEAR, deadline, institutions: codes })).status).toBe(202);
  const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: ENTITIES, timeoutMs: 90_000 });
  for (const m of emails) links[/a (RACE-\d+) /.exec(m.parsed.subject ?? '')![1]] = linkIn(m.parsed.text);
  await eventually(async () => ((await http('GET', `/api/cycles/${YEAR}`)).json.counts?.REQUESTED === ENTITIES ? true : undefined), {
    timeoutMs: 60_000,
    what: 'every request to be REQUESTED',
  });
}, 240_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

it('an extension request and its decision 0–100 ms apart: decided in order, the workflow never wedges', async () => {
  const code = codes[0];
  let asked = calendar.addBusinessDays(deadline, 1);
  for (let gap = 0; gap <= 100; gap += 10) {
    const approve = gap % 20 === 0;
    const [request, decision] = await race(
      () => http('POST', extensionLink(code), { deadline: asked, reason: `Cierre contable (${gap} ms)` }),
      () => http('POST', api(code, '/extension-decision'), { approve, note: `decisión a ${gap} ms` }),
      gap,
    );
    expect({ gap, request: request.status }).toEqual({ gap, request: 200 });
    // Either the decision came first (nothing to decide yet: 409) or after the request, in order.
    expect({ gap, decision: [200, 409].includes(decision.status) }).toEqual({ gap, decision: true });
    if (decision.status === 409) {
      expect(decision.json.code).toBe('NO_PENDING_EXTENSION');
      expect((await http('POST', api(code, '/extension-decision'), { approve })).status).toBe(200);
    }
    const s = await state(code);
    expect(s.pendingExtension).toBeUndefined();
    if (approve) asked = calendar.addBusinessDays(s.deadlineAt!.slice(0, 10) > asked ? s.deadlineAt!.slice(0, 10) : asked, 1);
  }
  // Still healthy: it takes a report.
  expect((await http('POST', links[code], report(1))).status).toBe(201);
});

it('ten different final reports at once: exactly one FINAL; the rest need a reason (400); with reasons, they are corrections', async () => {
  const code = codes[1];
  const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => http('POST', links[code], report(n))));
  const accepted = answers.filter((a) => a.status === 201);
  expect(accepted.map((a) => a.json.kind)).toEqual(['FINAL']);
  const refused = answers.filter((a) => a.status !== 201);
  expect(refused.map((a) => [a.status, a.json.code])).toEqual(Array.from({ length: 9 }, () => [400, 'CORRECTION_NEEDS_REASON']));
  const submittedAt = (await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${YEAR}/${code}` } })).submittedAt;

  const corrections = await Promise.all(Array.from({ length: 8 }, (_, n) => http('POST', links[code], report(100 + n, { reason: `Ajuste ${n}` }))));
  expect(corrections.map((a) => [a.status, a.json.kind])).toEqual(Array.from({ length: 8 }, () => [201, 'CORRECTION']));
  const stored = await h.prisma.submission.findMany({ where: { dataRequest: { workflowId: `request/${YEAR}/${code}` } }, orderBy: { version: 'asc' } });
  expect(stored.map((s) => s.kind)).toEqual(['FINAL', ...Array.from({ length: 8 }, () => 'CORRECTION')]);
  expect(stored.map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // The report's submission instant does not move with the corrections; receipts say what each version was.
  expect((await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${YEAR}/${code}` } })).submittedAt).toEqual(submittedAt);
  const receipts = await h.smtp.waitFor((m) => /^Acuse de recibo/.test(m.parsed.subject ?? '') && (m.parsed.subject ?? '').includes(code), { count: 9 });
  expect(receipts).toHaveLength(9);
});

it('the same report sent five times at once is stored once; the others answer duplicate', async () => {
  const code = codes[2];
  const answers = await Promise.all(Array.from({ length: 5 }, () => http('POST', links[code], report(7))));
  expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
  expect(answers.filter((a) => a.status === 200).map((a) => a.json.duplicate)).toEqual([true, true, true, true]);
  expect(await h.prisma.submission.count({ where: { dataRequest: { workflowId: `request/${YEAR}/${code}` } } })).toBe(1);
});

it('a resend racing a contact change: both applied in order, one email per resend, each to a current contact', async () => {
  const code = codes[3];
  const people = [`enlace+${code.toLowerCase()}@municipios.example.mx`, 'nueva.enlace@municipios.example.mx'];
  const before = h.smtp.messages.length;
  for (let round = 0; round < 8; round++) {
    const next = people[(round + 1) % 2];
    const [resend, change] = await race(
      () => http('POST', api(code, '/resend'), { requestedBy: `ronda ${round}` }),
      () => http('PUT', api(code, '/contacts'), { contacts: [{ role: 'PRIMARY', name: `Enlace ${round}`, email: next }] }),
      round * 7,
    );
    expect([resend.status, change.status]).toEqual([200, 200]);
  }
  const resent = await h.smtp.waitFor((m) => h.smtp.messages.indexOf(m) >= before && (m.parsed.subject ?? '').includes(code), { count: 8 });
  expect(resent).toHaveLength(8);
  for (const m of resent) expect(people).toContain(m.envelope.to[0]);
  const s = await state(code);
  expect(s.resends).toBe(8);
  const active = await h.prisma.contact.findMany({ where: { institution: { code }, role: 'PRIMARY', active: true } });
  expect(active.map((c) => c.email)).toEqual([people[0]]);
});

it('an exemption racing a submission: exactly one wins, and record and workflow agree on which', async () => {
  const outcomes: string[] = [];
  for (let i = 0; i < 10; i++) {
    const code = codes[10 + i];
    const [exempt, submit] = await race(
      () => http('POST', api(code, '/exempt'), { reason: 'No aplica' }),
      () => http('POST', links[code], report(i)),
      i * 5,
    );
    const winner = exempt.status === 200 ? 'EXEMPTED' : 'SUBMITTED';
    expect({ code, statuses: [exempt.status, submit.status].sort() }).toEqual({ code, statuses: winner === 'EXEMPTED' ? [200, 409] : [201, 409] });
    outcomes.push(winner);
    const row = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${YEAR}/${code}` } });
    expect(row.status).toBe(winner);
  }
  expect(outcomes).toHaveLength(10);
});

it('after every race, each request answers its status query, and the record agrees with every workflow', async () => {
  for (const code of codes) {
    const workflowId = `request/${YEAR}/${code}`;
    const { status } = await env.client.workflow.getHandle(workflowId).describe();
    if (status.name === 'RUNNING') expect((await state(code)).institutionCode).toBe(code);
  }
  await expectConsistent({ ...h, cycleYear: YEAR });
});
