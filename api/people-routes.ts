import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { LIMITS, zEmailAddress, zLine } from '../domain/input-bounds';
import { Access, Role } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import { sha256, type Auth } from './auth/principal';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

const ZRole = z.enum([Role.SECRETARIAT, Role.WORKING_GROUP]);
export const ZCreateUserBody = z.strictObject({ email: zEmailAddress(), name: zLine(LIMITS.name), role: ZRole });
export const ZCreateTokenBody = z.strictObject({ name: zLine(LIMITS.name), role: ZRole });
const ZId = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, 'is not an id') });

const ZUser = z
  .strictObject({ id: z.string(), email: z.string(), name: z.string(), role: ZRole, active: z.boolean(), createdAt: zInstant(), lastSignInAt: zInstant().nullable() })
  .meta({ id: 'User' });
const ZApiToken = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    role: ZRole,
    prefix: z.string().meta({ description: "The token's first 16 characters, to recognise it." }),
    createdBy: z.string(),
    createdAt: zInstant(),
    lastUsedAt: zInstant().nullable(),
    revokedAt: zInstant().nullable(),
  })
  .meta({ id: 'ApiToken' });
const ZNewApiToken = ZApiToken.extend({ token: z.string().meta({ description: 'The token itself: shown this once, never again (only its SHA-256 is kept).' }) });

/** A token for automation: `nap1325_` and 43 characters of base64url (32 random bytes). */
export function newApiToken(): string {
  return `nap1325_${randomBytes(32).toString('base64url')}`;
}

