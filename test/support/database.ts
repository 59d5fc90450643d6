import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createPrisma } from '../../prisma/client';
import type { PrismaClient } from '../../prisma/client';
import { applyMigrations } from '../../scripts/migrate-apply';
import { defaultMigrationsDir, projectRoot, quoteIdent, readMigrationsList, withDatabase } from '../../scripts/prisma-engine';

/** The default admin URL: Debian's cluster as scripts/ci/start-postgres.sh configures it. */
const defaultAdminUrl = 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

/** Databases this module creates are named with these prefixes, so they can be told apart and cleaned. */
const templatePrefix = 'nap1325_template_';
const testPrefix = 'nap1325_test_';
/** Test databases older than this are left-overs of crashed runs and are dropped. */
const staleTestDatabaseMs = 6 * 60 * 60 * 1000;

let adminUrlPromise: Promise<string> | undefined;

/**
 * The admin URL of the real PostgreSQL server the tests use, once it answers: `TEST_DATABASE_URL` if
 * set (a role that may CREATE DATABASE), else postgresql://postgres:postgres@127.0.0.1:5432/postgres.
 *
 * If the default server does not answer (and `TEST_DATABASE_URL` is not set), starts Debian's cluster
 * with scripts/ci/start-postgres.sh, which also sets the password `postgres` and listens on 5432, and
 * tries again. Throws an Error saying how to install or start PostgreSQL when it still cannot connect.
 * Memoised per process.
 */
