import { AppError } from '../../domain/app-error';
import { signLinkToken, verifyLinkToken } from '../../domain/signed-link';

const secret = 'x'.repeat(40);
const now = new Date('2026-03-02T15:00:00Z');
const claims = { r: 'req1', y: 2026, i: 'SEMAR', c: 'enlace@semar.gob.mx', e: Math.floor(now.getTime() / 1000) + 3600 };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('signed response links', () => {
  const token = signLinkToken({ claims, secret });

  it('round-trips the claims for the right institution and year', () => {
    expect(verifyLinkToken({ token, secret, now, expect: { year: 2026, institution: 'SEMAR' } })).toMatchObject(claims);
  });

  it('refuses a missing, malformed, forged or expired token with 401', () => {
    expect(refusal(() => verifyLinkToken({ token: undefined, secret, now })).code).toBe('UNAUTHENTICATED');
    expect(refusal(() => verifyLinkToken({ token: 'abc', secret, now })).code).toBe('UNAUTHENTICATED');
    expect(refusal(() => verifyLinkToken({ token, secret: 'y'.repeat(40), now })).code).toBe('UNAUTHENTICATED');
    const [body] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...claims, i: 'SEDENA', v: 1 })).toString('base64url');
    expect(refusal(() => verifyLinkToken({ token: `${tampered}.${token.split('.')[1]}`, secret, now })).code).toBe('UNAUTHENTICATED');
    expect(body).not.toBe(tampered);
    const late = new Date((claims.e + 1) * 1000);
    const expired = refusal(() => verifyLinkToken({ token, secret, now: late }));
    expect(expired.code).toBe('UNAUTHENTICATED');
    expect(expired.message).toMatch(/expired/);
  });

  it('refuses a valid token used for another institution or year with 403', () => {
    expect(refusal(() => verifyLinkToken({ token, secret, now, expect: { year: 2026, institution: 'SEDENA' } })).code).toBe('FORBIDDEN');
    expect(refusal(() => verifyLinkToken({ token, secret, now, expect: { year: 2027, institution: 'SEMAR' } })).code).toBe('FORBIDDEN');
  });
});
