import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { SESSION_IDLE_MS, sha256 } from './principal';

/** How long an emailed sign-in link may be used (once). */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;
/** Links one person may be sent per quarter hour (on top of the per-address limit of the route). */
export const SIGN_IN_LINKS_PER_USER = 3;

const randomToken = () => randomBytes(32).toString('base64url');

/**
 * A one-time sign-in link for an active user: a random token (32 bytes) of which only the SHA-256 is stored,
 * valid {@link SIGN_IN_LINK_TTL_MS}. Returns undefined — and stores nothing — for an address that is not an
 * active user, or one sent {@link SIGN_IN_LINKS_PER_USER} links in the last quarter hour: the caller
 * answers the same in every case, so nobody learns who has an account.
 */
export async function issueSignInLink(prisma: PrismaClient, { email, now }: { email: string; now: Date }): Promise<{ token: string; user: { email: string; name: string } } | undefined> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user?.active) return undefined;
  const recent = await prisma.signInLink.count({ where: { userId: user.id, createdAt: { gte: new Date(now.getTime() - SIGN_IN_LINK_TTL_MS) } } });
  if (recent >= SIGN_IN_LINKS_PER_USER) return undefined;
  const token = randomToken();
  await prisma.signInLink.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS) } });
  return { token, user: { email: user.email, name: user.name } };
}

/**
 * Uses a sign-in link, once: a conditional update marks it used only if it is unused and unexpired (two
 * clicks at once: one wins), then opens a new session for its (active) user. Returns the new session id —
 * what the cookie will carry; only its hash is stored — or undefined when the link is unknown, used,
 * expired, or its user deactivated.
 */
export async function consumeSignInLink(prisma: PrismaClient, { token, now }: { token: string; now: Date }): Promise<{ sessionId: string; userId: string } | undefined> {
  const tokenHash = sha256(token);
  const used = await prisma.signInLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (used.count !== 1) return undefined;
  const link = await prisma.signInLink.findUniqueOrThrow({ where: { tokenHash }, include: { user: true } });
  if (!link.user.active) return undefined;
  const sessionId = randomToken();
  await prisma.$transaction([
    prisma.session.create({ data: { userId: link.userId, idHash: sha256(sessionId), expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) } }),
    prisma.user.update({ where: { id: link.userId }, data: { lastSignInAt: now } }),
    prisma.auditEvent.create({ data: { actor: link.user.email, action: 'SIGNED_IN', data: { userId: link.userId } } }),
  ]);
  return { sessionId, userId: link.userId };
}

/** Ends a session for good (sign-out, or the secretariat revoking it). */
export async function revokeSession(prisma: PrismaClient, { sessionId, now }: { sessionId: string; now: Date }): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
