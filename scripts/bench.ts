/**
 * `npm run bench [-- --quick | --entities N --submissions N --emails N … | --temporal postgres]`: every figure
 * beside its baseline, measured in the same run (issue 11 §2). Prints tables and writes every scenario's
 * figures, with the machine, to `bench-results/latest.json` and `bench-results/runs/<start time>.json`
 * (scripts/bench-fixtures/bench-results.ts). It is not a test and asserts only what it must to be meaningful.
 *
 * Scenarios that need Temporal run once per Temporal back end: the CLI's dev server (started here,
 * in-memory SQLite, 1 history shard), and with `--temporal postgres` also a Temporal server on PostgreSQL
 * (scripts/infra/temporal-postgres.ts; `--shards` history shards, fresh databases), printed side by side:
 * 1. Fan-out baseline: `--baseline` empty workflows (scripts/bench-fixtures/empty-workflow.ts, bundled on its
 *    own), started and awaited `--concurrency` at a time (default 200, the cycle's page of children).
 * 2. Fan-out: `--entities` synthetic municipalities (prisma/seed-entities.ts) in a fresh PostgreSQL
 *    database; POST /api/cycles names them all; the clock stops when the SMTP server has accepted every
 *    data-request email. Then the histories: every run of `cycle/<year>` and every request workflow.
 * 3. Submissions (scripts/bench-fixtures/submissions-bench.ts): `--submissions` contacts of that cycle send
 *    their final report through the HTTP API, `--submit-concurrency` at a time (default 50), against as many
 *    bare Temporal updates on waiting workflows. (Without the fan-out scenario the cycle is opened first,
 *    untimed.)
 * Scenarios that do not: 4. email (scripts/bench-fixtures/email-bench.ts: our mail activity against raw
 * SMTP), 5. the dashboard's reads, 6. the annual report.
 *
 * The worker, the API and the Temporal client run in this process (so "worker RSS" is this process,
 * sampled every 100 ms); the mail catcher runs in a child process so that parsing 10,000 emails does not
 * count as the worker's. CPU is read from /proc for the Temporal server, the catcher and PostgreSQL, and
 * the server's Prometheus metrics give its persistence load: with the dev server's single SQLite connection
 * (Temporal's sqlite plugin: MaxOpenConns 1) "calls in flight" above 1 means calls queue for it.
 *
 * Sizes (flags, or env BENCH_ENTITIES, BENCH_BASELINE, BENCH_CONCURRENCY, BENCH_SUBMISSIONS, BENCH_EMAILS):
 * `--entities N` (10,000), `--baseline N` (10,000), `--submissions N` (1,000), `--emails N` (1,000),
 * `--quick` (200 of each, about a minute in all). Other flags: `--concurrency N` (200),
 * `--submit-concurrency N` (50), `--activity-slots N` (worker's concurrent activities, 50 as in `npm start`),
 * `--pg-pool N` (Prisma connections, 10 as in `npm start`), `--temporal dev|postgres|postgres-only`,
 * `--shards N` (4), `--out DIR`, `--skip-baseline`, `--skip-cycle`, `--skip-submissions`, `--skip-email`,
 * `--skip-dashboard`, `--skip-report`, `--only-submissions`, `--only-email`, `--only-dashboard`,
 * `--only-report`. Needs the local PostgreSQL the tests use (TEST_DATABASE_URL or
 * postgresql://postgres:postgres@127.0.0.1:5432/postgres).
 */
// The worker refuses to start under another zone; Node applies a change of TZ at run time.
process.env.TZ = 'UTC';

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type ActivityInterceptorsFactory, bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createMailer } from '../activities/mailer';
import { buildServer } from '../api/build-server';
import { createPrisma } from '../prisma/client';
import { seedSyntheticEntities } from '../prisma/seed-entities';
import { seedAll } from '../test/support/app-harness';
import { createTestDatabase, ensurePostgresRunning } from '../test/support/database';
import { historyLengths, workflowRuns } from '../test/support/history-bounds';
import { createDevServerEnv } from '../test/support/temporal';
import { createWorker } from '../worker/create-worker';
import { describeMachine, writeBenchResults, BENCH_RESULTS_VERSION } from './bench-fixtures/bench-results';
import { inParallel } from './bench-fixtures/bench-stats';
import { benchDashboard } from './bench-fixtures/dashboard-bench';
import { benchEmail, type TEmailResult } from './bench-fixtures/email-bench';
import { benchReport } from './bench-fixtures/report-bench';
import { benchSubmissions, type TSubmissionsResult } from './bench-fixtures/submissions-bench';
import type { CatcherProgress } from './bench-fixtures/mail-catcher-process';
import { startTemporalPostgres } from './infra/temporal-postgres';

const HISTORY_BOUND = 10_000;

type TTemporalChoice = 'dev' | 'postgres' | 'postgres-only';

interface Options {
  entities: number;
  baseline: number;
  concurrency: number;
  submissions: number;
  submitConcurrency: number;
  emails: number;
  activitySlots: number;
  pgPool: number;
  temporal: TTemporalChoice;
  shards: number;
  out?: string;
  skipBaseline: boolean;
  skipCycle: boolean;
  skipSubmissions: boolean;
  skipEmail: boolean;
  skipDashboard: boolean;
  skipReport: boolean;
  /** `--profile`: count SQL statements, activities by type and history events by type in the fan-out. */
  profile: boolean;
  /** Worker tuning for the fan-out's worker (SDK defaults when absent). */
  maxCachedWorkflows?: number;
  maxWorkflowTasks?: number;
  workflowPollers?: number;
  activityPollers?: number;
  /** `--eager-activities`: the dev server hands an activity to the worker in its answer to the workflow task that scheduled it. */
  eagerActivities: boolean;
}

