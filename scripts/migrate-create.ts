import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPgliteServer } from './embedded-postgres';
import type { TShadowDatabase } from './prisma-engine';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  migrationFileName,
  migrationLockContent,
  migrationLockFileName,
  openSchemaEngine,
} from './prisma-engine';

/** A migration written to disk. */
export type TCreatedMigration = { directoryName: string; directory: string; sql: string };

/**
 * `prisma migrate dev --create-only --name <name>` without the schema-engine binary: writes
 * `<migrationsDir>/<yyyyMMddHHmmss>_<name>/migration.sql` with the SQL that takes the schema produced by
 * the existing migrations to the datamodel in `schemaPath`, and (re)writes `migration_lock.toml` as the
 * CLI does. Returns `null` and writes nothing when they already agree.
 *
 * The history is replayed on a scratch database: with `url` (a PostgreSQL server where the user may
 * CREATE DATABASE) a temporary database there; without it, a throwaway in-memory PGlite started for the
 * duration. Nothing is applied to `url` itself: apply with `npm run db:migrate`.
 *
 * `name` is turned into Prisma's form: lower case, words joined by `_` ("Add holidays" and
 * "addHolidays" → `add_holidays`), at most 200 characters. `now` fixes the timestamp (UTC).
 */
export async function createMigration({
  name,
  url,
  migrationsDir = defaultMigrationsDir,
  schemaPath = defaultSchemaPath,
  now = new Date(),
  log,
}: {
  name: string;
  url?: string;
  migrationsDir?: string;
  schemaPath?: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<TCreatedMigration | null> {
  const slug = migrationSlug(name);
  if (slug === '') throw new Error(`"${name}" is not a usable migration name: use letters or digits.`);

  const sql = await pendingMigrationSql({ url, migrationsDir, schemaPath, log });
  if (sql === '') return null;

  const directoryName = `${migrationTimestamp(now)}_${slug}`;
  const directory = path.join(path.resolve(migrationsDir), directoryName);
  // `wx`-like: never overwrite an existing migration (the CLI refuses too).
  await mkdir(path.dirname(directory), { recursive: true });
  await mkdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') throw new Error(`The migration directory already exists at ${directory}`);
    throw error;
  });
  await writeFile(path.join(directory, migrationFileName), sql, 'utf-8');
  await writeFile(path.join(path.resolve(migrationsDir), migrationLockFileName), migrationLockContent(), 'utf-8');
  return { directoryName, directory, sql };
}

/**
 * The SQL `createMigration` would write (`''` when the migrations already match the datamodel), on the
 * same scratch databases; writes nothing.
 */
export async function pendingMigrationSql({
  url,
  migrationsDir = defaultMigrationsDir,
  schemaPath = defaultSchemaPath,
  log,
}: {
  url?: string;
  migrationsDir?: string;
  schemaPath?: string;
  log?: (line: string) => void;
}): Promise<string> {
  if (url) return diffOn({ url, migrationsDir, schemaPath });

  log?.('DATABASE_URL is not set: diffing on a throwaway in-memory PGlite.');
  const server = await startPgliteServer({ dataDir: undefined, port: 0 });
  try {
    // The throwaway database is empty and nobody else's, so it can be the shadow database itself.
    return await diffOn({ url: server.url, migrationsDir, schemaPath, shadow: { kind: 'url', url: server.url } });
  } finally {
    await server.stop();
  }
}

async function diffOn({
  url,
  migrationsDir,
  schemaPath,
  shadow,
}: {
  url: string;
  migrationsDir: string;
  schemaPath: string;
  shadow?: TShadowDatabase;
}): Promise<string> {
  const engine = await openSchemaEngine({ url, shadow });
  try {
    return await engine.diffFromMigrations({ migrationsDir, schemaPath });
  } finally {
    await engine.dispose();
  }
}

/** Prisma's migration name: `slugify(name, { separator: '_' }).substring(0, 200)` for ASCII names. */
export function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .substring(0, 200);
}

/** `yyyyMMddHHmmss` in UTC, the engine's prefix for migration directories. */
export function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * CLI. `npm run db:migrate:create -- <name>` writes the next migration; `-- --check` writes nothing and
 * exits with status 1, printing the missing SQL, when prisma/migrations is behind prisma/schema.prisma.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const url = process.env.DATABASE_URL || undefined;
  const log = (line: string) => console.log(line);
  if (args.includes('--check')) {
    const sql = await pendingMigrationSql({ url, log });
    if (sql === '') {
      console.log('no changes: prisma/migrations matches prisma/schema.prisma.');
      return;
    }
    console.log('prisma/migrations is behind prisma/schema.prisma; a new migration would contain:\n');
    console.log(sql);
    console.log('Create it with `npm run db:migrate:create -- <name>`.');
    process.exitCode = 1;
    return;
  }
  const flag = args.indexOf('--name');
  const name = flag >= 0 ? args[flag + 1] : args.find((arg) => !arg.startsWith('-'));
  if (!name) {
    throw new Error(
      'Usage: npm run db:migrate:create -- <name>   (e.g. npm run db:migrate:create -- add_holidays)\n' +
        '       npm run db:migrate:create -- --check  (exit 1 if schema.prisma has changes no migration contains)',
    );
  }
  const created = await createMigration({ name, url, log });
  if (!created) {
    console.log('no changes: prisma/migrations already matches prisma/schema.prisma; nothing written.');
    return;
  }
  console.log(`Created ${path.relative(process.cwd(), path.join(created.directory, migrationFileName))}`);
  console.log('Review it, then apply it with `npm run db:migrate`.');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
