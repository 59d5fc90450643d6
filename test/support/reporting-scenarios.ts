/**
 * Shared moves of the reporting-ladder tests, the email tests and scripts/record-histories.ts: open a
 * cycle through the API, read the emails one institution received, answer through the emailed link, and
 * move the time-skipping server's clock to a given instant.
 *
 * About the two clocks: on the time-skipping server, workflow time jumps while activities, the API and
 * PostgreSQL keep the wall clock. The tests first move workflow time to a fixed instant years ahead
 * (`advanceTo`) — nothing is running yet, so the jump costs nothing — and open the cycle there, so every
 * reminder, escalation and cut-off falls on a date that can be written in the test and never goes stale.
 * The cycle's own record (`openedAt`, the request step) stays at the wall clock, which is earlier, so it
 * only makes the request email due at once.
 */
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Workflow, type WorkflowResultType } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AddressObject } from 'mailparser';
import type { PrismaClient } from '../../prisma/client';
import type { CaughtMessage, MailCatcher } from '../../scripts/mail-catcher';

/** One answer of the contact's form, as the API takes it. */
export type TAnswer = { indicator: string; breakdown?: 'TOTAL' | 'WOMEN' | 'MEN'; value: number | boolean | string | null; comment?: string };
/** An indicator as the form's JSON view lists it. */
export type TFormIndicator = { code: string; unit: string; disaggregation: string };

/**
 * How far past a target the clock may already be: while skipping is locked (between `advanceTo` calls,
 * and while an activity runs) the test server's clock still moves at wall-clock pace.
 */
const DRIFT_MS = 30_000;

/**
 * Moves the time-skipping server's clock forward to `iso`: timers due on the way fire, and the workflow
 * tasks and activities they cause finish, before the clock passes them (the server holds the clock while
 * any is outstanding). Throws if `iso` is more than a few seconds past: a test that depends on a fixed
 * date must not silently run late.
 */
export async function advanceTo(env: TestWorkflowEnvironment, iso: string): Promise<void> {
  const target = Date.parse(iso);
  if (!Number.isFinite(target)) throw new Error(`advanceTo: not an instant: ${iso}`);
  const now = await env.currentTimeMs();
  if (target <= now - DRIFT_MS) throw new Error(`advanceTo(${iso}): the test server is already at ${new Date(now).toISOString()}`);
  if (target > now) await env.sleep(target - now);
}

/**
 * The result of a workflow that has finished, read without touching the clock. Waiting on a result with
 * `env.client` unlocks time skipping until the result arrives, and the Java test server then jumps to the
 * next timer in its queue — which may be a timer of a workflow that has already finished, such as a
 * run's 10-year execution timeout — so the clock can leap years, past the fixed dates of later tests.
 * Tests therefore move the clock with {@link advanceTo} and read results with a plain client. Throws if
 * the workflow is still running.
 */
export async function finishedResult<T extends Workflow>(env: TestWorkflowEnvironment, workflowId: string): Promise<WorkflowResultType<T>> {
  const handle = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' }).workflow.getHandle<T>(workflowId);
  const { status } = await handle.describe();
  if (status.name === 'RUNNING') throw new Error(`${workflowId} is still running at ${await serverNow(env)}`);
  return handle.result();
}

/** Workflow time on the test server, as an ISO instant. */
export async function serverNow(env: TestWorkflowEnvironment): Promise<string> {
  return new Date(await env.currentTimeMs()).toISOString();
}