const SCENARIOS = ['Baseline', 'Cycle', 'Submissions', 'Email', 'Dashboard', 'Report'] as const;

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const options: Options = {
    entities: Number(env.BENCH_ENTITIES ?? 10_000),
    baseline: Number(env.BENCH_BASELINE ?? 10_000),
    concurrency: Number(env.BENCH_CONCURRENCY ?? 200),
    submissions: Number(env.BENCH_SUBMISSIONS ?? 1_000),
    submitConcurrency: 50,
    emails: Number(env.BENCH_EMAILS ?? 1_000),
    activitySlots: 50,
    pgPool: 10,
    temporal: 'dev',
    shards: 4,
    skipBaseline: false,
    skipCycle: false,
    skipSubmissions: false,
    skipEmail: false,
    skipDashboard: false,
    skipReport: false,
    profile: false,
    eagerActivities: false,
  };
  const numberAfter = (i: number) => {
    const value = Number(argv[i + 1]?.replace(/_/g, ''));
    if (!Number.isInteger(value) || value < 1) throw new Error(`${argv[i]} needs a whole number ≥ 1 (got ${argv[i + 1] ?? 'nothing'})`);
    return value;
  };
  const only = (scenario: (typeof SCENARIOS)[number]) => {
    for (const s of SCENARIOS) options[`skip${s}`] = s !== scenario;
  };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--quick':
        options.entities = 200;
        options.baseline = 200;
        options.submissions = 200;
        options.emails = 200;
        break;
      case '--entities':
        options.entities = numberAfter(i++);
        break;
      case '--baseline':
        options.baseline = numberAfter(i++);
        break;
      case '--concurrency':
        options.concurrency = numberAfter(i++);
        break;
      case '--submissions':
        options.submissions = numberAfter(i++);
        break;
      case '--submit-concurrency':
        options.submitConcurrency = numberAfter(i++);
        break;
      case '--emails':
        options.emails = numberAfter(i++);
        break;
      case '--activity-slots':
        options.activitySlots = numberAfter(i++);
        break;
      case '--pg-pool':
        options.pgPool = numberAfter(i++);
        break;
      case '--shards':
        options.shards = numberAfter(i++);
        break;
      case '--temporal': {
        const value = argv[++i];
        if (value !== 'dev' && value !== 'postgres' && value !== 'postgres-only') throw new Error(`--temporal takes dev, postgres (both, side by side) or postgres-only (got ${value ?? 'nothing'})`);
        options.temporal = value;
        break;
      }
      case '--out':
        options.out = path.resolve(argv[++i] ?? '.');
        break;
      case '--skip-baseline':
        options.skipBaseline = true;
        break;
      case '--skip-cycle':
        options.skipCycle = true;
        break;
      case '--skip-submissions':
        options.skipSubmissions = true;
        break;
      case '--skip-email':
        options.skipEmail = true;
        break;
      case '--skip-dashboard':
        options.skipDashboard = true;
        break;
      case '--skip-report':
        options.skipReport = true;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--eager-activities':
        options.eagerActivities = true;
        break;
      case '--max-cached-workflows':
        options.maxCachedWorkflows = numberAfter(i++);
        break;
      case '--max-workflow-tasks':
        options.maxWorkflowTasks = numberAfter(i++);
        break;
      case '--workflow-pollers':
        options.workflowPollers = numberAfter(i++);
        break;
      case '--activity-pollers':
        options.activityPollers = numberAfter(i++);
        break;
      case '--only-submissions':
        only('Submissions');
        break;
      case '--only-email':
        only('Email');
        break;
      case '--only-dashboard':
        only('Dashboard');
        break;
      case '--only-report':
        only('Report');
        break;
      case '--help':
      case '-h':
        console.log(
          'npm run bench -- [--quick] [--entities N] [--baseline N] [--submissions N] [--emails N] [--concurrency N] [--submit-concurrency N] [--activity-slots N] [--pg-pool N] ' +
            '[--temporal dev|postgres|postgres-only] [--shards N] [--out DIR] [--skip-baseline] [--skip-cycle] [--skip-submissions] [--skip-email] [--skip-dashboard] [--skip-report] ' +
            '[--only-submissions] [--only-email] [--only-dashboard] [--only-report] [--profile] [--max-cached-workflows N] [--max-workflow-tasks N] [--workflow-pollers N] [--activity-pollers N] [--eager-activities]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument "${argv[i]}" (try --help)`);
    }
  }
  return options;
}

// ───────────────────────────── measuring ─────────────────────────────

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 when it cannot be read. */
function processCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Pids of processes whose command name is `name` (optionally: whose parent is `parent`). */
function pidsNamed(name: string, parent?: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === name && (parent === undefined || ppid === parent)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/** CPU seconds of each thread of this process, by thread id, from /proc/self/task. */
function threadCpuSeconds(): Map<number, number> {
  const threads = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) threads.set(Number(tid), taskCpuSeconds(tid));
  } catch {
    // Not Linux: no per-thread figures.
  }
  return threads;
}

function taskCpuSeconds(tid: string): number {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
}

/** Sum and count of the dev server's `persistence_latency` histogram (seconds), over every operation. */
async function persistenceTotals(metricsUrl: string | undefined): Promise<{ seconds: number; calls: number } | undefined> {
  if (!metricsUrl) return undefined;
  try {
    const text = await (await fetch(metricsUrl)).text();
    let seconds = 0;
    let calls = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('persistence_latency_sum{')) seconds += Number(line.slice(line.lastIndexOf(' ') + 1));
      else if (line.startsWith('persistence_latency_count{')) calls += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return { seconds, calls };
  } catch {
    return undefined;
  }
}

interface Probes {
  serverPid?: number;
  catcherPid?: number;
  metricsUrl?: string;
}

