/**
 * The secretariat's cycle pages over HTTP, as a browser without JavaScript uses them: sign in from the
 * emailed link, open a cycle from the form (errors in place, in Spanish), read the dashboard (counts,
 * filters, paging, bad filters), act on a request (decide a pending extension, grant, exempt — refusals
 * in place), read versions and their differences; and what the working group and strangers may not do.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { buildServer } from '../../api/build-server';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { requestExtensionUpdate } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { createUser, PageClient, textOfId } from '../support/page-client';
import { answers, formIndicators, isMailOf, linkIn, submitViaLink, terminateCycle } from '../support/reporting-scenarios';
import { signIn, signInOutbox } from '../support/sign-in';
import { createDevServerEnv } from '../support/temporal';

const calendar = createBusinessCalendar({ zone: 'America/Mexico_City' });
const today = DateTime.now().setZone('America/Mexico_City');
const deadline = calendar.businessDayOnOrAfter(today.plus({ days: 40 }).toISODate()!);
const later = calendar.businessDayOnOrAfter(today.plus({ days: 60 }).toISODate()!);
const year = Number(deadline.slice(0, 4));
const SECRETARIAT = 'secretariado@example.gob.mx';
const MEMBER = 'integrante@example.gob.mx';
/** A request's row in the dashboard's matrix (the next-steps list links requests too). */
const row = (code: string) => `<a href="/dashboard/${year}/${code}"><strong>`;

let env: TestWorkflowEnvironment;
let h: Harness;
let app: FastifyInstance;
let base: string;
const outbox = signInOutbox();
let secretariat: PageClient;

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env });
  h.startWorker();
  // Credentials required (a bootstrap token configured): nothing is open.
  app = await buildServer({ prisma: h.prisma, temporal: env.client, taskQueue: h.taskQueue, linkSigningSecret: h.deps.config.linkSigningSecret, secretariatToken: 'bootstrap-token-for-tests', sendEmail: outbox.sendEmail, publicBaseUrl: 'http://127.0.0.1' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await createUser(h.prisma, { email: SECRETARIAT, name: 'Secretariado técnico', role: 'SECRETARIAT' });
  await createUser(h.prisma, { email: MEMBER, name: 'Integrante del GT', role: 'WORKING_GROUP' });
  secretariat = new PageClient(base);
}, 180_000);

afterAll(async () => {
  await terminateCycle(env.client, h.prisma, year).catch(() => undefined);
  await app?.close();
  await h?.close();
  await env?.teardown();
});

