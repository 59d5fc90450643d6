/**
 * A Temporal server backed by PostgreSQL, without Docker: what a deployment that outgrows the dev server
 * runs (issue 11 §3), here on the local PostgreSQL the tests use (scripts/ci/start-postgres.sh).
 *
 * - Binaries: `server` and `temporal-sql-tool` of Temporal Server {@link TEMPORAL_SERVER_GO_VERSION} (the
 *   server inside the CLI we build, scripts/temporal-binaries.ts), built once from the Go module proxy with
 *   `CGO_ENABLED=0 go install -tags disable_grpc_modules go.temporal.io/server/cmd/server@…
 *   go.temporal.io/server/cmd/tools/sql@…` (about 5 minutes cold on 2 cores) and cached outside the repo
 *   beside the CLI, in `<cache>/temporal-server-<version>/`.
 * - Databases: `<prefix>` and `<prefix>_visibility`, created and brought to the latest schema by the sql
 *   tool (`create-database`, `setup-schema -v 0.0`, `update-schema --schema-name postgresql/v12/temporal`
 *   and `…/visibility`, the schemas embedded in the tool). `fresh` drops both first.
 * - Configuration: a YAML modelled on upstream `config/development-postgres12.yaml` (plugin `postgres12`,
 *   `numHistoryShards` configurable, every port chosen free on 127.0.0.1 unless given), written to
 *   `<root>/config/<env>.yaml` with a dynamic-config file beside it; then
 *   `server --root <root> --config config --env <env> --allow-no-auth start`, its output in
 *   `<root>/server.log`.
 * - Namespace: the server starts with none; `default` is registered (retention 3 days) and the server is
 *   ready once a visibility call in it succeeds (the frontend's namespace cache has picked it up).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, constants as fsConstants } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { ensureTemporalCli, run, runChecked, temporalCacheDir, withLock, type TLog } from '../temporal-binaries';

/** Temporal Server release built here: the one inside Temporal CLI v1.5.1 (TEMPORAL_CLI_GO_VERSION). */
export const TEMPORAL_SERVER_GO_VERSION = 'v1.29.1';

const SERVER_PACKAGE = 'go.temporal.io/server/cmd/server';
const SQL_TOOL_PACKAGE = 'go.temporal.io/server/cmd/tools/sql';

const defaultLog: TLog = (message) => process.stderr.write(`[temporal-postgres] ${message}\n`);

/** Paths of the two binaries (see the module note). */
export type TTemporalServerBinaries = { server: string; sqlTool: string };

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cached `server` and `temporal-sql-tool`, built with `go install` when absent (under a lock, so two
 * processes never build at once; into a private GOBIN, then renamed into place). Uses the machine's Go
 * toolchain, GOPROXY and module cache.
 */