interface PhaseFigures {
  wallSeconds: number;
  peakRssMiB: number;
  /** The main thread's V8 heap and external memory at the RSS peak (the rest is other threads and native memory). */
  atPeakMiB: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  /** Average cores used over the phase. */
  cores: {
    worker: number;
    /** The worker process's main thread (activities, API, client, SDK glue). */
    workerMain: number;
    /** Its busiest other thread: the workflow sandbox thread (one, with reuseV8Context). */
    workerBusiestThread: number;
    server: number;
    serverPeak1s: number;
    catcher: number;
    postgres: number;
    machine: number;
  };
  persistence?: { callsPerSecond: number; inFlight: number };
}

/** Measures a phase: wall time, this process's peak RSS (100 ms samples), CPU of each process, persistence. */
async function measure<T>(probes: Probes, run: () => Promise<T>): Promise<{ result: T; figures: PhaseFigures }> {
  const cpu = () => ({
    worker: process.cpuUsage(),
    server: processCpuSeconds(probes.serverPid),
    catcher: processCpuSeconds(probes.catcherPid),
    postgres: pidsNamed('postgres').reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    machine: machineCpuSeconds().busy,
    threads: threadCpuSeconds(),
  });
  const before = cpu();
  const persistenceBefore = await persistenceTotals(probes.metricsUrl);
  const started = performance.now();
  let peak = process.memoryUsage();
  const rssTimer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 100);
  let serverPeak1s = 0;
  let lastServer = { at: performance.now(), cpu: processCpuSeconds(probes.serverPid) };
  const serverTimer = setInterval(() => {
    const now = { at: performance.now(), cpu: processCpuSeconds(probes.serverPid) };
    serverPeak1s = Math.max(serverPeak1s, (now.cpu - lastServer.cpu) / ((now.at - lastServer.at) / 1000));
    lastServer = now;
  }, 1_000);
  try {
    const result = await run();
    const wallSeconds = (performance.now() - started) / 1000;
    const after = cpu();
    const persistenceAfter = await persistenceTotals(probes.metricsUrl);
    const workerCpu = process.cpuUsage(before.worker);
    const threadDelta = [...after.threads].map(([tid, seconds]) => ({ tid, seconds: seconds - (before.threads.get(tid) ?? 0) }));
    const mainThread = threadDelta.find((t) => t.tid === process.pid)?.seconds ?? 0;
    const busiestOther = Math.max(0, ...threadDelta.filter((t) => t.tid !== process.pid).map((t) => t.seconds));
    return {
      result,
      figures: {
        wallSeconds,
        peakRssMiB: peak.rss / 2 ** 20,
        atPeakMiB: { heapUsed: peak.heapUsed / 2 ** 20, heapTotal: peak.heapTotal / 2 ** 20, external: peak.external / 2 ** 20, arrayBuffers: peak.arrayBuffers / 2 ** 20 },
        cores: {
          worker: (workerCpu.user + workerCpu.system) / 1e6 / wallSeconds,
          workerMain: mainThread / wallSeconds,
          workerBusiestThread: busiestOther / wallSeconds,
          server: (after.server - before.server) / wallSeconds,
          serverPeak1s,
          catcher: (after.catcher - before.catcher) / wallSeconds,
          postgres: Math.max(0, after.postgres - before.postgres) / wallSeconds,
          machine: (after.machine - before.machine) / wallSeconds,
        },
        persistence:
          persistenceBefore && persistenceAfter
            ? {
                callsPerSecond: (persistenceAfter.calls - persistenceBefore.calls) / wallSeconds,
                inFlight: (persistenceAfter.seconds - persistenceBefore.seconds) / wallSeconds,
              }
            : undefined,
      },
    };
  } finally {
    clearInterval(rssTimer);
    clearInterval(serverTimer);
  }
}

// ───────────────────────────── pieces ─────────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The mail catcher in a child process (see scripts/bench-fixtures/mail-catcher-process.ts). */
async function startCatcherProcess(): Promise<{ child: ChildProcess; port: number; progress: () => CatcherProgress; waitForRequests: (count: number, timeoutMs: number) => Promise<CatcherProgress>; stop: () => Promise<void> }> {
  const child = fork(path.join(__dirname, 'bench-fixtures', 'mail-catcher-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let latest: CatcherProgress = { type: 'progress', accepted: 0, requests: 0, requestMessageIds: 0, requestRecipients: 0 };
  const listeners = new Set<() => void>();
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the mail catcher exited (code ${code}) before listening`)));
    child.on('message', (message: CatcherProgress | { type: 'listening'; port: number }) => {
      if (message.type === 'listening') resolve(message.port);
      if (message.type === 'progress') {
        latest = message;
        for (const listener of listeners) listener();
      }
    });
  });
  return {
    child,
    port,
    progress: () => latest,
    waitForRequests(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs / 1000} s: ${latest.requests} of ${count} data-request emails accepted`));
        }, timeoutMs);
        const check = () => {
          if (latest.requests < count) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(latest);
        };
        listeners.add(check);
        check();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGTERM'), 5_000).unref();
      }),
  };
}


// ───────────────────────────── printing ─────────────────────────────

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

function printTable(rows: [string, ...string[]][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('   '));
  }
}

/** CPU used by processes that are not part of the benchmark (other work on the machine). */
const others = (f: PhaseFigures) => f.cores.machine - f.cores.worker - f.cores.server - f.cores.postgres - f.cores.catcher;