/** `iso` shifted by `minutes` (negative: earlier). */
export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** A JSON request to the API (or to an absolute URL, e.g. an emailed link). */
export async function http(baseUrl: string, method: string, path: string, body?: unknown) {
  const res = await fetch(path.startsWith('http') ? path : `${baseUrl}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any; // response bodies are asserted field by field
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Opens a cycle through the secretariat's route, as the dashboard does; throws unless it is accepted. */
export async function openCycle(
  baseUrl: string,
  body: { year: number; deadline: string; institutions?: string[]; policy?: Record<string, unknown> },
): Promise<{ year: number; workflowId: string; deadline: string }> {
  const res = await http(baseUrl, 'POST', '/api/cycles', { openedBy: 'secretariado@example.gob.mx', ...body });
  if (res.status !== 202) throw new Error(`POST /api/cycles answered ${res.status}: ${res.text}`);
  return res.json;
}

/** Whether an email belongs to one institution's request in one cycle (by its subject). */
export function isMailOf({ year, code }: { year: number; code: string }): (m: CaughtMessage) => boolean {
  const subject = new RegExp(`PNA-1325 ${year}\\b.*\\b${code}\\b|\\b${code}\\b.*PNA-1325 ${year}\\b`);
  return (m) => subject.test(m.parsed.subject ?? '');
}

/** The emails of one institution's request in one cycle, in the order the SMTP server accepted them. */
export function mailOf(smtp: MailCatcher, request: { year: number; code: string }): CaughtMessage[] {
  return smtp.messages.filter(isMailOf(request));
}

/** What kind of email a subject names (the Spanish subject line comes first). */
export function kindOf(m: CaughtMessage): 'REQUEST' | 'REMINDER' | 'ESCALATION' | 'RECEIPT' | 'DELIVERY_FAILURE' | 'OTHER' {
  const s = m.parsed.subject ?? '';
  if (/^PNA-1325 \d{4}: solicitud de información/.test(s)) return 'REQUEST';
  if (/^Recordatorio PNA-1325/.test(s)) return 'REMINDER';
  if (/^Escalamiento nivel \d/.test(s)) return 'ESCALATION';
  if (/^Acuse de recibo/.test(s)) return 'RECEIPT';
  if (/^Falla de entrega/.test(s)) return 'DELIVERY_FAILURE';
  return 'OTHER';
}

/** Lower-cased addresses of a parsed To/Cc header (empty when absent). */
export function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** A References header as a list. */
export function references(m: CaughtMessage): string[] {
  const r = m.parsed.references;
  return Array.isArray(r) ? r : r ? [r] : [];
}

/** The response link in an email's text. */
export function linkIn(text: string | undefined): string {
  const match = (text ?? '').match(/https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/);
  if (!match) throw new Error(`no response link in:\n${text}`);
  return match[0];
}

/** The institution's indicators as its contact sees them behind the link. */
export async function formIndicators(link: string): Promise<TFormIndicator[]> {
  const res = await http('', 'GET', link);
  if (res.status !== 200) throw new Error(`GET ${link} answered ${res.status}: ${res.text}`);
  return res.json.indicators;
}

/** A complete, valid answer for the given indicators. */
export function answers(indicators: readonly TFormIndicator[]): TAnswer[] {
  return indicators.flatMap((i): TAnswer[] => {
    if (i.unit === 'YES_NO') return [{ indicator: i.code, value: true }];
    if (i.unit === 'TEXT') return [{ indicator: i.code, value: 'Se realizaron dos campañas.' }];
    if (i.unit === 'PERCENTAGE') return [{ indicator: i.code, value: 17.5 }];
    if (i.disaggregation === 'SEX') {
      return [
        { indicator: i.code, breakdown: 'TOTAL', value: 40 },
        { indicator: i.code, breakdown: 'WOMEN', value: 25 },
        { indicator: i.code, breakdown: 'MEN', value: 15 },
      ];
    }
    return [{ indicator: i.code, value: 3 }];
  });
}

/** Posts values through an emailed link (`final: false` saves a draft); throws unless it is taken. */
export async function submitViaLink(link: string, body: { values: TAnswer[]; final: boolean; narrative?: string }) {
  const res = await http('', 'POST', link, body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${link} answered ${res.status}: ${res.text}`);
  return res.json as { status: string; version: number; duplicate: boolean; kind: string };
}

/** The institution's active contacts by role, and the working group's secretariat, from the record. */
export async function contactsOf(prisma: PrismaClient, code: string) {
  const own = await prisma.contact.findMany({ where: { institution: { code }, active: true } });
  const one = (role: string) => {
    const found = own.filter((c) => c.role === role);
    if (found.length !== 1) throw new Error(`${code} has ${found.length} active ${role} contacts; the tests expect one`);
    return found[0].email.toLowerCase();
  };
  const secretariat = await prisma.contact.findMany({ where: { role: 'SECRETARIAT', active: true } });
  if (secretariat.length !== 1) throw new Error(`expected one active SECRETARIAT contact, found ${secretariat.length}`);
  return { primary: one('PRIMARY'), alternate: one('ALTERNATE'), liaisonHead: one('LIAISON_HEAD'), secretariat: secretariat[0].email.toLowerCase() };
}

