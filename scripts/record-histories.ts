/**
 * Records workflow histories for the replay test (test/workflows/replay.test.ts).
 *
 *   TZ=UTC npx tsx scripts/record-histories.ts               # every scenario
 *   TZ=UTC npx tsx scripts/record-histories.ts ladder        # only the named ones
 *   TZ=UTC npx tsx scripts/record-histories.ts --list
 *
 * Runs each scenario of SCENARIOS below on the Java time-skipping test server with the real worker,
 * PostgreSQL (as the tests: TEST_DATABASE_URL or the local server, see test/support/database.ts) and an
 * in-process SMTP server, drives it through the API to the end, and writes the history of every workflow
 * it names — each run, when a workflow continued as new — to test/workflows/histories/
 * `<scenario>__<workflow id with / as _>__run<N>.json.gz`: the JSON form the Temporal CLI and UI export
 * (test/support/history-json.ts), gzipped because a cycle's history is mostly its six-hourly progress
 * checks (about 1.4 MB of JSON for the ladder, 55 kB gzipped). `gunzip -k` one to read it. Files of the
 * scenarios recorded are replaced; others are left alone. (A plain `.json` history exported from the
 * Temporal UI or CLI can be dropped in beside them as well: the replay test reads both.)
 *
 * When to run it: after a change to workflows/ that running workflows must survive, record *before* the
 * change (on the old code) so the replay test proves the new code replays the old histories; put the
 * change behind `patched()` if it does not. After adding a feature, add a scenario that exercises it
 * and record it, so later changes are checked against it too.
 *
 * To add a scenario: add an entry to SCENARIOS. It gets the environment and the harness, opens its own
 * cycle (use a year and an opening instant after the previous scenarios': workflow time only moves
 * forward), drives it to completion and returns the ids of the workflows to record. Only workflows that
 * have finished are recorded.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { statusQuery } from '../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../test/support/app-harness';
import { workflowRuns } from '../test/support/history-bounds';
import { historyToJson } from '../test/support/history-json';
import {
  advanceTo,
  answers,
  formIndicators,
  isMailOf,
  linkIn,
  openCycle,
  plusMinutes,
  submitViaLink,
} from '../test/support/reporting-scenarios';
import { createTimeSkippingEnv } from '../test/support/temporal';

export const HISTORIES_DIR = path.join(__dirname, '..', 'test', 'workflows', 'histories');

interface ScenarioContext {
  env: TestWorkflowEnvironment;
  h: Harness;
}
/** Drives one story to its end; returns the ids of the workflows whose histories to keep. */
type Scenario = (ctx: ScenarioContext) => Promise<string[]>;

/** Opens a one-institution cycle at `openAt` (workflow time) and returns the link of its request email. */
async function openOne({ env, h }: ScenarioContext, { year, code, openAt, deadline }: { year: number; code: string; openAt: string; deadline: string }) {
  await advanceTo(env, openAt);
  await openCycle(h.baseUrl, { year, deadline, institutions: [code] });
  const [request] = await h.smtp.waitFor(isMailOf({ year, code }), { timeoutMs: 30_000 });
  return linkIn(request.parsed.text);
}

/** The request's next action once it is `kind` (the workflow records it right after each change). */
async function nextActionOf({ env }: ScenarioContext, workflowId: string, kind: string) {
  return eventually(async () => {
    const { nextAction } = await env.client.workflow.getHandle(workflowId).query(statusQuery);
    return nextAction?.kind === kind ? nextAction : undefined;
  }, { what: `${workflowId} to schedule ${kind}` });
}

