/**
 * Runs a Worker as a separate OS process (test/support/worker-entry.ts), so a test can SIGKILL it in the
 * middle of an activity and start another one, as a crashed and replaced host would be.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workflowBundle } from './app-harness';

export interface WorkerProcessOptions {
  /** `host:port` of the Temporal server (`TestWorkflowEnvironment.address`). */
  temporalAddress: string;
  namespace?: string;
  taskQueue: string;
  databaseUrl: string;
  smtpPort: number;
  linkSigningSecret: string;
  publicBaseUrl: string;
  messageIdDomain?: string;
}

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker polls; rejects if the process ends first. */
  ready: Promise<void>;
  /** How the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM: drain and exit) and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
}

let bundleDir: Promise<string> | undefined;
/** The test file's workflow bundle, written once to a temporary file the worker processes load. */
async function bundlePath(): Promise<string> {
  bundleDir ??= workflowBundle().then(({ code }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nap1325-bundle-'));
    writeFileSync(path.join(dir, 'workflow-bundle.js'), code);
    return dir;
  });
  return path.join(await bundleDir, 'workflow-bundle.js');
}

/** Removes the bundle file written for the worker processes (call in `afterAll`, once they have ended). */
export async function removeWorkerBundle(): Promise<void> {
  const dir = await bundleDir?.catch(() => undefined);
  bundleDir = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Starts a worker process; wait on `ready` before relying on it. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const entry = path.join(__dirname, 'worker-entry.ts');
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), entry], {
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: options.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      DATABASE_URL: options.databaseUrl,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(options.smtpPort),
      LINK_SIGNING_SECRET: options.linkSigningSecret,
      PUBLIC_BASE_URL: options.publicBaseUrl,
      MAIL_MESSAGE_ID_DOMAIN: options.messageIdDomain ?? 'nap1325.test',
      MAIL_FROM: 'PNA-1325 <pna1325@test.local>',
      WORKFLOW_BUNDLE_PATH: await bundlePath(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready\n')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`worker process ended before it was ready (code ${code}, signal ${signal}):\n${output}`)));
  });
  ready.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return {
    pid: child.pid!,
    ready,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    output: () => output,
  };
}
