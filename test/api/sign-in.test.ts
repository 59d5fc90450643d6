/**
 * Signing in and who may do what, over real HTTP against a server with credentials required (a bootstrap
 * token configured): the emailed one-time link (what a mail scanner's GET does, single use, expiry, the
 * per-address limit, a deactivated person), the session cookie, the working group's session and token on
 * the JSON API, a revoked token, and a contact's signed link offered as a secretariat credential.
 */
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/build-server';
import { issueSignInLink, SIGN_IN_LINKS_PER_USER } from '../../api/auth/sign-in-links';
import { signLinkToken } from '../../domain/signed-link';
import type { Harness } from '../support/app-harness';
import { createUser, PageClient, visibleText } from '../support/page-client';
import { signIn, signInOutbox } from '../support/sign-in';
import { useHarness } from '../support/use-harness';

const TOKEN = 'bootstrap-token-for-sign-in-tests';
const SECRETARIAT = 'secretaria.enlace@example.gob.mx';
const MEMBER = 'integrante.gt@example.gob.mx';
const harness = useHarness({}, async ({ prisma }) => {
  await createUser(prisma, { email: SECRETARIAT, name: 'Secretaría técnica', role: 'SECRETARIAT' });
  await createUser(prisma, { email: MEMBER, name: 'Integrante del GT', role: 'WORKING_GROUP' });
});
let h: Harness;
let app: FastifyInstance;
let base: string;
const outbox = signInOutbox();

