import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import pg from 'pg';
import { createPrisma } from '../../prisma/client';
import { applyMigrations } from '../../scripts/migrate-apply';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  migrationFileName,
  openSchemaEngine,
  projectRoot,
  quoteIdent,
  readMigrationsList,
  withDatabase,
} from '../../scripts/prisma-engine';
import { createTestDatabase, ensurePostgresRunning } from '../support/database';

/**
 * PGlite runs in a child process under tsx, as `npm start` runs it: its CommonJS build loads its own
 * files with `import()`, which Jest's module sandbox only allows under --experimental-vm-modules. That
 * also makes the restart below a real one (a new process opening the same data directory).
 */
const tsxCli = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function startEmbeddedPostgresProcess(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [tsxCli, path.join(projectRoot, 'scripts', 'embedded-postgres.ts'), '--data-dir', dataDir, '--port', '0'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('DATABASE_URL=')) resolve(line.slice('DATABASE_URL='.length));
    });
    void exited.then(([code]) => reject(new Error(`embedded-postgres exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    },
  };
}

type TMigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
};

async function migrationRows(url: string): Promise<TMigrationRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<TMigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** What `prisma migrate deploy` records for each migration directory: its name and the script's SHA-256. */
async function expectedMigrationRows(): Promise<Pick<TMigrationRow, 'migration_name' | 'checksum'>[]> {
  const { migrationDirectories } = await readMigrationsList({ migrationsDir: defaultMigrationsDir });
  return Promise.all(
    migrationDirectories.map(async ({ path: name }) => ({
      migration_name: name,
      checksum: createHash('sha256')
        .update(await readFile(path.join(defaultMigrationsDir, name, migrationFileName)))
        .digest('hex'),
    })),
  );
}

describe('prisma/migrations', () => {
  it('is in step with prisma/schema.prisma (run `npm run db:migrate:create -- <name>` if this fails)', async () => {
    const adminUrl = await ensurePostgresRunning();
    const engine = await openSchemaEngine({ url: adminUrl });
    try {
      // Replays the migrations on a temporary database of the real server and compares the result
      // with the datamodel: any SQL here is a change to the schema that no migration contains.
      const drift = await engine.diffFromMigrations();
      expect(drift).toBe('');
    } finally {
      await engine.dispose();
    }
  });

  it('applies on an empty database once, records them as `prisma migrate deploy` does, and then is a no-op', async () => {
    const adminUrl = await ensurePostgresRunning();
    const expected = await expectedMigrationRows();
    expect(expected.length).toBeGreaterThan(0);

    const name = `nap1325_test_apply_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    const url = withDatabase({ url: adminUrl, database: name });
    try {
      const first = await applyMigrations({ url });
      expect(first).toEqual(expected.map((row) => row.migration_name));

      const second = await applyMigrations({ url });
      expect(second).toEqual([]);

      const rows = await migrationRows(url);
      expect(rows).toEqual(
        expected.map((row) => ({
          ...row,
          finished_at: expect.any(Date),
          rolled_back_at: null,
          logs: null,
          applied_steps_count: 1,
        })),
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('gives each test a migrated database of its own, cloned from the template', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.url).not.toBe(b.url);
      await a.prisma.holiday.create({
        data: { date: new Date('2025-12-12T00:00:00Z'), nameEs: 'Día de la Virgen', nameEn: 'Our Lady', createdBy: 'test' },
      });
      expect(await a.prisma.holiday.count()).toBe(1);
      expect(await b.prisma.holiday.count()).toBe(0);
      expect(await applyMigrations({ url: a.url })).toEqual([]);
      expect((await migrationRows(a.url)).map((row) => row.migration_name)).toEqual(
        (await expectedMigrationRows()).map((row) => row.migration_name),
      );
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('reports a schema change that no migration contains', async () => {
    // The drift check must not be vacuous: a datamodel with one more column gives exactly that column.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nap1325-schema-'));
    const schemaPath = path.join(dir, 'schema.prisma');
    const schema = await readFile(defaultSchemaPath, 'utf-8');
    const changed = schema.replace(/^model Holiday \{\n/m, 'model Holiday {\n  driftProbe String?\n');
    expect(changed).not.toBe(schema);
    await writeFile(schemaPath, changed);
    const engine = await openSchemaEngine({ url: await ensurePostgresRunning() });
    try {
      expect((await engine.diffFromMigrations({ schemaPath })).trim()).toBe(
        '-- AlterTable\nALTER TABLE "Holiday" ADD COLUMN     "driftProbe" TEXT;',
      );
    } finally {
      await engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('on embedded PGlite', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'nap1325-pglite-'));
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('applies the migrations, runs Prisma queries and transactions, and keeps the data across a restart', async () => {
      const expectedNames = (await expectedMigrationRows()).map((row) => row.migration_name);

      const first = await startEmbeddedPostgresProcess(dataDir);
      try {
        expect(await applyMigrations({ url: first.url })).toEqual(expectedNames);
        const prisma = createPrisma({ url: first.url, maxConnections: 1 });
        try {
          await prisma.$transaction(async (tx) => {
            const institution = await tx.institution.create({
              data: { code: 'SRE', nameEs: 'Secretaría de Relaciones Exteriores', nameEn: 'Foreign Affairs', kind: 'FEDERAL_AGENCY' },
            });
            await tx.contact.create({
              data: { institutionId: institution.id, name: 'Enlace', email: 'enlace@sre.test', role: 'PRIMARY' },
            });
          });
          // A transaction that fails leaves nothing behind.
          await expect(
            prisma.$transaction(async (tx) => {
              await tx.institution.create({
                data: { code: 'SEDENA', nameEs: 'Defensa', nameEn: 'Defence', kind: 'FEDERAL_AGENCY' },
              });
              throw new Error('changed my mind');
            }),
          ).rejects.toThrow('changed my mind');
          // Unique constraints hold (Prisma's P2002).
          await expect(
            prisma.institution.create({ data: { code: 'SRE', nameEs: 'x', nameEn: 'x', kind: 'OTHER' } }),
          ).rejects.toMatchObject({ code: 'P2002' });
        } finally {
          await prisma.$disconnect();
        }
      } finally {
        await first.stop();
      }

      const second = await startEmbeddedPostgresProcess(dataDir);
      try {
        expect(await applyMigrations({ url: second.url })).toEqual([]);
        const prisma = createPrisma({ url: second.url, maxConnections: 1 });
        try {
          const institutions = await prisma.institution.findMany({ include: { contacts: true } });
          expect(institutions).toEqual([
            expect.objectContaining({
              code: 'SRE',
              contacts: [expect.objectContaining({ email: 'enlace@sre.test', role: 'PRIMARY' })],
            }),
          ]);
        } finally {
          await prisma.$disconnect();
        }
        expect((await migrationRows(second.url)).map((row) => row.migration_name)).toEqual(expectedNames);
      } finally {
        await second.stop();
      }
    });

    it('agrees with the datamodel when the migrations are replayed on PGlite (`db:migrate:create -- --check`)', async () => {
      // The offline path of `npm run db:migrate:create`: no DATABASE_URL, a throwaway PGlite.
      const env = { ...process.env };
      delete env.DATABASE_URL;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [tsxCli, path.join(projectRoot, 'scripts', 'migrate-create.ts'), '--check'],
        { cwd: projectRoot, env },
      );
      expect(stdout).toContain('no changes');
    });
  });
});