/** The people who sign in and the tokens of automation, as the API lists them (no secrets, no hashes). */
export const userView = (u: { id: string; email: string; name: string; role: string; active: boolean; createdAt: Date; lastSignInAt: Date | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt,
  lastSignInAt: u.lastSignInAt,
});
export const tokenView = (t: { id: string; name: string; role: string; prefix: string; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

/**
 * The secretariat manages who signs in (users and their roles) and the tokens of automation. Creating a
 * user who exists reactivates them with the role given; deactivating ends their sessions at once. A
 * token is shown once, when it is created (only its SHA-256 is kept); revoking it is immediate. Every
 * change is audited.
 */
export function registerPeopleRoutes(app: FastifyInstance, { prisma, auth, now }: { prisma: PrismaClient; auth: Auth; now: () => Date }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secretariat = { onRequest: auth.requires(Access.ACT) };

  api.get(
    '/api/users',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'Who signs in',
        description: 'Every user (at most 1,000), active first. The secretariat only.',
        security: SIGNED_IN,
        response: responses({ 200: json(z.strictObject({ users: z.array(ZUser) }), 'The users.') }, AUTH_PROBLEMS),
      },
    },
    async () => {
      const users = await prisma.user.findMany({ orderBy: [{ active: 'desc' }, { email: 'asc' }], take: 1_000 });
      return { users: users.map(userView) };
    },
  );

  api.post(
    '/api/users',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'Add (or reactivate) a user',
        description: 'A user who exists is reactivated with the name and role given. They sign in with an emailed link (`/sign-in`).',
        security: SIGNED_IN,
        body: ZCreateUserBody,
        response: responses({ 201: json(ZUser, 'Saved.') }, BODY_PROBLEMS, AUTH_PROBLEMS),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const body = request.body;
      const user = await prisma.$transaction(async (tx) => {
        const saved = await tx.user.upsert({
          where: { email: body.email },
          create: { email: body.email, name: body.name, role: body.role, createdBy: who.name },
          update: { name: body.name, role: body.role, active: true },
        });
        await tx.auditEvent.create({ data: { actor: who.name, action: 'USER_SAVED', data: { email: body.email, role: body.role } } });
        return saved;
      });
      return reply.status(201).send(userView(user));
    },
  );

  api.post(
    '/api/users/:id/deactivate',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'Deactivate a user',
        description: 'They can no longer sign in, and their sessions end at once. 409 for yourself.',
        security: SIGNED_IN,
        params: ZId,
        response: responses({ 200: json(ZUser, 'Deactivated.') }, 400, AUTH_PROBLEMS, 404, 409),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { id } = request.params;
      const user = await prisma.user.findUnique({ where: { id } });
      if (!user) throw new AppError('NOT_FOUND', `No user ${id}.`);
      if (user.id === who.userId) throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
      await prisma.$transaction([
        prisma.user.update({ where: { id }, data: { active: false } }),
        prisma.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now() } }),
        prisma.auditEvent.create({ data: { actor: who.name, action: 'USER_DEACTIVATED', data: { email: user.email } } }),
      ]);
      return userView({ ...user, active: false });
    },
  );

  api.get(
    '/api/tokens',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'The tokens of automation',
        description: 'Every API token (at most 1,000), newest first: never the token itself.',
        security: SIGNED_IN,
        response: responses({ 200: json(z.strictObject({ tokens: z.array(ZApiToken) }), 'The tokens.') }, AUTH_PROBLEMS),
      },
    },
    async () => {
      const tokens = await prisma.apiToken.findMany({ orderBy: { createdAt: 'desc' }, take: 1_000 });
      return { tokens: tokens.map(tokenView) };
    },
  );

  api.post(
    '/api/tokens',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'Create an API token',
        description: 'For scripts: `Authorization: Bearer <token>` acts with the role given. The answer is the only time the token is shown.',
        security: SIGNED_IN,
        body: ZCreateTokenBody,
        response: responses({ 201: json(ZNewApiToken, 'Created: keep `token` now.') }, BODY_PROBLEMS, AUTH_PROBLEMS),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const body = request.body;
      const token = newApiToken();
      const row = await prisma.$transaction(async (tx) => {
        const saved = await tx.apiToken.create({ data: { name: body.name, role: body.role, tokenHash: sha256(token), prefix: token.slice(0, 16), createdBy: who.name } });
        await tx.auditEvent.create({ data: { actor: who.name, action: 'TOKEN_CREATED', data: { name: body.name, role: body.role, prefix: saved.prefix } } });
        return saved;
      });
      return reply.status(201).send({ ...tokenView(row), token });
    },
  );

  api.delete(
    '/api/tokens/:id',
    {
      ...secretariat,
      schema: {
        tags: [Tag.PEOPLE],
        summary: 'Revoke an API token',
        description: 'Immediate; revoking a revoked token changes nothing.',
        security: SIGNED_IN,
        params: ZId,
        response: responses({ 200: json(ZApiToken, 'Revoked.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      const { id } = request.params;
      const row = await prisma.apiToken.findUnique({ where: { id } });
      if (!row) throw new AppError('NOT_FOUND', `No token ${id}.`);
      const revokedAt = row.revokedAt ?? now();
      if (!row.revokedAt) {
        await prisma.$transaction([
          prisma.apiToken.update({ where: { id }, data: { revokedAt } }),
          prisma.auditEvent.create({ data: { actor: who.name, action: 'TOKEN_REVOKED', data: { name: row.name, prefix: row.prefix } } }),
        ]);
      }
      return tokenView({ ...row, revokedAt });
    },
  );
}

/**
 * The first secretariat user, from configuration, when nobody can sign in yet: created (or reactivated)
 * only if no active secretariat user exists, so later changes made on the page are never overwritten.
 */
export async function ensureBootstrapUser(prisma: PrismaClient, { email, name }: { email: string; name: string }): Promise<void> {
  const existing = await prisma.user.count({ where: { role: Role.SECRETARIAT, active: true } });
  if (existing > 0) return;
  const address = email.trim().toLowerCase();
  await prisma.user.upsert({
    where: { email: address },
    create: { email: address, name, role: Role.SECRETARIAT, createdBy: 'configuration' },
    update: { role: Role.SECRETARIAT, active: true },
  });
}
