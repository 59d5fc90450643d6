import type { Role } from '../../domain/roles';
import type { PrismaClient } from '../../prisma/client';

/** A person who signs in, as the API and the pages list them (no secrets). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

/** A token of automation, as listed (never the token, nor its hash: its first characters only). */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** How many users or tokens a list shows at most (a working group is a few dozen people). */
export const PEOPLE_LIST_LIMIT = 1_000;

export const userView = (u: UserView): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt,
  lastSignInAt: u.lastSignInAt,
});

export const tokenView = (t: TokenView): TokenView => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

/** The users, active ones first, then by email; at most {@link PEOPLE_LIST_LIMIT}. */
export async function listUsers({ prisma }: { prisma: PrismaClient }): Promise<UserView[]> {
  const users = await prisma.user.findMany({ orderBy: [{ active: 'desc' }, { email: 'asc' }], take: PEOPLE_LIST_LIMIT });
  return users.map(userView);
}

/** The API tokens, newest first (revoked ones too); at most {@link PEOPLE_LIST_LIMIT}. */
export async function listTokens({ prisma }: { prisma: PrismaClient }): Promise<TokenView[]> {
  const tokens = await prisma.apiToken.findMany({ orderBy: { createdAt: 'desc' }, take: PEOPLE_LIST_LIMIT });
  return tokens.map(tokenView);
}
