import { defineConfig } from 'prisma/config';

/**
 * Prisma CLI configuration. The URL is only needed by `prisma migrate deploy` for users who have the
 * schema-engine binary; our own offline tooling (scripts/prisma-*.ts) reads DATABASE_URL itself.
 */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/nap1325' },
});
