import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/app-error';

/** `Bearer <token>`, exactly: one scheme (any case), one space, a token of visible ASCII characters. */
export const BEARER = /^Bearer ([\x21-\x7E]{1,512})$/i;

/** The token's digest, compared in constant time whatever the lengths. */
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks the secretariat's credentials on /api routes: `Authorization: Bearer <SECRETARIAT_TOKEN>`. A
 * missing header, another scheme or a bare token is 401; a wrong token 403. When no token is configured
 * (development) every call passes. Returns the check, for routes to call first.
 */
export function createAuthorize(secretariatToken: string | undefined): (authorization: string | undefined) => void {
  const expected = secretariatToken ? digest(secretariatToken) : undefined;
  return (header) => {
    if (!expected) return;
    if (!header) throw new AppError('UNAUTHENTICATED', 'Secretariat routes need "Authorization: Bearer <SECRETARIAT_TOKEN>".', undefined, { reason: 'TOKEN_MISSING' });
    const match = BEARER.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <SECRETARIAT_TOKEN>".', undefined, { reason: 'NOT_BEARER' });
    if (!timingSafeEqual(digest(match[1]), expected)) throw new AppError('FORBIDDEN', 'The secretariat token is not valid.', undefined, { reason: 'TOKEN_INVALID' });
  };
}

/** Whether `token` is the configured secretariat token (constant time); false when none is configured. */
export function isSecretariatToken(token: string | undefined, secretariatToken: string | undefined): boolean {
  if (!token || !secretariatToken) return false;
  return timingSafeEqual(digest(token), digest(secretariatToken));
}
