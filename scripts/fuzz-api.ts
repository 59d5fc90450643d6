/**
 * `npm run fuzz [-- options]`: schema-driven fuzzing of the whole HTTP API from its OpenAPI document
 * (issue 11 §5) with schemathesis (scripts/fuzz/schemathesis-venv.ts installs a pinned release from PyPI
 * into a cached virtual environment outside the repository). Every response is checked: no 5xx; its status,
 * media type, headers and body are those the document describes (scripts/fuzz/run-schemathesis.ts); and no
 * answer carries a stack trace.
 *
 * Without `--base-url` it starts the whole service (scripts/fuzz/fuzz-service.ts: Temporal dev server,
 * PostgreSQL, SMTP, worker, API with a secretariat token) and opens cycles so that a contact's signed link
 * exists. With `--base-url URL` it fuzzes a running service instead and needs `--token` (env FUZZ_TOKEN,
 * the secretariat's) and `--link` (env FUZZ_LINK, a contact's whole emailed link); the close route is then
 * left out unless `--closable-year` names a cycle that may be closed. The secretariat's request routes are
 * aimed at `--institution` (default SEMAR), never the link's, so that the link stays valid.
 *
 * Options: `--max-examples N` (test cases per operation and phase, default 20: about 4,000 requests),
 * `--phases examples,coverage,fuzzing,stateful` (default all), `--seed N` (default 20261130),
 * `--workers N` (default 1: with 2, schemathesis 4.32.5 on Python 3.11.7 failed twice with "AST constructor
 * recursion depth mismatch", a CPython race in hypothesis' lambda introspection), `--report-dir DIR` (keep
 * schemathesis' JSON and NDJSON reports), `--install-only` (create the virtual environment if missing, print the executable's path, and stop).
 *
 * Prints schemathesis' own output, then the figures: requests made (by status), failures by check, 5xx
 * answers, stack traces; and a last line `FUZZ_SUMMARY <json>` for programs. Exits 1 on any of them.
 */
process.env.TZ = 'UTC';

import { parseArgs } from 'node:util';
import { startFuzzService, type TFuzzService, type TFuzzTarget } from './fuzz/fuzz-service';
import { formatSummary, isClean, runSchemathesis } from './fuzz/run-schemathesis';
import { ensureSchemathesis } from './fuzz/schemathesis-venv';

const log = (message: string) => process.stderr.write(`[fuzz] ${message}\n`);

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number, not ${value}`);
  return n;
}

/** The target given on the command line: a running service, its token and a contact's link. */
function externalTarget(values: { 'base-url'?: string; token?: string; link?: string; institution?: string; 'closable-year'?: string }): TFuzzTarget {
  const token = values.token ?? process.env.FUZZ_TOKEN;
  const link = values.link ?? process.env.FUZZ_LINK;
  if (!token || !link) throw new Error('--base-url needs --token (or FUZZ_TOKEN) and --link (or FUZZ_LINK): the secretariat token and a contact link');
  const url = new URL(link);
  const match = /^\/respond\/(\d{4})\/([^/]+)$/.exec(url.pathname);
  const linkToken = url.searchParams.get('token');
  if (!match || !linkToken) throw new Error(`--link ${url.pathname}: expected …/respond/<year>/<institution>?token=…`);
  const year = Number(match[1]);
  return {
    baseUrl: values['base-url']!.replace(/\/+$/, ''),
    token,
    link: { year, institution: decodeURIComponent(match[2]), token: linkToken },
    request: { year, institution: values.institution ?? 'SEMAR' },
    ...(values['closable-year'] ? { closable: { year: positive('closable-year', values['closable-year'], 0) } } : {}),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      token: { type: 'string' },
      link: { type: 'string' },
      institution: { type: 'string' },
      'closable-year': { type: 'string' },
      'max-examples': { type: 'string' },
      phases: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      'report-dir': { type: 'string' },
      'install-only': { type: 'boolean' },
    },
  });
  const options = {
    maxExamples: positive('max-examples', values['max-examples'], 20),
    phases: values.phases,
    seed: positive('seed', values.seed, 20261130),
    workers: positive('workers', values.workers, 1),
    reportDir: values['report-dir'],
  };
  const executable = await ensureSchemathesis({ log });
  if (values['install-only']) {
    process.stdout.write(`${executable}\n`);
    return 0;
  }
  let service: TFuzzService | undefined;
  try {
    const target = values['base-url'] ? externalTarget(values) : (service = await startFuzzService({ log }));
    if (!target.closable) log('POST /api/cycles/{year}/close is left out: no cycle that may be closed (--closable-year)');
    log(`schemathesis run ${target.baseUrl}/openapi.json (max ${options.maxExamples} examples per operation and phase, seed ${options.seed})`);
    const summary = await runSchemathesis({ executable, target, options, output: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`\n${formatSummary(summary)}\n`);
    process.stdout.write(`FUZZ_SUMMARY ${JSON.stringify(summary)}\n`);
    return isClean(summary) ? 0 : 1;
  } finally {
    await service?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