beforeAll(async () => {
  h = harness();
  app = await buildServer({
    prisma: h.prisma,
    temporal: h.env.client,
    taskQueue: 'sign-in-tests',
    linkSigningSecret: h.deps.config.linkSigningSecret,
    secretariatToken: TOKEN,
    sendEmail: outbox.sendEmail,
    publicBaseUrl: 'http://127.0.0.1',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(() => app?.close());

const sentTo = (email: string) => outbox.sent.filter((e) => e.to === email).length;
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const api = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { accept: 'application/json', ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) } });

describe('the emailed link', () => {
  it('is asked for on a page that answers the same whether or not the address is known; only an active person is emailed', async () => {
    const client = new PageClient(base);
    await client.get('/sign-in');
    const known = await client.post('/sign-in', { email: 'Secretaria.Enlace@Example.gob.mx' });
    const unknown = await client.post('/sign-in', { email: 'nadie@example.gob.mx' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(visibleText(known.html)).toContain('Si la dirección está registrada, le enviamos un enlace para entrar.');
    expect(visibleText(unknown.html)).toBe(visibleText(known.html));
    expect(sentTo(SECRETARIAT)).toBe(1);
    expect(outbox.sent.some((e) => e.to === 'nadie@example.gob.mx')).toBe(false);
    const bad = await client.post('/sign-in', { email: 'no es un correo' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('Escriba una dirección de correo');
  });

  it('opens nothing on GET (a mail scanner), opens a session once on POST, and cannot be used again', async () => {
    const link = outbox.linkFor(SECRETARIAT);
    const scanner = await fetch(link.replace('http://127.0.0.1', base), { redirect: 'manual' });
    expect(scanner.status).toBe(200);
    expect(scanner.headers.getSetCookie().some((c) => c.startsWith('nap1325_session='))).toBe(true); // a CSRF session, nobody in it
    const person = new PageClient(base);
    expect((await person.get(`/sign-in/confirm?token=${tokenOf(link)}`)).status).toBe(200);
    const opened = await person.post('/sign-in/confirm', { token: tokenOf(link) });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe('/dashboard');
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('nap1325_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await person.get('/dashboard')).status).toBe(200);

    const again = new PageClient(base);
    await again.get(`/sign-in/confirm?token=${tokenOf(link)}`);
    const reused = await again.post('/sign-in/confirm', { token: tokenOf(link) });
    expect(reused.status).toBe(400);
    expect(visibleText(reused.html)).toContain('Este enlace ya se usó o venció.');
    expect((await again.get('/dashboard')).status).toBe(303);
  });

  it('expires after 15 minutes', async () => {
    const old = await issueSignInLink(h.prisma, { email: SECRETARIAT, now: new Date(Date.now() - 16 * 60_000) });
    const client = new PageClient(base);
    await client.get(`/sign-in/confirm?token=${old!.token}&lang=en`);
    const refused = await client.post('/sign-in/confirm', { token: old!.token, lang: 'en' });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.html)).toContain('This link has already been used or has expired.');
  });

  it(`is sent at most ${SIGN_IN_LINKS_PER_USER} times a quarter hour to one address`, async () => {
    const client = new PageClient(base);
    await client.get('/sign-in');
    const before = sentTo(MEMBER);
    for (let i = 0; i < SIGN_IN_LINKS_PER_USER + 2; i++) expect((await client.post('/sign-in', { email: MEMBER })).status).toBe(200);
    expect(sentTo(MEMBER) - before).toBe(SIGN_IN_LINKS_PER_USER);
  });

  it('opens no session for a person deactivated after the link was sent', async () => {
    const email = 'saliente@example.gob.mx';
    await createUser(h.prisma, { email, role: 'SECRETARIAT' });
    const issued = await issueSignInLink(h.prisma, { email, now: new Date() });
    await h.prisma.user.update({ where: { email }, data: { active: false } });
    const client = new PageClient(base);
    await client.get(`/sign-in/confirm?token=${issued!.token}`);
    expect((await client.post('/sign-in/confirm', { token: issued!.token })).status).toBe(400);
  });

  it('never sends anyone elsewhere after signing in (next must be a path of ours)', async () => {
    const client = new PageClient(base);
    const email = 'viajera@example.gob.mx';
    await createUser(h.prisma, { email, role: 'WORKING_GROUP' });
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const issued = await issueSignInLink(h.prisma, { email, now: new Date() });
      await client.get(`/sign-in/confirm?token=${issued!.token}`);
      const done = await client.post('/sign-in/confirm', { token: issued!.token, next });
      expect({ next, location: done.location }).toEqual({ next, location: '/dashboard' });
    }
  });
});

describe('who may', () => {
  it('lets a working-group session read the JSON API and refuses it every change (403), even with its CSRF token', async () => {
    const holidays = await h.prisma.holiday.count();
    const member = new PageClient(base);
    await h.prisma.signInLink.deleteMany({ where: { user: { email: MEMBER } } });
    await signIn(member, outbox, MEMBER);
    expect((await member.json('GET', '/api/cycles')).status).toBe(200);
    expect((await member.json('GET', '/api/audit?limit=1')).status).toBe(200);
    expect((await member.json('GET', '/api/users')).status).toBe(403);
    const csrf = { 'csrf-token': member.csrf ?? '' };
    const refused = await member.json('POST', '/api/holidays', { date: '2031-06-02', nameEs: 'x', nameEn: 'x' }, csrf);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.html)).toMatchObject({ code: 'ROLE' });
    expect((await member.json('POST', '/api/tokens', { name: 'mío', role: 'SECRETARIAT' }, csrf)).status).toBe(403);
    expect(await h.prisma.holiday.count()).toBe(holidays);
  });

  it('takes API tokens by their role, refuses one once revoked, and nobody without credentials (401)', async () => {
    const created = await api('/api/tokens', { authorization: `Bearer ${TOKEN}` }, { method: 'POST', body: JSON.stringify({ name: 'tablero', role: 'WORKING_GROUP' }) });
    const token = (await created.json()) as { id: string; token: string };
    const reader = { authorization: `Bearer ${token.token}` };
    expect((await api('/api/cycles', reader)).status).toBe(200);
    expect((await api('/api/holidays', reader, { method: 'POST', body: JSON.stringify({ date: '2031-06-02', nameEs: 'x', nameEn: 'x' }) })).status).toBe(403);
    expect((await api(`/api/tokens/${token.id}`, { authorization: `Bearer ${TOKEN}` }, { method: 'DELETE' })).status).toBe(200);
    const revoked = await api('/api/cycles', reader);
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await api('/api/cycles', {})).status).toBe(401);
    expect((await api('/api/cycles', { authorization: 'Basic c2VjcmV0' })).status).toBe(401);
  });

  it("takes no contact's signed link as a credential for the secretariat's routes", async () => {
    const claims = { r: 'request-x', y: 2031, i: 'SEMAR', c: 'enlace@semar.gob.mx', e: Math.floor(Date.now() / 1000) + 3600 };
    const link = signLinkToken({ claims, secret: h.deps.config.linkSigningSecret });
    expect((await api('/api/cycles', { authorization: `Bearer ${link}` })).status).toBe(403);
    expect((await api(`/api/cycles?token=${link}`, {})).status).toBe(401);
    const page = await fetch(`${base}/dashboard?token=${link}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });
});
