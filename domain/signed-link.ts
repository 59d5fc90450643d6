import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from './app-error';
import type { Locale } from './input-bounds';

// Not for workflows/: uses node:crypto.

const ZLinkClaims = z.strictObject({
  /** Data request id. */
  r: z.string().min(1).max(64),
  /** Reporting year. */
  y: z.number().int(),
  /** Institution code. */
  i: z.string().min(1).max(32),
  /** Contact email the link was sent to. */
  c: z.string().min(3).max(254),
  /** Expiry, seconds since the epoch. */
  e: z.number().int(),
  v: z.literal(1),
});
export type TLinkClaims = z.infer<typeof ZLinkClaims>;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/** Longest token we read: claims are a few hundred bytes; anything far longer is not ours. */
const MAX_TOKEN_LENGTH = 2_048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why a link is refused; each has a page of its own for contacts (es-MX and English). */
export const LinkProblem = {
  MISSING: 'LINK_MISSING',
  MALFORMED: 'LINK_MALFORMED',
  FORGED: 'LINK_FORGED',
  EXPIRED: 'LINK_EXPIRED',
  OTHER_REQUEST: 'LINK_OTHER_REQUEST',
  REPLACED_CONTACT: 'LINK_REPLACED_CONTACT',
} as const;
export type LinkProblem = (typeof LinkProblem)[keyof typeof LinkProblem];

const LINK_TEXT: Record<LinkProblem, Record<Locale, (p: Record<string, string>) => string>> = {
  LINK_MISSING: {
    'es-MX': () => 'Esta página necesita el enlace firmado de su correo (falta el token).',
    en: () => 'This page needs the signed link from your email (the token is missing).',
  },
  LINK_MALFORMED: {
    'es-MX': () => 'El enlace está incompleto o dañado: copie el enlace completo del correo.',
    en: () => 'The link is malformed: copy the whole link from the email.',
  },
  LINK_FORGED: {
    'es-MX': () => 'El enlace no es válido (su firma no coincide). Use el enlace del correo más reciente.',
    en: () => 'The link is not valid (its signature does not match). Use the link from the latest email.',
  },
  LINK_EXPIRED: {
    'es-MX': (p) => `El enlace venció el ${p.expiredOn}. Puede pedir uno nuevo: se envía a los contactos registrados de la institución.`,
    en: (p) => `The link expired on ${p.expiredOn}. You can ask for a new one: it is sent to the institution's registered contacts.`,
  },
  LINK_OTHER_REQUEST: {
    'es-MX': (p) => `Este enlace se emitió para ${p.institution} ${p.year}; no sirve para ${p.askedInstitution} ${p.askedYear}.`,
    en: (p) => `This link was issued to ${p.institution} for ${p.year}; it cannot be used for ${p.askedInstitution} ${p.askedYear}.`,
  },
  LINK_REPLACED_CONTACT: {
    'es-MX': (p) => `Este enlace se envió a ${p.contact}, que ya no es contacto de ${p.institution}. Use el enlace enviado al contacto actual.`,
    en: (p) => `This link was issued to ${p.contact}, who is no longer a contact of ${p.institution}. Use the link sent to the current contact.`,
  },
};

/** The refusal of a link, in `lang`, as an AppError (401, or 403 for another request / a replaced contact). */
export function linkProblem(problem: LinkProblem, lang: Locale, params: Record<string, string> = {}): AppError {
  const code = problem === 'LINK_OTHER_REQUEST' || problem === 'LINK_REPLACED_CONTACT' ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  return new AppError(code, LINK_TEXT[problem][lang](params), undefined, { reason: problem });
}

/**
 * Signs the claims of a response link with HMAC-SHA256: `<base64url(json)>.<base64url(mac)>`.
 * Anyone holding the link can answer for that institution until it expires; no account is needed.
 */
export function signLinkToken({ claims, secret }: { claims: Omit<TLinkClaims, 'v'>; secret: string }): string {
  const body = b64(JSON.stringify({ ...claims, v: 1 }));
  const mac = createHmac('sha256', secret).update(body).digest();
  return `${body}.${b64(mac)}`;
}

/** Whether `part` is the one canonical base64url spelling of its bytes (no padding, no stray bits or characters). */
function isCanonicalBase64url(part: string): boolean {
  return BASE64URL.test(part) && b64(Buffer.from(part, 'base64url')) === part;
}

/**
 * Verifies a response-link token. Both parts must be canonical base64url (an appended `=` or `!!`, or a
 * different last character that decodes to the same bytes, is refused) and the MAC is compared in constant
 * time. A missing, malformed or forged token, or one past its expiry, is refused with UNAUTHENTICATED
 * (401); a valid token used for another institution or year with FORBIDDEN (403). Messages are in `lang`
 * (default English) and carry the {@link LinkProblem} as the error's reason.
 */
export function verifyLinkToken({
  token,
  secret,
  now,
  expect,
  lang = 'en',
}: {
  token: string | undefined;
  secret: string;
  now: Date;
  expect?: { year: number; institution: string };
  lang?: Locale;
}): TLinkClaims {
  if (!token) throw linkProblem(LinkProblem.MISSING, lang);
  if (token.length > MAX_TOKEN_LENGTH) throw linkProblem(LinkProblem.MALFORMED, lang);
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !isCanonicalBase64url(body) || !isCanonicalBase64url(mac)) throw linkProblem(LinkProblem.MALFORMED, lang);
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw linkProblem(LinkProblem.FORGED, lang);
  let claims: TLinkClaims;
  try {
    claims = ZLinkClaims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw linkProblem(LinkProblem.MALFORMED, lang);
  }
  if (claims.e * 1000 <= now.getTime()) {
    const expiredOn = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'America/Mexico_City' }).format(new Date(claims.e * 1000));
    throw linkProblem(LinkProblem.EXPIRED, lang, { expiredOn });
  }
  if (expect && (claims.i !== expect.institution || claims.y !== expect.year)) {
    throw linkProblem(LinkProblem.OTHER_REQUEST, lang, { institution: claims.i, year: String(claims.y), askedInstitution: expect.institution, askedYear: String(expect.year) });
  }
  return claims;
}
