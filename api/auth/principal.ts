import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/app-error';
import { Access, Role, roleAllows } from '../../domain/roles';
import type { PrismaClient } from '../../prisma/client';

/** Who is asking, once proven: a signed-in person, an API token, the bootstrap token, or nobody (open mode). */
export interface Principal {
  kind: 'user' | 'token' | 'bootstrap' | 'open';
  role: Role;
  /** What the audit says did it: the person's email, the token's name, `secretariat-token`, `secretariat`. */
  name: string;
  userId?: string;
  /** The session row (a signed-in person), so sign-out can revoke it. */
  sessionId?: string;
}

/** `Bearer <token>`, exactly: one scheme (any case), one space, visible ASCII characters. */
export const BEARER = /^Bearer ([\x21-\x7E]{1,512})$/i;
/** How long a session lasts without use, and at most. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Last-use times are written at most this often (not on every request). */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** Whether two secrets are equal, compared in constant time whatever their lengths. */
export const sameSecret = (a: string, b: string) => timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));

/** The session id a request's cookie carries (@fastify/secure-session), if any. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const session = (request as FastifyRequest & { session?: { get(key: string): unknown } }).session;
  const sid = session?.get('sid');
  return typeof sid === 'string' && sid.length <= 128 ? sid : undefined;
}

export interface AuthDeps {
  prisma: PrismaClient;
  /** The bootstrap token (SECRETARIAT_TOKEN): acts as the secretariat, for the first sign-in and scripts. */
  secretariatToken?: string;
  /** No credentials configured at all: every route is open, as the secretariat (tests, embedded use). */
  open: boolean;
  now: () => Date;
}

/**
 * Resolves and checks who is asking. Credentials, in order: `Authorization: Bearer <token>` (the bootstrap
 * token, or an API token: hashed, not revoked; its last use recorded), then the session cookie (the id it
 * carries, checked against the `Session` row: not revoked, not expired, its user active). A bad Bearer
 * header is refused outright (401/403), never ignored in favour of a cookie.
 *
 * `guard(request, access)` returns the principal or throws UNAUTHENTICATED (401: nobody) or FORBIDDEN
 * (403: a role that may not, e.g. the working group acting). The answer is computed once per request.
 */
export function createAuth({ prisma, secretariatToken, open, now }: AuthDeps) {
  const resolved = new WeakMap<FastifyRequest, Promise<Principal | undefined>>();

  async function fromBearer(header: string): Promise<Principal> {
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".', undefined, { reason: 'NOT_BEARER' });
    if (secretariatToken && sameSecret(token, secretariatToken)) return { kind: 'bootstrap', role: Role.SECRETARIAT, name: 'secretariat-token' };
    const row = await prisma.apiToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (!row || row.revokedAt) throw new AppError('FORBIDDEN', 'The token is not valid (unknown or revoked).', undefined, { reason: 'TOKEN_INVALID' });
    const at = now();
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: at } });
    }
    return { kind: 'token', role: row.role, name: `token:${row.name}` };
  }

  async function fromSession(sid: string): Promise<Principal | undefined> {
    const session = await prisma.session.findUnique({ where: { idHash: sha256(sid) }, include: { user: true } });
    const at = now();
    if (!session || session.revokedAt || session.expiresAt <= at || !session.user.active) return undefined;
    if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const expiresAt = new Date(Math.min(at.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS));
      await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: at, expiresAt } });
    }
    return { kind: 'user', role: session.user.role, name: session.user.email, userId: session.user.id, sessionId: session.id };
  }

  async function resolve(request: FastifyRequest): Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (header) return fromBearer(header);
    const sid = sessionIdOf(request);
    const person = sid ? await fromSession(sid) : undefined;
    if (person) return person;
    return open ? { kind: 'open', role: Role.SECRETARIAT, name: 'secretariat' } : undefined;
  }

  /** Who is asking (undefined: nobody proven). Throws for a malformed or unknown Bearer token. */
  function principalOf(request: FastifyRequest): Promise<Principal | undefined> {
    let answer = resolved.get(request);
    if (!answer) {
      answer = resolve(request);
      resolved.set(request, answer);
    }
    return answer;
  }

  async function guard(request: FastifyRequest, access: Access): Promise<Principal> {
    const principal = await principalOf(request);
    if (!principal) {
      throw new AppError('UNAUTHENTICATED', 'Sign in (or send "Authorization: Bearer <token>") to use this.', undefined, { reason: 'NOT_SIGNED_IN' });
    }
    if (!roleAllows(principal.role, access)) {
      throw new AppError('FORBIDDEN', `The ${principal.role === Role.WORKING_GROUP ? 'working group' : principal.role} may read but not change this.`, undefined, { reason: 'ROLE' });
    }
    return principal;
  }

  /**
   * `guard` as a route's `onRequest` hook: who is asking is checked before anything else (the body is not
   * even read for nobody, and a refusal of the input never tells nobody anything). The handler calls
   * `guard` again for the principal: it is resolved once per request.
   */
  function requires(access: Access): (request: FastifyRequest) => Promise<void> {
    return async (request) => {
      await guard(request, access);
    };
  }

  return { principalOf, guard, requires };
}

export type Auth = ReturnType<typeof createAuth>;
export { Access };
