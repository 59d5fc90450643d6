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
 * checks (about 3,000 events for the ladder, 45 kB gzipped). `gunzip -k` one to read it. Files of the
 * scenarios recorded are replaced; others are left alone. (A plain `.json` history exported from the
 * Temporal UI or CLI can be dropped in beside them as well: the replay test reads both.)
 *
 * The scenarios, in the order they run (each opens its own year, one to seven institutions): `ladder`
 * (no answer: reminders, escalations, cut-off), `submit-early` (and the annual report the cycle compiles),
 * `draft-then-final`, `extensions` (asked and rejected, asked and approved, granted unasked), `correction`
 * (a draft, the final submission, a correction and a repeat of it), `contacts-resend-exempt`, `close-early`
 * (the cycle's closeCycle update ends the open requests), `kickoff-opens` (the yearly kickoff sleeps until
 * its day and opens the cycle) and `kickoff-already-open` (the year was opened by hand; the kickoff, late,
 * does not sleep).
 *
 * Re-running it: every run starts its own test server and a fresh database, and the scenarios drive
 * workflow time to fixed instants, so a re-run records the same stories: two runs of all of them gave the
 * same commands (activities, timers, children, markers) in every history (about 2 minutes each on 2 cores).
 * The files still differ byte for byte — run ids, task queue, database ids, real-time stamps of activities —
 * and where completions and signals race a workflow task (a cycle's children ending, a request's outbox)
 * events may come in another order or batch, so a count can differ by a few (seen when a scenario is recorded
 * alone); the replay test depends on none of this. The activities' wall clock is real time, except where a
 * scenario sets it (the kickoff counts its deadline from it).
 *
 * Files named `v1-<scenario>__…` were recorded before the request workflow's handlers were serialized; they
 * replay through the frozen workflows/institution-request-v1.ts and are never re-recorded (this script
 * cannot produce them any more): keep them. Files named `v2-<scenario>__…` were recorded before the cycle
 * compiled the annual report (`patched('annual-report')` false: no `report/<year>` child); keep them too. Files
 * named `v3-<scenario>__…` were recorded before a request was opened in one activity (`openRequest`, behind
 * `patched('open-request-in-one-activity')`); keep them as well. Files named `v4-<scenario>__…` were recorded
 * before the cycle started its requests from an activity (`patched('start-requests-from-activity')`, requests
 * started at `codeVersion` 1); keep them too.
 *
 * When to run it: after a change to workflows/ that running workflows must survive, record *before* the
 * change (on the old code) so the replay test proves the new code replays the old histories; put the
 * change behind `patched()` if it does not. Re-recording replaces a scenario's files: when the code they
 * were recorded on has changed since (behind `patched()`), first keep them under a new prefix (`git mv` to
 * `v3-<scenario>__…`, and list them in the replay test's REQUIRED_SCENARIOS) — they are what proves that
 * running workflows still take the old branch. After adding a feature, add a scenario that exercises it
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
import { yearlyKickoffWorkflowId, type YearlyKickoffResult } from '../domain/schedule-types';
import { kickoffOfCycle } from '../domain/yearly-kickoff';
import { businessCalendar } from '../prisma/business-calendar';
import { statusQuery, yearlyCycleKickoff } from '../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../test/support/app-harness';
import { workflowRuns } from '../test/support/history-bounds';
import { historyToJson } from '../test/support/history-json';
import {
  advanceTo,
  answers,
  finishedResult,
  formIndicators,
  http,
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
  /**
   * Sets the activities' wall clock (real time by default, reset after each scenario) to read `iso` now and
   * run on from there: for activities that date what they do by it, such as the kickoff's deadline.
   */
  setClock(iso: string): void;
}
/** Drives one story to its end; returns the ids of the workflows whose histories to keep. */
type Scenario = (ctx: ScenarioContext) => Promise<string[]>;

/** Opens a one-institution cycle at `openAt` (workflow time) and returns the link of its request email. */
async function openOne({ env, h }: ScenarioContext, { year, code, openAt, deadline }: { year: number; code: string; openAt: string; deadline: string }) {
  await advanceTo(env, openAt);
  await openCycle(h.baseUrl, { year, deadline, institutions: [code] });
  const [request] = await h.smtp.waitFor(isMailOf({ year, code }), { timeoutMs: 30_000 });
  // The email leaves from inside the activity that opens the request: the workflow has its timeline a moment later.
  const workflowId = `request/${year}/${code}`;
  await eventually(async () => ((await env.client.workflow.getHandle(workflowId).query(statusQuery)).cutoffAt ? true : undefined), { what: `${workflowId} to load its timeline` });
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

  /**
   * SEMAR answers the day the request arrives: receipt, correction window, SUBMITTED; the cycle closes and
   * compiles its annual report (`report/2041`, kept too).
   */
  async 'submit-early'(ctx) {
    const workflowId = 'request/2041/SEMAR';
    const link = await openOne(ctx, { year: 2041, code: 'SEMAR', openAt: '2041-03-04T16:00:00.000Z', deadline: '2041-03-29' });
    await submitViaLink(link, { values: answers(await formIndicators(link)), narrative: 'Informe anual.', final: true });
    const windowEnds = await nextActionOf(ctx, workflowId, 'CORRECTION_WINDOW_ENDS');
    await advanceTo(ctx.env, plusMinutes(windowEnds.at, 1));
    return [workflowId, 'cycle/2041', 'report/2041'];
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

  /**
   * SEMAR asks for an extension twice: the secretariat rejects the first and approves the second; then it
   * grants one more unasked; SEMAR submits; the window ends.
   */
  async extensions(ctx) {
    const workflowId = 'request/2043/SEMAR';
    const link = await openOne(ctx, { year: 2043, code: 'SEMAR', openAt: '2043-01-09T16:00:00.000Z', deadline: '2043-02-03' });
    const extension = link.replace('?token=', '/extension?token=');
    const api = `/api/cycles/2043/requests/SEMAR`;
    await expectStatus(http(ctx.h.baseUrl, 'POST', extension, { deadline: '2043-02-17', reason: 'Cierre contable' }), 200);
    await expectStatus(http(ctx.h.baseUrl, 'POST', `${api}/extension-decision`, { approve: false, note: 'No procede' }), 200);
    await expectStatus(http(ctx.h.baseUrl, 'POST', extension, { deadline: '2043-02-24', reason: 'Sismo' }), 200);
    await expectStatus(http(ctx.h.baseUrl, 'POST', `${api}/extension-decision`, { approve: true, note: 'De acuerdo' }), 200);
    await expectStatus(http(ctx.h.baseUrl, 'POST', `${api}/extension`, { deadline: '2043-03-03', reason: 'Periodo vacacional' }), 200);
    const reminder = await nextActionOf(ctx, workflowId, 'REMINDER');
    await advanceTo(ctx.env, plusMinutes(reminder.at, 1));
    await submitViaLink(link, { values: answers(await formIndicators(link)), final: true });
    const windowEnds = await nextActionOf(ctx, workflowId, 'CORRECTION_WINDOW_ENDS');
    await advanceTo(ctx.env, plusMinutes(windowEnds.at, 1));
    return [workflowId, 'cycle/2043'];
  },

  /**
   * SEMAR saves a draft, submits, then corrects with a reason (and once more with the same content: no new
   * version); the window ends.
   */
  async correction(ctx) {
    const workflowId = 'request/2044/SEMAR';
    const link = await openOne(ctx, { year: 2044, code: 'SEMAR', openAt: '2044-03-07T16:00:00.000Z', deadline: '2044-04-01' });
    const indicators = await formIndicators(link);
    await submitViaLink(link, { values: answers(indicators.slice(0, 2)), final: false });
    await submitViaLink(link, { values: answers(indicators), final: true });
    const corrected = { values: answers(indicators).map((a) => (a.value === 3 ? { ...a, value: 4 } : a)), narrative: 'Corregido.', final: true, reason: 'Cifra mal capturada' };
    await expectStatus(http(ctx.h.baseUrl, 'POST', link, corrected), 201);
    await expectStatus(http(ctx.h.baseUrl, 'POST', link, corrected), 200);
    const windowEnds = await nextActionOf(ctx, workflowId, 'CORRECTION_WINDOW_ENDS');
    await advanceTo(ctx.env, plusMinutes(windowEnds.at, 1));
    return [workflowId, 'cycle/2044'];
  },

  /** The secretariat replaces SEMAR's primary contact, resends the request, then exempts SEMAR. */
  async 'contacts-resend-exempt'(ctx) {
    const workflowId = 'request/2045/SEMAR';
    await openOne(ctx, { year: 2045, code: 'SEMAR', openAt: '2045-01-16T16:00:00.000Z', deadline: '2045-02-10' });
    const api = `/api/cycles/2045/requests/SEMAR`;
    await expectStatus(http(ctx.h.baseUrl, 'PUT', `${api}/contacts`, { contacts: [{ role: 'PRIMARY', name: 'Nueva Enlace', email: 'nueva.enlace@semar.example.gob.mx' }] }), 200);
    await expectStatus(http(ctx.h.baseUrl, 'POST', `${api}/resend`, {}), 200);
    const reminder = await nextActionOf(ctx, workflowId, 'REMINDER');
    await advanceTo(ctx.env, plusMinutes(reminder.at, 1));
    await expectStatus(http(ctx.h.baseUrl, 'POST', `${api}/exempt`, { reason: 'Sin actividades en el periodo' }), 200);
    return [workflowId, 'cycle/2045'];
  },

  /** Two institutions: SEDENA submits, SRE does not; the secretariat closes the cycle early. */
  async 'close-early'(ctx) {
    await advanceTo(ctx.env, '2046-01-15T16:00:00.000Z');
    await openCycle(ctx.h.baseUrl, { year: 2046, deadline: '2046-02-09', institutions: ['SEDENA', 'SRE'] });
    const [sedena] = await ctx.h.smtp.waitFor(isMailOf({ year: 2046, code: 'SEDENA' }), { timeoutMs: 30_000 });
    await ctx.h.smtp.waitFor(isMailOf({ year: 2046, code: 'SRE' }), { timeoutMs: 30_000 });
    const link = linkIn(sedena.parsed.text);
    await submitViaLink(link, { values: answers(await formIndicators(link)), final: true });
    await nextActionOf(ctx, 'request/2046/SEDENA', 'CORRECTION_WINDOW_ENDS');
    await nextActionOf(ctx, 'request/2046/SRE', 'REMINDER');
    await expectStatus(http(ctx.h.baseUrl, 'POST', '/api/cycles/2046/close', { reason: 'Informe adelantado' }), 200);
    return ['request/2046/SEDENA', 'request/2046/SRE', 'cycle/2046'];
  },

  /**
   * The yearly kickoff of 2047, started before its day (as the schedule would be, a few days early): it
   * sleeps until the 2nd business day of January 2048 at 09:00 Mexico City, then opens `cycle/2047` with every
   * institution of the plan (seven); the secretariat closes it early so that it ends.
   */
  async 'kickoff-opens'(ctx) {
    const year = 2047;
    const { at } = await kickoffDay(ctx, year);
    await advanceTo(ctx.env, '2047-12-27T16:00:00.000Z');
    await startKickoff(ctx, year);
    // The deadline is counted from the activities' clock: it must read the kickoff's day, not today.
    ctx.setClock(at);
    await advanceTo(ctx.env, plusMinutes(at, 1));
    await expectOutcome(ctx, year, 'OPENED');
    await closeWhenLaddersRun(ctx, year);
    return [yearlyKickoffWorkflowId(year), `cycle/${year}`, `request/${year}/SEMAR`];
  },

  /**
   * The secretariat opens 2048 by hand (SEMAR only) on the kickoff's day; the kickoff, started after its time,
   * does not sleep and finds the year open (ALREADY_OPENED); the secretariat closes the cycle early.
   */
  async 'kickoff-already-open'(ctx) {
    const year = 2048;
    const { at } = await kickoffDay(ctx, year);
    await advanceTo(ctx.env, plusMinutes(at, 60));
    await openCycle(ctx.h.baseUrl, { year, deadline: '2049-02-05', institutions: ['SEMAR'] });
    await ctx.h.smtp.waitFor(isMailOf({ year, code: 'SEMAR' }), { timeoutMs: 30_000 });
    await startKickoff(ctx, year);
    await expectOutcome(ctx, year, 'ALREADY_OPENED');
    await closeWhenLaddersRun(ctx, year);
    return [yearlyKickoffWorkflowId(year), `cycle/${year}`];
  },
};

/** As the `yearly-cycle` schedule's action (domain/schedule-config defaults), for one cycle year. */
const kickoffInput = (year: number) => ({ businessDay: 2, time: '09:00', deadlineBusinessDays: 20, year, startedBy: 'recorder' });

/** When the kickoff of `year` opens it (the same rule and calendar as its planning activity). */
async function kickoffDay({ h }: ScenarioContext, year: number) {
  const { businessDay, time } = kickoffInput(year);
  return kickoffOfCycle({ year, calendar: await businessCalendar(h.prisma), businessDay, time });
}

/** Starts `kickoff/cycle/<year>` directly, as a backfill does (the time-skipping server has no schedules). */
async function startKickoff({ env, h }: ScenarioContext, year: number): Promise<void> {
  await env.client.workflow.start(yearlyCycleKickoff, { workflowId: yearlyKickoffWorkflowId(year), taskQueue: h.taskQueue, args: [kickoffInput(year)] });
}

/** Waits for the kickoff of `year` to end (read without unlocking the clock) and fails unless it did `outcome`. */
async function expectOutcome({ env }: ScenarioContext, year: number, outcome: YearlyKickoffResult['outcome']): Promise<void> {
  const workflowId = yearlyKickoffWorkflowId(year);
  const result = await eventually(
    () => finishedResult<typeof yearlyCycleKickoff>(env, workflowId).catch((err: unknown) => (String(err).includes('still running') ? undefined : Promise.reject(err))),
    { what: `${workflowId} to end`, timeoutMs: 60_000 },
  );
  if (result.outcome !== outcome) throw new Error(`${workflowId}: expected ${outcome}, got ${JSON.stringify(result)}`);
}

/** Closes the cycle of `year` early once each of its requests has sent its request and scheduled a reminder. */
async function closeWhenLaddersRun(ctx: ScenarioContext, year: number): Promise<void> {
  const requests = await eventually(async () => {
    const rows = await ctx.h.prisma.dataRequest.findMany({ where: { cycle: { year, kind: 'DATA' } }, select: { workflowId: true } });
    return rows.length ? rows : undefined;
  }, { what: `the requests of ${year}` });
  for (const { workflowId } of requests) await nextActionOf(ctx, workflowId, 'REMINDER');
  await expectStatus(http(ctx.h.baseUrl, 'POST', `/api/cycles/${year}/close`, { reason: 'Cierre anticipado' }), 200);
}

/** Awaits an API call and fails the recording unless it answered `status`. */
async function expectStatus(call: Promise<{ status: number; text: string }>, status: number): Promise<void> {
  const res = await call;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}

/** File name of one run's history: `<scenario>__<workflow id, / as _>__run<N>.json.gz`. */
export function historyFileName(scenario: string, workflowId: string, run: number): string {
  return `${scenario}__${workflowId.replace(/\//g, '_')}__run${run}.json.gz`;
}

async function record(names: string[]): Promise<void> {
  if (process.env.TZ !== 'UTC') throw new Error('Run with TZ=UTC (workers refuse other zones): TZ=UTC npx tsx scripts/record-histories.ts');
  quietRuntime();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const env = await createTimeSkippingEnv();
  let clockOffsetMs = 0;
  const h = await startHarness({ env, clock: () => new Date(Date.now() + clockOffsetMs) });
  const setClock = (iso: string) => {
    clockOffsetMs = Date.parse(iso) - Date.now();
  };
  h.startWorker();
  try {
    for (const name of names) {
      clockOffsetMs = 0;
      const workflowIds = await SCENARIOS[name]({ env, h, setClock });
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