export async function ensureTemporalServerBinaries({ log = defaultLog, env = process.env }: { log?: TLog; env?: NodeJS.ProcessEnv } = {}): Promise<TTemporalServerBinaries> {
  const dir = join(temporalCacheDir({ env }), `temporal-server-${TEMPORAL_SERVER_GO_VERSION}`);
  const binaries = { server: join(dir, 'server'), sqlTool: join(dir, 'temporal-sql-tool') };
  const cached = async () => (await isExecutable(binaries.server)) && (await isExecutable(binaries.sqlTool));
  if (await cached()) return binaries;
  await mkdir(dir, { recursive: true });
  return withLock({ lockPath: join(dir, 'build.lock'), log }, async () => {
    if (await cached()) return binaries;
    const goVersion = await run({ command: 'go', args: ['version'], env }).catch(() => {
      throw new Error('`go` not found on PATH: the Temporal server is built from the Go module proxy (Go ≥ 1.25)');
    });
    log(`${goVersion.stdout.trim()}: building Temporal Server ${TEMPORAL_SERVER_GO_VERSION} and its sql tool (~5 minutes cold on 2 cores)`);
    const gobin = join(dir, `.gobin-${process.pid}`);
    await rm(gobin, { recursive: true, force: true });
    const started = Date.now();
    const progress = setInterval(() => log(`still building (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    progress.unref();
    try {
      await runChecked({
        command: 'go',
        args: ['install', '-tags', 'disable_grpc_modules', `${SERVER_PACKAGE}@${TEMPORAL_SERVER_GO_VERSION}`, `${SQL_TOOL_PACKAGE}@${TEMPORAL_SERVER_GO_VERSION}`],
        env: { ...env, GOBIN: gobin, CGO_ENABLED: '0' },
      });
      await rename(join(gobin, 'sql'), binaries.sqlTool);
      await rename(join(gobin, 'server'), binaries.server);
      log(`built in ${Math.round((Date.now() - started) / 1000)} s: ${dir}`);
    } finally {
      clearInterval(progress);
      await rm(gobin, { recursive: true, force: true });
    }
    return binaries;
  });
}

/** Options of {@link startTemporalPostgres}. */
export interface TTemporalPostgresOptions {
  /** A PostgreSQL role that may CREATE DATABASE, e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres. */
  adminUrl: string;
  /** Names of the two databases: `<prefix>` and `<prefix>_visibility` (default `nap1325_temporal`). */
  databasePrefix?: string;
  /** History shards, fixed for the life of the databases (default 4; the dev server has 1). */
  numHistoryShards?: number;
  /** Drop both databases first (default false: reuse them, bringing the schema up to date). */
  fresh?: boolean;
  /** Frontend gRPC port on 127.0.0.1 (default: a free one). The other ports are always free ones. */
  port?: number;
  /** Where the configuration and log go (default `<cache>/temporal-postgres/<prefix>`). */
  rootDir?: string;
  /** Connections the history/matching/frontend persistence may open to the default store (default 20, as upstream). */
  maxConns?: number;
  log?: TLog;
}

/** A running server started by {@link startTemporalPostgres}. */
export interface TTemporalPostgres {
  /** `127.0.0.1:<port>` of its frontend. */
  address: string;
  namespace: 'default';
  /** Its Prometheus endpoint. */
  metricsUrl: string;
  pid: number;
  numHistoryShards: number;
  databases: { default: string; visibility: string };
  rootDir: string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves once the process has exited. Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * A port that is free on 127.0.0.1 now, below 32,768: Temporal stores membership ports in a `smallint`
 * column (cluster_membership.rpc_port), so the kernel's ephemeral ports (32,768 and up) fail at start-up.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found between 20,000 and 32,000 on 127.0.0.1');
}

/** The server's YAML (see upstream config/development-postgres12.yaml), for `ports` and `db`. */
export function temporalPostgresConfig({
  db,
  ports,
  numHistoryShards,
  maxConns,
  dynamicConfigFile,
}: {
  db: { host: string; port: number; user: string; password: string; database: string; visibilityDatabase: string };
  ports: { frontend: number; frontendHttp: number; frontendMembership: number; history: number; historyMembership: number; matching: number; matchingMembership: number; worker: number; workerMembership: number; metrics: number };
  numHistoryShards: number;
  maxConns: number;
  dynamicConfigFile: string;
}): string {
  const q = (s: string) => JSON.stringify(s);
  const store = (database: string, conns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: ${q(database)}
        connectAddr: ${q(`${db.host}:${db.port}`)}
        connectProtocol: "tcp"
        user: ${q(db.user)}
        password: ${q(db.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `# Written by nap1325 scripts/infra/temporal-postgres.ts (modelled on upstream config/development-postgres12.yaml).
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${numHistoryShards}
  datastores:
    postgres-default:
${store(db.database, maxConns)}
    postgres-visibility:
${store(db.visibilityDatabase, 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${ports.metrics}"

services:
  frontend:
${service(ports.frontend, ports.frontendMembership, ports.frontendHttp)}
  matching:
${service(ports.matching, ports.matchingMembership)}
  history:
${service(ports.history, ports.historyMembership)}
  worker:
${service(ports.worker, ports.workerMembership)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: ${q(dynamicConfigFile)}
  pollInterval: "10s"
`;
}

/** Dynamic config: what the CLI's dev server sets too (host-level cache, visibility RPS), and long ids. */
const DYNAMIC_CONFIG = `# Written by nap1325 scripts/infra/temporal-postgres.ts.
history.hostLevelCacheMaxSize:
  - value: 8192
frontend.namespaceRPS.visibility:
  - value: 100
limit.maxIDLength:
  - value: 255
frontend.enableExecuteMultiOperation:
  - value: true
`;

async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

/**
 * Creates the databases and schemas (see the module note), writes the configuration, starts the server,
 * registers `default` and resolves once it answers in that namespace (default limit 120 s). The server runs
 * until `stop()`; the caller stops it on every way out (it runs in its own process group).
 */
export async function startTemporalPostgres({
  adminUrl,
  databasePrefix = 'nap1325_temporal',
  numHistoryShards = 4,
  fresh = false,
  port,
  rootDir,
  maxConns = 20,
  log = defaultLog,
  readyTimeoutMs = 120_000,
}: TTemporalPostgresOptions & { readyTimeoutMs?: number }): Promise<TTemporalPostgres> {
  if (!/^[a-z_][a-z0-9_]*$/.test(databasePrefix)) throw new Error(`databasePrefix must be a lower-case SQL identifier (got ${databasePrefix})`);
  const binaries = await ensureTemporalServerBinaries({ log });
  const url = new URL(adminUrl);
  const db = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: databasePrefix,
    visibilityDatabase: `${databasePrefix}_visibility`,
  };

  // Databases and schemas.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const missing: string[] = [];
  try {
    for (const name of [db.database, db.visibilityDatabase]) {
      if (fresh) await admin.query(`drop database if exists ${name} with (force)`);
      if (!(await databaseExists(admin, name))) missing.push(name);
    }
  } finally {
    await admin.end();
  }
  const sql = (database: string, ...args: string[]) =>
    runChecked({
      command: binaries.sqlTool,
      args: ['--plugin', 'postgres12', '--endpoint', db.host, '--port', String(db.port), '--user', db.user, '--database', database, ...args],
      // The password by environment, not on a command line that `ps` shows.
      env: { ...process.env, SQL_PASSWORD: db.password },
    });
  for (const [database, schema] of [
    [db.database, 'postgresql/v12/temporal'],
    [db.visibilityDatabase, 'postgresql/v12/visibility'],
  ] as const) {
    if (missing.includes(database)) {
      log(`creating database ${database} and its schema (${schema})`);
      await sql(database, 'create-database');
      await sql(database, 'setup-schema', '-v', '0.0');
    }
    await sql(database, 'update-schema', '--schema-name', schema);
  }

  // Configuration.
  const root = rootDir ?? join(temporalCacheDir(), 'temporal-postgres', databasePrefix);
  const envName = 'nap1325';
  await mkdir(join(root, 'config'), { recursive: true });
  const ports = {
    frontend: port ?? (await freePort()),
    frontendHttp: await freePort(),
    frontendMembership: await freePort(),
    history: await freePort(),
    historyMembership: await freePort(),
    matching: await freePort(),
    matchingMembership: await freePort(),
    worker: await freePort(),
    workerMembership: await freePort(),
    metrics: await freePort(),
  };
  const dynamicConfigFile = join(root, 'config', 'dynamicconfig.yaml');
  await writeFile(dynamicConfigFile, DYNAMIC_CONFIG);
  await writeFile(join(root, 'config', `${envName}.yaml`), temporalPostgresConfig({ db, ports, numHistoryShards, maxConns, dynamicConfigFile }));

  // The server.
  const logFile = join(root, 'server.log');
  const output = createWriteStream(logFile, { flags: 'a' });
  await new Promise<void>((resolve) => output.once('open', () => resolve()));
  const child: ChildProcess = spawn(binaries.server, ['--root', root, '--config', 'config', '--env', envName, '--allow-no-auth', 'start'], {
    stdio: ['ignore', output, output],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  const address = `127.0.0.1:${ports.frontend}`;
  const server: TTemporalPostgres = {
    address,
    namespace: 'default',
    metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
    pid: child.pid ?? 0,
    numHistoryShards,
    databases: { default: db.database, visibility: db.visibilityDatabase },
    rootDir: root,
    exited,
    stop({ graceMs = 10_000 } = {}) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        output.end();
      })();
      return stopping;
    },
  };
  try {
    log(`starting Temporal Server ${TEMPORAL_SERVER_GO_VERSION} on ${address} (PostgreSQL ${db.host}:${db.port}/${db.database}, ${numHistoryShards} history shards; log ${logFile})`);
    await registerDefaultNamespace({ address, exited, timeoutMs: readyTimeoutMs, logFile });
    log(`ready: namespace default on ${address}`);
    return server;
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Registers `default` (the Temporal CLI: `temporal operator namespace create`) once the frontend answers, then waits until a visibility call in it succeeds. */
async function registerDefaultNamespace({ address, exited, timeoutMs, logFile }: { address: string; exited: Promise<number | null>; timeoutMs: number; logFile: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const check = (what: string, last: unknown) => {
    if (exitCode !== undefined) throw new Error(`the Temporal server exited (code ${exitCode}) while ${what}; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`the Temporal server did not finish ${what} within ${timeoutMs / 1000} s (${(last as Error)?.message ?? 'no answer'}); see ${logFile}`);
  };
  let connection: Connection | undefined;
  let last: unknown;
  try {
    for (;;) {
      try {
        connection = await Connection.connect({ address, connectTimeout: 2_000 });
        await connection.workflowService.getSystemInfo({});
        break;
      } catch (err) {
        last = err;
        await connection?.close().catch(() => undefined);
        connection = undefined;
        check('starting', last);
        await sleep(500);
      }
    }
    const cli = await ensureTemporalCli();
    for (;;) {
      const created = await run({ command: cli, args: ['operator', 'namespace', 'create', '--address', address, '--namespace', 'default', '--retention', '72h'] });
      const said = `${created.stdout}\n${created.stderr}`.trim();
      if (created.code === 0 || /already (exists|registered)/i.test(said)) break;
      last = new Error(said.split('\n').pop());
      check('registering namespace default', last);
      await sleep(500);
    }
    for (;;) {
      try {
        await connection.workflowService.countWorkflowExecutions({ namespace: 'default', query: '' });
        return;
      } catch (err) {
        last = err;
        check('loading namespace default', last);
        await sleep(500);
      }
    }
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
