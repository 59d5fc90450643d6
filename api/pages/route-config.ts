/**
 * What a route says about itself in its `config`: `page` routes answer errors as HTML pages (a sign-in
 * redirect for nobody, a readable page for the rest) instead of problem+json; `csrf` routes refuse an
 * unsafe method without the form's CSRF token (api/pages/csrf-guard.ts).
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    page?: boolean;
    csrf?: boolean;
  }
}

export const PAGE = { page: true } as const;
export const PAGE_FORM = { page: true, csrf: true } as const;