/** What bounds a phase, read from its figures (see the module note). */
function assess(name: string, f: PhaseFigures, cpus: number, temporal: 'dev' | 'postgres'): string {
  const inFlight = f.persistence?.inFlight;
  const server = temporal === 'dev' ? 'dev server' : 'Temporal server';
  const othersShare = Math.max(0, others(f));
  const machineFull = f.cores.machine >= 0.9 * cpus;
  const lines = [
    `${name}: ${server} ${fmt(f.cores.server * 100)}% of a core (peak ${fmt(f.cores.serverPeak1s * 100)}% over 1 s), ` +
      `worker process ${fmt(f.cores.worker * 100)}% (main thread ${fmt(f.cores.workerMain * 100)}%, workflow thread ${fmt(f.cores.workerBusiestThread * 100)}%), ` +
      `PostgreSQL ${fmt(f.cores.postgres * 100)}%${temporal === 'postgres' ? " (the service's and Temporal's)" : ''}, SMTP catcher ${fmt(f.cores.catcher * 100)}%, other processes ${fmt(othersShare * 100)}%; ` +
      `machine ${fmt(f.cores.machine * 100)}% of ${cpus * 100}%` +
      (inFlight !== undefined ? `; ${fmt(f.persistence!.callsPerSecond)} persistence calls/s, ${fmt(inFlight, 2)} in flight on average.` : '.'),
  ];
  if (temporal === 'postgres') {
    if (machineFull) lines.push(`→ Bound by this machine's ${cpus} cores, shared by the Temporal server, PostgreSQL, the worker and the catcher.`);
    else if (f.cores.workerBusiestThread >= 0.8) lines.push(`→ Bound by the worker's single workflow thread (${fmt(f.cores.workerBusiestThread * 100)}% of a core).`);
    else lines.push('→ Neither a process nor the CPU is saturated: latency-bound (round trips to the server and its database).');
  } else {
    const queued = inFlight !== undefined && inFlight > 1.2;
    const sqlite = queued
      ? `persistence calls queue for the dev server's single SQLite connection (${fmt(inFlight, 2)} in flight for 1 connection)`
      : `the dev server's single SQLite connection is not saturated (${fmt(inFlight ?? 0, 2)} calls in flight, under 1)`;
    if (f.cores.server >= 0.8 && queued) {
      lines.push(`→ Bound by the dev server: ${sqlite} while it uses about a core${machineFull ? '; the machine has no idle core left either' : '; the worker has headroom'}.`);
    } else if (f.cores.workerBusiestThread >= 0.8) {
      lines.push(`→ Bound by the worker's single workflow thread (${fmt(f.cores.workerBusiestThread * 100)}% of a core); ${sqlite}.`);
    } else if (machineFull) {
      lines.push(`→ Bound by this machine's ${cpus} cores, shared by the dev server, the worker, PostgreSQL and the catcher; ${sqlite}.`);
    } else if (queued) {
      lines.push(`→ No process is CPU-bound but ${sqlite}: the SQLite connection is the likely limit.`);
    } else {
      lines.push(`→ Neither a process nor the CPU is saturated and ${sqlite}: latency-bound (round trips); more concurrency would help.`);
    }
  }
  if (othersShare >= 0.15) {
    lines.push(`(Other processes took ${fmt(othersShare * 100)}% of a core meanwhile: on a shared machine these figures are pessimistic; run again when it is idle.)`);
  }
  return lines.join('\n  ');
}

// ───────────────────────────── Temporal back ends ─────────────────────────────

interface TBackend {
  kind: 'dev' | 'postgres';
  /** How the tables name it. */
  label: string;
  env: TestWorkflowEnvironment;
  namespace: string;
  probes: Probes;
  detail: Record<string, string | number>;
  stop: () => Promise<void>;
}

