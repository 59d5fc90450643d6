/**
 * `npm run bench` writes its figures as JSON (scripts/bench-fixtures/bench-results.ts). A tiny run of the
 * one scenario that needs no Temporal server (email: 5 messages each way, on the real PostgreSQL and an SMTP
 * sink) checks the file's shape and where it goes; no figure is asserted, only that each is there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { percentile } from '../../scripts/bench-fixtures/bench-stats';

const root = path.resolve(__dirname, '..', '..');

describe('npm run bench', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nap1325-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes latest.json and a timestamped copy with the machine, the sizes and each scenario run', async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--only-email', '--emails', '5', '--out', dir], {
      cwd: root,
      env: { ...process.env, TZ: 'UTC' },
    });
    const latest = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8'));
    const copies = readdirSync(path.join(dir, 'runs'));
    expect(copies).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'runs', copies[0]), 'utf8'))).toEqual(latest);

    const figures = { count: 5, concurrency: 50, wallSeconds: expect.any(Number), perSecond: expect.any(Number), p50Ms: expect.any(Number), p95Ms: expect.any(Number), p99Ms: expect.any(Number), maxMs: expect.any(Number) };
    expect(latest).toMatchObject({
      version: 1,
      startedAt: expect.any(String),
      machine: { cpus: expect.any(Number), memoryGiB: expect.any(Number), node: process.version },
      sizes: { emails: 5 },
      temporal: [],
      email: { ours: figures, raw: figures, rateVsRaw: expect.any(Number), goal: { rateVsRaw: 0.8, met: expect.any(Boolean) } },
    });
    // Both runs and both warm-ups (5 messages each) reached the SMTP server.
    expect(latest.email.smtpAccepted).toBe(20);
    expect(latest.dashboard).toBeUndefined();
  }, 120_000);

  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(samples, 0.5), percentile(samples, 0.95), percentile(samples, 0.99), percentile(samples, 1)]).toEqual([50, 95, 99, 100]);
    expect(percentile([], 0.99)).toBe(0);
    expect(percentile([7], 0.5)).toBe(7);
  });
});
