/**
 * `npm run worker` (worker/main.ts) as a real process against the Temporal dev server, PostgreSQL and
 * SMTP: its logs are JSON lines on stdout, those of activities carry the workflow id, and with
 * TEMPORAL_METRICS_BIND_ADDRESS the Temporal runtime serves Prometheus text there. A taken address stops
 * it with status 2 and one line naming the variable.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { createDevServerEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
let h: Harness;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
const year = Number(deadline.slice(0, 4));
const root = path.resolve(__dirname, '../..');

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  // The harness's API and database; its own in-process Worker is never started: the process below polls.
  h = await startHarness({ env });
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `npm run worker` without npm: the same `node --import tsx worker/main.ts`, configured for the harness. */
function startWorker(extra: Record<string, string>): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: h.taskQueue,
      DATABASE_URL: h.databaseUrl,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(h.smtp.port),
      LINK_SIGNING_SECRET: h.deps.config.linkSigningSecret,
      PUBLIC_BASE_URL: h.baseUrl,
      MAIL_MESSAGE_ID_DOMAIN: 'nap1325.test',
      MAIL_FROM: 'PNA-1325 <pna1325@test.local>',
      LOG_LEVEL: 'info',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

it('logs JSON lines with workflow ids and serves the Temporal runtime metrics', async () => {
  const port = await freePort();
  const worker = startWorker({ TEMPORAL_METRICS_BIND_ADDRESS: `127.0.0.1:${port}` });
  try {
    const lines = () =>
      worker
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            throw new Error(`not a JSON line on the worker's stdout: ${line}`);
          }
        });
    await eventually(async () => (lines().some((l) => l.msg === 'Worker state changed' && l.state === 'RUNNING') ? true : undefined), {
      timeoutMs: 90_000,
      what: `the worker to run (stdout: ${worker.stdout()} stderr: ${worker.stderr()})`,
    });

    const opened = await fetch(`${h.baseUrl}/api/cycles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year, deadline, institutions: ['SRE'] }),
    });
    expect(opened.status).toBe(202);
    await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { timeoutMs: 60_000 });

    const sent = await eventually(async () => lines().find((l) => l.msg === 'email sent' && l.workflowId === `request/${year}/SRE`), { what: 'the "email sent" line' });
    expect(sent).toMatchObject({
      level: 30,
      time: expect.any(Number),
      pid: worker.child.pid,
      hostname: expect.any(String),
      sdkComponent: 'activity',
      workflowType: 'institutionRequest',
      // The request opens in one activity (timeline, status, email: patched('open-request-in-one-activity')).
      activityType: 'openRequest',
      taskQueue: h.taskQueue,
      kind: 'REQUEST',
      stepKey: 'request',
    });
    expect(Math.abs(Date.now() - (sent.time as number))).toBeLessThan(120_000);
    // Every line is one JSON object with a level, a time and a message.
    for (const line of lines()) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });

    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^# (HELP|TYPE) temporal_/m);
    // The worker's polls and the activity it ran, by type.
    expect(text).toMatch(/^temporal_request\{.*\} \d+/m);
    expect(text).toMatch(/^temporal_activity_execution_latency_count\{.*activity_type="openRequest".*\} [1-9]/m);
    expect(text).toMatch(/^temporal_workflow_task_execution_latency_count\{.*workflow_type="institutionRequest".*\} [1-9]/m);
  } finally {
    worker.child.kill('SIGTERM');
  }
  // SIGTERM: the Worker drains and the process ends cleanly.
  expect(await worker.exited).toBe(0);
  expect(worker.stderr()).toBe('');
}, 180_000);

it('stops with status 2 naming TEMPORAL_METRICS_BIND_ADDRESS when its address is taken', async () => {
  const held = net.createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', () => resolve()));
  const address = `127.0.0.1:${(held.address() as net.AddressInfo).port}`;
  try {
    const worker = startWorker({ TEMPORAL_METRICS_BIND_ADDRESS: address });
    expect(await worker.exited).toBe(2);
    expect(worker.stderr().trim()).toBe(`TEMPORAL_METRICS_BIND_ADDRESS ${address} is in use: set TEMPORAL_METRICS_BIND_ADDRESS to a free address (the Worker's Temporal metrics endpoint listens there)`);
  } finally {
    await new Promise<void>((resolve) => held.close(() => resolve()));
  }
}, 60_000);
