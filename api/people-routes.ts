import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { Access, Role } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { createApiToken, deactivateUser, revokeApiToken, saveUser, ZCreateTokenBody, ZCreateUserBody, ZId, ZRole } from './commands/people';
import { listTokens, listUsers } from './queries/people';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

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

/**
 * The secretariat manages who signs in (users and their roles) and the tokens of automation, as JSON
 * (api/commands/people.ts: the same commands the /people page runs). Creating a user who exists
 * reactivates them with the role given; deactivating ends their sessions at once. A token is shown once,
 * when it is created (only its SHA-256 is kept); revoking it is immediate. Every change is audited.
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
    async () => ({ users: await listUsers({ prisma }) }),
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
      const by = await auth.guard(request, Access.ACT);
      const { user } = await saveUser({ prisma, by, user: request.body });
      return reply.status(201).send(user);
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
      const by = await auth.guard(request, Access.ACT);
      const { id } = request.params;
      const result = await deactivateUser({ prisma, by, id, now: now() });
      if (result.outcome === 'NOT_FOUND') throw new AppError('NOT_FOUND', `No user ${id}.`);
      if (result.outcome === 'SELF') throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
      return result.user;
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
    async () => ({ tokens: await listTokens({ prisma }) }),
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
      const by = await auth.guard(request, Access.ACT);
      return reply.status(201).send(await createApiToken({ prisma, by, token: request.body }));
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
      const by = await auth.guard(request, Access.ACT);
      const { id } = request.params;
      const token = await revokeApiToken({ prisma, by, id, now: now() });
      if (!token) throw new AppError('NOT_FOUND', `No token ${id}.`);
      return token;
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
