import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from './app-error';

// Not for workflows/: uses node:crypto.

const ZLinkClaims = z.object({
  /** Data request id. */
  r: z.string().min(1),
  /** Reporting year. */
  y: z.number().int(),
  /** Institution code. */
  i: z.string().min(1),
  /** Contact email the link was sent to. */
  c: z.string().min(3),
  /** Expiry, seconds since the epoch. */
  e: z.number().int(),
  v: z.literal(1),
});
export type TLinkClaims = z.infer<typeof ZLinkClaims>;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/**
 * Signs the claims of a response link with HMAC-SHA256: `<base64url(json)>.<base64url(mac)>`.
 * Anyone holding the link can answer for that institution until it expires; no account is needed.
 */
export function signLinkToken({ claims, secret }: { claims: Omit<TLinkClaims, 'v'>; secret: string }): string {
  const body = b64(JSON.stringify({ ...claims, v: 1 }));
  const mac = createHmac('sha256', secret).update(body).digest();
  return `${body}.${b64(mac)}`;
}

/**
 * Verifies a response-link token. A malformed or forged token, or one past its expiry, is refused with
 * UNAUTHENTICATED (401); a valid token used for another institution or year with FORBIDDEN (403).
 */
export function verifyLinkToken({
  token,
  secret,
  now,
  expect,
}: {
  token: string | undefined;
  secret: string;
  now: Date;
  expect?: { year: number; institution: string };
}): TLinkClaims {
  if (!token) throw new AppError('UNAUTHENTICATED', 'This page needs the signed link from your email (the token is missing).');
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) throw new AppError('UNAUTHENTICATED', 'The link is malformed: copy the whole link from the email.');
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('UNAUTHENTICATED', 'The link is not valid (its signature does not match). Use the link from the latest email.');
  }
  let claims: TLinkClaims;
  try {
    claims = ZLinkClaims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The link is malformed: copy the whole link from the email.');
  }
  if (claims.e * 1000 <= now.getTime()) {
    throw new AppError('UNAUTHENTICATED', `The link expired on ${new Date(claims.e * 1000).toISOString()}. Ask the secretariat to resend the request.`);
  }
  if (expect && (claims.i !== expect.institution || claims.y !== expect.year)) {
    throw new AppError('FORBIDDEN', `This link was issued to ${claims.i} for ${claims.y}; it cannot be used for ${expect.institution} ${expect.year}.`);
  }
  return claims;
}
