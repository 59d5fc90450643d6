import { defaultMigrationsDir, openSchemaEngine } from './prisma-engine';

/**
 * `prisma migrate deploy` without the schema-engine binary: applies, in name order, every migration in
 * `migrationsDir` (default `prisma/migrations`) that the database at `url` has not recorded yet, through
 * Prisma's own schema engine compiled to WebAssembly.
 *
 * Idempotent: a database that is up to date is left alone. Bookkeeping is Prisma's: the engine takes
 * the same advisory lock as the CLI (so concurrent deploys wait for each other), runs each script as one
 * transaction, and records it in `_prisma_migrations` with the same checksum, so `prisma migrate deploy`
 * and `prisma migrate status` (with the engine binary) see these migrations as theirs. As with the CLI,
 * a failing migration is recorded as failed (its changes rolled back) and rejects the call, and nothing
 * more is applied until it is resolved (`prisma migrate resolve`, or by hand in `_prisma_migrations`).
 * A migration edited after it was applied is not re-run; as `migrate deploy` does, that only warns.
 *
 * Returns the names of the migrations applied by this call. `log` receives one line per outcome.
 */
export async function applyMigrations({
  url,
  migrationsDir = defaultMigrationsDir,
  log,
}: {
  url: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}): Promise<string[]> {
  const engine = await openSchemaEngine({ url });
  try {
    const applied = await engine.applyMigrations({ migrationsDir });
    if (applied.length === 0) log?.('No pending migrations to apply.');
    for (const name of applied) log?.(`Applied migration ${name}`);
    if (log) {
      const { editedMigrationNames } = await engine.diagnose({ migrationsDir });
      for (const name of editedMigrationNames) {
        log(`Warning: migration ${name} was modified after it was applied (its checksum differs).`);
      }
    }
    return applied;
  } finally {
    await engine.dispose();
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: export the URL of the PostgreSQL database to migrate.');
  }
  const started = Date.now();
  await applyMigrations({ url, log: (line) => console.log(line) });
  console.log(`Done in ${Date.now() - started} ms.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
