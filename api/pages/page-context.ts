import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Locale } from '../../domain/input-bounds';
import { Access, Role } from '../../domain/roles';
import type { NavModel, NavSection } from '../../ui/components/secretariat-nav';
import { renderPage } from '../../ui/render-page';
import type { Auth, Principal } from '../auth/principal';
import { pageLanguage, switchLanguageHref } from './page-language';

/** What every secretariat / working-group page needs about the request it answers. */
export interface PageContext {
  lang: Locale;
  principal: Principal;
  /** May this reader act (forms shown), or only read? */
  canAct: boolean;
  /** The token every form of the page carries (`_csrf`). */
  csrfToken: string;
  /** This response's CSP nonce (inline scripts only with it). */
  nonce: string;
  switchLanguageHref: string;
  nav: NavModel;
}

type CsrfReply = FastifyReply & { generateCsrf(): string; cspNonce?: { script: string } };

/**
 * The page guard: who is asking (a signed-in person, or the open development mode), whether they may
 * read this page (`access`), and the page's language, CSRF token and navigation. Nobody signed in →
 * UNAUTHENTICATED, which page routes answer with a redirect to /sign-in (api/problem.ts); a role that may
 * not → FORBIDDEN, answered with a page saying so.
 */
export function createPageContext({ auth, hasMailbox }: { auth: Auth; hasMailbox: boolean }) {
  return async function pageContext(request: FastifyRequest, reply: FastifyReply, current: NavSection, access: Access = Access.READ): Promise<PageContext> {
    const lang = pageLanguage(request);
    const principal = await auth.guard(request, access);
    const csrfToken = (reply as CsrfReply).generateCsrf();
    const secretariat = principal.role === Role.SECRETARIAT;
    const sections: NavSection[] = ['dashboard', 'institutions', 'plan', 'reviews', 'holidays', 'audit', 'schedules'];
    if (secretariat) sections.push('people');
    if (secretariat && hasMailbox) sections.push('mail');
    return {
      lang,
      principal,
      canAct: secretariat,
      csrfToken,
      nonce: (reply as CsrfReply).cspNonce?.script ?? '',
      switchLanguageHref: switchLanguageHref(request, lang),
      nav: {
        current,
        who: principal.kind === 'user' ? principal.name : undefined,
        role: principal.role,
        csrfToken: principal.kind === 'user' ? csrfToken : undefined,
        sections,
      },
    };
  };
}

export type PageContextOf = ReturnType<typeof createPageContext>;

/** Sends a page component as the HTML document. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(page));
}

/** Where a form's POST goes back to after it succeeded: its page, with a notice code (PRG). */
export function seeOther(reply: FastifyReply, path: string, notice?: string): FastifyReply {
  const url = new URL(path, 'http://x');
  if (notice) url.searchParams.set('notice', notice);
  return reply.redirect(`${url.pathname}${url.search}${url.hash}`, 303);
}
