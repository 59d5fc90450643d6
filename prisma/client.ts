import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient } from './generated/client';
export * as Db from './generated/client';

/**
 * A Prisma client on PostgreSQL through the `pg` driver adapter: no query-engine binary at run time.
 * `maxConnections` is 1 against the embedded PGlite server, which multiplexes a single session.
 */
export function createPrisma({
  url,
  maxConnections = 10,
  onQuery,
}: {
  url: string;
  maxConnections?: number;
  /** Called after each SQL statement with its duration (the bench's `--profile` counts them). */
  onQuery?: (durationMs: number) => void;
}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: maxConnections });
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => onQuery(e.duration));
  return client;
}
