import { fork } from 'node:child_process';
import path from 'node:path';
import type { CompileReportInput, CompileReportResult } from './compile-report-version';
import type { TCompileAnswer, TCompileFigures, TCompileRequest, TProcessError } from './report-compile-process';

/**
 * The compilation process's V8 settings: a full collection between files (`--expose-gc`, called by the
 * process), a ceiling on the old generation, a small young one, and garbage collected on the main thread
 * only. Measured at 10,000 entities on this 2-core machine (README, "The annual report at 10,000
 * entities"): the live heap stays under 130 MB; with Node's defaults the process peaked at 510–570 MB of
 * garbage and allocator arenas, with these at 430–440 MB in about the same time (a 2 MB young generation
 * gave 425 MB but 32 s).
 */
export const REPORT_PROCESS_V8_FLAGS = ['--expose-gc', '--max-old-space-size=320', '--max-semi-space-size=4', '--single-threaded-gc'] as const;

/**
 * One malloc arena for the whole process (glibc makes one per thread otherwise: zlib's deflate on libuv's
 * threads and V8's helpers each kept their own, some 30–50 MB of peak memory that was free but not returned).
 */
const REPORT_PROCESS_ENV = { MALLOC_ARENA_MAX: '1' } as const;

/** Where the compilation process runs from, and on which database. */
export type TReportProcess = { databaseUrl: string };

/**
 * Thrown when the compilation failed inside its process: that error's name, message, code and meta (a
 * Prisma P2025 is still a P2025, a driver's SQLSTATE still there), so activities/classify-failure.ts
 * classifies it as it would in-process; the process's stack is kept as the cause.
 */
export class ReportProcessError extends Error {
  readonly code?: string;
  readonly meta?: unknown;
  constructor(error: TProcessError) {
    super(error.message, { cause: error.stack });
    this.name = error.name;
    this.code = error.code;
    this.meta = error.meta;
  }
}

/**
 * Compiles a version of the annual report in a process of its own (activities/report/report-compile-process.ts)
 * with the heap of {@link REPORT_PROCESS_V8_FLAGS}: what `compileReportVersion` does in-process, with the
 * same result, and the process's peak memory beside it. A failure inside comes back as a
 * {@link ReportProcessError} of the same name, message and code (a Prisma P2002 is still a P2002); a
 * process that dies (out of memory, killed) is an Error, and the activity retries it.
 */
export function compileReportVersionInProcess(
  process_: TReportProcess,
  input: CompileReportInput,
  { now, observe = false }: { now: Date; observe?: boolean },
): Promise<CompileReportResult & { figures: TCompileFigures }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'report-compile-process.ts'), [], {
      execArgv: ['--import', 'tsx', ...(process.env.REPORT_PROCESS_V8_FLAGS?.split(/\s+/).filter(Boolean) ?? REPORT_PROCESS_V8_FLAGS)],
      env: { ...REPORT_PROCESS_ENV, ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: TCompileAnswer | undefined;
    child.on('message', (m) => (answer = m as TCompileAnswer));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!answer) return reject(new Error(`the report compilation process ended without an answer (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      if (answer.ok) return resolve({ ...answer.result, figures: answer.figures });
      reject(new ReportProcessError(answer.error));
    });
    const request: TCompileRequest = { databaseUrl: process_.databaseUrl, input, now: now.toISOString(), observe };
    child.send(request);
  });
}
