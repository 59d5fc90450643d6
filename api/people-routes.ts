import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/app-error';
import { Access, Role } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { createApiToken, deactivateUser, revokeApiToken, saveUser, ZCreateTokenBody, ZCreateUserBody, ZId } from './commands/people';
import { listTokens, listUsers } from './queries/people';

/**
 * The secretariat manages who signs in (users and their roles) and the tokens of automation, as JSON
 * (api/commands/people.ts: the same commands the /people page runs). Creating a user who exists
 * reactivates them with the role given; deactivating ends their sessions at once. A token is shown once,
 * when it is created (only its SHA-256 is kept); revoking it is immediate. Every change is audited.
 */
export function registerPeopleRoutes(app: FastifyInstance, { prisma, auth, now }: { prisma: PrismaClient; auth: Auth; now: () => Date }): void {
  app.get('/api/users', async (request) => {
    await auth.guard(request, Access.ACT);
    return { users: await listUsers({ prisma }) };
  });

  app.post('/api/users', async (request, reply) => {
    const by = await auth.guard(request, Access.ACT);
    const body = ZCreateUserBody.parse(request.body ?? {});
    const { user } = await saveUser({ prisma, by, user: body });
    return reply.status(201).send(user);
  });

  app.post('/api/users/:id/deactivate', async (request) => {
    const by = await auth.guard(request, Access.ACT);
    const { id } = ZId.parse(request.params);
    const result = await deactivateUser({ prisma, by, id, now: now() });
    if (result.outcome === 'NOT_FOUND') throw new AppError('NOT_FOUND', `No user ${id}.`);
    if (result.outcome === 'SELF') throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
    return result.user;
  });

  app.get('/api/tokens', async (request) => {
    await auth.guard(request, Access.ACT);
    return { tokens: await listTokens({ prisma }) };
  });

  app.post('/api/tokens', async (request, reply) => {
    const by = await auth.guard(request, Access.ACT);
    const body = ZCreateTokenBody.parse(request.body ?? {});
    return reply.status(201).send(await createApiToken({ prisma, by, token: body }));
  });

  app.delete('/api/tokens/:id', async (request) => {
    const by = await auth.guard(request, Access.ACT);
    const { id } = ZId.parse(request.params);
    const token = await revokeApiToken({ prisma, by, id, now: now() });
    if (!token) throw new AppError('NOT_FOUND', `No token ${id}.`);
    return token;
  });
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
