/**
 * Temporal servers for `npm start`, `npm test` and CI without relying on the SDK's own download.
 *
 * `TestWorkflowEnvironment.createLocal()` and `createTimeSkipping()` download their executables from
 * temporal.download on first use. Where that host is unreachable they fail, so we provide both ourselves,
 * cached outside the repo in `${XDG_CACHE_HOME:-$HOME/.cache}/nap1325` (env `NAP1325_CACHE_DIR` overrides):
 *
 * - `bin/temporal`: the Temporal CLI, whose `temporal server start-dev` is the dev server (SQLite, UI,
 *   schedules). Downloaded when temporal.download answers, otherwise built from the Go module proxy.
 * - `temporal-test-server-<version>/temporal-test-server`: a wrapper that runs the Java time-skipping test
 *   server from Maven Central (`io.temporal:temporal-test-server`) with the JVM on the machine.
 *
 * Both functions are idempotent: a second call finds the cached file and returns at once, and a lock file in
 * the cache directory keeps two processes (e.g. `npm test` and `npm start`) from building at the same time.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, open, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { homedir, hostname } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import clientPackage from '@temporalio/client/package.json';
import { z } from 'zod';

/**
 * Temporal CLI tag built with `go install` when no CLI can be found or downloaded. Later tags add a
 * `replace` directive to go.mod, which `go install pkg@version` refuses. v1.5.1 bundles Server 1.29.1 and
 * its go.mod says `go 1.25.0`, so the build needs Go ≥ 1.25 (or an older Go with `GOTOOLCHAIN=auto`, which
 * fetches 1.25 from the module proxy).
 */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';

/** Go package of the Temporal CLI's `temporal` command. */
export const TEMPORAL_CLI_GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

/**
 * `io.temporal:temporal-test-server` release fetched from Maven Central: the newest one there when this was
 * written (its maven-metadata.xml still listed 1.38.0 as latest, but 1.39.0 resolves). Pinned so every
 * machine runs the same server; bump it here and the cache directory name changes with it.
 */
export const TEST_SERVER_VERSION = '1.39.0';

/** Same version as the slf4j-api the test server depends on; a binding silences SLF4J's start-up warning. */
const SLF4J_VERSION = '1.7.36';

/** Pinned so `mvn` does not pick an old default (2.8 on Maven 3.8) or re-resolve the plugin version. */
const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/**
 * JVM flags of the test-server wrapper. The SDK gives a server about 5 s to answer (50 tries, 100 ms apart),
 * so start-up matters more than peak speed. C1 only and the serial collector: `createTimeSkipping()` took
 * 0.6–1.05 s instead of 1.15–1.5 s on an idle 2-core machine (first TCP accept 0.45 s instead of 0.52 s; on
 * one core 0.51 s instead of 0.79 s). `-Xshare:auto` uses the JDK's class-data archive when there is one.
 */
const TEST_SERVER_JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/** The download host fails fast when unreachable (DNS), but a black-holed network must not stall a run. */
const DOWNLOAD_INFO_TIMEOUT_MS = 5_000;
const DOWNLOAD_ARCHIVE_TIMEOUT_MS = 120_000;

/** A lock whose holder stopped touching it for this long is considered abandoned. */
const LOCK_STALE_MS = 60_000;
const LOCK_HEARTBEAT_MS = 10_000;
/** A cold `go install` of the CLI took 2 m 40 s on 2 cores; wait well beyond that for another builder. */
const LOCK_WAIT_LIMIT_MS = 20 * 60_000;

/** Receives one line of progress or diagnosis per call. */
export type TLog = (message: string) => void;