async function startBackend(kind: 'dev' | 'postgres', options: Options): Promise<TBackend> {
  if (kind === 'dev') {
    const metricsPort = await freePort();
    const eager = options.eagerActivities ? ['--dynamic-config-value', 'system.enableActivityEagerExecution=true'] : [];
    const env = await createDevServerEnv({ server: { extraArgs: ['--metrics-port', String(metricsPort), ...eager], log: { format: 'pretty', level: 'error' } } });
    const probes: Probes = { serverPid: pidsNamed('temporal', process.pid)[0], metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
    if (!probes.serverPid) log('could not find the dev server process: its CPU is not reported');
    return { kind, label: 'dev server', env, namespace: 'default', probes, detail: { server: 'temporal server start-dev (CLI v1.5.1, Server 1.29.1)', persistence: 'SQLite in memory, 1 connection', historyShards: 1 }, stop: () => env.teardown() };
  }
  const adminUrl = await ensurePostgresRunning();
  const server = await startTemporalPostgres({ adminUrl, numHistoryShards: options.shards, fresh: true, log: (line) => log(`temporal-postgres: ${line}`) });
  try {
    const env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address, namespace: server.namespace });
    return {
      kind,
      label: `PostgreSQL, ${server.numHistoryShards} shards`,
      env,
      namespace: server.namespace,
      probes: { serverPid: server.pid, metricsUrl: server.metricsUrl },
      detail: { server: 'Temporal Server 1.29.1 (scripts/infra/temporal-postgres.ts)', persistence: `PostgreSQL ${new URL(adminUrl).host}, databases ${server.databases.default} and ${server.databases.visibility}, up to 20 connections`, historyShards: server.numHistoryShards },
      stop: async () => {
        await env.teardown();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

interface TPhase {
  name: string;
  count: number;
  unit: string;
  figures: PhaseFigures;
  events?: number;
  largestHistory?: number;
  smtpAccepted?: number;
}

interface TBackendResult {
  temporal: TBackend['kind'];
  label: string;
  detail: Record<string, string | number>;
  phases: TPhase[];
  cycleNotes: string[];
  submissions?: TSubmissionsResult;
}

/** The scenarios that need Temporal (fan-out baseline, fan-out, submissions) on one back end. */
async function runTemporalScenarios(backend: TBackend, options: Options, bundles: { ours: WorkflowBundleWithSourceMap; baseline: WorkflowBundleWithSourceMap }): Promise<TBackendResult> {
  const { env, probes, namespace } = backend;
  const client = env.client;
  const out: TBackendResult = { temporal: backend.kind, label: backend.label, detail: backend.detail, phases: [], cycleNotes: [] };
  const stops: (() => Promise<unknown> | unknown)[] = [];
  try {
    // 1. Baseline: empty workflows.
    if (!options.skipBaseline) {
      const taskQueue = `bench-empty-${randomBytes(4).toString('hex')}`;
      const worker = await Worker.create({ connection: env.nativeConnection, namespace, taskQueue, workflowBundle: bundles.baseline });
      log(`[${backend.label}] fan-out baseline: ${fmt(options.baseline)} empty workflows…`);
      const { figures } = await measure(probes, () =>
        worker.runUntil(
          inParallel(options.baseline, options.concurrency, async (i) => {
            await client.workflow.execute('emptyWorkflow', { taskQueue, workflowId: `bench-empty/${taskQueue}/${i}`, args: [] });
          }),
        ),
      );
      const { historyLength } = await client.workflow.getHandle(`bench-empty/${taskQueue}/0`).describe();
      out.phases.push({ name: 'fan-out baseline: empty workflows', count: options.baseline, unit: 'workflows', figures, events: historyLength * options.baseline, largestHistory: historyLength });
      log(`[${backend.label}] baseline done in ${fmt(figures.wallSeconds, 1)} s`);
    }
    if (options.skipCycle && options.skipSubmissions) return out;

    // 2. The cycle (timed as the fan-out scenario, or opened untimed for the submissions).
    const cycleSize = options.skipCycle ? options.submissions : options.entities;
    const db = await createTestDatabase();
    stops.push(() => db.drop());
    const seedStarted = performance.now();
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: cycleSize });
    log(`[${backend.label}] seeded ${fmt(codes.length)} synthetic entities in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`);
    const sql = { count: 0, ms: 0 };
    const prisma = createPrisma({
      url: db.url,
      maxConnections: options.pgPool,
      onQuery: options.profile
        ? (ms) => {
            sql.count++;
            sql.ms += ms;
          }
        : undefined,
    });
    const activityTally = new Map<string, { count: number; ms: number }>();
    stops.push(() => prisma.$disconnect());

    const catcher = await startCatcherProcess();
    stops.push(() => catcher.stop());
    probes.catcherPid = catcher.child.pid;
    const mailer = createMailer({ host: '127.0.0.1', port: catcher.port, secure: false, from: 'PNA-1325 <pna1325@bench.local>' });
    stops.push(() => mailer.close());

    const taskQueue = `bench-cycle-${randomBytes(4).toString('hex')}`;
    const linkSigningSecret = randomBytes(32).toString('hex');
    const api = await buildServer({ prisma, temporal: client, taskQueue, linkSigningSecret });
    await api.listen({ host: '127.0.0.1', port: 0 });
    stops.push(() => api.close());
    const address = api.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace,
      taskQueue,
      maxConcurrentActivityTaskExecutions: options.activitySlots,
      workflowBundle: bundles.ours,
      extra: {
        ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
        ...(options.maxWorkflowTasks ? { maxConcurrentWorkflowTaskExecutions: options.maxWorkflowTasks } : {}),
        ...(options.workflowPollers ? { workflowTaskPollerBehavior: { type: 'simple-maximum' as const, maximum: options.workflowPollers } } : {}),
        ...(options.activityPollers ? { activityTaskPollerBehavior: { type: 'simple-maximum' as const, maximum: options.activityPollers } } : {}),
        ...(options.profile ? { interceptors: { activity: [tallyActivities(activityTally)] } } : {}),
      },
      deps: {
        prisma,
        mailer,
        clock: () => new Date(),
        config: { publicBaseUrl: baseUrl, linkSigningSecret, linkTtlDays: 120, messageIdDomain: 'nap1325.bench', mailFrom: 'PNA-1325 <pna1325@bench.local>' },
      },
    });
    const cacheNote = `the worker caches up to ${fmt(worker.options.maxCachedWorkflows)} workflows (${options.maxCachedWorkflows ? '--max-cached-workflows' : 'SDK default from the heap limit'}), runs up to ${fmt(options.maxWorkflowTasks ?? 40)} workflow tasks at once on ${worker.options.workflowThreadPoolSize} workflow thread(s)`;
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running.catch(() => undefined);
    });

    const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 60 }).toISODate()!;
    const year = Number(deadline.slice(0, 4));
    const marks: string[] = [];
    const openCycle = async () => {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/cycles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ year, deadline, institutions: codes, openedBy: 'bench@example.gob.mx' }),
      });
      if (res.status !== 202) throw new Error(`POST /api/cycles answered ${res.status}: ${await res.text()}`);
      marks.push(`POST /api/cycles answered in ${fmt(performance.now() - t0)} ms`);
      const reporter = setInterval(() => {
        const p = catcher.progress();
        log(`  ${fmt((performance.now() - t0) / 1000)} s: ${fmt(p.requests)} of ${fmt(cycleSize)} data-request emails accepted`);
      }, 15_000);
      try {
        const half = catcher.waitForRequests(Math.ceil(cycleSize / 2), 6 * 3600_000).then(() => marks.push(`half the emails accepted after ${fmt((performance.now() - t0) / 1000, 1)} s`));
        const first = catcher.waitForRequests(1, 6 * 3600_000).then(() => marks.push(`first email accepted after ${fmt((performance.now() - t0) / 1000, 1)} s`));
        const all = await catcher.waitForRequests(cycleSize, 6 * 3600_000);
        await Promise.all([first, half]);
        return all;
      } finally {
        clearInterval(reporter);
      }
    };

    if (options.skipCycle) {
      log(`[${backend.label}] opening a cycle of ${fmt(cycleSize)} entities for the submissions (not timed)…`);
      await openCycle();
    } else {
      log(`[${backend.label}] fan-out: a cycle of ${fmt(cycleSize)} entities…`);
      sql.count = 0;
      sql.ms = 0;
      activityTally.clear();
      const { result: progress, figures } = await measure(probes, openCycle);
      const cyclePhase: TPhase = { name: 'fan-out: data requests', count: cycleSize, unit: 'requests', figures, events: 0, largestHistory: 0, smtpAccepted: progress.accepted };
      out.phases.push(cyclePhase);
      log(`[${backend.label}] fan-out done in ${fmt(figures.wallSeconds, 1)} s`);
      if (progress.requestMessageIds !== cycleSize || progress.requestRecipients !== cycleSize) {
        log(`WARNING: ${progress.requests} data-request emails, ${progress.requestMessageIds} distinct Message-IDs, ${progress.requestRecipients} distinct recipients for ${cycleSize} entities`);
      }

      // Histories (after the clock stopped).
      const runs = await workflowRuns({ client, workflowId: `cycle/${year}` });
      const requests = await prisma.dataRequest.findMany({ where: { cycle: { year } }, select: { workflowId: true } });
      const lengths = await historyLengths({ client, workflowIds: requests.map((r) => r.workflowId), concurrency: 50 });
      const largestRequest = Math.max(0, ...lengths);
      const largestRun = Math.max(0, ...runs.map((r) => r.events));
      // Every workflow of the phase is idle now (requests wait for their deadline): these are its events.
      cyclePhase.events = lengths.reduce((a, b) => a + b, 0) + runs.reduce((a, r) => a + r.events, 0);
      cyclePhase.largestHistory = Math.max(largestRequest, largestRun);
      const status = (await (await fetch(`${baseUrl}/api/cycles/${year}`)).json()) as { total?: number; counts?: Record<string, number> };
      out.cycleNotes = [
        ...marks,
        cacheNote,
        `SMTP accepted ${fmt(progress.accepted)} messages, ${fmt(progress.requests)} data requests, ${fmt(progress.requestMessageIds)} distinct Message-IDs, ${fmt(progress.requestRecipients)} distinct recipients`,
        `status route: total ${fmt(status.total ?? 0)}, ${Object.entries(status.counts ?? {}).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
        `cycle/${year}: ${runs.length} runs, events ${runs.map((r) => `${fmt(r.events)}${r.closedBy === 'continuedAsNew' ? '→' : ''}`).join(' ')}`,
        `request workflows: ${fmt(lengths.length)}, history ${fmt(Math.min(...lengths))}–${fmt(largestRequest)} events (${fmt(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length), 1)} on average)`,
        `largest workflow history: ${fmt(Math.max(largestRequest, largestRun))} events (bound ${fmt(HISTORY_BOUND)}): ${Math.max(largestRequest, largestRun) < HISTORY_BOUND ? 'within' : 'EXCEEDED'}`,
      ];
      if (options.profile) {
        const m = figures.atPeakMiB;
        out.cycleNotes.push(`profile: at the RSS peak (${fmt(figures.peakRssMiB)} MiB) the main thread's heap held ${fmt(m.heapUsed)} of ${fmt(m.heapTotal)} MiB, external ${fmt(m.external)} MiB (array buffers ${fmt(m.arrayBuffers)} MiB); the rest is the workflow thread and native memory`);
        out.cycleNotes.push(...(await profileNotes({ client, requestIds: requests.map((r) => r.workflowId), cycleSize, sql, activityTally, wallSeconds: figures.wallSeconds })));
      }
    }

    // 3. Submissions, on the cycle's open requests.
    if (!options.skipSubmissions) {
      const count = Math.min(options.submissions, cycleSize);
      if (count < options.submissions) log(`[${backend.label}] submissions: the cycle has ${fmt(cycleSize)} entities; submitting ${fmt(count)}`);
      out.submissions = await benchSubmissions({
        client,
        connection: env.nativeConnection,
        namespace,
        baselineBundle: bundles.baseline,
        baseUrl,
        prisma,
        linkSigningSecret,
        year,
        count,
        concurrency: options.submitConcurrency,
        activitySlots: options.activitySlots,
        log: (line) => log(`[${backend.label}] ${line}`),
      });
    }
    return out;
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
    probes.catcherPid = undefined;
  }
}

