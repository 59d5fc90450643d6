/**
 * The process that compiles one version of an annual report (activities/report/compile-in-process.ts
 * starts it): its own PostgreSQL connections, its own heap with a ceiling, and its memory returned to the
 * system when it exits — the worker's heap never holds a 10,000-entity snapshot or its files.
 *
 * Started as `node --import tsx report-compile-process.ts` with an IPC channel; receives one
 * {@link TCompileRequest}, answers one {@link TCompileAnswer}, and exits. It exits too if its parent goes
 * away (the channel closes): the compilation is idempotent by its key, and the activity's retry compiles
 * again or finds the version written.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createPrisma } from '../../prisma/client';
import { compileReportVersion, type CompileReportInput, type CompileReportResult } from './compile-report-version';

export type TCompileRequest = {
  databaseUrl: string;
  input: CompileReportInput;
  /** The parent's clock when it started the compilation (the version's `createdAt`). */
  now: string;
  /** Time each step and read the memory after it (the report bench). */
  observe: boolean;
};

/** How the compilation went, as the process measured it. */
export type TCompileFigures = {
  /** Peak resident memory of the process (VmHWM), MiB. */
  peakMiB: number;
  /** Milliseconds per step, in order (snapshot read, model compiled, each file rendered and stored); when observed. */
  steps: { step: string; ms: number }[];
  /** process.memoryUsage() after each step; when observed. */
  memory: string[];
};

export type TCompileAnswer =
  | { ok: true; result: CompileReportResult; figures: TCompileFigures }
  | { ok: false; error: TProcessError; figures: TCompileFigures };

/** An error of the compilation as it crosses the channel: what activities/classify-failure.ts reads of it. */
export type TProcessError = { name: string; message: string; code?: string; meta?: unknown; stack?: string };

const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
const peakMiB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function compile(request: TCompileRequest): Promise<TCompileAnswer> {
  const steps: TCompileFigures['steps'] = [];
  const memory: string[] = [];
  let last = performance.now();
  const gc = (globalThis as { gc?: () => void }).gc;
  const observe = (step: string) => {
    // A full collection between steps (the process runs with --expose-gc): each file's garbage goes before
    // the next file is made, instead of piling up to the heap's ceiling.
    gc?.();
    if (!request.observe) return;
    const now = performance.now();
    steps.push({ step, ms: now - last });
    const m = process.memoryUsage();
    memory.push(`${step}: rss ${mib(m.rss)}, heap ${mib(m.heapUsed)}/${mib(m.heapTotal)}, external+buffers ${mib(m.external)} MiB`);
    last = performance.now();
  };
  const prisma = createPrisma({ url: request.databaseUrl, maxConnections: 2 });
  try {
    const at = new Date(request.now);
    const result = await compileReportVersion({ prisma, clock: () => at, observe }, request.input);
    return { ok: true, result, figures: { peakMiB: peakMiB(), steps, memory } };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: unknown; meta?: unknown; stack?: string };
    return {
      ok: false,
      error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(typeof e?.code === 'string' ? { code: e.code } : {}), ...(e?.meta !== undefined ? { meta: JSON.parse(JSON.stringify(e.meta)) as unknown } : {}), stack: e?.stack },
      figures: { peakMiB: peakMiB(), steps, memory },
    };
  } finally {
    await prisma.$disconnect().catch(() => undefined);
  }
}

if (process.send) {
  process.on('disconnect', () => process.exit(1));
  process.once('message', (request: TCompileRequest) => {
    void compile(request).then((answer) => process.send!(answer, () => process.exit(0)));
  });
}
