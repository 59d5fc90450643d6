/**
 * One `schemathesis run <base>/openapi.json` against a running service, with a configuration file written
 * for it (credentials, and the path parameters that reach real records), its reports read back into
 * figures: requests made, their statuses, failures by check, answers with a 5xx or a stack trace.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { TFuzzTarget } from './fuzz-service';

/**
 * The checks run on every response: no 5xx; the status, media type, headers and body are those the
 * document describes for that operation.
 */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
] as const;

export type TFuzzOptions = {
  /** Test cases per operation and phase (`--max-examples`). */
  maxExamples: number;
  /** Schemathesis phases, e.g. `examples,coverage,fuzzing,stateful` (all when absent). */
  phases?: string;
  seed: number;
  /** Concurrent schemathesis workers. */
  workers: number;
  /** Where the reports go (a fresh temporary directory when absent, removed afterwards). */
  reportDir?: string;
};

/** What a run found. */
export type TFuzzSummary = {
  /** HTTP requests schemathesis made (every recorded interaction). */
  requests: number;
  /** Requests by response status. */
  statuses: Record<string, number>;
  /** Failed checks: its title (and code) → how many distinct failing cases, and on which operations. */
  failuresByCheck: Record<string, { count: number; operations: string[] }>;
  /** Answers with a status ≥ 500 (each also a `not_a_server_error` failure), as `METHOD url → status`. */
  serverErrors: string[];
  /** Answers whose body looks like a stack trace (`    at f (file:1:2)`), whatever their status. */
  stackTraces: string[];
  /** Errors of schemathesis itself (a schema it cannot read, a connection refused…). */
  errors: string[];
  exitCode: number;
  seconds: number;
};

/** The body of a stack trace as Node prints it. */
const STACK_LINE = /\n\s+at .+[(\s]\S+:\d+:\d+\)?/;

/** TOML of the run: credentials for both security schemes, and the parameters that reach real records. */
export function schemathesisConfig(target: TFuzzTarget): string {
  const q = (value: string | number) => JSON.stringify(String(value));
  return [
    '# Written by scripts/fuzz/run-schemathesis.ts for one run.',
    '[auth.openapi.bearerToken]',
    `bearer = ${q(target.token)}`,
    '[auth.openapi.linkToken]',
    `api_key = ${q(target.link.token)}`,
    // Every cycle and request route on a real cycle and request (a random year or code only finds 404).
    '[parameters]',
    `"path.year" = ${q(target.request.year)}`,
    `"path.institution" = ${q(target.request.institution)}`,
    `"path.code" = ${q(target.request.institution)}`,
    // The contact routes: the path the link was signed for (any other answers 403).
    '[[operations]]',
    'include-path-regex = "^/respond/"',
    `parameters = { "path.year" = ${q(target.link.year)}, "path.institution" = ${q(target.link.institution)} }`,
    // Closing the cycle would end the link's request: close the spare one, or (none given) none.
    '[[operations]]',
    'include-path = "/api/cycles/{year}/close"',
    target.closable ? `parameters = { "path.year" = ${q(target.closable.year)} }` : 'enabled = false',
    '',
  ].join('\n');
}

/**
 * Runs schemathesis (`executable`) against `target`, its console output passed to `output` line by line,
 * and returns the figures read from its NDJSON and JSON reports.
 */