const SCENARIOS: Record<string, Scenario> = {
  /** SEMAR never answers: request, four reminders, overdue, three escalations, NOT_REPORTED; the cycle closes. */
  async ladder(ctx) {
    const workflowId = 'request/2040/SEMAR';
    await openOne(ctx, { year: 2040, code: 'SEMAR', openAt: '2040-01-09T16:00:00.000Z', deadline: '2040-02-04' });
    const { cutoffAt } = await ctx.env.client.workflow.getHandle(workflowId).query(statusQuery);
    await advanceTo(ctx.env, plusMinutes(cutoffAt!, 1));
    return [workflowId, 'cycle/2040'];
  },

  /** SEMAR answers the day the request arrives: receipt, correction window, SUBMITTED; the cycle closes. */
  async 'submit-early'(ctx) {
    const workflowId = 'request/2041/SEMAR';
    const link = await openOne(ctx, { year: 2041, code: 'SEMAR', openAt: '2041-03-04T16:00:00.000Z', deadline: '2041-03-29' });
    await submitViaLink(link, { values: answers(await formIndicators(link)), narrative: 'Informe anual.', final: true });
    const windowEnds = await nextActionOf(ctx, workflowId, 'CORRECTION_WINDOW_ENDS');
    await advanceTo(ctx.env, plusMinutes(windowEnds.at, 1));
    return [workflowId, 'cycle/2041'];
  },

  /** SEMAR saves a draft, gets a reminder of what is missing, submits; SUBMITTED; the cycle closes. */
  async 'draft-then-final'(ctx) {
    const workflowId = 'request/2042/SEMAR';
    const link = await openOne(ctx, { year: 2042, code: 'SEMAR', openAt: '2042-01-20T16:00:00.000Z', deadline: '2042-02-13' });
    const indicators = await formIndicators(link);
    await submitViaLink(link, { values: answers(indicators.slice(0, 3)), final: false });
    const reminder = await nextActionOf(ctx, workflowId, 'REMINDER');
    await advanceTo(ctx.env, plusMinutes(reminder.at, 1));
    await submitViaLink(link, { values: answers(indicators), narrative: 'Informe completo.', final: true });
    const windowEnds = await nextActionOf(ctx, workflowId, 'CORRECTION_WINDOW_ENDS');
    await advanceTo(ctx.env, plusMinutes(windowEnds.at, 1));
    return [workflowId, 'cycle/2042'];
  },
};

/** File name of one run's history: `<scenario>__<workflow id, / as _>__run<N>.json.gz`. */
export function historyFileName(scenario: string, workflowId: string, run: number): string {
  return `${scenario}__${workflowId.replace(/\//g, '_')}__run${run}.json.gz`;
}

async function record(names: string[]): Promise<void> {
  if (process.env.TZ !== 'UTC') throw new Error('Run with TZ=UTC (workers refuse other zones): TZ=UTC npx tsx scripts/record-histories.ts');
  quietRuntime();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const env = await createTimeSkippingEnv();
  const h = await startHarness({ env });
  h.startWorker();
  try {
    for (const name of names) {
      const workflowIds = await SCENARIOS[name]({ env, h });
      for (const file of readdirSync(HISTORIES_DIR).filter((f) => f.startsWith(`${name}__`))) rmSync(path.join(HISTORIES_DIR, file));
      for (const workflowId of workflowIds) {
        const runs = await eventually(async () => {
          const all = await workflowRuns({ client: env.client, workflowId });
          return all.every((r) => r.closedBy) ? all : undefined;
        }, { what: `${workflowId} to finish`, timeoutMs: 60_000 });
        for (const [index, run] of runs.entries()) {
          const history = await env.client.workflow.getHandle(workflowId, run.runId).fetchHistory();
          const file = path.join(HISTORIES_DIR, historyFileName(name, workflowId, index + 1));
          writeFileSync(file, gzipSync(`${historyToJson(history)}\n`, { level: 9 }));
          console.log(`${path.relative(process.cwd(), file)}: ${run.events} events (${run.closedBy})`);
        }
      }
    }
  } finally {
    await h.close();
    await env.teardown();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    console.log(Object.keys(SCENARIOS).join('\n'));
    process.exit(0);
  }
  const unknown = args.filter((a) => !(a in SCENARIOS));
  if (unknown.length) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  record(args.length ? args : Object.keys(SCENARIOS)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
