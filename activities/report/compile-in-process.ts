import { fork } from 'node:child_process';
import path from 'node:path';
import type { CompileReportInput, CompileReportResult } from './compile-report-version';
import type { TCompileAnswer, TCompileFigures, TCompileRequest, TProcessError } from './report-compile-process';

/**
 * The compilation process's V8 heap: a ceiling on the old generation and a small young one. Measured at
 * 10,000 entities (README, "The annual report at 10,000 entities"): the live set peaks near 150 MB; with
 * these the process peaks under 512 MB and compiles in about the time it takes without them, where the
 * defaults let garbage pile up to 750 MB and more.
 */
export const REPORT_PROCESS_V8_FLAGS = ['--max-old-space-size=320', '--max-semi-space-size=8'] as const;

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
      env: { ...process.env, TZ: 'UTC' },
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
