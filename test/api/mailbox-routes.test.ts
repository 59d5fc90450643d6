/**
 * The development mail catcher at /mail holds every institution's signed link: it answers loopback clients
 * only (unless allowed), needs the secretariat's token when one is set, and serves a message's HTML
 * sandboxed, since anyone who reaches the catcher's SMTP port can put HTML (and scripts) in it.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { networkInterfaces } from 'node:os';
import { buildServer } from '../../api/build-server';
import { isLoopbackAddress, type Mailbox } from '../../api/mailbox-routes';
import type { PrismaClient } from '../../prisma/client';

const token = 'secretariat-token-mailbox-0123456789';
const mailbox: Mailbox = {
  messages: [
    { id: 1, receivedAt: new Date('2026-11-30T12:00:00Z'), envelope: { to: ['enlace@semar.gob.mx'] }, parsed: { subject: 'PNA-1325 2026: solicitud', html: '<p>Hola</p><script>alert(1)</script>', text: 'Hola' } },
    { id: 2, receivedAt: new Date('2026-11-30T12:01:00Z'), envelope: { to: ['x@example.org'] }, parsed: { subject: '<b>asunto</b>', text: 'solo texto' } },
  ],
};
/** This machine's first address that is not loopback (the CI machines have one: eth0). */
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

const apps: FastifyInstance[] = [];
/** A server with the mail catcher only (no route here touches the database or Temporal), on every interface. */
async function server(options: { secretariatToken?: string; mailboxAllowRemote?: boolean } = {}) {
  const app = await buildServer({ prisma: {} as PrismaClient, temporal: {} as Client, taskQueue: 'unused', linkSigningSecret: 'x'.repeat(40), mailbox, ...options });
  await app.listen({ host: '0.0.0.0', port: 0 });
  apps.push(app);
  const { port } = app.server.address() as { port: number };
  return (path: string, init: RequestInit & { host?: string } = {}) => fetch(`http://${init.host ?? '127.0.0.1'}:${port}${path}`, { redirect: 'manual', ...init });
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

it('knows loopback addresses', () => {
  for (const ip of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect({ ip, loopback: isLoopbackAddress(ip) }).toEqual({ ip, loopback: true });
  for (const ip of ['10.1.2.3', '192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '1127.0.0.1']) expect({ ip, loopback: isLoopbackAddress(ip) }).toEqual({ ip, loopback: false });
});

it('without a token configured: open to loopback clients only, unless allowed', async () => {
  expect(external).toBeDefined();
  const get = await server();
  expect((await get('/mail')).status).toBe(200);
  expect((await get('/mail', { host: external })).status).toBe(404);
  expect((await get('/mail/1', { host: external })).status).toBe(404);
  const allowed = await server({ mailboxAllowRemote: true });
  expect((await allowed('/mail', { host: external })).status).toBe(200);
});

it('with a token: a Bearer header or the cookie its sign-in form sets; nothing else', async () => {
  const get = await server({ secretariatToken: token });
  expect((await get('/mail.json')).status).toBe(401);
  expect((await get('/mail/1')).status).toBe(401);
  const form = await get('/mail', { headers: { accept: 'text/html' } });
  expect(form.status).toBe(401);
  const page = await form.text();
  expect(page).toContain('<form method="post" action="/mail/sign-in">');
  expect(page).not.toContain('semar');
  expect(await (await get('/mail.json', { headers: { authorization: `Bearer ${token}` } })).json()).toHaveLength(2);
  expect((await get('/mail.json', { headers: { authorization: token } })).status).toBe(401);

  const post = (body: string) => get('/mail/sign-in', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const wrong = await post('token=nope');
  expect(wrong.status).toBe(403);
  expect(wrong.headers.get('set-cookie')).toBeNull();
  const signIn = await post(`token=${token}`);
  expect(signIn.status).toBe(303);
  const cookie = signIn.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^nap1325_mail=[\w-]+; Path=\/mail; HttpOnly; SameSite=Strict$/);
  expect(cookie).not.toContain(token);
  const list = await get('/mail', { headers: { cookie: cookie.split(';')[0] } });
  expect(list.status).toBe(200);
  const listed = await list.text();
  expect(listed).toContain('enlace@semar.gob.mx');
  expect(listed).toContain('&lt;b&gt;asunto&lt;/b&gt;');
  expect((await get('/mail', { headers: { cookie: 'nap1325_mail=forged' } })).status).toBe(401);
});

it("serves a message's HTML sandboxed (no scripts, no same-origin), and plain text as text", async () => {
  const get = await server({ secretariatToken: token });
  const auth = { authorization: `Bearer ${token}` };
  const html = await get('/mail/1', { headers: auth });
  expect(html.status).toBe(200);
  expect(html.headers.get('content-security-policy')).toBe('sandbox');
  expect(html.headers.get('x-content-type-options')).toBe('nosniff');
  const text = await get('/mail/2', { headers: auth });
  expect(text.headers.get('content-type')).toContain('text/plain');
  expect((await get('/mail/99', { headers: auth })).status).toBe(404);
  expect((await get('/mail/1%00', { headers: auth })).status).toBe(400);
});
