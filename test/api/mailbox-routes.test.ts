/**
 * The development mail catcher at /mail holds every institution's signed link: it answers loopback clients
 * only (unless allowed), needs the secretariat's token when one is set, and serves a message's HTML
 * sandboxed, since anyone who reaches the catcher's SMTP port can put HTML (and scripts) in it.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { createMailer } from '../../activities/mailer';
import { buildServer } from '../../api/build-server';
import { isLoopbackAddress, type Mailbox } from '../../api/mailbox-routes';
import type { PrismaClient } from '../../prisma/client';
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher';
import { STYLESHEET_PATH } from '../../ui/stylesheet';

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
async function server(options: { secretariatToken?: string; mailboxAllowRemote?: boolean; mailbox?: Mailbox } = {}) {
  const app = await buildServer({ prisma: {} as PrismaClient, temporal: {} as Client, taskQueue: 'unused', linkSigningSecret: 'x'.repeat(40), mailbox, ...options });
  await app.listen({ host: '0.0.0.0', port: 0 });
  apps.push(app);
  const { port } = app.server.address() as { port: number };
  return (path: string, init: RequestInit & { host?: string } = {}) => fetch(`http://${init.host ?? '127.0.0.1'}:${port}${path}`, { redirect: 'manual', ...init });
}

const catchers: MailCatcher[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'nap1325-mailbox-'));
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(catchers.map((c) => c.stop()));
  rmSync(dir, { recursive: true, force: true });
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
  // The subject is text, not markup (preact escapes `<`, `&` and `"`).
  expect(listed).toContain('&lt;b>asunto&lt;/b>');
  expect(listed).not.toContain('<b>asunto');
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

describe('the pages, as the secretariat uses them (a real catcher, kept in a file)', () => {
  const file = path.join(dir, 'mail-catcher.jsonl');
  const auth = { authorization: `Bearer ${token}` };
  const page = { ...auth, accept: 'text/html' };
  const link = 'http://127.0.0.1:3000/respond/2026/SEMAR?token=abc.def';
  let get: Awaited<ReturnType<typeof server>>;
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ file });
    catchers.push(catcher);
    const mailer = createMailer({ host: catcher.host, port: catcher.port, secure: false, from: 'PNA-1325 <no-reply@nap1325.test>' });
    await mailer.send({
      to: ['enlace@semar.gob.mx'],
      cc: ['alterno@semar.gob.mx'],
      subject: 'Recordatorio PNA-1325 2026: SEMAR <urgente>',
      text: `Responda en este enlace: ${link}\nGracias.`,
      html: `<p>Responda: <a href="${link}">enlace</a></p><script>parent.document.title = 'owned'</script>`,
      messageId: '<reminder-1@nap1325.test>',
      inReplyTo: '<request@nap1325.test>',
      references: ['<request@nap1325.test>'],
      attachments: [{ filename: 'fecha-límite.ics', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
    });
    await mailer.send({ to: ['x@example.org'], subject: 'Solo texto', text: 'sin HTML', html: '', messageId: '<text-only@nap1325.test>' });
    mailer.close();
    get = await server({ secretariatToken: token, mailbox: catcher });
  });

  it('lists the messages newest first: received, from, to, subject, attachment marker; in Spanish, or in English', async () => {
    const res = await get('/mail', { headers: page });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="es-MX">');
    expect(html).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}"/>`);
    expect(html.indexOf('Solo texto')).toBeLessThan(html.indexOf('Recordatorio PNA-1325 2026'));
    expect(html).toContain('<a href="/mail/1">Recordatorio PNA-1325 2026: SEMAR &lt;urgente></a>');
    expect(html).toContain('<td data-label="De" title="&quot;PNA-1325&quot; &lt;no-reply@nap1325.test>">no-reply@nap1325.test</td>');
    expect(html).toContain('<span title="1 adjunto">📎 1</span>');
    expect(html).toContain(`Se conservan al reiniciar, en ${file}.`);
    expect(html).toContain('<a class="lang" href="/mail?lang=en"');

    const english = await (await get('/mail?lang=en', { headers: page })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>Mail catcher</h1>');
    expect(english).toContain('<a href="/mail/1?lang=en">');
    expect(english).toContain('<span title="1 attachment">📎 1</span>');

    // The stylesheet the pages link is served (public, cached for good).
    const css = await get(STYLESHEET_PATH);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('shows one message: headers, envelope, attachments, the HTML in a sandboxed frame, the text with its links, the source', async () => {
    const res = await get('/mail/1', { headers: page });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toContain('Accept');
    // The page may frame our own /mail/:id/html, and nobody may frame the page.
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('sandbox');
    const html = await res.text();
    expect(html).toContain('<h1>Recordatorio PNA-1325 2026: SEMAR &lt;urgente></h1>');
    for (const [label, value] of [
      ['De', '&quot;PNA-1325&quot; &lt;no-reply@nap1325.test>'],
      ['Para', 'enlace@semar.gob.mx'],
      ['Cc', 'alterno@semar.gob.mx'],
      ['Message-ID', '<code>&lt;reminder-1@nap1325.test></code>'],
      ['In-Reply-To', '<code>&lt;request@nap1325.test></code>'],
      ['RCPT TO', 'enlace@semar.gob.mx, alterno@semar.gob.mx'],
    ]) {
      expect(html).toContain(`<dt>${label}</dt><dd>${value}</dd>`);
    }
    expect(html).toMatch(/<dt>Fecha<\/dt><dd><time datetime="[^"]+Z">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/time> \(hora del centro de México\)<\/dd>/);
    expect(html).toContain('<a href="/mail/1/attachments/1" download="fecha-límite.ics">fecha-límite.ics</a>');
    expect(html).toContain('(text/calendar,');
    expect(html).toContain('<iframe sandbox src="/mail/1/html"');
    expect(html).toContain(`<pre>Responda en este enlace: <a href="${link.replace(/&/g, '&amp;')}" rel="noreferrer">${link}</a>`);
    expect(html).toContain('<a href="/mail/1/raw">');
    expect(html).toContain('Message-ID: &lt;reminder-1@nap1325.test>');
    // The message's script is nowhere in the page itself.
    expect(html).not.toContain('<script>parent');

    const english = await (await get('/mail/1?lang=en', { headers: page })).text();
    expect(english).toContain('<dt>From</dt>');
    expect(english).toContain('<a href="/mail?lang=en">');

    const textOnly = await (await get('/mail/2', { headers: page })).text();
    expect(textOnly).toContain('El mensaje no tiene versión HTML.');
    expect(textOnly).not.toContain('<iframe');
  });

  it("serves the HTML part sandboxed, framable by our own pages only; the source as text; each attachment as a download", async () => {
    const framed = await get('/mail/1/html', { headers: auth });
    expect(framed.status).toBe(200);
    expect(framed.headers.get('content-type')).toContain('text/html');
    const csp = framed.headers.get('content-security-policy')!;
    expect(csp.split(';').map((d) => d.trim())).toEqual(expect.arrayContaining(['sandbox', "frame-ancestors 'self'", "default-src 'none'"]));
    expect(framed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await framed.text()).toContain('<script>');
    expect((await get('/mail/2/html', { headers: auth })).status).toBe(404);

    const raw = await get('/mail/1/raw', { headers: auth });
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await raw.text()).toBe(catcher.messages[0].raw);

    const ics = await get('/mail/1/attachments/1', { headers: auth });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toBe(`attachment; filename="fecha-l_mite.ics"; filename*=UTF-8''fecha-l%C3%ADmite.ics`);
    expect(ics.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ics.text()).toBe('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
    for (const missing of ['/mail/1/attachments/2', '/mail/1/attachments/0', '/mail/2/attachments/1', '/mail/9/raw']) expect((await get(missing, { headers: auth })).status).toBe(404);
    expect((await get('/mail/1/attachments/x', { headers: auth })).status).toBe(400);

    const listed = await (await get('/mail.json', { headers: auth })).json();
    expect(listed[0]).toMatchObject({ id: 1, to: ['enlace@semar.gob.mx', 'alterno@semar.gob.mx'], subject: 'Recordatorio PNA-1325 2026: SEMAR <urgente>', attachments: [{ filename: 'fecha-límite.ics', contentType: 'text/calendar' }] });
  });

  it('guards every new route like the others: the token, and loopback only', async () => {
    for (const route of ['/mail/1/html', '/mail/1/raw', '/mail/1/attachments/1']) {
      expect((await get(route)).status).toBe(401);
      if (external) expect((await get(route, { host: external, headers: auth })).status).toBe(404);
    }
    const form = await get('/mail/1', { headers: { accept: 'text/html' } });
    expect(form.status).toBe(401);
    expect(await form.text()).toContain('<form method="post" action="/mail/sign-in">');
    const refused = await get('/mail/sign-in', { method: 'POST', body: 'token=nope&lang=en', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<h1>Invalid token</h1>');
    const signedIn = await get('/mail/sign-in', { method: 'POST', body: `token=${token}&lang=en`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(signedIn.headers.get('location')).toBe('/mail?lang=en');
  });

  it('after a restart, the same messages (and their links) are there under the same numbers', async () => {
    const restarted = await startMailCatcher({ file, port: 0 });
    catchers.push(restarted);
    const again = await server({ secretariatToken: token, mailbox: restarted });
    const html = await (await again('/mail/1', { headers: page })).text();
    expect(html).toContain('<h1>Recordatorio PNA-1325 2026: SEMAR &lt;urgente></h1>');
    expect(html).toContain(`<a href="${link.replace(/&/g, '&amp;')}" rel="noreferrer">`);
    expect((await again('/mail/1/attachments/1', { headers: auth })).status).toBe(200);
  });
});
