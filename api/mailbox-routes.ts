import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { type Locale } from '../domain/input-bounds';
import { MailListPage } from '../ui/pages/mail-list-page';
import { MailMessagePage } from '../ui/pages/mail-message-page';
import type { MailMessagePageModel } from '../ui/pages/mail-model';
import { MailSignInPage } from '../ui/pages/mail-sign-in-page';
import { renderPage } from '../ui/render-page';
import { Role } from '../domain/roles';
import { sameSecret, type Auth } from './auth/principal';
import { HIDDEN } from './route-schemas';

/** An address header as mailparser gives it (`text` is the header as people read it; `value`, its addresses). */
interface MailboxAddress {
  text: string;
  value?: { address?: string; name?: string }[];
}

/** An attachment as mailparser gives it. */
export interface MailboxAttachment {
  filename?: string;
  contentType: string;
  content: Buffer;
  size?: number;
}

/** One caught message. Only `id`, `receivedAt`, the envelope's recipients and the parsed parts are required. */
export interface MailboxMessage {
  id: number;
  receivedAt: Date;
  envelope: { from?: string; to: string[] };
  /** The message as it arrived (RFC 5322 source). */
  raw?: string;
  parsed: {
    subject?: string;
    from?: MailboxAddress;
    to?: MailboxAddress | MailboxAddress[];
    cc?: MailboxAddress | MailboxAddress[];
    date?: Date;
    messageId?: string;
    inReplyTo?: string;
    html?: string | false;
    text?: string;
    attachments?: MailboxAttachment[];
  };
}

/** What the local mail catcher exposes to the API (scripts/mail-catcher.ts implements it). */
export interface Mailbox {
  readonly messages: readonly MailboxMessage[];
  /** The file the messages are kept in, when they survive a restart. */
  readonly file?: string;
}

export interface MailboxAccess {
  /** When set, /mail needs it: `Authorization: Bearer …`, or the cookie its sign-in form sets. */
  secretariatToken?: string;
  /** Who is asking (a signed-in secretariat may read the catcher). */
  auth?: Auth;
  /** Serve clients other than loopback (default: loopback only). */
  allowRemote: boolean;
  secureCookies: boolean;
}

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

/**
 * What a served message may not do, whoever wrote it (anyone who reaches the catcher's SMTP port can):
 * run script or reach our origin (`sandbox`), load anything from the network (`default-src 'none'`: no
 * tracking pixel, no remote font), be framed by another site. Its own inline styles and data: images show.
 */
const MESSAGE_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

const ZLang = z.object({ lang: z.enum(['es-MX', 'en']).optional() });
const ZId = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });
const ZAttachment = ZId.extend({ n: z.string().regex(/^\d{1,4}$/).transform(Number) });

/** The pages' language: Spanish unless `?lang=en` (the switch in the header). */
const langOf = (request: FastifyRequest): Locale => ZLang.safeParse(request.query).data?.lang ?? 'es-MX';
/** A /mail address in the reader's language (`?lang=en` carried along; Spanish needs none). */
const inLang = (path: string, lang: Locale) => (lang === 'en' ? `${path}?lang=en` : path);
const otherLang = (path: string, lang: Locale) => (lang === 'en' ? path : `${path}?lang=en`);

/** An address header as written, several joined (`To` may repeat). */
const addressText = (a: MailboxAddress | MailboxAddress[] | undefined): string | undefined => {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.length ? list.map((x) => x.text).join(', ') : undefined;
};

/** A MIME type as a header may carry it (`text/calendar`); anything else is served as opaque bytes. */
const safeContentType = (type: string) => (/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i.test(type) ? type.toLowerCase() : 'application/octet-stream');

/** `attachment` with the file's name: plain ASCII for old clients, RFC 5987 UTF-8 for the rest. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100) || 'attachment';
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** An attachment's name: its own, without any path, else `attachment-<n>`. */
const attachmentName = (a: MailboxAttachment, n: number) => (a.filename ?? '').split(/[\\/]/).pop()?.trim() || `attachment-${n}`;

