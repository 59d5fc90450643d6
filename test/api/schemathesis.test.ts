/**
 * The short run of `npm run fuzz` (scripts/fuzz-api.ts), as a person runs it: the script in a process of
 * its own, starting the whole service (Temporal dev server, PostgreSQL, SMTP, worker, API with a secretariat
 * token and a contact's signed link) and running schemathesis against /openapi.json with a small budget:
 * one example per operation and a few generated cases each (positive and negative), about 160 requests.
 * Asserted: it made them, and found no 5xx, no response the document does not describe (status, media type,
 * headers, body), no stack trace. The long run (thousands of requests, every phase) is `npm run fuzz`.
 *
 * Schemathesis lives in a virtual environment cached outside the repository; a fresh machine creates it
 * here (python3 -m venv, pip install from PyPI: about half a minute).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TFuzzSummary } from '../../scripts/fuzz/run-schemathesis';
import { ensureSchemathesis } from '../../scripts/fuzz/schemathesis-venv';

const repoRoot = path.resolve(__dirname, '../..');

beforeAll(async () => {
  await ensureSchemathesis({ log: () => undefined });
}, 15 * 60_000);

/** Runs `scripts/fuzz-api.ts` with `args`; resolves with its exit code and output. */
function runFuzzScript(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fuzz-api.ts', ...args], { cwd: repoRoot, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('a short schemathesis run over every operation finds no 5xx, no undocumented answer, no stack trace', async () => {
  const { code, output } = await runFuzzScript(['--max-examples', '2', '--phases', 'examples,fuzzing', '--workers', '1']);
  const line = output.split('\n').find((l) => l.startsWith('FUZZ_SUMMARY '));
  if (!line) throw new Error(`no summary from scripts/fuzz-api.ts (exit ${code}):\n${output.slice(-4_000)}`);
  const summary = JSON.parse(line.slice('FUZZ_SUMMARY '.length)) as TFuzzSummary;
  console.log(`schemathesis (short): ${summary.requests} requests in ${summary.seconds.toFixed(0)} s, statuses ${JSON.stringify(summary.statuses)}`);
  const report = output.slice(0, output.indexOf('FUZZ_SUMMARY ')).slice(-6_000);
  expect({ failuresByCheck: summary.failuresByCheck, serverErrors: summary.serverErrors, stackTraces: summary.stackTraces, errors: summary.errors, report: summary.exitCode === 0 ? '' : report }).toEqual({
    failuresByCheck: {},
    serverErrors: [],
    stackTraces: [],
    errors: [],
    report: '',
  });
  expect(code).toBe(0);
  expect(summary.requests).toBeGreaterThanOrEqual(100);
  // It reached the handlers: some requests were accepted, some refused as bad input.
  expect(Object.keys(summary.statuses)).toEqual(expect.arrayContaining(['200', '400']));
}, 5 * 60_000);
