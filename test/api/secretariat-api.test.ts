/**
 * Secretariat routes on the real dev server: authentication, the holiday calendar the secretariat extends,
 * and the status route's paging. (The reporting ladder itself is tested in test/workflows.)
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { createDevServerEnv } from '../support/temporal';

const token = 'secretariat-token-0123456789';
let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: token });
  h.startWorker();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function call(method: string, path: string, body?: unknown, auth: string | null = `Bearer ${token}`) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as any };
}

it('refuses secretariat routes without the token (401) or with a wrong one (403)', async () => {
  const none = await call('GET', '/api/cycles/2030', undefined, null);
  expect(none.status).toBe(401);
  expect(none.json.detail).toMatch(/Bearer/);
  expect((await call('GET', '/api/cycles/2030', undefined, 'Bearer nope')).status).toBe(403);
  expect((await call('GET', '/api/cycles/2030')).status).toBe(404);
});

it('lists statutory rest days and lets the secretariat add one that moves a new cycle\'s deadline', async () => {
  const year = DateTime.now().setZone('America/Mexico_City').year + 1;
  const list = await call('GET', `/api/holidays/${year}`);
  expect(list.status).toBe(200);
  expect(list.json.statutory.map((d: any) => d.date)).toContain(`${year}-12-25`);

  // A Friday in March of next year, declared a rest day: a deadline on it moves to Monday.
  const friday = DateTime.fromObject({ year, month: 3, day: 1 }, { zone: 'America/Mexico_City' }).set({ weekday: 5 }).plus({ weeks: 2 }).toISODate()!;
  const added = await call('POST', '/api/holidays', { date: friday, nameEs: 'Día de prueba', nameEn: 'Test day' });
  expect(added.status).toBe(201);
  expect((await call('POST', '/api/holidays', { date: friday, nameEs: 'Día de prueba', nameEn: 'Test day' })).json.created).toBe(false);
  expect((await call('POST', '/api/holidays', { date: `${year}-12-25`, nameEs: 'x', nameEn: 'x' })).status).toBe(409);
  expect((await call('POST', '/api/holidays', { date: `${year}-02-30`, nameEs: 'x', nameEn: 'x' })).status).toBe(400);

  const opened = await call('POST', '/api/cycles', { year, deadline: friday, institutions: ['SEMAR'] });
  expect(opened.status).toBe(202);
  const status = await eventually(async () => {
    const s = await call('GET', `/api/cycles/${year}`);
    return s.status === 200 && s.json.requests?.length === 1 ? s : undefined;
  });
  const monday = DateTime.fromISO(friday, { zone: 'America/Mexico_City' }).plus({ days: 3 }).endOf('day');
  expect(new Date(status.json.deadline).toISOString()).toBe(monday.toUTC().toISO());
});

it('pages and filters the status of a cycle', async () => {
  const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 40 }).toISODate()!;
  // The previous year's cycle, due within two years of it (the holiday test above uses next year's).
  const year = Number(deadline.slice(0, 4)) - 1;
  const opened = await call('POST', '/api/cycles', { year, deadline });
  expect(opened.status).toBe(202);
  const full = await eventually(async () => {
    const s = await call('GET', `/api/cycles/${year}`);
    return s.json.total >= 7 && s.json.counts.REQUESTED === s.json.total ? s : undefined;
  });
  const page = await call('GET', `/api/cycles/${year}?offset=2&limit=3`);
  expect(page.json.requests.map((r: any) => r.institution)).toEqual(full.json.requests.slice(2, 5).map((r: any) => r.institution));
  expect((await call('GET', `/api/cycles/${year}?status=SUBMITTED`)).json.requests).toEqual([]);
  expect((await call('GET', `/api/cycles/${year}?limit=0`)).status).toBe(400);
});

it('applies a per-institution policy override over the cycle policy, and refuses an invalid one', async () => {
  const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 45 }).toISODate()!;
  const year = Number(deadline.slice(0, 4)) - 2;
  const invalid = await call('POST', '/api/cycles', { year, deadline, policyOverrides: { SEMAR: { reminders: { businessDaysBefore: [0] } } } });
  expect(invalid.status).toBe(400);
  expect(invalid.json.detail).toMatch(/policyOverrides\.SEMAR: .*reminders\.businessDaysBefore/);
  const outside = await call('POST', '/api/cycles', { year, deadline, institutions: ['SRE'], policyOverrides: { SEMAR: {} } });
  expect(outside.status).toBe(400);
  expect(outside.json.detail).toMatch(/SEMAR/);

  const opened = await call('POST', '/api/cycles', {
    year,
    deadline,
    institutions: ['SRE', 'SEMAR'],
    policyOverrides: { SEMAR: { reminders: { businessDaysBefore: [2] } } },
  });
  expect(opened.status).toBe(202);
  const status = await eventually(async () => {
    const s = await call('GET', `/api/cycles/${year}`);
    return s.json.requests?.length === 2 && s.json.requests.every((r: any) => r.nextAction) ? s : undefined;
  });
  const next = Object.fromEntries(status.json.requests.map((r: any) => [r.institution, r.nextAction.at]));
  // SRE's first reminder is 10 business days before the deadline (cycle default); SEMAR's only 2.
  expect(Date.parse(next.SEMAR)).toBeGreaterThan(Date.parse(next.SRE));
  // The record has the next action as soon as openRequest wrote it; the workflow's own view once the activity returned.
  const withWorkflowView = (code: string) =>
    eventually(async () => {
      const r = await call('GET', `/api/cycles/${year}/requests/${code}`);
      return r.json.workflow?.nextAction ? r : undefined;
    });
  const semar = await withWorkflowView('SEMAR');
  expect(semar.json.workflow.nextAction.key).toBe('reminder-2');
  const sre = await withWorkflowView('SRE');
  expect(sre.json.workflow.nextAction.key).toBe('reminder-10');
});