// ───────────────────────────── profile (--profile) ─────────────────────────────

/** An activity interceptor that counts executions and their time by activity type. */
function tallyActivities(tally: Map<string, { count: number; ms: number }>): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const started = performance.now();
        try {
          return await next(input);
        } finally {
          const t = tally.get(ctx.info.activityType) ?? { count: 0, ms: 0 };
          t.count++;
          t.ms += performance.now() - started;
          tally.set(ctx.info.activityType, t);
        }
      },
    },
  });
}

/**
 * Where a request's cost goes: SQL statements and their time, activities by type, and the history of a sample
 * of request workflows by event type (workflow tasks and activity tasks are the round trips to the server).
 */
async function profileNotes({
  client,
  requestIds,
  cycleSize,
  sql,
  activityTally,
  wallSeconds,
}: {
  client: TestWorkflowEnvironment['client'];
  requestIds: string[];
  cycleSize: number;
  sql: { count: number; ms: number };
  activityTally: Map<string, { count: number; ms: number }>;
  wallSeconds: number;
}): Promise<string[]> {
  const sample = requestIds.slice(0, 50);
  const byType = new Map<string, number>();
  const activitiesByName = new Map<string, number>();
  for (const id of sample) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const e of history.events ?? []) {
      const type = Object.keys(e).find((k) => k.endsWith('EventAttributes'))?.replace(/EventAttributes$/, '') ?? 'unknown';
      byType.set(type, (byType.get(type) ?? 0) + 1);
      const name = e.activityTaskScheduledEventAttributes?.activityType?.name ?? (e.markerRecordedEventAttributes ? `marker:${e.markerRecordedEventAttributes.markerName}` : undefined);
      if (name) activitiesByName.set(name, (activitiesByName.get(name) ?? 0) + 1);
    }
  }
  const per = (n: number) => fmt(n / sample.length, 2);
  const activityTotal = [...activityTally.values()].reduce((a, t) => a + t.count, 0);
  const activityMs = [...activityTally.values()].reduce((a, t) => a + t.ms, 0);
  return [
    `profile: ${fmt(sql.count)} SQL statements (${fmt(sql.count / cycleSize, 1)} per request), ${fmt(sql.ms / 1000, 1)} s of statement time (${fmt(sql.ms / cycleSize, 1)} ms per request)`,
    `profile: ${fmt(activityTotal)} activities (${fmt(activityTotal / cycleSize, 2)} per request), ${fmt(activityMs / 1000, 1)} s of activity time (${fmt(activityMs / 1000 / wallSeconds, 1)} running on average): ` +
      [...activityTally].map(([name, t]) => `${name} ${fmt(t.count)} × ${fmt(t.ms / t.count, 1)} ms`).join(', '),
    `profile: per request workflow (${sample.length} sampled): ` + [...byType].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', '),
    `profile: scheduled per request workflow: ` + [...activitiesByName].map(([k, v]) => `${k} ${per(v)}`).join(', '),
  ];
}

