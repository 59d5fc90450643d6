/**
 * What happens to a request between the data-request email and its end, driven as people drive it:
 * the agency contact through the signed link (/respond/…), the secretariat through /api/…. One
 * time-skipping Temporal server, real PostgreSQL and SMTP; time is skipped with `env.sleep()`.
 *
 * Time is global to the server, so the file is one story in chronological order over three cycles:
 * D's year (all seven institutions, deadline D = 15 business days from today), the year before (SEDENA and
 * SRE, closed early) and the one before that (SRE, a known lost-wake-up bug). Each institution of D's year
 * plays one scenario:
 *
 * | SEDENA    | draft → final → correction in the window → correction after it (409) |
 * | SEMAR     | contact asks for an extension, the secretariat approves: new deadline, new reminders |
 * | SSPC      | contact asks for an extension, the secretariat rejects: escalation on the old timeline |
 * | INMUJERES | the secretariat grants an extension directly |
 * | UNWOMEN   | primary contact replaced between two reminders |
 * | CECOPAM   | exempted: told why, then no more emails |
 * | SRE       | a draft, then the secretariat resends the request (threaded, missing indicators only) |
 *
 * Workflow time skips while activities run on the wall clock: emails' Date headers and audit rows carry
 * wall time, so instants are checked on the workflow's own history (status route) and step keys.
 * Regressions of bugs found here (lost wake-up, extension to a past date, refusal wording) have tests of their own.
 */
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import pg from 'pg';
import type { CaughtMessage } from '../../scripts/mail-catcher';
import { createBusinessCalendar, DEFAULT_ZONE } from '../../domain/business-calendar';
import { formatDay } from '../../domain/day-text';
import { formatDeadline } from '../../domain/deadline-text';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { createTimeSkippingEnv } from '../support/temporal';

const calendar = createBusinessCalendar({ zone: DEFAULT_ZONE });
const today = DateTime.now().setZone(DEFAULT_ZONE).toISODate()!;
/** The cycle's deadline: 15 business days away, so reminder-10 falls after the day the cycle opens. */
const D = calendar.addBusinessDays(today, 15);
/** Cycles report on a year whose deadline falls in it or up to two years after: the three years up to D's. */
const YEAR = Number(D.slice(0, 4));
const CLOSED_YEAR = YEAR - 1;
/** A cycle of its own for the known lost-wakeup bug (see the end of the phase before time skips). */
const LOST_WAKEUP_YEAR = YEAR - 2;
/** SEMAR's approved extension: its reminder-1 (D+4) comes after the old escalation-1 (D+3). */
const SEMAR_DEADLINE = calendar.addBusinessDays(D, 5);
/** What SSPC asks for (and is refused). */
const SSPC_ASKED = calendar.addBusinessDays(D, 8);
/** What the secretariat grants INMUJERES unasked. */
const INMUJERES_DEADLINE = calendar.addBusinessDays(D, 10);
const at9 = (date: string) => calendar.instantAt(date, '09:00');
const endOf = (date: string) => calendar.endOfDay(date);
const spelled = (date: string) => formatDeadline({ at: endOf(date), locale: 'es-MX' });

const SECRETARIAT = 'secretariado.gti1325@example.gob.mx';
const primary = (mailbox: string, domain = 'example.gob.mx') => `enlace.${mailbox}@${domain}`;
const alternate = (mailbox: string, domain = 'example.gob.mx') => `suplente.${mailbox}@${domain}`;
const NEW_UNWOMEN_PRIMARY = 'nueva.enlace@onumujeres.example.org';

let env: TestWorkflowEnvironment;
let h: Harness;
/** A client without time skipping, to wait on a result without moving every other workflow's clock. */
let plainClient: Client;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
  plainClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

type Res = { status: number; json: any; type: string };