it('sends nobody to a page without signing in, and comes back to it after the emailed link', async () => {
  const stranger = new PageClient(base);
  const res = await stranger.get(`/dashboard/${year}`);
  expect(res.status).toBe(303);
  expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(`/dashboard/${year}`)}&lang=es-MX`);
  expect(await signIn(secretariat, outbox, SECRETARIAT, '/dashboard')).toBe('/dashboard');
  const page = await secretariat.get('/dashboard');
  expect(page.status).toBe(200);
  expect(page.html.includes('Ciclos de reporte')).toBe(true);
  expect(page.html.includes(SECRETARIAT)).toBe(true);
  expect(page.html.includes('action="/sign-out"')).toBe(true);
});

it('opens a cycle from the form: errors in place in Spanish first, then the cycle', async () => {
  const refused = await secretariat.post('/dashboard/cycles', { year: '20x6', deadline: '2026-02-30', institutions: 'SEMAR, NOPE!', sendTime: '09:00', reminders: '10, 5, 1', onDeadlineDay: 'on', level1: '3', level2: '2', level3: '20', cutoff: '30', correction: '10' });
  expect(refused.status).toBe(400);
  expect(refused.headers.get('content-type')).toMatch(/text\/html/);
  for (const id of ['year', 'deadline', 'institutions', 'level2']) expect(textOfId(refused.html, `${id}-error`)).toBeTruthy();
  expect(textOfId(refused.html, 'level2-error')).toMatch(/mayor que el del nivel 1/);
  expect(refused.html.includes('Hay un problema')).toBe(true);
  // What was typed is shown again.
  expect(refused.html.includes('value="20x6"')).toBe(true);

  const unknown = await secretariat.post('/dashboard/cycles', { year: String(year), deadline, institutions: 'SEMAR XYZ', sendTime: '09:00', reminders: '10, 5, 1', onDeadlineDay: 'on', level1: '3', level2: '10', level3: '20', cutoff: '30', correction: '10' });
  expect(unknown.status).toBe(400);
  expect(textOfId(unknown.html, 'institutions-error')).toMatch(/desconocida.*XYZ/);

  const opened = await secretariat.post('/dashboard/cycles', { year: String(year), deadline, institutions: 'SEMAR SRE SEDENA', sendTime: '09:00', reminders: '10, 5, 1', onDeadlineDay: 'on', level1: '3', level2: '10', level3: '20', cutoff: '30', correction: '10' });
  expect(opened.status).toBe(303);
  expect(opened.location).toBe(`/dashboard/${year}?notice=opened`);
  await h.smtp.waitFor(isMailOf({ year, code: 'SEMAR' }), { timeoutMs: 60_000 });
  await eventually(async () => ((await h.prisma.dataRequest.count({ where: { cycle: { year }, status: 'REQUESTED' } })) === 3 ? true : undefined), { what: 'three requests sent' });

  const again = await secretariat.post('/dashboard/cycles', { year: String(year), deadline, institutions: '', sendTime: '09:00', reminders: '10, 5, 1', onDeadlineDay: 'on', level1: '3', level2: '10', level3: '20', cutoff: '30', correction: '10' });
  expect(again.status).toBe(409);
  expect(textOfId(again.html, 'year-error')).toMatch(/ya se abrió/);
});

it('shows the dashboard: counts, the matrix, filters, paging; a bad filter is a 400 page', async () => {
  const page = await secretariat.get(`/dashboard/${year}?notice=opened`);
  expect(page.status).toBe(200);
  expect(page.html.includes('El ciclo se abrió')).toBe(true);
  expect(page.html.includes('0 de 3 instituciones')).toBe(true);
  for (const code of ['SEDENA', 'SEMAR', 'SRE']) expect(page.html.includes(`href="/dashboard/${year}/${code}"`)).toBe(true);

  const filtered = await secretariat.get(`/dashboard/${year}?q=sem`);
  expect(filtered.html.includes(row('SEMAR'))).toBe(true);
  expect(filtered.html.includes(row('SRE'))).toBe(false);

  const first = await secretariat.get(`/dashboard/${year}?limit=2`);
  expect(first.html.includes(`after=SEMAR`)).toBe(true);
  expect(first.html.includes(row('SRE'))).toBe(false);
  const second = await secretariat.get(`/dashboard/${year}?limit=2&after=SEMAR`);
  expect(second.html.includes(row('SRE'))).toBe(true);
  expect(second.html.includes(row('SEDENA'))).toBe(false);

  const bad = await secretariat.get(`/dashboard/${year}?status=WHATEVER&limit=100000`);
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toMatch(/text\/html/);
  expect(/status/.test(bad.html)).toBe(true);
  const english = await secretariat.get(`/dashboard/${year}?lang=en`);
  expect(english.html.includes('0 of 3 institutions')).toBe(true);
  // The language stays chosen for the next pages (remembered in the session).
  expect((await secretariat.get('/dashboard')).html.includes('Reporting cycles')).toBe(true);
  await secretariat.get('/dashboard?lang=es-MX');
});

it('shows a pending extension on the dashboard, and decides it from the request page', async () => {
  await env.client.workflow.getHandle(`request/${year}/SEMAR`).executeUpdate(requestExtensionUpdate, { args: [{ deadline: later, reason: 'Cierre de mes en la Secretaría.', requestedBy: 'enlace@semar.gob.mx' }] });
  const filtered = await secretariat.get(`/dashboard/${year}?status=EXTENSION_PENDING`);
  expect(filtered.html.includes(row('SEMAR'))).toBe(true);
  expect(filtered.html.includes(row('SRE'))).toBe(false);
  expect(filtered.html.includes('Prórroga por decidir')).toBe(true);

  const page = await secretariat.get(`/dashboard/${year}/SEMAR`);
  expect(page.status).toBe(200);
  expect(page.html.includes('Cierre de mes en la Secretaría.')).toBe(true);
  expect(page.html.includes(`action="/dashboard/${year}/SEMAR/extension-decision"`)).toBe(true);

  const bad = await secretariat.post(`/dashboard/${year}/SEMAR/extension-decision`, { approve: 'true', deadline: '2020-13-01', note: '' });
  expect(bad.status).toBe(400);
  expect(textOfId(bad.html, 'decide-deadline-error')).toBeTruthy();

  const decided = await secretariat.post(`/dashboard/${year}/SEMAR/extension-decision`, { approve: 'true', deadline: '', note: 'De acuerdo.' });
  expect(decided.status).toBe(303);
  expect(decided.location).toBe(`/dashboard/${year}/SEMAR?notice=decided`);
  const request = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/SEMAR` } });
  expect(DateTime.fromJSDate(request.deadline, { zone: 'America/Mexico_City' }).toISODate()).toBe(later);
  expect(request.extensionRequestedAt).toBeNull();

  const twice = await secretariat.post(`/dashboard/${year}/SEMAR/extension-decision`, { approve: 'false', deadline: '', note: '' });
  expect(twice.status).toBe(409);
  expect(/no hay.*prórroga|ninguna solicitud de prórroga/i.test(twice.html)).toBe(true);
});

