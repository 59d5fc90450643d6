import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { isSecretariatToken } from './secretariat-auth';

/** What the local mail catcher exposes to the API (scripts/mail-catcher.ts implements it). */
export interface Mailbox {
  readonly messages: readonly {
    id: number;
    receivedAt: Date;
    envelope: { to: string[] };
    parsed: { subject?: string; html?: string | false; text?: string };
  }[];
}

export interface MailboxAccess {
  /** When set, /mail needs it: `Authorization: Bearer …`, or the cookie its sign-in form sets. */
  secretariatToken?: string;
  /** Serve clients other than loopback (default: loopback only). */
  allowRemote: boolean;
  secureCookies: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COOKIE = 'nap1325_mail';
/** Whether a client address is this machine's loopback (127.0.0.0/8, ::1, or 127.x mapped into IPv6). */
export function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(ip);
}

/** The cookie's value: an HMAC of the token (the token itself never travels in a cookie). */
const cookieValue = (token: string) => createHmac('sha256', token).update('nap1325 mail catcher').digest('base64url');

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem">${body}</body></html>`;

/**
 * Development only (`npm start` without SMTP_HOST): the messages the local mail catcher received, at /mail,
 * so a newcomer can open an emailed link. They hold every institution's signed link, so: loopback clients
 * only unless allowed; the secretariat's token when one is configured (Bearer header, or a cookie set by a
 * sign-in form); and a message's HTML is served sandboxed (`Content-Security-Policy: sandbox`: no script,
 * no same-origin access), since anyone reaching the catcher's SMTP port can put HTML in it.
 */
export function registerMailboxRoutes(app: FastifyInstance, mailbox: Mailbox, access: MailboxAccess): void {
  const { secretariatToken } = access;

  const signedIn = (request: FastifyRequest) => {
    if (!secretariatToken) return true;
    const bearer = /^Bearer ([\x21-\x7E]{1,512})$/i.exec(request.headers.authorization ?? '')?.[1];
    if (isSecretariatToken(bearer, secretariatToken)) return true;
    const cookie = cookieOf(request);
    const expected = cookieValue(secretariatToken);
    return cookie !== undefined && cookie.length === expected.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(expected));
  };

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/mail')) return;
    if (!access.allowRemote && !isLoopbackAddress(request.ip)) throw new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
  });

  const requireSecretariat = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (signedIn(request)) return true;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (!wantsHtml) throw new AppError('UNAUTHENTICATED', 'The mail catcher holds every signed link: it needs the secretariat token (Authorization: Bearer …).');
    void reply
      .status(401)
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Buzón de pruebas',
          `<h1>Buzón de pruebas / Mail catcher</h1><p>Contiene los enlaces firmados de todas las instituciones: ingrese el token del secretariado. <span lang="en">It holds every signed link: enter the secretariat token.</span></p>
<form method="post" action="/mail/sign-in"><label for="token">Token del secretariado / Secretariat token</label><br><input id="token" name="token" type="password" autocomplete="current-password" required style="width:100%;max-width:30rem"><p><button type="submit">Entrar / Sign in</button></p></form>`,
        ),
      );
    return false;
  };

  app.post('/mail/sign-in', async (request, reply) => {
    const { token } = z.object({ token: z.string().max(512) }).parse(request.body ?? {});
    if (!secretariatToken || !isSecretariatToken(token, secretariatToken)) {
      return reply.status(403).type('text/html; charset=utf-8').send(page('Token no válido', '<h1>Token no válido / Invalid token</h1><p><a href="/mail">Volver / Back</a></p>'));
    }
    const secure = access.secureCookies ? '; Secure' : '';
    return reply.header('set-cookie', `${COOKIE}=${cookieValue(secretariatToken)}; Path=/mail; HttpOnly; SameSite=Strict${secure}`).redirect('/mail', 303);
  });

  app.get('/mail', async (request, reply) => {
    if (!requireSecretariat(request, reply)) return reply;
    const rows = [...mailbox.messages]
      .reverse()
      .map((m) => `<tr><td>${m.receivedAt.toISOString()}</td><td>${esc(m.envelope.to.join(', '))}</td><td><a href="/mail/${m.id}">${esc(m.parsed.subject ?? '(sin asunto / no subject)')}</a></td></tr>`)
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .send(page('Buzón de pruebas', `<h1>Buzón de pruebas / Local mail catcher (${mailbox.messages.length})</h1><table border="1" cellpadding="4"><tr><th>Recibido (UTC)</th><th>Para / To</th><th>Asunto / Subject</th></tr>${rows}</table>`));
  });

  app.get('/mail/:id', async (request, reply) => {
    if (!requireSecretariat(request, reply)) return reply;
    const { id } = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) }).parse(request.params);
    const m = mailbox.messages.find((x) => x.id === id);
    if (!m) throw new AppError('NOT_FOUND', `No message ${id} in the local mail catcher.`);
    reply.header('x-content-type-options', 'nosniff');
    if (m.parsed.html) return reply.header('content-security-policy', 'sandbox').type('text/html; charset=utf-8').send(m.parsed.html);
    return reply.type('text/plain; charset=utf-8').send(m.parsed.text ?? '');
  });

  app.get('/mail.json', async (request, reply) => {
    if (!requireSecretariat(request, reply)) return reply;
    return mailbox.messages.map((m) => ({ id: m.id, receivedAt: m.receivedAt, to: m.envelope.to, subject: m.parsed.subject }));
  });
}
