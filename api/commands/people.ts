import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AuditAction } from '../../domain/audit-actions';
import { LIMITS, zEmailAddress, zLine } from '../../domain/input-bounds';
import { Role } from '../../domain/roles';
import type { PrismaClient } from '../../prisma/client';
import { sha256, type Principal } from '../auth/principal';
import { tokenView, userView, type TokenView, type UserView } from '../queries/people';

export const ZRole = z.enum([Role.SECRETARIAT, Role.WORKING_GROUP]);
export const ZCreateUserBody = z.strictObject({ email: zEmailAddress(), name: zLine(LIMITS.name), role: ZRole });
export const ZCreateTokenBody = z.strictObject({ name: zLine(LIMITS.name), role: ZRole });
/** A row id (cuid) in a path. */
export const ZId = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, 'is not an id') });

export type TCreateUser = z.infer<typeof ZCreateUserBody>;
export type TCreateToken = z.infer<typeof ZCreateTokenBody>;

/** A token for automation: `nap1325_` and 43 characters of base64url (32 random bytes). */
export function newApiToken(): string {
  return `nap1325_${randomBytes(32).toString('base64url')}`;
}

/**
 * What saving a user did: `CREATED`, `UPDATED` (an active user's name and role), `REACTIVATED` (a
 * deactivated user may sign in again, with the name and role given) or `DUPLICATE` (an active user has
 * that address and `refuseActive` was asked: nothing changed).
 */
export type SaveUserResult = { outcome: 'CREATED' | 'UPDATED' | 'REACTIVATED' | 'DUPLICATE'; user: UserView };

/**
 * Creates a user, or saves the name and role of the one with that address and reactivates it; audited
 * `USER_SAVED`. The JSON API saves over an existing user; the people page adds people, and so refuses an
 * address an active user already has (`refuseActive`) rather than change them silently.
 */
export async function saveUser({ prisma, by, user, refuseActive = false }: { prisma: PrismaClient; by: Principal; user: TCreateUser; refuseActive?: boolean }): Promise<SaveUserResult> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: user.email } });
    if (existing?.active && refuseActive) return { outcome: 'DUPLICATE', user: userView(existing) };
    const saved = await tx.user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, role: user.role, createdBy: by.name },
      update: { name: user.name, role: user.role, active: true },
    });
    await tx.auditEvent.create({ data: { actor: by.name, action: AuditAction.USER_SAVED, data: { email: user.email, role: user.role } } });
    const outcome = !existing ? 'CREATED' : existing.active ? 'UPDATED' : 'REACTIVATED';
    return { outcome, user: userView(saved) };
  });
}

/** What deactivating did: `DEACTIVATED` (now or already), `SELF` (refused: one's own account), `NOT_FOUND`. */
export type DeactivateUserResult = { outcome: 'DEACTIVATED'; user: UserView } | { outcome: 'SELF' } | { outcome: 'NOT_FOUND' };

/**
 * Deactivates a user and revokes their sessions at once (every request checks its session row). Nobody
 * deactivates themselves (the secretariat could lock itself out). Audited `USER_DEACTIVATED` once: the
 * conditional update on `active` decides, so a second click changes nothing more.
 */
export async function deactivateUser({ prisma, by, id, now }: { prisma: PrismaClient; by: Principal; id: string; now: Date }): Promise<DeactivateUserResult> {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) return { outcome: 'NOT_FOUND' };
  if (user.id === by.userId) return { outcome: 'SELF' };
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id, active: true }, data: { active: false } });
    await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 1) await tx.auditEvent.create({ data: { actor: by.name, action: AuditAction.USER_DEACTIVATED, data: { email: user.email } } });
  });
  return { outcome: 'DEACTIVATED', user: userView({ ...user, active: false }) };
}

/**
 * Creates an API token; audited `TOKEN_CREATED`. Only its SHA-256 and first 16 characters are kept: the
 * returned `token` is the one time anybody sees it.
 */
export async function createApiToken({ prisma, by, token: input }: { prisma: PrismaClient; by: Principal; token: TCreateToken }): Promise<TokenView & { token: string }> {
  const token = newApiToken();
  const row = await prisma.$transaction(async (tx) => {
    const saved = await tx.apiToken.create({ data: { name: input.name, role: input.role, tokenHash: sha256(token), prefix: token.slice(0, 16), createdBy: by.name } });
    await tx.auditEvent.create({ data: { actor: by.name, action: AuditAction.TOKEN_CREATED, data: { name: input.name, role: input.role, prefix: saved.prefix } } });
    return saved;
  });
  return { ...tokenView(row), token };
}

/**
 * Revokes an API token at once (every call checks it); audited `TOKEN_REVOKED` once (the conditional
 * update decides). Returns the token as it now is, or undefined when there is no such token.
 */
export async function revokeApiToken({ prisma, by, id, now }: { prisma: PrismaClient; by: Principal; id: string; now: Date }): Promise<TokenView | undefined> {
  const row = await prisma.apiToken.findUnique({ where: { id } });
  if (!row) return undefined;
  if (row.revokedAt) return tokenView(row);
  const revokedAt = now;
  const revoked = await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
    if (count === 1) await tx.auditEvent.create({ data: { actor: by.name, action: AuditAction.TOKEN_REVOKED, data: { name: row.name, prefix: row.prefix } } });
    return count === 1;
  });
  if (revoked) return tokenView({ ...row, revokedAt });
  return tokenView(await prisma.apiToken.findUniqueOrThrow({ where: { id } }));
}
