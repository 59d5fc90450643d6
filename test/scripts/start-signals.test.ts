/**
 * `npm start` as a person or a process manager runs it: a real `npm` process starting the Temporal dev
 * server, PGlite, the mail catcher, the Worker and the API on free ports. SIGTERM or SIGINT sent to npm
 * must stop all of it, and a start that fails must stop what it had started; either way no port stays
 * taken and no process of the tree survives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPortFree } from '../../scripts/dev-services/bound-ports';
import { isAlive, watchTree, type TProcess } from '../support/process-tree';

const repoRoot = path.resolve(__dirname, '../..');
/** How long after the signal (or the failure) everything must be gone. */
const GONE_WITHIN_MS = 20_000;
const PORT_VARIABLES = ['HTTP_PORT', 'TEMPORAL_DEV_PORT', 'TEMPORAL_UI_PORT', 'EMBEDDED_DB_PORT', 'MAIL_CATCHER_PORT'] as const;
type TPorts = Record<(typeof PORT_VARIABLES)[number], number>;

type TRun = {
  npm: ChildProcess;
  ports: TPorts;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every process seen under npm so far. */
  tree(): TProcess[];
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
};

const runs: { run: TRun; stopWatching(): void; dataDir: string }[] = [];

/** Ports that were free a moment ago (the OS's choice), all different. */
async function freePorts(): Promise<TPorts> {
  const servers = await Promise.all(
    PORT_VARIABLES.map(
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = Object.fromEntries(PORT_VARIABLES.map((name, i) => [name, (servers[i].address() as net.AddressInfo).port])) as TPorts;
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Spawns `npm start` on `ports` (default: free ones) with a fresh DATA_DIR, and watches its process tree. */
async function startNpm({ ports: given, prepareDataDir }: { ports?: TPorts; prepareDataDir?: (dir: string) => void } = {}): Promise<TRun> {
  const ports = given ?? (await freePorts());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nap1325-start-'));
  prepareDataDir?.(dataDir);
  const npm = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: `http://localhost:${ports.HTTP_PORT}`,
      // Embedded everything, whatever the environment running the tests says.
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      SMTP_HOST: '',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  npm.stdout!.on('data', append);
  npm.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    npm.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  const watch = watchTree(npm.pid!);
  const run: TRun = {
    npm,
    ports,
    output: () => output,
    exited,
    tree: watch.seen,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) done(() => resolve());
          else if (npm.exitCode !== null || npm.signalCode !== null) done(() => reject(new Error(`npm start ended before printing ${pattern}:\n${output}`)));
        };
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output}`))), timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
  runs.push({ run, stopWatching: watch.stop, dataDir });
  return run;
}

/**
 * Polls until every port of the run (but those the test holds itself) is free and no process seen in its
 * tree lives, or `timeoutMs` passes; returns what is still there.
 */
async function waitUntilAllGone(
  run: TRun,
  { timeoutMs, heldByTest = [] }: { timeoutMs: number; heldByTest?: readonly string[] },
): Promise<{ takenPorts: string[]; survivors: TProcess[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const takenPorts: string[] = [];
    for (const variable of PORT_VARIABLES.filter((v) => !heldByTest.includes(v))) {
      if (!(await isPortFree({ host: '127.0.0.1', port: run.ports[variable] }))) takenPorts.push(`${variable} ${run.ports[variable]}`);
    }
    const survivors = run.tree().filter(isAlive);
    if ((takenPorts.length === 0 && survivors.length === 0) || Date.now() > deadline) return { takenPorts, survivors };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `promise`, or a rejection naming `what` after `ms`; the timer does not outlive it. */
async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(() => {
  // A failed test must not leave its servers behind for the next one.
  for (const { run, stopWatching, dataDir } of runs.splice(0)) {
    stopWatching();
    for (const p of run.tree().filter(isAlive)) process.kill(p.pid, 'SIGKILL');
    if (run.npm.exitCode === null && run.npm.signalCode === null) run.npm.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops everything on %s sent to npm: every port free, no process left', async (signal) => {
    const run = await startNpm();
    await run.waitForOutput(/\[nap1325\] ready:/, 100_000);

    // What the signal must stop: the service process and the Temporal dev server it spawned, on all five ports.
    const tree = run.tree();
    expect(tree.some((p) => /scripts\/start\.ts/.test(p.command))).toBe(true);
    expect(tree.some((p) => /temporal server start-dev/.test(p.command))).toBe(true);
    for (const variable of PORT_VARIABLES) expect(await isPortFree({ host: '127.0.0.1', port: run.ports[variable] })).toBe(false);

    const signalledAt = Date.now();
    run.npm.kill(signal);
    const { takenPorts, survivors } = await waitUntilAllGone(run, { timeoutMs: GONE_WITHIN_MS });
    const exit = await within(run.exited, 5_000, () => `npm still running after its tree ended:\n${run.output()}`);

    expect({ takenPorts, survivors: survivors.map((p) => p.command) }).toEqual({ takenPorts: [], survivors: [] });
    expect(Date.now() - signalledAt).toBeLessThan(GONE_WITHIN_MS);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain(`[nap1325] ${signal}: stopping…`);
    expect(run.output()).toContain('[nap1325] stopped.');
    expect(run.output()).not.toMatch(/Channel has been shut down|while stopping|Uncaught|Unhandled/i);
  });

  it('refuses to start when HTTP_PORT is taken, naming the variable, and leaves nothing running', async () => {
    const ports = await freePorts();
    const holder = net.createServer();
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.listen(ports.HTTP_PORT, '127.0.0.1', () => resolve());
    });
    try {
      const run = await startNpm({ ports });
      const exit = await within(run.exited, 60_000, () => `npm start still running:\n${run.output()}`);

      expect(exit.code).toBe(2);
      expect(run.output()).toContain(`HTTP_PORT ${run.ports.HTTP_PORT} is in use: set HTTP_PORT`);
      const { takenPorts, survivors } = await waitUntilAllGone(run, { timeoutMs: GONE_WITHIN_MS, heldByTest: ['HTTP_PORT'] });
      expect({ takenPorts, survivors: survivors.map((p) => p.command) }).toEqual({ takenPorts: [], survivors: [] });
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('stops the Temporal dev server it had started when a later step fails', async () => {
    // PGlite cannot create its data directory where a file is: the start fails after the dev server runs.
    const run = await startNpm({ prepareDataDir: (dir) => writeFileSync(path.join(dir, 'pglite'), 'not a directory') });
    const exit = await within(run.exited, 90_000, () => `npm start still running:\n${run.output()}`);

    expect(exit.code).toBe(1);
    expect(run.output()).toContain('start failed:');
    // The dev server did run (its banner is in the output; the process sampler may miss a short life).
    expect(/CLI [0-9.]+ \(Server/.test(run.output()) || run.tree().some((p) => /temporal server start-dev/.test(p.command))).toBe(true);
    const { takenPorts, survivors } = await waitUntilAllGone(run, { timeoutMs: GONE_WITHIN_MS });
    expect({ takenPorts, survivors: survivors.map((p) => p.command) }).toEqual({ takenPorts: [], survivors: [] });
  });
});