export function ensurePostgresRunning(): Promise<string> {
  adminUrlPromise ??= (async () => {
    const configuredUrl = process.env.TEST_DATABASE_URL;
    const adminUrl = configuredUrl || defaultAdminUrl;
    const firstError = await tryConnect(adminUrl);
    if (!firstError) return adminUrl;

    // Only the default server is ours to start and configure; a TEST_DATABASE_URL server is the
    // user's (starting or re-passwording the local cluster for it would not help, or would break it).
    let startOutput = '';
    if (!configuredUrl && existsSync('/usr/bin/pg_lsclusters')) {
      startOutput = await startDebianCluster();
      if (!(await tryConnect(adminUrl))) return adminUrl;
    }
    throw new Error(
      [
        `PostgreSQL is not reachable at ${redact(adminUrl)}: ${firstError.message}`,
        startOutput && `Starting the local cluster did not help:\n${startOutput.trim()}`,
        'The tests need a real PostgreSQL server (any version ≥ 13) and a role that may CREATE DATABASE.',
        'On Debian/Ubuntu, as root: apt-get install -y postgresql && bash scripts/ci/start-postgres.sh',
        'Elsewhere, start one and point the tests at it:',
        '  TEST_DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/postgres npm test',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  })();
  adminUrlPromise.catch(() => {
    adminUrlPromise = undefined;
  });
  return adminUrlPromise;
}

async function tryConnect(url: string): Promise<Error | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs scripts/ci/start-postgres.sh (root only) and returns its output, for the error message. */
async function startDebianCluster(): Promise<string> {
  const script = path.join(projectRoot, 'scripts', 'ci', 'start-postgres.sh');
  try {
    const { stdout, stderr } = await promisify(execFile)('bash', [script], {
      env: { ...process.env, PG_PORT: '5432', PG_PASSWORD: 'postgres' },
      timeout: 120_000,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** A fresh, migrated database of its own for a test file. */
export type TTestDatabase = {
  /** Its connection URL. */
  url: string;
  /** A Prisma client on it (`createPrisma`, pool of 5). */
  prisma: PrismaClient;
  /** Disconnects the client and drops the database. */
  drop(): Promise<void>;
};

let templatePromise: Promise<string> | undefined;

/**
 * Creates a uniquely named database with every migration of prisma/migrations applied, and a Prisma
 * client on it. Fast: the migrations are applied once into a template database named after a hash of
 * the migrations (`nap1325_template_<hash>`), shared by all test files, runs and processes until the
 * migrations change; each test database is then `CREATE DATABASE … TEMPLATE` of it (a file copy).
 */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const adminUrl = await ensurePostgresRunning();
  const name = `${testPrefix}${timestampForName(new Date())}_${randomBytes(4).toString('hex')}`;
  await cloneTemplate({ adminUrl, name }).catch(async (error: { code?: string }) => {
    // 3D000: the template was dropped meanwhile by a run with other migrations; build it again.
    if (error.code !== '3D000') throw error;
    templatePromise = undefined;
    await cloneTemplate({ adminUrl, name });
  });
  const url = withDatabase({ url: adminUrl, database: name });
  const prisma = createPrisma({ url, maxConnections: 5 });
  let dropped: Promise<void> | undefined;
  return {
    url,
    prisma,
    drop() {
      dropped ??= (async () => {
        await prisma.$disconnect();
        await runSql({ url: adminUrl, sql: `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)` });
      })();
      return dropped;
    },
  };
}

async function cloneTemplate({ adminUrl, name }: { adminUrl: string; name: string }): Promise<void> {
  templatePromise ??= ensureTemplateDatabase({ adminUrl });
  const template = await templatePromise.catch((error: unknown) => {
    templatePromise = undefined;
    throw error;
  });
  await runSql({ url: adminUrl, sql: `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}` });
}

/**
 * Name of the template database for the migrations as they are on disk: a hash of every migration's
 * directory name and script, so any edit or new migration gives a new template.
 */
export async function templateDatabaseName({ migrationsDir = defaultMigrationsDir } = {}): Promise<string> {
  const { migrationDirectories } = await readMigrationsList({ migrationsDir });
  const hash = createHash('sha256');
  for (const directory of migrationDirectories) {
    const { content } = directory.migrationFile;
    hash.update(`${directory.path}\0${content.tag}\0${content.value}\0`);
  }
  return `${templatePrefix}${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Makes sure the template database for the current migrations exists, and returns its name.
 *
 * Several processes (parallel Jest runs, other checkouts on the same server) may get here at once: a
 * session-level advisory lock makes one build while the others wait, then find it built. It is built
 * under a temporary name and renamed only when complete, so a crashed build never passes for a
 * template. Once built it refuses connections, because `CREATE DATABASE … TEMPLATE` fails while anyone
 * is connected to the source. Under the same lock, templates of other migration states and test
 * databases left by crashed runs are dropped.
 */
async function ensureTemplateDatabase({ adminUrl }: { adminUrl: string }): Promise<string> {
  const template = await templateDatabaseName();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('nap1325:test-template-database'))`);
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`${templatePrefix}%`, `${testPrefix}%`],
    );
    const existing = rows.map((row) => row.datname);
    for (const name of existing) {
      if (name === template) continue;
      if (name.startsWith(testPrefix) && !isStaleTestDatabase(name)) continue;
      // Templates cannot be dropped until they are ordinary databases again.
      if (name.startsWith(templatePrefix)) await client.query(`ALTER DATABASE ${quoteIdent(name)} IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }
    if (existing.includes(template)) return template;

    const building = `${template}_building`;
    await client.query(`CREATE DATABASE ${quoteIdent(building)}`);
    await applyMigrations({ url: withDatabase({ url: adminUrl, database: building }) });
    await client.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(template)}`);
    await client.query(`ALTER DATABASE ${quoteIdent(template)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return template;
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}

function isStaleTestDatabase(name: string): boolean {
  const stamp = /^nap1325_test_(\d{14})_/.exec(name)?.[1];
  if (!stamp) return false;
  const createdAt = Date.UTC(
    Number(stamp.slice(0, 4)),
    Number(stamp.slice(4, 6)) - 1,
    Number(stamp.slice(6, 8)),
    Number(stamp.slice(8, 10)),
    Number(stamp.slice(10, 12)),
    Number(stamp.slice(12, 14)),
  );
  return Date.now() - createdAt > staleTestDatabaseMs;
}

function timestampForName(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function runSql({ url, sql }: { url: string; sql: string }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
