/**
 * Figures the bench's scenarios share: latency percentiles, throughput, and `inParallel` (a fixed number of
 * callers, each taking the next item as soon as its last one is done: the "C at a time" of every scenario).
 */
import { performance } from 'node:perf_hooks';

/** Latency of a run of calls, in ms, and its throughput. */
export interface TLatencySummary {
  count: number;
  concurrency: number;
  wallSeconds: number;
  /** Calls completed per second of wall time. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The `q`-quantile (0–1) of sorted samples, nearest rank (p99 of 100 samples is the 99th). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** Runs `task(i)` for i in 0..count-1, `concurrency` at a time. */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/**
 * Calls `call(i)` for i in 0..count-1, `concurrency` at a time, and times each call from its start to its
 * end (so a call's latency includes any queueing inside the system, not waiting for a free caller).
 */
export async function timedCalls(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<TLatencySummary> {
  const samples: number[] = [];
  const started = performance.now();
  await inParallel(count, concurrency, async (i) => {
    const t0 = performance.now();
    await call(i);
    samples.push(performance.now() - t0);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    count,
    concurrency,
    wallSeconds,
    perSecond: count / wallSeconds,
    p50Ms: percentile(samples, 0.5),
    p95Ms: percentile(samples, 0.95),
    p99Ms: percentile(samples, 0.99),
    maxMs: samples[samples.length - 1] ?? 0,
  };
}
