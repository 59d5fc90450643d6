import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionIdOf } from '../auth/principal';
import './route-config';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Which unsafe requests must carry a CSRF token: every form route (`config.csrf`), and any `/api` call a
 * browser makes on the strength of its session cookie (no Authorization header) — a signed-in person's
 * cookie must not let another site change something through the JSON API. Calls with a Bearer token carry
 * no ambient credential and need none; the contacts' `/respond` forms are authorized by their signed link.
 */
export function needsCsrf(request: FastifyRequest): boolean {
  if (!UNSAFE.has(request.method)) return false;
  if (request.routeOptions.config?.csrf) return true;
  return request.url.startsWith('/api/') && !request.headers.authorization && sessionIdOf(request) !== undefined;
}

/**
 * Checks CSRF tokens (@fastify/csrf-protection: a secret in the encrypted session cookie, the token from
 * the form's `_csrf` field or a `csrf-token` header) after the body is parsed, for the requests
 * {@link needsCsrf} names. A refusal is a 403 with code FST_CSRF_INVALID_TOKEN / FST_CSRF_MISSING_SECRET
 * (a page for page routes).
 */
export function registerCsrfGuard(app: FastifyInstance): void {
  app.addHook('preHandler', (request, reply, done) => {
    if (!needsCsrf(request)) return done();
    app.csrfProtection.call(app, request, reply, done);
  });
}
