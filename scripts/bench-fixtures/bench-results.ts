/**
 * Where `npm run bench` writes its figures: `bench-results/latest.json` (committed: the figures the
 * README's table shows come from it) and a copy named by the run's start time in `bench-results/runs/`
 * (git-ignored: a local history). `--out DIR` writes to another directory (the JSON-shape test does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bumped when the JSON's shape changes in a way a reader must know. */
export const BENCH_RESULTS_VERSION = 1;

export interface TMachine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** Load average over the last minute when the run started: other work on a shared machine. */
  loadAverage1m: number;
}

export function describeMachine(): TMachine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export const DEFAULT_RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench-results');

/** Writes `results` as `<dir>/latest.json` and `<dir>/runs/<startedAt>.json`; returns both paths. */
export function writeBenchResults({ dir = DEFAULT_RESULTS_DIR, startedAt, results }: { dir?: string; startedAt: Date; results: object }): { latest: string; copy: string } {
  const text = `${JSON.stringify(results, null, 2)}\n`;
  mkdirSync(path.join(dir, 'runs'), { recursive: true });
  const latest = path.join(dir, 'latest.json');
  const copy = path.join(dir, 'runs', `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(latest, text);
  writeFileSync(copy, text);
  return { latest, copy };
}