/**
 * Terminates whatever is still running of a cycle (its workflow and its requests), so a failed or
 * unfinished test leaves no timers that would fire, and cost time, while the next test skips ahead.
 */
export async function terminateCycle(client: Client, prisma: PrismaClient, year: number): Promise<void> {
  const requests = await prisma.dataRequest.findMany({ where: { cycle: { year } }, select: { workflowId: true } });
  const ids = [`cycle/${year}`, ...requests.map((r) => r.workflowId)];
  await Promise.all(
    ids.map(async (id) => {
      const handle = client.workflow.getHandle(id);
      const running = await handle
        .describe()
        .then((d) => d.status.name === 'RUNNING')
        .catch(() => false);
      if (running) await handle.terminate('test cleanup').catch(() => undefined);
    }),
  );
}

/** One scheduled activity of a workflow's history, as the server recorded it. */
export interface ActivityRun {
  /** The activity's input (its one argument). */
  input: any; // asserted field by field
  /** The attempt that ended it (the server records the last attempt's start). */
  attempt: number;
  outcome: 'completed' | 'failed' | 'timedOut' | 'canceled' | 'open';
  result?: any;
}

/**
 * The activities of type `activityType` in a workflow's history (current run), in the order scheduled. For
 * `sendRequestEmail`, the data-request email sent from inside `openRequest` (requests opened in one activity,
 * workflows/request-run.ts) counts as a run of its own: its input is the email, its result the email's outcome
 * (an `openRequest` that handed the email to the outbox is left out: the outbox's `sendRequestEmail` follows).
 */
export async function activityRuns(client: Client, workflowId: string, activityType: string): Promise<ActivityRun[]> {
  if (activityType === 'sendRequestEmail') {
    const [opened, sent] = await Promise.all([rawActivityRuns(client, workflowId, 'openRequest'), rawActivityRuns(client, workflowId, activityType)]);
    const emails = opened
      .filter((r) => !(r.outcome === 'completed' && r.result?.email === undefined))
      .map((r) => ({ ...r, input: r.input.email, result: r.result?.email }));
    return [...emails, ...sent];
  }
  return rawActivityRuns(client, workflowId, activityType);
}

async function rawActivityRuns(client: Client, workflowId: string, activityType: string): Promise<ActivityRun[]> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const decode = (payloads: { payloads?: unknown[] | null } | null | undefined) =>
    payloads?.payloads?.[0] ? defaultPayloadConverter.fromPayload(payloads.payloads[0] as never) : undefined;
  const runs = new Map<string, ActivityRun>();
  for (const event of events) {
    const id = String(event.eventId);
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled && scheduled.activityType?.name === activityType) runs.set(id, { input: decode(scheduled.input), attempt: 0, outcome: 'open' });
    const started = event.activityTaskStartedEventAttributes;
    if (started && runs.has(String(started.scheduledEventId))) runs.get(String(started.scheduledEventId))!.attempt = started.attempt ?? 0;
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed && runs.has(String(completed.scheduledEventId))) Object.assign(runs.get(String(completed.scheduledEventId))!, { outcome: 'completed', result: decode(completed.result) });
    const failed = event.activityTaskFailedEventAttributes;
    if (failed && runs.has(String(failed.scheduledEventId))) runs.get(String(failed.scheduledEventId))!.outcome = 'failed';
    const timedOut = event.activityTaskTimedOutEventAttributes;
    if (timedOut && runs.has(String(timedOut.scheduledEventId))) runs.get(String(timedOut.scheduledEventId))!.outcome = 'timedOut';
    const canceled = event.activityTaskCanceledEventAttributes;
    if (canceled && runs.has(String(canceled.scheduledEventId))) runs.get(String(canceled.scheduledEventId))!.outcome = 'canceled';
  }
  return [...runs.values()];
}