// ───────────────────────────── tables ─────────────────────────────

function printFanOut(backend: TBackendResult, cpus: number): void {
  if (!backend.phases.length) return;
  console.log('');
  console.log(`Fan-out on Temporal: ${backend.label}`);
  const baseline = backend.phases.find((r) => r.name.includes('baseline'));
  printTable([
    ['phase', 'count', 'wall', 'per second', 'vs baseline', 'history events/s', 'largest history', 'SMTP accepted', 'worker peak RSS', 'Temporal CPU', 'worker CPU'],
    ...backend.phases.map((r): [string, ...string[]] => [
      r.name,
      fmt(r.count),
      `${fmt(r.figures.wallSeconds, 1)} s`,
      `${fmt(r.count / r.figures.wallSeconds, 1)} ${r.unit}/s`,
      baseline && r !== baseline ? `${fmt(perWorkflowRatio(r, baseline), 1)}× slower` : '—',
      r.events ? fmt(r.events / r.figures.wallSeconds) : '?',
      r.largestHistory ? `${fmt(r.largestHistory)} events` : '?',
      r.smtpAccepted === undefined ? '—' : fmt(r.smtpAccepted),
      `${fmt(r.figures.peakRssMiB)} MiB`,
      `${fmt(r.figures.cores.server * 100)}%`,
      `${fmt(r.figures.cores.worker * 100)}%`,
    ]),
  ]);
  console.log('"vs baseline": time per workflow relative to an empty workflow. "history events/s": events written to the workflows\' histories');
  console.log('per second of the phase, a measure of Temporal work done. CPU in % of one core, averaged over the phase. Worker peak RSS: this');
  console.log('process (worker + API + client), sampled every 100 ms; the SMTP catcher runs in a child process.');
  for (const line of backend.cycleNotes) console.log(`• ${line}`);
  for (const r of backend.phases) console.log(assess(r.name, r.figures, cpus, backend.temporal));
}

const perWorkflowRatio = (r: TPhase, baseline: TPhase) => r.figures.wallSeconds / (baseline.figures.wallSeconds * (r.count / baseline.count));
const yesNo = (met: boolean) => (met ? 'met' : 'NOT met');

/** One row per figure, one column per Temporal back end: the tables "side by side". */
function printTemporalComparison(backends: TBackendResult[]): void {
  const rows: [string, ...string[]][] = [['figure', ...backends.map((b) => `Temporal: ${b.label}`)]];
  const row = (name: string, cell: (b: TBackendResult) => string | undefined) => {
    const cells = backends.map((b) => cell(b) ?? '—');
    if (cells.some((c) => c !== '—')) rows.push([name, ...cells]);
  };
  const phase = (b: TBackendResult, part: string) => b.phases.find((p) => p.name.includes(part));
  row('fan-out baseline: empty workflows/s', (b) => { const p = phase(b, 'baseline'); return p && `${fmt(p.count / p.figures.wallSeconds, 1)} (${fmt(p.count)} in ${fmt(p.figures.wallSeconds, 1)} s)`; });
  row('fan-out: data requests/s', (b) => { const p = phase(b, 'data requests'); return p && `${fmt(p.count / p.figures.wallSeconds, 1)} (${fmt(p.count)} in ${fmt(p.figures.wallSeconds, 1)} s)`; });
  row('fan-out: time per workflow vs baseline', (b) => { const p = phase(b, 'data requests'); const base = phase(b, 'baseline'); return p && base && `${fmt(perWorkflowRatio(p, base), 1)}× (goal ≤ 2×)`; });
  row('fan-out: worker peak RSS', (b) => { const p = phase(b, 'data requests'); return p && `${fmt(p.figures.peakRssMiB)} MiB`; });
  row('submissions: through the HTTP API/s', (b) => b.submissions && `${fmt(b.submissions.ours.perSecond, 1)} (${fmt(b.submissions.ours.count)} at ${b.submissions.ours.concurrency})`);
  row('submissions: p50 / p95 / p99', (b) => b.submissions && `${fmt(b.submissions.ours.p50Ms)} / ${fmt(b.submissions.ours.p95Ms)} / ${fmt(b.submissions.ours.p99Ms)} ms`);
  row('submissions baseline: bare updates/s', (b) => b.submissions && fmt(b.submissions.baseline.perSecond, 1));
  row('submissions baseline: p50 / p95 / p99', (b) => b.submissions && `${fmt(b.submissions.baseline.p50Ms)} / ${fmt(b.submissions.baseline.p95Ms)} / ${fmt(b.submissions.baseline.p99Ms)} ms`);
  row('submissions: rate vs baseline', (b) => b.submissions && `${fmt(b.submissions.rateVsBaseline, 2)}×`);
  row(`submissions goal: p99 < ${SUBMISSION_P99_GOAL} ms`, (b) => b.submissions && yesNo(b.submissions.goals.p99Met));
  row('submissions goal: ≥ 0.5× baseline rate', (b) => b.submissions && yesNo(b.submissions.goals.rateMet));
  row('submissions: stored FINAL versions', (b) => b.submissions && `${fmt(b.submissions.stored)} of ${fmt(b.submissions.ours.count)}${Object.keys(b.submissions.failures).length ? ` (other answers: ${JSON.stringify(b.submissions.failures)})` : ''}`);
  if (rows.length === 1) return;
  console.log('');
  printTable(rows);
}
const SUBMISSION_P99_GOAL = 250;

