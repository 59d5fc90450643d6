/**
 * `npm run api`: the API as a process of its own, as a deployment that splits API and worker processes
 * runs it, against a real Temporal dev server, PostgreSQL and SMTP server: ready once all three answer,
 * the secretariat's routes behind its token, and SIGTERM stops it cleanly; a missing setting exits 2
 * naming each one.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher';
import { eventually } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase } from '../support/database';
import { createDevServerEnv } from '../support/temporal';

const repoRoot = path.resolve(__dirname, '../..');
const TOKEN = 'api-process-secretariat-token';

let env: TestWorkflowEnvironment;
let db: TTestDatabase;
let catcher: MailCatcher;

beforeAll(async () => {
  [env, db, catcher] = await Promise.all([createDevServerEnv(), createTestDatabase(), startMailCatcher()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([env?.teardown(), db?.drop(), catcher?.stop()]);
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

function startApi(extra: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/api-main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', LOG_LEVEL: 'warn', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

it('serves the API against external Temporal, PostgreSQL and SMTP, and stops on SIGTERM', async () => {
  const port = await freePort();
  const api = startApi({
    TEMPORAL_ADDRESS: env.address,
    DATABASE_URL: db.url,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(catcher.port),
    LINK_SIGNING_SECRET: 'x'.repeat(40),
    SECRETARIAT_TOKEN: TOKEN,
    HTTP_PORT: String(port),
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const ready = await eventually(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200 || undefined, { timeoutMs: 60_000, what: `the API process to be ready (${api.output()})` });
    expect(ready).toBe(true);
    const readiness = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, { status: string }> };
    expect(Object.keys(readiness.checks).sort()).toEqual(['database', 'smtp', 'temporal']);
    expect((await fetch(`${base}/api/cycles`)).status).toBe(401);
    const cycles = await fetch(`${base}/api/cycles`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(cycles.status).toBe(200);
    const page = await fetch(`${base}/sign-in`, { headers: { 'accept-language': 'es-MX' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('lang="es-MX"');
  } finally {
    api.child.kill('SIGTERM');
  }
  expect(await api.exited).toEqual({ code: 0, signal: null });
}, 120_000);

it('a missing setting exits with status 2 naming each one', async () => {
  const api = startApi({ TEMPORAL_ADDRESS: env.address });
  expect(await api.exited).toEqual({ code: 2, signal: null });
  for (const name of ['DATABASE_URL', 'SMTP_HOST', 'LINK_SIGNING_SECRET', 'SECRETARIAT_TOKEN']) expect(api.output()).toContain(`${name}: required by a standalone API`);
  expect(api.output()).not.toContain('TEMPORAL_ADDRESS: required');
}, 60_000);