it('grants, refuses an exemption without a reason in place, and exempts', async () => {
  const missing = await secretariat.post(`/dashboard/${year}/SRE/extension`, { deadline: '', reason: '' });
  expect(missing.status).toBe(400);
  expect(textOfId(missing.html, 'grant-deadline-error')).toBeTruthy();
  const granted = await secretariat.post(`/dashboard/${year}/SRE/extension`, { deadline: later, reason: 'Acordado por teléfono.' });
  expect(granted.status).toBe(303);

  const noReason = await secretariat.post(`/dashboard/${year}/SEDENA/exempt`, { reason: '   ' });
  expect(noReason.status).toBe(400);
  expect(textOfId(noReason.html, 'exempt-reason-error')).toBeTruthy();
  const exempted = await secretariat.post(`/dashboard/${year}/SEDENA/exempt`, { reason: 'Sin actividades en el periodo.' });
  expect(exempted.status).toBe(303);
  await eventually(async () => ((await h.prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/SEDENA`, status: 'EXEMPTED' } })) ? true : undefined), { what: 'SEDENA exempted' });
  const page = await secretariat.get(`/dashboard/${year}/SEDENA`);
  expect(page.html.includes('Exento')).toBe(true);
  expect(page.html.includes(`action="/dashboard/${year}/SEDENA/resend"`)).toBe(false);
});

it('lists every version with its author and reason, and the differences between two', async () => {
  const link = linkIn(h.smtp.messages.find(isMailOf({ year, code: 'SRE' }))?.parsed.text);
  const values = answers(await formIndicators(link));
  await submitViaLink(link, { values, final: true });
  const changed = values.map((v, i) => (i === 0 && typeof v.value === 'number' ? { ...v, value: v.value + 1 } : v));
  const corrected = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ values: changed, final: true, reason: 'Cifra corregida.' }) });
  expect(corrected.status).toBeLessThan(300);
  const page = await secretariat.get(`/dashboard/${year}/SRE`);
  expect(page.html.includes('Cifra corregida.')).toBe(true);
  expect(page.html.includes('Cambios de la versión 1 a la 2')).toBe(true);
  expect(page.html.includes('class="diff-old"')).toBe(true);
  const one = await secretariat.get(`/dashboard/${year}/SRE?v=1`);
  expect(one.html.includes('Valores de la versión 1')).toBe(true);
  const same = await secretariat.get(`/dashboard/${year}/SRE?from=2&to=2`);
  expect(same.status).toBe(200);
  expect(same.html.includes('Cambios de la versión')).toBe(false);
});

describe('who may do what', () => {
  it('the working group reads the pages without forms, and is refused every action', async () => {
    const member = new PageClient(base);
    await signIn(member, outbox, MEMBER);
    const dashboard = await member.get(`/dashboard/${year}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.html.includes('Grupo de Trabajo')).toBe(true);
    expect(dashboard.html.includes(`action="/dashboard/${year}/close"`)).toBe(false);
    const request = await member.get(`/dashboard/${year}/SRE`);
    expect(request.html.includes('/extension-decision"')).toBe(false);
    const refused = await member.post(`/dashboard/${year}/SRE/resend`, {});
    expect(refused.status).toBe(403);
    expect(refused.html.includes('solo el secretariado puede modificarla')).toBe(true);
    // The JSON API with the cookie: reads yes, acts no (and never without the CSRF header).
    expect((await member.json('GET', `/api/cycles/${year}`)).status).toBe(200);
    expect((await member.json('POST', `/api/cycles/${year}/requests/SRE/resend`, {}, { 'csrf-token': member.csrf ?? '' })).status).toBe(403);
  });

  it('a form without its CSRF token is refused with a page saying to reload', async () => {
    const res = await secretariat.post(`/dashboard/${year}/SRE/resend`, {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.html.includes('vuelva a cargar la página')).toBe(true);
    const forged = await secretariat.post(`/dashboard/${year}/SRE/resend`, {}, { csrf: 'not-a-token' });
    expect(forged.status).toBe(403);
    // The JSON API used with the session cookie needs the token too; with it, it acts.
    expect((await secretariat.json('POST', `/api/cycles/${year}/requests/SEMAR/resend`, {})).status).toBe(403);
    expect((await secretariat.json('POST', `/api/cycles/${year}/requests/SEMAR/resend`, {}, { 'csrf-token': secretariat.csrf ?? '' })).status).toBe(200);
  });

  it('a contact link is no credential for the secretariat, and sign-out ends the session', async () => {
    const link = linkIn(h.smtp.messages.find(isMailOf({ year, code: 'SRE' }))?.parsed.text);
    const token = new URL(link).pathname.split('/').pop();
    const withLink = await fetch(`${base}/api/cycles/${year}`, { headers: { authorization: `Bearer ${token}` } });
    expect(withLink.status).toBe(403);
    const viaPage = await fetch(`${base}/dashboard/${year}?token=${token}`, { redirect: 'manual' });
    expect(viaPage.status).toBe(303);

    const leaving = new PageClient(base);
    await signIn(leaving, outbox, SECRETARIAT);
    expect((await leaving.get('/dashboard')).status).toBe(200);
    const cookie = leaving.cookieHeader;
    const out = await leaving.post('/sign-out', {});
    expect(out.status).toBe(303);
    // The old cookie, replayed, no longer signs anyone in (the session row is revoked).
    const replay = await fetch(`${base}/dashboard`, { headers: { cookie }, redirect: 'manual' });
    expect(replay.status).toBe(303);
  });
});