function printEmail(email: TEmailResult): void {
  console.log('');
  printTable([
    ['email', 'messages', 'wall', 'per second', 'p50', 'p95', 'p99', 'vs raw'],
    ['raw SMTP: nodemailer (pooled, 5) → SMTP sink', fmt(email.raw.count), `${fmt(email.raw.wallSeconds, 2)} s`, fmt(email.raw.perSecond, 1), `${fmt(email.raw.p50Ms, 1)} ms`, `${fmt(email.raw.p95Ms, 1)} ms`, `${fmt(email.raw.p99Ms, 1)} ms`, '1.00×'],
    ['our activity: sendRequestEmail → same sink', fmt(email.ours.count), `${fmt(email.ours.wallSeconds, 2)} s`, fmt(email.ours.perSecond, 1), `${fmt(email.ours.p50Ms, 1)} ms`, `${fmt(email.ours.p95Ms, 1)} ms`, `${fmt(email.ours.p99Ms, 1)} ms`, `${fmt(email.rateVsRaw, 2)}×`],
  ]);
  console.log(`• goal ≥ ${email.goal.rateVsRaw}× the raw rate: ${yesNo(email.goal.met)}; ${email.ours.concurrency} at a time; messages of ${fmt(email.averageMessageBytes / 1024, 1)} KiB on average; the sink accepted ${fmt(email.smtpAccepted)} in all (both runs and warm-ups)`);
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const machine = describeMachine();
  const cpus = machine.cpus;
  log(
    `fan-out ${fmt(options.entities)} (baseline ${fmt(options.baseline)}, ${options.concurrency} at a time), submissions ${fmt(options.submissions)} (${options.submitConcurrency} at a time), ` +
      `emails ${fmt(options.emails)}; Temporal: ${options.temporal}; ${cpus} CPUs, ${machine.memoryGiB} GiB; Node ${process.version}; load ${machine.loadAverage1m}`,
  );
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let current: TBackend | undefined;
  process.once('SIGINT', () => void Promise.resolve(current?.stop()).finally(() => process.exit(130)));

  const kinds: TBackend['kind'][] = options.temporal === 'dev' ? ['dev'] : options.temporal === 'postgres' ? ['dev', 'postgres'] : ['postgres'];
  const needsTemporal = !(options.skipBaseline && options.skipCycle && options.skipSubmissions);
  const backends: TBackendResult[] = [];
  if (needsTemporal) {
    const [ours, baseline] = await Promise.all([
      bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') }),
      bundleWorkflowCode({ workflowsPath: require.resolve('./bench-fixtures/empty-workflow'), logger: new DefaultLogger('WARN') }),
    ]);
    for (const kind of kinds) {
      current = await startBackend(kind, options);
      try {
        backends.push(await runTemporalScenarios(current, options, { ours, baseline }));
      } finally {
        await current.stop();
        current = undefined;
      }
    }
  }

  const email = options.skipEmail ? undefined : await benchEmail({ count: options.emails, concurrency: options.activitySlots, pgPool: options.pgPool, log });
  const dashboard = options.skipDashboard ? undefined : await benchDashboard({ entities: options.entities, log });
  const report = options.skipReport ? undefined : await benchReport({ entities: options.entities, log });

  for (const b of backends) printFanOut(b, cpus);
  printTemporalComparison(backends);
  if (email) printEmail(email);
  if (dashboard) {
    console.log('');
    printTable(dashboard.rows);
    for (const line of dashboard.notes) console.log(`• ${line}`);
  }
  if (report) {
    console.log('');
    printTable(report.rows);
    for (const line of report.notes) console.log(`• ${line}`);
  }

  const written = writeBenchResults({
    dir: options.out,
    startedAt,
    results: {
      version: BENCH_RESULTS_VERSION,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: ['npm', 'run', 'bench', '--', ...process.argv.slice(2)].join(' '),
      machine: { ...machine, loadAverage1mAtEnd: Math.round(os.loadavg()[0] * 100) / 100 },
      sizes: { entities: options.entities, baseline: options.baseline, concurrency: options.concurrency, submissions: options.submissions, submitConcurrency: options.submitConcurrency, emails: options.emails, activitySlots: options.activitySlots, pgPool: options.pgPool },
      temporal: backends.map((b) => ({
        temporal: b.temporal,
        label: b.label,
        detail: b.detail,
        fanOut: b.phases.map((p) => ({ name: p.name, count: p.count, unit: p.unit, wallSeconds: p.figures.wallSeconds, perSecond: p.count / p.figures.wallSeconds, events: p.events, largestHistory: p.largestHistory, smtpAccepted: p.smtpAccepted, peakRssMiB: p.figures.peakRssMiB, cores: p.figures.cores, persistence: p.figures.persistence })),
        fanOutNotes: b.cycleNotes,
        submissions: b.submissions,
      })),
      email,
      dashboard,
      report,
    },
  });
  console.log('');
  log(`figures written to ${path.relative(process.cwd(), written.latest)} and ${path.relative(process.cwd(), written.copy)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