/**
 * Development only (`npm start` without SMTP_HOST): the messages the local mail catcher received, at /mail,
 * so a newcomer can open an emailed link and the secretariat can check what was sent. Pages (the page
 * system: Spanish first, `?lang=en` for English): the list, newest first (`GET /mail`), and one message
 * (`GET /mail/:id` from a browser): its headers, envelope, attachments, HTML part, text part and source.
 * Raw parts, each at its own address: the HTML part (`/mail/:id/html`, sandboxed), the source
 * (`/mail/:id/raw`, text), each attachment (`/mail/:id/attachments/:n`, downloaded, never shown inline);
 * and `/mail.json`. A client that does not ask for HTML (a script) gets from `/mail/:id` the message's own
 * HTML (sandboxed) or its text, as before the pages existed.
 *
 * They hold every institution's signed link, so: loopback clients only unless allowed; the secretariat's
 * token when one is configured (Bearer header, or a cookie set by a sign-in form); never cached; and
 * whatever the message carries is served sandboxed, with nosniff, since anyone reaching the catcher's SMTP
 * port can put HTML in it.
 */
export function registerMailboxRoutes(app: FastifyInstance, mailbox: Mailbox, access: MailboxAccess): void {
  const { secretariatToken } = access;

  const signedIn = async (request: FastifyRequest) => {
    // A signed-in secretariat (session), a secretariat token, or — open mode only — anyone on loopback.
    const principal = access.auth ? await access.auth.principalOf(request).catch(() => undefined) : undefined;
    if (principal?.role === Role.SECRETARIAT) return true;
    if (!secretariatToken) return !access.auth;
    const bearer = /^Bearer ([\x21-\x7E]{1,512})$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && sameSecret(bearer, secretariatToken)) return true;
    const cookie = cookieOf(request);
    const expected = cookieValue(secretariatToken);
    return cookie !== undefined && cookie.length === expected.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(expected));
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/mail')) return;
    if (!access.allowRemote && !isLoopbackAddress(request.ip)) throw new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
    // Signed links inside: nothing of /mail is kept by a browser or a proxy.
    void reply.header('cache-control', 'no-store');
  });

  const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');
  const html = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page);

  const requireSecretariat = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (await signedIn(request)) return true;
    if (!wantsHtml(request)) throw new AppError('UNAUTHENTICATED', 'The mail catcher holds every signed link: it needs the secretariat token (Authorization: Bearer …).');
    const lang = langOf(request);
    void html(reply.status(401), renderPage(MailSignInPage({ lang, urls: { switchLanguage: otherLang('/mail', lang) } })));
    return false;
  };

  const messageOf = (request: FastifyRequest) => {
    const { id } = ZId.parse(request.params);
    const message = mailbox.messages.find((x) => x.id === id);
    if (!message) throw new AppError('NOT_FOUND', `No message ${id} in the local mail catcher.`);
    return message;
  };

  app.post('/mail/sign-in', HIDDEN, async (request, reply) => {
    const { token, lang = 'es-MX' } = z.object({ token: z.string().max(512), lang: z.enum(['es-MX', 'en']).optional() }).parse(request.body ?? {});
    if (!secretariatToken || !sameSecret(token, secretariatToken)) {
      return html(reply.status(403), renderPage(MailSignInPage({ lang, refused: true, urls: { switchLanguage: otherLang('/mail', lang) } })));
    }
    const secure = access.secureCookies ? '; Secure' : '';
    return reply.header('set-cookie', `${COOKIE}=${cookieValue(secretariatToken)}; Path=/mail; HttpOnly; SameSite=Strict${secure}`).redirect(inLang('/mail', lang), 303);
  });

  app.get('/mail', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    const lang = langOf(request);
    const rows = [...mailbox.messages].reverse().map((m) => ({
      id: m.id,
      href: inLang(`/mail/${m.id}`, lang),
      receivedAt: m.receivedAt,
      from: m.parsed.from?.value?.[0]?.address ?? m.parsed.from?.text ?? m.envelope.from ?? '',
      fromHeader: m.parsed.from?.text,
      to: addressText(m.parsed.to) ?? m.envelope.to.join(', '),
      subject: m.parsed.subject,
      attachments: m.parsed.attachments?.length ?? 0,
    }));
    return html(reply, renderPage(MailListPage({ lang, rows, file: mailbox.file, urls: { switchLanguage: otherLang('/mail', lang) } })));
  });

  app.get('/mail/:id', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    const m = messageOf(request);
    void reply.header('vary', 'Accept').header('x-content-type-options', 'nosniff');
    if (!wantsHtml(request)) {
      // A script's view, as before the pages: the message's own HTML (sandboxed), else its text.
      if (m.parsed.html) return reply.header('content-security-policy', 'sandbox').type('text/html; charset=utf-8').send(m.parsed.html);
      return reply.type('text/plain; charset=utf-8').send(m.parsed.text ?? '');
    }
    const lang = langOf(request);
    const model: MailMessagePageModel = {
      lang,
      id: m.id,
      receivedAt: m.receivedAt,
      subject: m.parsed.subject,
      headers: { from: m.parsed.from?.text, to: addressText(m.parsed.to), cc: addressText(m.parsed.cc), date: m.parsed.date, messageId: m.parsed.messageId, inReplyTo: m.parsed.inReplyTo },
      envelope: { from: m.envelope.from, to: m.envelope.to },
      attachments: (m.parsed.attachments ?? []).map((a, i) => ({
        filename: attachmentName(a, i + 1),
        contentType: safeContentType(a.contentType),
        size: a.size ?? a.content.length,
        href: `/mail/${m.id}/attachments/${i + 1}`,
      })),
      text: m.parsed.text,
      htmlHref: m.parsed.html ? `/mail/${m.id}/html` : undefined,
      raw: m.raw,
      rawHref: m.raw !== undefined ? `/mail/${m.id}/raw` : undefined,
      urls: { list: inLang('/mail', lang), switchLanguage: otherLang(`/mail/${m.id}`, lang) },
    };
    return html(reply, renderPage(MailMessagePage(model)));
  });

  app.get('/mail/:id/html', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    const m = messageOf(request);
    if (!m.parsed.html) throw new AppError('NOT_FOUND', `Message ${m.id} has no HTML part.`);
    return reply.header('content-security-policy', MESSAGE_CSP).header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8').send(m.parsed.html);
  });

  app.get('/mail/:id/raw', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    const m = messageOf(request);
    if (m.raw === undefined) throw new AppError('NOT_FOUND', `The source of message ${m.id} is not kept.`);
    return reply.header('content-security-policy', MESSAGE_CSP).header('x-content-type-options', 'nosniff').type('text/plain; charset=utf-8').send(m.raw);
  });

  app.get('/mail/:id/attachments/:n', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    const { n } = ZAttachment.parse(request.params);
    const m = messageOf(request);
    const attachment = m.parsed.attachments?.[n - 1];
    if (!attachment || n < 1) throw new AppError('NOT_FOUND', `Message ${m.id} has no attachment ${n}.`);
    return reply
      .header('content-disposition', contentDisposition(attachmentName(attachment, n)))
      .header('content-security-policy', MESSAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .type(safeContentType(attachment.contentType))
      .send(attachment.content);
  });

  app.get('/mail.json', HIDDEN, async (request, reply) => {
    if (!(await requireSecretariat(request, reply))) return reply;
    return mailbox.messages.map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt,
      from: m.parsed.from?.text ?? m.envelope.from,
      to: m.envelope.to,
      subject: m.parsed.subject,
      attachments: (m.parsed.attachments ?? []).map((a, i) => ({ filename: attachmentName(a, i + 1), contentType: safeContentType(a.contentType) })),
    }));
  });
}
