import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zEmailAddress, type Locale } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';
import { SignInPage, type SignInPageModel } from '../../ui/pages/sign-in-page';
import { renderPage } from '../../ui/render-page';
import { requestLanguage } from '../request-language';
import { PAGE } from '../route-schemas';
import { sessionIdOf, sha256, type Auth } from './principal';
import { consumeSignInLink, issueSignInLink, revokeSession } from './sign-in-links';

export interface SignInRouteDeps {
  prisma: PrismaClient;
  auth: Auth;
  now: () => Date;
  /** Emails a sign-in link to a person (rendered and sent by the caller's mailer). */
  sendSignInLink: (args: { to: string; name: string; link: string; lang: Locale }) => Promise<void>;
  /** Base of the links put in emails, e.g. http://localhost:3000 */
  publicBaseUrl: string;
}

type SessionReply = FastifyReply & { generateCsrf(): string };
type SessionRequest = FastifyRequest & { session: { get(key: string): unknown; set(key: string, value: unknown): void; delete(): void; regenerate(): void } };

const ZSignInBody = z.object({ email: z.string().max(320).default(''), lang: z.enum(['es-MX', 'en']).optional(), _csrf: z.string().optional() });
const ZConfirmBody = z.object({ token: z.string().max(128).default(''), lang: z.enum(['es-MX', 'en']).optional(), _csrf: z.string().optional() });
const ZConfirmQuery = z.object({ token: z.string().max(128).default(''), lang: z.enum(['es-MX', 'en']).optional() });

/**
 * Signing in without passwords. `GET /sign-in` asks for an address; `POST /sign-in` emails a one-time link
 * to it if it belongs to an active user (the answer is the same either way; per-address and per-client
 * limits); the link's `GET /sign-in/confirm` shows a button (mail scanners open links ahead of people),
 * whose `POST` uses the link once and opens a session: a new session id, in an encrypted HttpOnly cookie
 * (SameSite=Lax; Secure outside development) checked against the database on every request.
 * `POST /sign-out` ends it. Every form carries a CSRF token.
 */
export function registerSignInRoutes(app: FastifyInstance, deps: SignInRouteDeps): void {
  const { prisma, now } = deps;
  const page = (request: FastifyRequest, reply: FastifyReply, model: Omit<SignInPageModel, 'csrfToken' | 'switchLanguageHref'>, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          SignInPage({
            ...model,
            csrfToken: (reply as SessionReply).generateCsrf(),
            switchLanguageHref: `${request.url.split('?')[0] === '/sign-in/confirm' ? `/sign-in/confirm?token=${encodeURIComponent(model.token ?? '')}&` : '/sign-in?'}lang=${model.lang === 'en' ? 'es-MX' : 'en'}`,
          }),
        ),
      );

  app.get('/sign-in', PAGE, async (request, reply) => page(request, reply, { lang: requestLanguage(request, 'es-MX'), step: 'form' }));

  app.post(
    '/sign-in',
    {
      ...PAGE,
      onRequest: app.csrfProtection,
      // Per client address; per address it is at most three links a quarter hour (sign-in-links.ts).
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
    },
    async (request, reply) => {
      const body = ZSignInBody.parse(request.body ?? {});
      const lang = body.lang ?? requestLanguage(request, 'es-MX');
      const email = zEmailAddress().safeParse(body.email);
      if (!email.success) {
        return page(request, reply, { lang, step: 'form', email: body.email, error: lang === 'en' ? 'Write an email address, such as nombre@sre.gob.mx.' : 'Escriba una dirección de correo, por ejemplo nombre@sre.gob.mx.' }, 400);
      }
      const issued = await issueSignInLink(prisma, { email: email.data, now: now() });
      if (issued) {
        const link = `${deps.publicBaseUrl.replace(/\/$/, '')}/sign-in/confirm?token=${issued.token}&lang=${lang}`;
        await deps.sendSignInLink({ to: issued.user.email, name: issued.user.name, link, lang });
      }
      return page(request, reply, { lang, step: 'sent' });
    },
  );

  app.get('/sign-in/confirm', PAGE, async (request, reply) => {
    const query = ZConfirmQuery.parse(request.query ?? {});
    return page(request, reply, { lang: query.lang ?? requestLanguage(request, 'es-MX'), step: 'confirm', token: query.token });
  });

  app.post('/sign-in/confirm', { ...PAGE, onRequest: app.csrfProtection }, async (request, reply) => {
    const body = ZConfirmBody.parse(request.body ?? {});
    const lang = body.lang ?? requestLanguage(request, 'es-MX');
    const opened = body.token ? await consumeSignInLink(prisma, { token: body.token, now: now() }) : undefined;
    if (!opened) return page(request, reply, { lang, step: 'invalid' }, 400);
    const session = (request as SessionRequest).session;
    // A new session id at every sign-in: whatever the cookie held before (a CSRF secret, an old session) is
    // dropped, and an older session of this browser ends.
    const previous = sessionIdOf(request);
    session.regenerate();
    session.set('sid', opened.sessionId);
    if (previous) await prisma.session.updateMany({ where: { idHash: sha256(previous), revokedAt: null }, data: { revokedAt: now() } });
    return reply.redirect(`/dashboard?lang=${lang}`, 303);
  });

  app.post('/sign-out', { ...PAGE, onRequest: app.csrfProtection }, async (request, reply) => {
    const principal = await deps.auth.principalOf(request).catch(() => undefined);
    if (principal?.sessionId) await revokeSession(prisma, { sessionId: principal.sessionId, now: now() });
    (request as SessionRequest).session.delete();
    return reply.redirect(`/?lang=${requestLanguage(request, 'es-MX')}`, 303);
  });
}