async function http(method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(path.startsWith('http') ? path : `${h.baseUrl}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, type: res.headers.get('content-type') ?? '' };
}

const api = (year: number, code: string, action = '') => `/api/cycles/${year}/requests/${code}${action}`;
const detail = async (code: string, year = YEAR) => (await http('GET', api(year, code))).json;

/** Emails of `year` whose envelope (to or cc) includes `address`, in arrival order. */
function inbox(address: string, year = YEAR): CaughtMessage[] {
  return h.smtp.messages.filter((m) => m.envelope.to.includes(address) && (m.parsed.subject ?? '').includes(`PNA-1325 ${year}`));
}

/** What a person sees first in the subject line, as a short label. */
function label(m: CaughtMessage): string {
  const s = m.parsed.subject ?? '';
  if (/solicitud de información/.test(s)) return 'request';
  if (/^Recordatorio/.test(s)) return 'reminder';
  if (/^Escalamiento nivel (\d)/.test(s)) return `escalation-${/nivel (\d)/.exec(s)![1]}`;
  if (/^Acuse de recibo/.test(s)) return 'receipt';
  if (/solicita una prórroga/.test(s)) return 'extension-requested';
  if (/: prórroga de /.test(s)) return 'extension-decision';
  if (/queda exenta del ciclo/.test(s)) return 'exempted';
  if (/el ciclo se cerró/.test(s)) return 'closed';
  return s;
}

const toLine = (m: CaughtMessage) => (Array.isArray(m.parsed.to) ? m.parsed.to : [m.parsed.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);
const ccLine = (m: CaughtMessage) => (Array.isArray(m.parsed.cc) ? m.parsed.cc : m.parsed.cc ? [m.parsed.cc] : []).flatMap((a) => a.value.map((v) => v.address));

function linkIn(m: CaughtMessage): string {
  const match = /https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/.exec(m.parsed.text ?? '');
  if (!match) throw new Error(`no response link in "${m.parsed.subject}"`);
  return match[0];
}

const extensionLink = (link: string) => link.replace('?token=', '/extension?token=');

/** Skips workflow time to `instant` (every timer on the way fires, in order). */
async function skipTo(instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

type Indicator = { code: string; textEs: string; textEn: string; unit: string; disaggregation: string };
type Value = { indicator: string; breakdown?: string; value: unknown };

/** A complete, valid answer; `n` varies the numbers so two answers differ. */
function answers(indicators: Indicator[], n = 3): Value[] {
  return indicators.flatMap((i): Value[] => {
    if (i.unit === 'TEXT') return [{ indicator: i.code, value: `Se realizaron ${n} campañas.` }];
    if (i.disaggregation === 'SEX') {
      return [
        { indicator: i.code, breakdown: 'TOTAL', value: 10 * n },
        { indicator: i.code, breakdown: 'WOMEN', value: 6 * n },
        { indicator: i.code, breakdown: 'MEN', value: 4 * n },
      ];
    }
    return [{ indicator: i.code, value: n }];
  });
}

/** The request's own history (workflow time), from the request detail route while it runs. */
async function history(code: string): Promise<{ at: string; event: string; detail?: string }[]> {
  return (await detail(code)).workflow?.history ?? [];
}

/**
 * Waits until a request has ended: its record says so and its workflow has completed. (The record is
 * written a moment before the workflow returns; in between, updates still reach its validators.)
 */
async function ended(code: string, year = YEAR): Promise<any> {
  return eventually(async () => {
    const row = await detail(code, year);
    if (!row.endedAt) return undefined;
    const described = await env.client.workflow.getHandle(row.workflowId).describe();
    return described.status.name === 'COMPLETED' ? row : undefined;
  }, { what: `the ${year} request of ${code} to end` });
}

/** The kinds of a workflow's last history events, oldest first (`timerStarted`, `activityTaskScheduled`…). */
async function lastEvents(workflowId: string, n: number): Promise<string[]> {
  const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
  return (events ?? []).slice(-n).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes'))?.replace('EventAttributes', '') ?? '?');
}

/**
 * Waits until a request's workflow is idle, waiting on its next timer: no activity pending (emails go out
 * from the workflow's outbox after its timer has started), no workflow task pending, and a timer open.
 * Used before moving the clock, so a step's emails are counted at the instant they were due.
 */
async function idle(workflowId: string): Promise<void> {
  let tail: string[] = [];
  await eventually(async () => {
    const handle = env.client.workflow.getHandle(workflowId);
    const { raw } = await handle.describe();
    if ((raw.pendingActivities?.length ?? 0) > 0 || raw.pendingWorkflowTask) return undefined;
    const { events } = await handle.fetchHistory();
    tail = (events ?? []).slice(-12).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes'))?.replace('EventAttributes', '') ?? '?');
    const count = (kind: string) => (events ?? []).filter((e) => Object.keys(e).some((k) => k === `${kind}EventAttributes`)).length;
    return count('timerStarted') > count('timerFired') + count('timerCanceled') ? true : undefined;
  }, { what: `${workflowId} to wait on its next timer` }).catch((err: Error) => {
    throw new Error(`${err.message}; last events: ${tail.join(' → ')}`);
  });
}

/** The cycle workflow's result, waited for without skipping time; fails with its last events if it is late. */
async function cycleResult(year: number, timeoutMs = 60_000): Promise<unknown> {
  const handle = plainClient.workflow.getHandle(`cycle/${year}`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void handle
        .fetchHistory()
        .then(({ events }) => events?.slice(-8).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes'))).join(', '))
        .then((last) => reject(new Error(`cycle/${year} did not complete within ${timeoutMs} ms; last events: ${last}`)), reject);
    }, timeoutMs);
  });
  try {
    return await Promise.race([handle.result(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Step keys of the emails of a kind that were sent for a request (from the audit rows). */
async function sentStepKeys(code: string, kind: string, year = YEAR): Promise<string[]> {
  const rows = await h.prisma.auditEvent.findMany({ where: { action: 'EMAIL_SENT', dataRequest: { institution: { code }, cycle: { year } } }, orderBy: { at: 'asc' } });
  return rows.map((r) => r.data as { kind: string; stepKey: string }).filter((d) => d.kind === kind).map((d) => d.stepKey);
}

/** `actual` (workflow time) is `expected` or up to a minute after it: the timer fired on time. */
function expectAround(actual: string, expected: string): void {
  const late = Date.parse(actual) - Date.parse(expected);
  if (late < 0 || late >= 60_000) throw new Error(`expected ${actual} to be at ${expected} (or within a minute after)`);
}

const links: Record<string, string> = {};
const indicators: Record<string, Indicator[]> = {};

describe('mid-cycle updates through the HTTP API (time-skipping server)', () => {
  it('opens two cycles: every contact gets the data request with a signed link', async () => {
    const opened = await http('POST', '/api/cycles', { year: YEAR, deadline: D, openedBy: 'secretariado@example.gob.mx' });
    expect(opened.status).toBe(202);
    const other = await http('POST', '/api/cycles', { year: CLOSED_YEAR, deadline: D, institutions: ['SEDENA', 'SRE'] });
    expect(other.status).toBe(202);

    await h.smtp.waitFor((m) => label(m) === 'request', { count: 9, timeoutMs: 60_000 });
    for (const [code, mailbox, domain] of [
      ['SRE', 'sre'],
      ['SEDENA', 'sedena'],
      ['SEMAR', 'semar'],
      ['SSPC', 'sspc'],
      ['INMUJERES', 'inmujeres'],
      ['UNWOMEN', 'onumujeres', 'example.org'],
      ['CECOPAM', 'cecopam'],
    ] as const) {
      const [request] = inbox(primary(mailbox, domain));
      expect(label(request)).toBe('request');
      expect(request.parsed.subject).toContain(spelled(D));
      links[code] = linkIn(request);
      const form = await http('GET', links[code]);
      expect(form.status).toBe(200);
      indicators[code] = form.json.indicators;
    }
    // Each request has scheduled its first reminder before anything else happens to it.
    await eventually(async () => {
      const cycle = await http('GET', `/api/cycles/${YEAR}`);
      return cycle.json.requests?.length === 7 && cycle.json.requests.every((r: any) => r.nextAction?.kind === 'REMINDER') ? cycle : undefined;
    }, { what: 'every request of the main cycle to wait for its first reminder' });
  });

  describe('SEDENA: draft, final, corrections', () => {
    it('a partial draft answers DRAFT; the final report answers SUBMITTED and the receipt lists the values', async () => {
      const [first, second] = indicators.SEDENA;
      const draft = await http('POST', links.SEDENA, { values: answers([first, second], 2), final: false });
      expect(draft.status).toBe(201);
      expect(draft.json).toEqual({ status: 'DRAFT', version: 1, duplicate: false, kind: 'DRAFT' });
      expect((await detail('SEDENA')).status).toBe('DRAFT');
      const page = await http('GET', links.SEDENA);
      expect(page.json).toMatchObject({ status: 'DRAFT', latestVersion: 1 });

      const final = await http('POST', links.SEDENA, { values: answers(indicators.SEDENA, 3), narrative: 'Informe anual.', final: true });
      expect(final.status).toBe(201);
      expect(final.json).toEqual({ status: 'SUBMITTED', version: 2, duplicate: false, kind: 'FINAL' });

      // The correction window (10 business days after today) is what the request waits for now.
      const windowEnds = endOf(calendar.addBusinessDays(today, 10));
      const [receipt] = await h.smtp.waitFor((m) => label(m) === 'receipt' && m.envelope.to.includes(primary('sedena')));
      expect(receipt.parsed.subject).toBe(`Acuse de recibo PNA-1325 ${YEAR}: SEDENA, versión 2`);
      // What the contact reads: each indicator by name with its values, the version in words, until when
      // it may be corrected, and the link to do it; in Spanish, then in English.
      const [spanish, english] = (receipt.parsed.text ?? '').split('— English version below —');
      expect(spanish).toContain('(versión 2, informe final).');
      expect(spanish).toContain(`Puede corregirse hasta: ${formatDeadline({ at: windowEnds, locale: 'es-MX' })}`);
      expect(spanish).toContain('Valores recibidos:');
      for (const i of indicators.SEDENA) expect(spanish).toContain(`  • ${i.code} — ${i.textEs}\n`);
      for (const i of indicators.SEDENA) expect(english).toContain(`  • ${i.code} — ${i.textEn}\n`);
      expect(spanish).toContain(`  • ${first.code} — ${first.textEs}\n      Valor: 3\n`);
      expect(spanish).toMatch(/ {2}• 8\.a — .*\n {6}Total: 30 · Mujeres: 18 · Hombres: 12\n/);
      expect(english).toMatch(/ {2}• 8\.a — .*\n {6}Total: 30 · Women: 18 · Men: 12\n/);
      expect(spanish).toContain('Narrativa:\n  Informe anual.');
      expect(linkIn(receipt)).toContain(`/respond/${YEAR}/SEDENA?token=`);
      // The draft sent no receipt; everything sits in one thread under the request.
      expect(inbox(primary('sedena')).map(label)).toEqual(['request', 'receipt']);
      expect(receipt.parsed.inReplyTo).toBe(inbox(primary('sedena'))[0].parsed.messageId);

      const row = await detail('SEDENA');
      expect(row.status).toBe('SUBMITTED');
      expect(row.submissions.map((s: any) => [s.version, s.kind])).toEqual([[1, 'DRAFT'], [2, 'FINAL']]);
      expect(row.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['DRAFT_SAVED', 'SUBMITTED']));
      await eventually(async () => ((await detail('SEDENA')).nextAction?.kind === 'CORRECTION_WINDOW_ENDS' ? true : undefined), { what: 'the correction window to be scheduled' });
      expect((await detail('SEDENA')).nextAction).toEqual({ kind: 'CORRECTION_WINDOW_ENDS', at: windowEnds });
    });

    it('a correction inside the window needs a reason, and is kept as a new version beside the report', async () => {
      const changed = { values: answers(indicators.SEDENA, 4), narrative: 'Informe anual, corregido.', final: true };
      const unexplained = await http('POST', links.SEDENA, changed);
      expect(unexplained.status).toBe(400);
      expect(unexplained.type).toContain('application/problem+json');
      expect(unexplained.json.detail).toMatch(/motivo/);
      expect(unexplained.json.code).toBe('CORRECTION_NEEDS_REASON');
      expect(unexplained.json.fields).toHaveProperty('reason');

      const corrected = await http('POST', links.SEDENA, { ...changed, reason: 'Cifra de 1.a mal capturada' });
      expect(corrected.status).toBe(201);
      expect(corrected.json).toEqual({ status: 'SUBMITTED', version: 3, duplicate: false, kind: 'CORRECTION' });

      const draftAfter = await http('POST', links.SEDENA, { values: answers(indicators.SEDENA.slice(0, 1), 9), final: false });
      expect(draftAfter.status).toBe(409);
      expect(draftAfter.json.detail).toBe('El informe ya fue enviado: un borrador no puede reemplazarlo. Envíe una corrección (con motivo).');
      expect(draftAfter.json.code).toBe('DRAFT_AFTER_SUBMISSION');

      const [receipt] = await h.smtp.waitFor((m) => /versión 3/.test(m.parsed.subject ?? '') && m.envelope.to.includes(primary('sedena')));
      expect(receipt.parsed.text).toContain(`  • ${indicators.SEDENA[0].code} — ${indicators.SEDENA[0].textEs}\n      Valor: 4\n`);
      expect(receipt.parsed.text).toContain('(versión 3, corrección).');
      expect(receipt.parsed.text).toContain('Motivo de la corrección: Cifra de 1.a mal capturada\n');
      expect(receipt.parsed.text).toContain('Reason for the correction: Cifra de 1.a mal capturada\n');
      const row = await detail('SEDENA');
      expect(row.submissions.map((s: any) => [s.version, s.kind, s.reason])).toEqual([
        [1, 'DRAFT', null],
        [2, 'FINAL', null],
        [3, 'CORRECTION', 'Cifra de 1.a mal capturada'],
      ]);
      expect(row.audit.filter((a: any) => a.action === 'CORRECTED').map((a: any) => a.data)).toEqual([
        expect.objectContaining({ version: 3, reason: 'Cifra de 1.a mal capturada' }),
      ]);
      expect(inbox(primary('sedena')).map(label)).toEqual(['request', 'receipt', 'receipt']);
    });

    it('refuses, with a readable reason, every secretariat action that makes no sense on a submitted report', async () => {
      const refusals = await Promise.all([
        http('POST', extensionLink(links.SEDENA), { deadline: SEMAR_DEADLINE, reason: 'más tiempo' }),
        http('POST', api(YEAR, 'SEDENA', '/extension-decision'), { approve: true }),
        http('POST', api(YEAR, 'SEDENA', '/extension'), { deadline: SEMAR_DEADLINE, reason: 'más tiempo' }),
        http('POST', api(YEAR, 'SEDENA', '/resend'), {}),
        http('POST', api(YEAR, 'SEDENA', '/exempt'), { reason: 'no aplica' }),
      ]);
      expect(refusals.map((r) => [r.status, r.json.detail])).toEqual([
        [409, 'No se puede pedir una prórroga: el estado de la solicitud es «informe enviado».'],
        [409, 'There is no extension request waiting for a decision.'],
        [409, 'Cannot grant an extension: the request is submitted.'],
        [409, 'Cannot resend the request: the request is submitted.'],
        [409, 'The institution already submitted its report: it cannot be exempted.'],
      ]);
      const row = await detail('SEDENA');
      expect(row.status).toBe('SUBMITTED');
      expect(row.deadline).toBe(endOf(D));
    });
  });

  describe('SEMAR and SSPC: the contact asks for an extension', () => {
    it('refuses a request without a reason (400) or not later than the deadline (409), and a second one while the first waits', async () => {
      const noReason = await http('POST', extensionLink(links.SEMAR), { deadline: SEMAR_DEADLINE });
      expect(noReason.status).toBe(400);
      expect(noReason.json.fields).toHaveProperty('reason');
      const blankReason = await http('POST', extensionLink(links.SEMAR), { deadline: SEMAR_DEADLINE, reason: '   ' });
      expect(blankReason.status).toBe(400);
      expect(blankReason.json.detail).toMatch(/reason/);
      const badDate = await http('POST', extensionLink(links.SEMAR), { deadline: '28/12/2026', reason: 'cierre' });
      expect(badDate.status).toBe(400);
      expect(badDate.json.fields).toHaveProperty('deadline');
      const earlier = calendar.addBusinessDays(D, -2);
      const notLater = await http('POST', extensionLink(links.SEMAR), { deadline: earlier, reason: 'cierre' });
      expect(notLater.status).toBe(409);
      expect(notLater.json.detail).toBe(`La nueva fecha límite (${earlier}) debe ser posterior a la vigente (${D}).`);
      expect(notLater.json.code).toBe('DEADLINE_NOT_LATER');
      const same = await http('POST', extensionLink(links.SEMAR), { deadline: D, reason: 'cierre' });
      expect(same.status).toBe(409);

      const asked = await http('POST', extensionLink(links.SEMAR), { deadline: SEMAR_DEADLINE, reason: 'Cierre del ejercicio fiscal' });
      expect(asked.status).toBe(200);
      expect(asked.json).toMatchObject({ status: 'REQUESTED', deadlineAt: endOf(D), message: `Extension to ${SEMAR_DEADLINE} requested; the secretariat will decide.` });

      const twice = await http('POST', extensionLink(links.SEMAR), { deadline: calendar.addBusinessDays(D, 7), reason: 'otra vez' });
      expect(twice.status).toBe(409);
      expect(twice.json.detail).toBe(`Ya hay una solicitud de prórroga al ${SEMAR_DEADLINE} esperando la decisión del secretariado.`);

      // The secretariat is told (the contact is copied), in the request's thread.
      const [email] = await h.smtp.waitFor((m) => /SEMAR solicita una prórroga/.test(m.parsed.subject ?? ''));
      expect(email.parsed.subject).toBe(`PNA-1325 ${YEAR}: SEMAR solicita una prórroga`);
      expect(toLine(email)).toEqual([SECRETARIAT]);
      expect(ccLine(email)).toEqual([primary('semar')]);
      // Who asked, for which day, why, the deadline in force, and the API call that decides.
      expect(email.parsed.text).toContain(
        [
          `Solicitada por: ${primary('semar')}`,
          `Nueva fecha solicitada: ${formatDay({ date: SEMAR_DEADLINE, locale: 'es-MX' })} (${SEMAR_DEADLINE})`,
          'Motivo: Cierre del ejercicio fiscal',
          `Fecha límite vigente: ${spelled(D)}`,
        ].join('\n'),
      );
      expect(email.parsed.text).toContain(`curl -X POST '${h.baseUrl}/api/cycles/${YEAR}/requests/SEMAR/extension-decision'`);
      expect(email.parsed.text).not.toContain('/respond/');
      expect(email.parsed.inReplyTo).toBe(inbox(primary('semar'))[0].parsed.messageId);
      expect(h.smtp.messages.filter((m) => /solicita una prórroga/.test(m.parsed.subject ?? ''))).toHaveLength(1);
    });

    it('approved: the contact is told, and the request detail shows the new deadline', async () => {
      const badDeadline = await http('POST', api(YEAR, 'SEMAR', '/extension-decision'), { approve: 'yes' });
      expect(badDeadline.status).toBe(400);
      expect(badDeadline.json.fields).toHaveProperty('approve');

      await idle(`request/${YEAR}/SEMAR`);
      const approved = await http('POST', api(YEAR, 'SEMAR', '/extension-decision'), { approve: true, decidedBy: 'coordinacion@example.gob.mx' });
      expect(approved.status).toBe(200);
      expect(approved.json).toEqual({ status: 'REQUESTED', deadlineAt: endOf(SEMAR_DEADLINE), message: `Extension approved: the deadline is now ${SEMAR_DEADLINE}.` });

      const [decision] = await h.smtp.waitFor((m) => m.parsed.subject === `PNA-1325 ${YEAR}: prórroga de SEMAR`);
      expect(toLine(decision)).toEqual([primary('semar')]);
      expect(ccLine(decision)).toEqual([alternate('semar')]);
      expect(decision.parsed.text).toMatch(/La prórroga fue aprobada \(.*coordinacion@example\.gob\.mx\)\. Motivo: Cierre del ejercicio fiscal\./);
      expect(decision.parsed.text).toContain(`La fecha límite vigente es el ${spelled(SEMAR_DEADLINE)}.`);
      expect(inbox(primary('semar')).map(label)).toEqual(['request', 'extension-requested', 'extension-decision']);

      const row = await detail('SEMAR');
      expect(row.deadline).toBe(endOf(SEMAR_DEADLINE));
      expect(row.workflow).toMatchObject({ deadlineAt: endOf(SEMAR_DEADLINE), deadlineVersion: 1 });
      expect(row.workflow.pendingExtension).toBeUndefined();
      expect(row.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['EXTENSION_REQUESTED', 'EXTENSION_APPROVED']));
      expect(row.audit.find((a: any) => a.action === 'EXTENSION_APPROVED')).toMatchObject({
        actor: 'secretariat:coordinacion@example.gob.mx',
        data: { from: endOf(D), to: endOf(SEMAR_DEADLINE), requested: SEMAR_DEADLINE, reason: 'Cierre del ejercicio fiscal' },
      });
      // The contact's form shows the new deadline too.
      expect((await http('GET', links.SEMAR)).json.deadline).toBe(endOf(SEMAR_DEADLINE));

      const again = await http('POST', api(YEAR, 'SEMAR', '/extension-decision'), { approve: false });
      expect(again.status).toBe(409);
      expect(again.json.detail).toBe('There is no extension request waiting for a decision.');
    });

    it('rejected: the contact is told why, and the deadline stays', async () => {
      const asked = await http('POST', extensionLink(links.SSPC), { deadline: SSPC_ASKED, reason: 'Cambio de titular' });
      expect(asked.status).toBe(200);
      await idle(`request/${YEAR}/SSPC`);
      const rejected = await http('POST', api(YEAR, 'SSPC', '/extension-decision'), { approve: false, note: 'El plazo es suficiente', decidedBy: 'coordinacion@example.gob.mx' });
      expect(rejected.status).toBe(200);
      expect(rejected.json).toEqual({ status: 'REQUESTED', deadlineAt: endOf(D), message: `Extension to ${SSPC_ASKED} rejected; the deadline stays ${D}.` });

      const [decision] = await h.smtp.waitFor((m) => m.parsed.subject === `PNA-1325 ${YEAR}: prórroga de SSPC`);
      expect(toLine(decision)).toEqual([primary('sspc')]);
      expect(decision.parsed.text).toContain(`La solicitud de prórroga hasta el ${SSPC_ASKED} fue rechazada (coordinacion@example.gob.mx). Motivo: El plazo es suficiente.`);
      expect(decision.parsed.text).toContain(`La fecha límite vigente es el ${spelled(D)}.`);
      expect(inbox(primary('sspc')).map(label)).toEqual(['request', 'extension-requested', 'extension-decision']);

      const row = await detail('SSPC');
      expect(row.deadline).toBe(endOf(D));
      expect(row.workflow).toMatchObject({ deadlineAt: endOf(D), deadlineVersion: 0 });
      expect(row.audit.find((a: any) => a.action === 'EXTENSION_REJECTED')).toMatchObject({ actor: 'secretariat:coordinacion@example.gob.mx', data: { deadline: SSPC_ASKED, note: 'El plazo es suficiente' } });
    });
  });

  describe('INMUJERES: the secretariat grants an extension unasked', () => {
    it('needs a reason and a later date; then the contact is told and the deadline moves', async () => {
      const noReason = await http('POST', api(YEAR, 'INMUJERES', '/extension'), { deadline: INMUJERES_DEADLINE });
      expect(noReason.status).toBe(400);
      expect(noReason.json.fields).toEqual({ reason: expect.stringMatching(/reason|required|expected string/) });
      const earlier = await http('POST', api(YEAR, 'INMUJERES', '/extension'), { deadline: today, reason: 'Sismo' });
      expect(earlier.status).toBe(409);
      expect(earlier.json.detail).toBe(`The new deadline (${today}) must be after the current one (${D}).`);

      const granted = await http('POST', api(YEAR, 'INMUJERES', '/extension'), { deadline: INMUJERES_DEADLINE, reason: 'Sismo en la Ciudad de México', grantedBy: 'coordinacion@example.gob.mx' });
      expect(granted.status).toBe(200);
      expect(granted.json).toEqual({ status: 'REQUESTED', deadlineAt: endOf(INMUJERES_DEADLINE), message: `Extension granted: the deadline is now ${INMUJERES_DEADLINE}.` });

      const [decision] = await h.smtp.waitFor((m) => m.parsed.subject === `PNA-1325 ${YEAR}: prórroga de INMUJERES`);
      expect(toLine(decision)).toEqual([primary('inmujeres')]);
      expect(decision.parsed.text).toContain('Motivo: Sismo en la Ciudad de México.');
      expect(decision.parsed.text).toContain(`La fecha límite vigente es el ${spelled(INMUJERES_DEADLINE)}.`);
      expect(inbox(primary('inmujeres')).map(label)).toEqual(['request', 'extension-decision']);
      expect(inbox(SECRETARIAT).filter((m) => m.parsed.subject?.includes('INMUJERES'))).toEqual([]);

      const row = await detail('INMUJERES');
      expect(row.deadline).toBe(endOf(INMUJERES_DEADLINE));
      expect(row.audit.find((a: any) => a.action === 'EXTENSION_GRANTED')).toMatchObject({ data: { to: endOf(INMUJERES_DEADLINE), reason: 'Sismo en la Ciudad de México' } });
    });
  });

  describe('SRE: the secretariat resends the request', () => {
    it('threads the new email under the original and lists only what is still missing', async () => {
      const answered = indicators.SRE.slice(0, 2);
      const draft = await http('POST', links.SRE, { values: answers(answered), final: false });
      expect(draft.status).toBe(201);

      const resent = await http('POST', api(YEAR, 'SRE', '/resend'), { requestedBy: 'coordinacion@example.gob.mx' });
      expect(resent.status).toBe(200);
      expect(resent.json).toMatchObject({ status: 'DRAFT', message: 'The request is being sent again.' });

      const [original, again] = await h.smtp.waitFor((m) => label(m) === 'request' && m.envelope.to.includes(primary('sre')) && m.parsed.subject!.includes(`PNA-1325 ${YEAR}`), { count: 2 });
      expect(again.parsed.messageId).not.toBe(original.parsed.messageId);
      expect(again.parsed.inReplyTo).toBe(original.parsed.messageId);
      expect(again.parsed.references).toEqual(original.parsed.messageId);
      expect(toLine(again)).toEqual([primary('sre')]);
      expect(ccLine(again)).toEqual([alternate('sre')]);
      const listed = (m: CaughtMessage) => [...(m.parsed.text ?? '').split('— English version below —')[0].matchAll(/^ {2}• (\S+) —/gm)].map((x) => x[1]);
      expect(listed(original)).toEqual(indicators.SRE.map((i) => i.code));
      expect(listed(again)).toEqual(indicators.SRE.slice(2).map((i) => i.code));
      expect(linkIn(again)).toContain(`/respond/${YEAR}/SRE?token=`);
      expect((await http('GET', linkIn(again))).status).toBe(200);
      expect(inbox(primary('sre')).map(label)).toEqual(['request', 'request']);
    });
  });

  describe('CECOPAM: exempted', () => {
    it('needs a reason; then the request is EXEMPTED and ends, and takes nothing more', async () => {
      const noReason = await http('POST', api(YEAR, 'CECOPAM', '/exempt'), { reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.json.fields).toHaveProperty('reason');

      const exempted = await http('POST', api(YEAR, 'CECOPAM', '/exempt'), { reason: 'Sin actividades este año', exemptedBy: 'coordinacion@example.gob.mx' });
      expect(exempted.status).toBe(200);
      expect(exempted.json).toMatchObject({ status: 'EXEMPTED', message: `CECOPAM is exempted from the ${YEAR} cycle.` });

      const row = await ended('CECOPAM');
      expect(row).toMatchObject({ status: 'EXEMPTED', nextAction: null, workflow: null });
      expect(row.audit.find((a: any) => a.action === 'EXEMPTED')).toMatchObject({ actor: 'secretariat:coordinacion@example.gob.mx', data: { reason: 'Sin actividades este año', to: 'EXEMPTED' } });

      const refusals = [
        await http('POST', api(YEAR, 'CECOPAM', '/exempt'), { reason: 'otra vez' }),
        await http('POST', api(YEAR, 'CECOPAM', '/resend'), {}),
        await http('POST', links.CECOPAM, { values: answers(indicators.CECOPAM), final: true }),
        await http('POST', extensionLink(links.CECOPAM), { deadline: SEMAR_DEADLINE, reason: 'más tiempo' }),
      ];
      for (const r of refusals) {
        expect(r.status).toBe(409);
        expect(r.json.detail).toMatch(/no longer takes data|ya no recibe datos/);
      }
      // The contact still sees the form, with its status.
      expect((await http('GET', links.CECOPAM)).json.status).toBe('EXEMPTED');
    });
  });

  describe(`cycle ${CLOSED_YEAR}: closed early`, () => {
    it('closes the open requests, keeps the submitted ones, completes the cycle; a second close is refused', async () => {
      const sedena = inbox(primary('sedena'), CLOSED_YEAR).find((m) => label(m) === 'request')!;
      const sre = inbox(primary('sre'), CLOSED_YEAR).find((m) => label(m) === 'request')!;
      const submitted = await http('POST', linkIn(sedena), { values: answers(indicators.SEDENA), final: true });
      expect(submitted.status).toBe(201);
      await idle(`request/${CLOSED_YEAR}/SEDENA`);

      const noReason = await http('POST', `/api/cycles/${CLOSED_YEAR}/close`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.json.fields).toHaveProperty('reason');
      expect((await http('POST', '/api/cycles/2099/close', { reason: 'x' })).status).toBe(404);

      const closing = await http('POST', `/api/cycles/${CLOSED_YEAR}/close`, { reason: 'Informe anual adelantado', closedBy: 'coordinacion@example.gob.mx' });
      expect(closing.status).toBe(200);
      expect(closing.json).toEqual({ message: `The ${CLOSED_YEAR} cycle is closing: open requests are being closed.` });

      const result = await cycleResult(CLOSED_YEAR);
      expect(result).toMatchObject({ year: CLOSED_YEAR, closed: true });
      const cycle = await http('GET', `/api/cycles/${CLOSED_YEAR}`);
      expect(cycle.json).toMatchObject({ status: 'CLOSED', counts: { CLOSED: 1, SUBMITTED: 1 } });
      expect(cycle.json.requests.map((r: any) => [r.institution, r.status, r.endedAt !== null])).toEqual([
        ['SEDENA', 'SUBMITTED', true],
        ['SRE', 'CLOSED', true],
      ]);
      expect(await h.prisma.reportingCycle.findFirst({ where: { year: CLOSED_YEAR }, select: { status: true, closedAt: true } })).toMatchObject({ status: 'CLOSED', closedAt: expect.any(Date) });
      const sreRow = await detail('SRE', CLOSED_YEAR);
      expect(sreRow.audit.find((a: any) => a.action === 'CLOSED_EARLY')).toMatchObject({
        actor: 'secretariat:coordinacion@example.gob.mx',
        data: { from: 'REQUESTED', to: 'CLOSED', reason: 'Informe anual adelantado' },
      });
      const cycleAudit = await h.prisma.auditEvent.findMany({ where: { cycleId: (await h.prisma.reportingCycle.findFirstOrThrow({ where: { year: CLOSED_YEAR } })).id, dataRequestId: null }, orderBy: { at: 'asc' } });
      // Then the cycle's annual report compiles (report/<year>) and the secretariat is told.
      expect(cycleAudit.map((a) => a.action)).toEqual(['CYCLE_OPENED', 'CYCLE_CLOSING', 'CYCLE_CLOSED', 'REPORT_COMPILED', 'EMAIL_SENT']);

      const twice = await http('POST', `/api/cycles/${CLOSED_YEAR}/close`, { reason: 'otra vez' });
      expect(twice.status).toBe(409);
      expect(twice.json.detail).toBe(`The ${CLOSED_YEAR} cycle is already closed.`);
      // The closed request's link takes nothing more.
      await ended('SRE', CLOSED_YEAR);
      const late = await http('POST', linkIn(sre), { values: answers(indicators.SRE), final: true });
      expect(late.status).toBe(409);
      expect(late.json.detail).toMatch(/ya no recibe datos/);
      // The submitted report's correction window ended with the cycle.
      await ended('SEDENA', CLOSED_YEAR);
      const correction = await http('POST', linkIn(sedena), { values: answers(indicators.SEDENA, 7), final: true, reason: 'Ajuste' });
      expect(correction.status).toBe(409);
      expect(correction.json.detail).toMatch(/ya no recibe datos/);
      // The open request's institution is told of the close, with the reason; the other cycle is untouched.
      expect(inbox(primary('sre'), CLOSED_YEAR).map(label)).toEqual(['request', 'closed']);
      expect(inbox(primary('sre'), CLOSED_YEAR)[1].parsed.text).toContain('Motivo: Informe anual adelantado');
      expect(inbox(primary('sedena'), CLOSED_YEAR).map(label)).toEqual(['request', 'receipt']);
      expect((await http('GET', `/api/cycles/${YEAR}`)).json.status).toBe('OPEN');
    });
  });

  describe(`cycle ${LOST_WAKEUP_YEAR}: a change that arrives while a request records its next step is not missed`, () => {
    it('closing the cycle closes a request that was between two steps', async () => {
      expect((await http('POST', '/api/cycles', { year: LOST_WAKEUP_YEAR, deadline: D, institutions: ['SRE'] })).status).toBe(202);
      await h.smtp.waitFor((m) => label(m) === 'request' && m.parsed.subject!.includes(`PNA-1325 ${LOST_WAKEUP_YEAR}`));
      const workflowId = `request/${LOST_WAKEUP_YEAR}/SRE`;
      await idle(workflowId);
      const row = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId } });
      // Hold the request's row so that the workflow's next `publishNextAction` (a row update) waits; this
      // widens to seconds a window that is otherwise one activity long.
      const locker = new pg.Client({ connectionString: h.databaseUrl });
      await locker.connect();
      let resent: Promise<Res> | undefined;
      try {
        await locker.query('BEGIN');
        await locker.query('SELECT id FROM "DataRequest" WHERE id = $1 FOR NO KEY UPDATE', [row.id]);
        // The resend records itself on the row: it waits for the row while the cycle is closed.
        resent = http('POST', api(LOST_WAKEUP_YEAR, 'SRE', '/resend'), {});
        await eventually(async () => {
          const { rows } = await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
          return rows[0].n > 0 ? true : undefined;
        }, { what: 'the request to wait on its row' });
        expect((await http('POST', `/api/cycles/${LOST_WAKEUP_YEAR}/close`, { reason: 'Cierre anticipado' })).status).toBe(200);
        // The cycle signals its requests after answering: let the signal land while the row is held.
        await eventually(async () => ((await lastEvents(workflowId, 6)).includes('workflowExecutionSignaled') ? true : undefined), { what: 'the close signal' });
      } finally {
        await locker.query('COMMIT').catch(() => undefined);
        await locker.end();
      }
      expect((await resent)?.status).toBe(200);
      // Closed within moments (before the fix it waited for reminder-10, sent it, then closed).
      await eventually(async () => ((await detail('SRE', LOST_WAKEUP_YEAR)).status === 'CLOSED' ? true : undefined), {
        timeoutMs: 5_000,
        what: 'the request to close',
      });
    });
  });

  describe('UNWOMEN: the primary contact changes between two reminders', () => {
    it('reminder-10 goes to the first contact', async () => {
      await skipTo(DateTime.fromISO(at9(calendar.addBusinessDays(D, -10))).plus({ hours: 1 }).toISO()!);
      await h.smtp.waitFor((m) => label(m) === 'reminder' && m.envelope.to.includes(primary('onumujeres', 'example.org')));
      expect(inbox(primary('onumujeres', 'example.org')).map(label)).toEqual(['request', 'reminder']);
      const reminder = inbox(primary('onumujeres', 'example.org'))[1];
      expect(toLine(reminder)).toEqual([primary('onumujeres', 'example.org')]);
      expect(reminder.parsed.subject).toContain(`faltan ${indicators.UNWOMEN.length} indicador(es)`);
    });

    it('replaces the primary contact: the old link is refused with 403, the next reminder goes to the new person', async () => {
      const bad = await http('PUT', api(YEAR, 'UNWOMEN', '/contacts'), { contacts: [{ role: 'PRIMARY', name: 'X', email: 'not-an-address' }] });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.json.fields)).toEqual(['contacts[0].email']);
      const none = await http('PUT', api(YEAR, 'UNWOMEN', '/contacts'), { contacts: [] });
      expect(none.status).toBe(400);

      const changed = await http('PUT', api(YEAR, 'UNWOMEN', '/contacts'), {
        contacts: [{ role: 'PRIMARY', name: 'Paula Núñez Ortega', email: NEW_UNWOMEN_PRIMARY }],
        changedBy: 'coordinacion@example.gob.mx',
      });
      expect(changed.status).toBe(200);
      expect(changed.json).toMatchObject({ status: 'REQUESTED', message: 'Contacts changed: the next emails go to the new people.' });

      const old = await http('GET', links.UNWOMEN);
      expect(old.status).toBe(403);
      expect(old.json.detail).toBe(`Este enlace se envió a ${primary('onumujeres', 'example.org')}, que ya no es contacto de UNWOMEN. Use el enlace enviado al contacto actual.`);
      expect(old.json.code).toBe('LINK_REPLACED_CONTACT');
      expect((await http('POST', links.UNWOMEN, { values: answers(indicators.UNWOMEN.slice(0, 1)), final: false })).status).toBe(403);

      const row = await detail('UNWOMEN');
      expect(row.audit.find((a: any) => a.action === 'CONTACTS_CHANGED')).toMatchObject({
        actor: 'secretariat:coordinacion@example.gob.mx',
        data: { before: [`PRIMARY:${primary('onumujeres', 'example.org')}`], after: [`PRIMARY:${NEW_UNWOMEN_PRIMARY}`] },
      });

      await skipTo(DateTime.fromISO(at9(calendar.addBusinessDays(D, -5))).plus({ hours: 1 }).toISO()!);
      const [reminder] = await h.smtp.waitFor((m) => label(m) === 'reminder' && m.envelope.to.includes(NEW_UNWOMEN_PRIMARY));
      expect(toLine(reminder)).toEqual([NEW_UNWOMEN_PRIMARY]);
      expect(ccLine(reminder)).toEqual([alternate('onumujeres', 'example.org')]);
      expect(inbox(NEW_UNWOMEN_PRIMARY).map(label)).toEqual(['reminder']);
      expect(inbox(primary('onumujeres', 'example.org')).map(label)).toEqual(['request', 'reminder']);
      expect(await sentStepKeys('UNWOMEN', 'REMINDER')).toEqual([`${D}/reminder-10`, `${D}/reminder-5`]);

      const link = linkIn(reminder);
      const form = await http('GET', link);
      expect(form.status).toBe(200);
      expect(form.json.contact).toBe(NEW_UNWOMEN_PRIMARY);
      const draft = await http('POST', link, { values: answers(indicators.UNWOMEN.slice(0, 1)), final: false });
      expect(draft.status).toBe(201);
      expect(draft.json).toMatchObject({ status: 'DRAFT', version: 1 });
    });
  });

  describe('SEDENA: after the correction window', () => {
    it('a correction is refused with 409, and the request has ended SUBMITTED', async () => {
      await skipTo(DateTime.fromISO(at9(calendar.addBusinessDays(D, -1))).plus({ hours: 1 }).toISO()!);
      const row = await ended('SEDENA');
      expect(row.status).toBe('SUBMITTED');
      const late = await http('POST', links.SEDENA, { values: answers(indicators.SEDENA, 5), final: true, reason: 'Otra cifra' });
      expect(late.status).toBe(409);
      expect(late.json.detail).toBe(`La solicitud ${YEAR} de SEDENA terminó: ya no recibe datos ni cambios.`);
      expect(row.submissions).toHaveLength(3);
      // No reminder was ever sent for a submitted report.
      expect(inbox(primary('sedena')).map(label)).toEqual(['request', 'receipt', 'receipt']);
    });
  });

  describe('after the old deadline', () => {
    it('SSPC (extension refused) is overdue and escalated at the old +3 business days', async () => {
      await skipTo(DateTime.fromISO(at9(calendar.addBusinessDays(D, 4))).plus({ hours: 1 }).toISO()!);
      const [escalation] = await h.smtp.waitFor((m) => label(m) === 'escalation-1' && m.parsed.subject!.includes('SSPC'));
      expect(escalation.parsed.subject).toBe(`Escalamiento nivel 1: SSPC no ha enviado su información PNA-1325 ${YEAR}`);
      expect(toLine(escalation)).toEqual([primary('sspc'), alternate('sspc')]);
      expect(inbox(primary('sspc')).map(label)).toEqual(['request', 'extension-requested', 'extension-decision', 'reminder', 'reminder', 'reminder', 'reminder', 'escalation-1']);
      const events = await history('SSPC');
      expect(events.filter((e) => e.event === 'escalated').map((e) => e.detail)).toEqual(['level 1']);
      expectAround(events.find((e) => e.event === 'overdue')!.at, endOf(D));
      expectAround(events.find((e) => e.event === 'escalated')!.at, at9(calendar.addBusinessDays(D, 3)));
      const row = await detail('SSPC');
      expect(row).toMatchObject({ status: 'OVERDUE', escalationLevel: 1, deadline: endOf(D) });
    });

    it('SEMAR (extension approved) gets the reminders of its new deadline at their instants, and no escalation at the old +3', async () => {
      const semar = primary('semar');
      await h.smtp.waitFor((m) => label(m) === 'reminder' && m.envelope.to.includes(semar), { count: 3 });
      expect(await sentStepKeys('SEMAR', 'REMINDER')).toEqual([`${SEMAR_DEADLINE}/reminder-10`, `${SEMAR_DEADLINE}/reminder-5`, `${SEMAR_DEADLINE}/reminder-1`]);
      expect(inbox(semar).map(label)).toEqual(['request', 'extension-requested', 'extension-decision', 'reminder', 'reminder', 'reminder']);
      for (const m of inbox(semar).filter((x) => label(x) === 'reminder')) expect(m.parsed.subject).toContain(`(fecha límite ${spelled(SEMAR_DEADLINE)})`);

      const reminders = (await history('SEMAR')).filter((e) => e.event === 'reminder-sent');
      const expected = [10, 5, 1].map((n) => at9(calendar.addBusinessDays(SEMAR_DEADLINE, -n)));
      expect(reminders.map((e) => e.detail)).toEqual(['reminder-10', 'reminder-5', 'reminder-1']);
      reminders.forEach((e, i) => expectAround(e.at, expected[i]));
      const row = await detail('SEMAR');
      expect(row).toMatchObject({ status: 'REQUESTED', escalationLevel: 0, deadline: endOf(SEMAR_DEADLINE), nextAction: { kind: 'REMINDER', at: at9(SEMAR_DEADLINE) } });
      expect(row.workflow.history.map((e: any) => e.event)).not.toContain('escalated');
      expect(row.workflow.history.map((e: any) => e.event)).not.toContain('overdue');
    });

    it('INMUJERES (extension granted) is not overdue; its reminders carry the granted deadline', async () => {
      const row = await detail('INMUJERES');
      expect(row).toMatchObject({ status: 'REQUESTED', escalationLevel: 0, deadline: endOf(INMUJERES_DEADLINE) });
      // Granted D+10: its reminder-10 fell on D, its reminder-5 (D+5) is still ahead.
      expect(await sentStepKeys('INMUJERES', 'REMINDER')).toEqual([`${INMUJERES_DEADLINE}/reminder-10`]);
      expect(inbox(primary('inmujeres')).map(label)).toEqual(['request', 'extension-decision', 'reminder']);
      expect(inbox(primary('inmujeres'))[2].parsed.subject).toContain(`(fecha límite ${spelled(INMUJERES_DEADLINE)})`);
    });

    it('SRE (draft, then resent) is reminded of the indicators still missing only', async () => {
      const reminders = inbox(primary('sre')).filter((m) => label(m) === 'reminder');
      expect(reminders).toHaveLength(4);
      for (const m of reminders) expect(m.parsed.subject).toContain(`faltan ${indicators.SRE.length - 2} indicador(es)`);
      const [escalation] = inbox(primary('sre')).filter((m) => label(m) === 'escalation-1');
      expect(escalation.parsed.text).not.toContain(`  • ${indicators.SRE[0].code} —`);
      expect(escalation.parsed.text).toContain(`  • ${indicators.SRE[2].code} —`);
    });

    it('CECOPAM (exempted) received nothing after its exemption', () => {
      // Only the notice of the exemption itself, with its reason (to the contact, copied to the alternate).
      expect(inbox(primary('cecopam')).map(label)).toEqual(['request', 'exempted']);
      expect(inbox(alternate('cecopam')).map(label)).toEqual(['request', 'exempted']);
      const notice = inbox(primary('cecopam'))[1];
      expect(notice.parsed.text).toContain('Motivo: Sin actividades este año');
    });
  });

  describe('regressions', () => {
    it('an extension to a date that has already passed is refused', async () => {
      // Now is D+4 business days; SSPC is overdue and escalated. D+1 is after its deadline but in the past:
      // approved, it would make the request overdue again at once and send escalation level 1 a second time.
      const past = calendar.addBusinessDays(D, 1);
      const asked = await http('POST', extensionLink(links.SSPC), { deadline: past, reason: 'Atraso' });
      expect(asked.status).toBe(409);
      expect(asked.json.detail).toMatch(/debe ser posterior a hoy/);
      expect(asked.json.code).toBe('DEADLINE_NOT_FUTURE');
    });

    it('an action on an ended request says which request ended', async () => {
      const refused = await http('POST', api(YEAR, 'CECOPAM', '/resend'), {});
      expect(refused.status).toBe(409);
      expect(refused.json.detail).toMatch(/CECOPAM/);
    });
  });

  describe('the end of the story', () => {
    it('every workflow agrees with its record (the operator\'s consistency check)', async () => {
      for (const cycleYear of [YEAR, CLOSED_YEAR, LOST_WAKEUP_YEAR]) await expectConsistent({ ...h, cycleYear });
      await expectConsistent(h);
    });
  });
});
