import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient } from './generated/client';
export * as Db from './generated/client';

/**
 * A Prisma client on PostgreSQL through the `pg` driver adapter: no query-engine binary at run time.
 * `maxConnections` is 1 against the embedded PGlite server, which multiplexes a single session.
 */
export function createPrisma({ url, maxConnections = 10 }: { url: string; maxConnections?: number }): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: maxConnections });
  return new PrismaClient({ adapter });
}