/** Options of {@link ensureTemporalCli}, {@link ensureTestServer} and {@link ensureTemporalBinaries}. */
export type TEnsureOptions = {
  /**
   * Where progress goes. Called only when something is done or skipped (download, build, a fallback that
   * failed); a cache hit is silent. Defaults to stderr with a `[temporal]` prefix.
   */
  log?: TLog;
  /** Environment to read the overrides from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
};

/** Paths returned by {@link ensureTemporalBinaries}. */
export type TTemporalBinaries = {
  /** Temporal CLI, for `createLocal()` and `temporal server start-dev`. */
  temporalCli: string;
  /** Time-skipping test server executable, for `createTimeSkipping()`. */
  testServer: string;
};

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const ZTemporalBinariesEnv = z.object({
  NAP1325_CACHE_DIR: optionalString,
  XDG_CACHE_HOME: optionalString,
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_TEST_SERVER_PATH: optionalString,
  PATH: z.string().default(''),
});
type TTemporalBinariesEnv = z.infer<typeof ZTemporalBinariesEnv>;

const defaultLog: TLog = (message) => process.stderr.write(`[temporal] ${message}\n`);

/**
 * The cache directory: `NAP1325_CACHE_DIR`, else `$XDG_CACHE_HOME/nap1325` (a relative XDG_CACHE_HOME is
 * ignored, as the XDG spec asks), else `~/.cache/nap1325`. Outside the repo so `git clean` and fresh
 * worktrees keep it, and so CI can cache it as one directory.
 */
export function temporalCacheDir({ env = process.env }: Pick<TEnsureOptions, 'env'> = {}): string {
  return cacheDirOf(ZTemporalBinariesEnv.parse(env));
}

function cacheDirOf(config: TTemporalBinariesEnv): string {
  if (config.NAP1325_CACHE_DIR) return config.NAP1325_CACHE_DIR;
  const xdg = config.XDG_CACHE_HOME && isAbsolute(config.XDG_CACHE_HOME) ? config.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(xdg, 'nap1325');
}

/**
 * Returns the path of a Temporal CLI, the first found of:
 * 1. env `TEMPORAL_CLI_PATH` (an error if it is not an executable file: a wrong explicit path is a mistake
 *    to report, not to paper over);
 * 2. `temporal` on PATH, if `temporal --version` says it is the Temporal CLI;
 * 3. the cache, `<cache>/bin/temporal`;
 * 4. the official download (temporal.download, the same endpoint the SDK uses), given up after 5 s;
 * 5. a build from the Go module proxy: `go install github.com/temporalio/cli/cmd/temporal@v1.5.1`
 *    (about 3 minutes cold).
 * Steps 4 and 5 install into the cache under a lock and are skipped when another process finished first.
 * Throws an Error listing why each step failed and what to install (Go ≥ 1.25 or the Temporal CLI, or set
 * TEMPORAL_CLI_PATH).
 */
export async function ensureTemporalCli({ log = defaultLog, env = process.env }: TEnsureOptions = {}): Promise<string> {
  const config = ZTemporalBinariesEnv.parse(env);

  if (config.TEMPORAL_CLI_PATH) {
    if (await isExecutableFile(config.TEMPORAL_CLI_PATH)) return config.TEMPORAL_CLI_PATH;
    throw new Error(
      `TEMPORAL_CLI_PATH=${config.TEMPORAL_CLI_PATH} is not an executable file. ` +
        'Point it at a Temporal CLI binary, or unset it to use `temporal` on PATH or the cached/built one.',
    );
  }

  const onPath = await findOnPath('temporal', config.PATH);
  if (onPath) {
    if (await isTemporalCli(onPath)) return onPath;
    log(`ignoring ${onPath}: \`temporal --version\` does not identify the Temporal CLI`);
  }

  const cacheDir = cacheDirOf(config);
  const cached = join(cacheDir, 'bin', 'temporal');
  if (await isExecutableFile(cached)) return cached;

  await mkdir(join(cacheDir, 'bin'), { recursive: true });
  return withLock({ lockPath: join(cacheDir, 'temporal-cli.lock'), log }, async () => {
    // Another process may have installed it while we waited for the lock.
    if (await isExecutableFile(cached)) return cached;

    const failures: string[] = [];
    for (const [name, install] of [
      ['download from temporal.download', downloadTemporalCli],
      [`go install ${TEMPORAL_CLI_GO_PACKAGE}@${TEMPORAL_CLI_GO_VERSION}`, goInstallTemporalCli],
    ] as const) {
      try {
        await install({ cacheDir, target: cached, env, log });
        log(`Temporal CLI installed at ${cached} (${name})`);
        return cached;
      } catch (error) {
        const reason = errorMessage(error);
        failures.push(`- ${name}: ${reason}`);
        log(`${name} failed: ${firstLine(reason)}`);
      }
    }
    throw new Error(
      [
        'No Temporal CLI available (needed for the local dev server). Tried:',
        '- env TEMPORAL_CLI_PATH: not set',
        `- \`temporal\` on PATH: ${onPath ? `${onPath} is not the Temporal CLI` : 'not found'}`,
        `- cache: ${cached} does not exist`,
        ...failures,
        'Fix one of: install Go ≥ 1.25 (the CLI is then built from the Go module proxy, ~3 minutes once), ' +
          'install the Temporal CLI (https://docs.temporal.io/cli) on PATH, or set TEMPORAL_CLI_PATH.',
      ].join('\n'),
    );
  });
}

/**
 * Returns the path of an executable that starts the Java time-skipping test server. The SDK runs it as
 * `<path> <port> [extraArgs...]` and SIGKILLs it on teardown.
 *
 * Order: env `TEMPORAL_TEST_SERVER_PATH` (an error if not an executable file); the cache,
 * `<cache>/temporal-test-server-<TEST_SERVER_VERSION>/temporal-test-server`; otherwise `mvn` copies
 * `io.temporal:temporal-test-server` and its runtime dependencies from Maven Central into that directory
 * (about 5 s on a good connection), writes the wrapper and starts it once to prove it works. Needs Java
 * (17 tested) and Maven for that last step only; throws an Error naming what is missing.
 */
export async function ensureTestServer({ log = defaultLog, env = process.env }: TEnsureOptions = {}): Promise<string> {
  const config = ZTemporalBinariesEnv.parse(env);

  if (config.TEMPORAL_TEST_SERVER_PATH) {
    if (await isExecutableFile(config.TEMPORAL_TEST_SERVER_PATH)) return config.TEMPORAL_TEST_SERVER_PATH;
    throw new Error(
      `TEMPORAL_TEST_SERVER_PATH=${config.TEMPORAL_TEST_SERVER_PATH} is not an executable file. ` +
        'Point it at a temporal-test-server executable, or unset it to use the cached one.',
    );
  }

  const cacheDir = cacheDirOf(config);
  const serverDir = join(cacheDir, `temporal-test-server-${TEST_SERVER_VERSION}`);
  const wrapper = join(serverDir, 'temporal-test-server');
  if (await isExecutableFile(wrapper)) return wrapper;

  await mkdir(cacheDir, { recursive: true });
  return withLock({ lockPath: join(cacheDir, `temporal-test-server-${TEST_SERVER_VERSION}.lock`), log }, async () => {
    if (await isExecutableFile(wrapper)) return wrapper;
    try {
      await installTestServer({ serverDir, wrapper, env, log });
    } catch (error) {
      throw new Error(
        [
          'No Temporal time-skipping test server available. Tried:',
          '- env TEMPORAL_TEST_SERVER_PATH: not set',
          `- cache: ${wrapper} does not exist`,
          `- fetch io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central: ${errorMessage(error)}`,
          'Fix one of: install Java (17 tested) and Maven, or set TEMPORAL_TEST_SERVER_PATH to a test server executable.',
        ].join('\n'),
        { cause: error },
      );
    }
    return wrapper;
  });
}

/**
 * {@link ensureTemporalCli} and {@link ensureTestServer} together. Both run to the end even when one fails,
 * and the Error then carries every reason, so one run tells the user everything to install.
 */
export async function ensureTemporalBinaries(options: TEnsureOptions = {}): Promise<TTemporalBinaries> {
  const [temporalCli, testServer] = await Promise.allSettled([ensureTemporalCli(options), ensureTestServer(options)]);
  if (temporalCli.status === 'fulfilled' && testServer.status === 'fulfilled') {
    return { temporalCli: temporalCli.value, testServer: testServer.value };
  }
  const reasons = [temporalCli, testServer].flatMap((r) => (r.status === 'rejected' ? [errorMessage(r.reason)] : []));
  throw new Error(reasons.join('\n\n'));
}

type TInstallCliInput = { cacheDir: string; target: string; env: Record<string, string | undefined>; log: TLog };

/**
 * Asks temporal.download which CLI archive SDK 1.24 should use (the request the SDK itself makes for
 * `cached-download`), downloads it and extracts the binary. Unreachable hosts fail within
 * DOWNLOAD_INFO_TIMEOUT_MS.
 */
async function downloadTemporalCli({ cacheDir, target, log }: TInstallCliInput): Promise<void> {
  const platform = ({ linux: 'linux', darwin: 'darwin' } as Record<string, string>)[process.platform];
  const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch];
  if (!platform || !arch) throw new Error(`no download for ${process.platform}/${process.arch}`);

  const infoUrl = new URL('https://temporal.download/cli/default');
  infoUrl.search = new URLSearchParams({
    arch,
    platform,
    format: 'tar.gz',
    'sdk-name': 'sdk-typescript',
    'sdk-version': sdkVersion(),
  }).toString();
  const info = z
    .object({ archiveUrl: z.url({ protocol: /^https$/ }), fileToExtract: z.string().min(1) })
    .parse(await (await fetchOk(infoUrl, DOWNLOAD_INFO_TIMEOUT_MS)).json());
  if (!info.archiveUrl.endsWith('.tar.gz')) throw new Error(`unexpected archive format: ${info.archiveUrl}`);

  log(`downloading ${info.archiveUrl}`);
  const staging = join(cacheDir, `.download-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const archive = join(staging, 'temporal.tar.gz');
    await writeFile(archive, Buffer.from(await (await fetchOk(info.archiveUrl, DOWNLOAD_ARCHIVE_TIMEOUT_MS)).arrayBuffer()));
    await runChecked({ command: 'tar', args: ['-xzf', archive, '-C', staging, info.fileToExtract] });
    const binary = join(staging, info.fileToExtract);
    await chmod(binary, 0o755);
    if (!(await isTemporalCli(binary))) throw new Error(`${info.fileToExtract} from ${info.archiveUrl} does not run`);
    // rename() is atomic: a concurrent reader sees no CLI or a whole one, never half a file.
    await rename(binary, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * `go install` into a private GOBIN, then one atomic rename into the cache (go install copies across
 * filesystems, which is not atomic). Uses the user's GOPROXY, GOMODCACHE, GOTOOLCHAIN and build cache.
 */
async function goInstallTemporalCli({ cacheDir, target, env, log }: TInstallCliInput): Promise<void> {
  const goVersion = await run({ command: 'go', args: ['version'], env }).catch((error: unknown) => {
    throw isNotFound(error) ? new Error('`go` not found on PATH') : error;
  });
  log(`${goVersion.stdout.trim()}: building the Temporal CLI ${TEMPORAL_CLI_GO_VERSION} from the Go module proxy (~3 minutes cold)`);

  const gobin = join(cacheDir, `.gobin-${process.pid}`);
  await rm(gobin, { recursive: true, force: true });
  const started = Date.now();
  const progress = setInterval(() => log(`still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  progress.unref();
  try {
    // The flags of the CLI's own release build (.goreleaser.yml): a static binary that reports its version
    // (without -X it says 0.0.0-DEV), without symbol tables (-15 % size).
    await runChecked({
      command: 'go',
      args: [
        'install',
        `-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_GO_VERSION.replace(/^v/, '')}`,
        `${TEMPORAL_CLI_GO_PACKAGE}@${TEMPORAL_CLI_GO_VERSION}`,
      ],
      env: { ...env, GOBIN: gobin, CGO_ENABLED: '0' },
    });
    await rename(join(gobin, 'temporal'), target);
    log(`built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    clearInterval(progress);
    await rm(gobin, { recursive: true, force: true });
  }
}

/**
 * Builds the test-server directory in a staging directory and renames it into place, so the cache holds a
 * complete server or none. The wrapper finds its jars relative to itself, which keeps the cache movable.
 */
async function installTestServer({
  serverDir,
  wrapper,
  env,
  log,
}: {
  serverDir: string;
  wrapper: string;
  env: Record<string, string | undefined>;
  log: TLog;
}): Promise<void> {
  await run({ command: 'java', args: ['-version'], env }).catch((error: unknown) => {
    throw isNotFound(error)
      ? new Error('Java not found on PATH: install a JRE (17 tested) to run the time-skipping test server, or set TEMPORAL_TEST_SERVER_PATH')
      : error;
  });

  const staging = `${serverDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'pom.xml'), testServerPom());
    log(`fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} and its dependencies with Maven`);
    const started = Date.now();
    await runChecked({
      command: 'mvn',
      args: [
        '-B',
        '-q',
        '-f',
        join(staging, 'pom.xml'),
        `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`,
        `-DoutputDirectory=${join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      env,
    }).catch((error: unknown) => {
      throw isNotFound(error)
        ? new Error('Maven (`mvn`) not found on PATH: install Maven to fetch the test server, or set TEMPORAL_TEST_SERVER_PATH')
        : error;
    });
    log(`Maven fetched the test server in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const stagedWrapper = join(staging, 'temporal-test-server');
    await writeFile(stagedWrapper, testServerWrapper());
    await chmod(stagedWrapper, 0o755);
    const startMs = await probeTestServer({ executable: stagedWrapper, env });
    log(`test server ${TEST_SERVER_VERSION} accepted connections ${startMs} ms after start`);

    // A directory without a working wrapper (interrupted by hand, or an older layout) is replaced.
    await rm(serverDir, { recursive: true, force: true });
    await rename(staging, serverDir);
    log(`time-skipping test server installed at ${wrapper}`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function testServerPom(): string {
  const dependency = (groupId: string, artifactId: string, version: string) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Generated by nap1325 scripts/temporal-binaries.ts: the runtime classpath of the Temporal test server. -->',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>nap1325.local</groupId>',
    '  <artifactId>temporal-test-server-runtime</artifactId>',
    `  <version>${TEST_SERVER_VERSION}</version>`,
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    dependency('io.temporal', 'temporal-test-server', TEST_SERVER_VERSION),
    dependency('org.slf4j', 'slf4j-simple', SLF4J_VERSION),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

function testServerWrapper(): string {
  return [
    '#!/bin/sh',
    `# Generated by nap1325 scripts/temporal-binaries.ts: Temporal Java test server ${TEST_SERVER_VERSION} from Maven Central.`,
    '# Usage: temporal-test-server <port> [--enable-time-skipping]  (the TypeScript SDK passes the port, then extraArgs)',
    '# `exec` makes the JVM this very process: the SDK stops the server with SIGKILL on this pid, and a shell',
    '# in between would leave the JVM running.',
    'dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)',
    'if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi',
    `exec "$java" ${TEST_SERVER_JVM_FLAGS.join(' ')} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \\`,
    '  -cp "$dir/lib/*" io.temporal.testserver.TestServer "$@"',
    '',
  ].join('\n');
}

/**
 * Starts the server on a free port, measures the time until it accepts a TCP connection and stops it.
 * Fails when it does not within 20 s (the SDK waits ~5 s) or exits first.
 */
async function probeTestServer({ executable, env }: { executable: string; env: Record<string, string | undefined> }): Promise<number> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(executable, [String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  try {
    while (Date.now() - started < 20_000) {
      if (exited !== undefined) throw new Error(`test server exited with code ${exited} before listening:\n${stderr.trim()}`);
      if (await canConnect(port)) return Date.now() - started;
      await sleep(25);
    }
    throw new Error(`test server did not accept connections on port ${port} within 20 s:\n${stderr.trim()}`);
  } finally {
    if (exited === undefined) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
}

/**
 * Runs `fn` while holding `lockPath`, created with O_EXCL. Waiters poll every second. A lock is taken over
 * when its holder is a dead process on this host, or (cache shared between hosts) its heartbeat stopped for
 * LOCK_STALE_MS. Two waiters may both take over the same stale lock; that only costs a duplicate build,
 * because every install ends in an atomic rename.
 */
export async function withLock<T>({ lockPath, log }: { lockPath: string; log: TLog }, fn: () => Promise<T>): Promise<T> {
  const waitStarted = Date.now();
  let announced = false;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStaleLock(lockPath)) {
      log(`removing abandoned lock ${lockPath}`);
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() - waitStarted > LOCK_WAIT_LIMIT_MS) {
      throw new Error(`gave up after ${LOCK_WAIT_LIMIT_MS / 60_000} minutes waiting for ${lockPath}; delete it if no build is running`);
    }
    if (!announced) {
      log(`waiting for another process to finish (lock ${lockPath})`);
      announced = true;
    }
    await sleep(1_000);
  }

  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await rm(lockPath, { force: true });
  }
}

async function isStaleLock(lockPath: string): Promise<boolean> {
  try {
    const [content, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    const holder = z.object({ pid: z.number().int(), host: z.string() }).safeParse(safeJson(content));
    if (holder.success && holder.data.host === hostname() && !isProcessAlive(holder.data.pid)) return true;
    return Date.now() - info.mtimeMs > LOCK_STALE_MS;
  } catch {
    // Gone between open() and here: not stale, the next open() will tell.
    return false;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(name: string, pathVariable: string): Promise<string | undefined> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** `temporal --version` prints e.g. "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)". */
async function isTemporalCli(path: string): Promise<boolean> {
  try {
    const { code, stdout } = await run({ command: path, args: ['--version'], timeoutMs: 10_000 });
    return code === 0 && /^temporal version /m.test(stdout);
  } catch {
    return false;
  }
}

/** @temporalio/client is a runtime dependency (unlike @temporalio/testing) and shares the SDK version. */
function sdkVersion(): string {
  return clientPackage.version;
}

async function fetchOk(url: URL | string, timeoutMs: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? errorMessage(error);
    throw new Error(`GET ${String(url)} failed: ${detail}`);
  }
  if (!response.ok) throw new Error(`GET ${String(url)} answered HTTP ${response.status}`);
  return response;
}

export type TRunResult = { code: number | null; stdout: string; stderr: string };

/** Spawns without a shell and collects output; rejects only when the command cannot be started or times out. */
export function run({
  command,
  args,
  env = process.env,
  timeoutMs,
}: {
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<TRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && timeoutMs !== undefined) reject(new Error(`${command} timed out after ${timeoutMs} ms`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** {@link run}, but a non-zero exit is an Error carrying the last lines of output. */
export async function runChecked(input: Parameters<typeof run>[0]): Promise<TRunResult> {
  const result = await run(input);
  if (result.code === 0) return result;
  const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
  throw new Error(`\`${input.command} ${input.args.join(' ')}\` exited with code ${result.code}:\n${tail}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