export async function runSchemathesis({
  executable,
  target,
  options,
  output,
}: {
  executable: string;
  target: TFuzzTarget;
  options: TFuzzOptions;
  output: (line: string) => void;
}): Promise<TFuzzSummary> {
  const workDir = await mkdtemp(join(tmpdir(), 'nap1325-fuzz-'));
  const reportDir = options.reportDir ?? join(workDir, 'reports');
  const configFile = join(workDir, 'schemathesis.toml');
  await writeFile(configFile, schemathesisConfig(target));
  const args = [
    '--config-file', configFile,
    'run', `${target.baseUrl}/openapi.json`,
    '--checks', FUZZ_CHECKS.join(','),
    '--max-examples', String(options.maxExamples),
    '--seed', String(options.seed),
    '--workers', String(options.workers),
    ...(options.phases ? ['--phases', options.phases] : []),
    // Above the 40 s a report compilation or publication may keep its caller before answering 202.
    '--request-timeout', '60',
    '--report', 'json,ndjson',
    '--report-dir', reportDir,
    '--no-color',
    // The cases schemathesis remembers between runs would make two runs with the same seed differ.
    '--generation-database', 'none',
  ];
  const started = Date.now();
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(executable, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', output);
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const seconds = (Date.now() - started) / 1000;
    const files = await readdir(reportDir);
    const ndjson = files.find((f) => f.startsWith('ndjson'));
    const json = files.find((f) => f.startsWith('json'));
    if (!ndjson || !json) throw new Error(`schemathesis exited with ${exitCode} and wrote no report in ${reportDir} (${files.join(', ') || 'empty'})`);
    return { ...(await readInteractions(join(reportDir, ndjson))), ...readRunReport(await readFile(join(reportDir, json), 'utf8')), exitCode, seconds };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

type TInteraction = { request: { method: string; uri: string }; response?: { status_code: number; content?: { $base64?: string } | string | null } | null };

/** Every request of the NDJSON event stream, with what came back. */
async function readInteractions(file: string): Promise<Pick<TFuzzSummary, 'requests' | 'statuses' | 'serverErrors' | 'stackTraces'>> {
  const statuses: Record<string, number> = {};
  const serverErrors: string[] = [];
  const stackTraces: string[] = [];
  let requests = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const event = (JSON.parse(line) as { ScenarioFinished: { recorder?: { interactions?: Record<string, TInteraction> } } }).ScenarioFinished;
    for (const interaction of Object.values(event.recorder?.interactions ?? {})) {
      requests += 1;
      const status = interaction.response?.status_code;
      const key = status === undefined ? 'none' : String(status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      const what = `${interaction.request.method} ${interaction.request.uri.slice(0, 300)} → ${key}`;
      if (status !== undefined && status >= 500) serverErrors.push(what);
      const content = interaction.response?.content;
      const body = typeof content === 'string' ? content : content?.$base64 ? Buffer.from(content.$base64, 'base64').toString('utf8') : '';
      if (STACK_LINE.test(body)) stackTraces.push(`${what}: ${body.slice(0, 300)}`);
    }
  }
  return { requests, statuses, serverErrors, stackTraces };
}

/** The parts of schemathesis' JSON run report read here. */
const ZRunReport = z.object({
  failures: z.array(z.object({ code: z.string(), title: z.string(), count: z.number(), operations: z.array(z.string()) })).default([]),
  errors: z.array(z.unknown()).default([]),
});

/** Failures by check and schemathesis' own errors, from its JSON run report. */
function readRunReport(text: string): Pick<TFuzzSummary, 'failuresByCheck' | 'errors'> {
  const report = ZRunReport.parse(JSON.parse(text));
  const failuresByCheck: TFuzzSummary['failuresByCheck'] = {};
  for (const f of report.failures) failuresByCheck[`${f.title} (${f.code})`] = { count: f.count, operations: f.operations };
  const errors = report.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e).slice(0, 500)));
  return { failuresByCheck, errors };
}

/** The summary as a few lines for a person. */
export function formatSummary(summary: TFuzzSummary): string {
  const byStatus = Object.entries(summary.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const lines = [
    `requests made: ${summary.requests} in ${summary.seconds.toFixed(0)} s (${byStatus})`,
    `failures by check: ${Object.keys(summary.failuresByCheck).length ? '' : 'none'}`,
    ...Object.entries(summary.failuresByCheck).map(([check, f]) => `  ${check}: ${f.count} (${f.operations.join('; ')})`),
    `server errors (5xx): ${summary.serverErrors.length}`,
    ...summary.serverErrors.slice(0, 20).map((s) => `  ${s}`),
    `stack traces in answers: ${summary.stackTraces.length}`,
    ...summary.stackTraces.slice(0, 20).map((s) => `  ${s}`),
    ...(summary.errors.length ? [`schemathesis errors: ${summary.errors.length}`, ...summary.errors.slice(0, 20).map((e) => `  ${e}`)] : []),
    `schemathesis exit code: ${summary.exitCode}`,
  ];
  return lines.join('\n');
}

/** Whether the run found nothing: no failed check, no 5xx, no stack trace, no error, exit code 0. */
export function isClean(summary: TFuzzSummary): boolean {
  return summary.exitCode === 0 && summary.requests > 0 && !Object.keys(summary.failuresByCheck).length && !summary.serverErrors.length && !summary.stackTraces.length && !summary.errors.length;
}
