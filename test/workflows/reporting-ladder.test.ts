/**
 * The reporting ladder of one institution, in simulated time on the Java time-skipping test server, with
 * the real worker, PostgreSQL, SMTP and API (test/support/app-harness): the request, the reminders 10, 5
 * and 1 business days before and on the deadline day at 09:00 Mexico City, OVERDUE at the end of the
 * deadline day, escalation levels 1–3, NOT_REPORTED at the cut-off and the cycle closing; and the two ways
 * out of it that a contact takes: answering before the first reminder, and a draft followed by the final
 * report.
 *
 * Each scenario first moves workflow time to a fixed instant years ahead (see test/support/
 * reporting-scenarios.ts), so the expected dates are written here and never go stale. The dates are
 * chosen to cross rest days: in 2040 the deadline asked for is a Saturday and the next Monday is
 * Constitution Day, so the deadline in force is Tuesday 7 February, and the cut-off (+30 business days)
 * is counted across Benito Juárez's birthday (Monday 19 March); the correction windows of 2041 and 2042
 * cross the same two rest days. The activities' clock stays the wall clock
 * (SentMessage.sentAt, Submission.createdAt): expected, and not asserted on.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { computeTimeline, type TTimeline, type TTimelineStep } from '../../domain/compute-timeline';
import { formatDeadline } from '../../domain/deadline-text';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import type { CaughtMessage } from '../../scripts/mail-catcher';
import { statusQuery, type institutionRequest, type reportingCycle } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { failAuditInserts } from '../support/db-faults';
import {
  addresses,
  advanceTo,
  answers,
  contactsOf,
  finishedResult,
  formIndicators,
  http,
  isMailOf,
  kindOf,
  linkIn,
  mailOf,
  openCycle,
  plusMinutes,
  references,
  serverNow,
  submitViaLink,
  terminateCycle,
  type TFormIndicator,
} from '../support/reporting-scenarios';
import { createTimeSkippingEnv } from '../support/temporal';

const CODE = 'SEMAR';
let env: TestWorkflowEnvironment;
let h: Harness;
let contacts: Awaited<ReturnType<typeof contactsOf>>;
let institutionName: string;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
  contacts = await contactsOf(h.prisma, CODE);
  institutionName = (await h.prisma.institution.findUniqueOrThrow({ where: { code: CODE } })).nameEs;
}, 120_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** Indicator codes listed under "Indicadores pendientes:"/"Indicadores solicitados:" (Spanish block). */
function listedIndicators(m: CaughtMessage): string[] {
  const spanish = (m.parsed.text ?? '').split('— English version below —')[0];
  return [...spanish.matchAll(/^\s+• (\S+) — /gm)].map((match) => match[1]);
}

/** The workflow's view and the record's view of one request. */
async function requestState(year: number) {
  const row = await h.prisma.dataRequest.findFirstOrThrow({ where: { cycle: { year }, institution: { code: CODE } } });
  return { row, query: await env.client.workflow.getHandle(row.workflowId).query(statusQuery) };
}

describe(`${CODE} never answers (cycle 2040): the whole ladder, to NOT_REPORTED`, () => {
  const year = 2040;
  /** Monday 9 January 2040, 10:00 in Mexico City: the secretariat opens the cycle. */
  const OPEN_AT = '2040-01-09T16:00:00.000Z';
  /** A Saturday; Monday 6 February is Constitution Day, so the deadline in force is Tuesday 7 February. */
  const DEADLINE_ASKED = '2040-02-04';
  const mail = () => mailOf(h.smtp, { year, code: CODE });
  let timeline: TTimeline;
  let step: (key: string) => TTimelineStep;
  let request: CaughtMessage;
  let indicators: TFormIndicator[];
  let requestedAt: Date;
  const deadlineEs = 'martes, 7 de febrero de 2040, 23:59 (hora del centro de México)';

  /**
   * Moves the clock to just before `key`'s instant and checks nothing happened early, then just after it,
   * and returns the emails the step produced.
   */
  async function pass(key: string, checkBefore?: () => Promise<void>): Promise<CaughtMessage[]> {
    const { at } = step(key);
    await advanceTo(env, plusMinutes(at, -1));
    const before = mail().length;
    const { row } = await requestState(year);
    // The dashboard says what comes next, and when.
    expect({ key, kind: row.nextActionKind, at: row.nextActionAt?.toISOString() }).toEqual({ key, kind: step(key).kind, at });
    await checkBefore?.();
    await advanceTo(env, plusMinutes(at, 1));
    return mail().slice(before);
  }

  it('opens the cycle: the deadline in force skips the weekend and Constitution Day; one request email', async () => {
    if (Date.now() >= Date.parse(OPEN_AT)) throw new Error(`This test opens a cycle on ${OPEN_AT}: move its dates past today.`);
    await advanceTo(env, OPEN_AT);
    const opened = await openCycle(h.baseUrl, { year, deadline: DEADLINE_ASKED, institutions: [CODE] });
    expect(opened).toMatchObject({ year, workflowId: `cycle/${year}`, deadline: '2040-02-07' });

    [request] = await h.smtp.waitFor(isMailOf({ year, code: CODE }), { timeoutMs: 30_000 });
    expect(request.parsed.subject).toBe(`PNA-1325 2040: solicitud de información a SEMAR (fecha límite ${deadlineEs})`);
    expect(addresses(request.parsed.to)).toEqual([contacts.primary]);
    expect(addresses(request.parsed.cc)).toEqual([contacts.alternate]);
    expect(request.parsed.messageId).toMatch(/^<[0-9a-f]{32}@nap1325\.test>$/);
    expect(request.parsed.inReplyTo).toBeUndefined();
    indicators = await formIndicators(linkIn(request.parsed.text));
    expect(listedIndicators(request)).toEqual(indicators.map((i) => i.code));

    // The timeline the workflow walks, computed by the domain from the cycle's record...
    const cycle = await h.prisma.reportingCycle.findFirstOrThrow({ where: { year } });
    timeline = computeTimeline({ policy: DEFAULT_REPORTING_POLICY, openedAt: cycle.openedAt.toISOString(), deadlineDate: DEADLINE_ASKED, calendar: createBusinessCalendar() });
    step = (key) => {
      const found = timeline.steps.find((s) => s.key === key);
      if (!found) throw new Error(`the timeline has no step ${key}`);
      return found;
    };
    expect(timeline.steps.map((s) => s.key)).toEqual([
      'request', 'reminder-10', 'reminder-5', 'reminder-1', 'reminder-0', 'deadline', 'escalation-1', 'escalation-2', 'escalation-3', 'cutoff',
    ]);
    // ...and a few of its dates written out, so a regression in the arithmetic cannot hide behind it.
    expect(step('reminder-10').at).toBe('2040-01-23T15:00:00.000Z'); // Monday, 09:00 Mexico City
    expect(step('reminder-0').at).toBe('2040-02-07T15:00:00.000Z');
    expect(timeline.deadlineAt).toBe('2040-02-08T05:59:59.999Z'); // Tuesday 7 February, 23:59:59.999
    expect(step('escalation-1').at).toBe('2040-02-10T15:00:00.000Z'); // +3 business days: Friday
    expect(step('escalation-3').at).toBe('2040-03-06T15:00:00.000Z');
    expect(timeline.cutoffAt).toBe('2040-03-22T05:59:59.999Z'); // +30: Wednesday 21 March (19 March is a rest day)

    // The email is out first; the record follows once the workflow has scheduled its next step.
    const row = await eventually(async () => {
      const { row } = await requestState(year);
      return row.status === 'REQUESTED' && row.nextActionKind ? row : undefined;
    }, { what: 'the record to show REQUESTED with a next action' });
    expect(row.deadline.toISOString()).toBe(timeline.deadlineAt);
    expect(row.requestedAt).not.toBeNull();
    requestedAt = row.requestedAt!;
    const { query } = await requestState(year);
    expect(query).toMatchObject({ status: 'REQUESTED', deadlineAt: timeline.deadlineAt, cutoffAt: timeline.cutoffAt });
  });

  it('reminds 10, 5 and 1 business days before and on the deadline day, at 09:00, threaded under the request', async () => {
    const reminderDays = { 'reminder-10': '2040-01-23', 'reminder-5': '2040-01-30', 'reminder-1': '2040-02-03', 'reminder-0': '2040-02-07' };
    for (const [key, date] of Object.entries(reminderDays)) {
      expect(step(key).date).toBe(date);
      const sent = await pass(key);
      expect(sent.map((m) => m.parsed.subject)).toEqual([`Recordatorio PNA-1325 2040: SEMAR, faltan ${indicators.length} indicador(es) (fecha límite ${deadlineEs})`]);
      const [reminder] = sent;
      expect(addresses(reminder.parsed.to)).toEqual([contacts.primary]);
      expect(addresses(reminder.parsed.cc)).toEqual([contacts.alternate]);
      expect(reminder.parsed.inReplyTo).toBe(request.parsed.messageId);
      expect(references(reminder)).toEqual([request.parsed.messageId]);
      expect(reminder.parsed.messageId).not.toBe(request.parsed.messageId);
      expect(listedIndicators(reminder)).toEqual(indicators.map((i) => i.code));
      expect(reminder.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    }
    expect(new Set(mail().map((m) => m.parsed.messageId)).size).toBe(5);
    expect((await requestState(year)).row.status).toBe('REQUESTED');
  });

  // Regression (was a bug in activities/request-activities.ts, setRequestStatus, fixed): `requestedAt` is set
  // on every status write whose status is REQUESTED — every publishNextAction — so it drifts to the last
  // scheduling, and it is never set when a draft arrives before the request step's own write.
  it('keeps "requested at" at the time the request went out, whatever is scheduled after it', async () => {
    const { row } = await requestState(year);
    expect(row.requestedAt).toEqual(requestedAt);
  });

  it('turns OVERDUE at the end of the deadline day, without an email of its own', async () => {
    const sent = await pass('deadline', async () => {
      expect((await requestState(year)).row.status).toBe('REQUESTED');
    });
    expect(sent).toEqual([]);
    const { row, query } = await requestState(year);
    expect(row.status).toBe('OVERDUE');
    expect(query.status).toBe('OVERDUE');
    expect(query.nextAction).toMatchObject({ kind: 'ESCALATION', key: 'escalation-1', at: step('escalation-1').at });
  });

  it('escalates at +3, +10 and +20 business days, each level to its people with the primary contact copied', async () => {
    const levels = [
      { key: 'escalation-1', date: '2040-02-10', to: [contacts.primary, contacts.alternate], cc: [] as string[] },
      { key: 'escalation-2', date: '2040-02-21', to: [contacts.liaisonHead], cc: [contacts.primary] },
      { key: 'escalation-3', date: '2040-03-06', to: [contacts.secretariat], cc: [contacts.primary] },
    ];
    for (const [index, level] of levels.entries()) {
      expect(step(level.key).date).toBe(level.date);
      const sent = await pass(level.key);
      expect(sent.map((m) => m.parsed.subject)).toEqual([`Escalamiento nivel ${index + 1}: SEMAR no ha enviado su información PNA-1325 2040`]);
      const [escalation] = sent;
      // The primary contact is on every level: addressed on level 1, copied on the others.
      expect(addresses(escalation.parsed.to)).toEqual(level.to);
      expect(addresses(escalation.parsed.cc)).toEqual(level.cc);
      expect(escalation.parsed.inReplyTo).toBe(request.parsed.messageId);
      expect(references(escalation)).toEqual([request.parsed.messageId]);
      // Who is overdue, since when, and what is missing.
      expect(escalation.parsed.text).toContain(`${institutionName} no ha enviado su información de 2040; está vencida desde el ${deadlineEs}.`);
      expect(escalation.parsed.text).toContain(
        `has not sent its 2040 data; it has been overdue since ${formatDeadline({ at: timeline.deadlineAt, locale: 'en' })}.`,
      );
      expect(escalation.parsed.text).toContain(`Este aviso es el nivel ${index + 1} de escalamiento`);
      expect(escalation.parsed.text).toContain('Indicadores pendientes:');
      expect(listedIndicators(escalation)).toEqual(indicators.map((i) => i.code));
      const { row, query } = await requestState(year);
      expect({ status: row.status, level: row.escalationLevel }).toEqual({ status: 'OVERDUE', level: index + 1 });
      expect(query.escalationLevel).toBe(index + 1);
    }
  });

  it('closes the request as NOT_REPORTED at the cut-off; the cycle then closes; the emails were exactly these', async () => {
    const sent = await pass('cutoff');
    expect(sent).toEqual([]);
    const result = await finishedResult<typeof institutionRequest>(env, `request/${year}/${CODE}`);
    expect(result.status).toBe('NOT_REPORTED');
    expect(result.escalationLevel).toBe(3);
    expect(result.history.map((e) => e.event)).toEqual([
      'request-sent', 'reminder-sent', 'reminder-sent', 'reminder-sent', 'reminder-sent', 'overdue', 'escalated', 'escalated', 'escalated', 'not-reported',
    ]);
    const closedAt = (await env.client.workflow.getHandle(`request/${year}/${CODE}`).describe()).closeTime!.toISOString();
    expect(closedAt >= timeline.cutoffAt && closedAt < plusMinutes(timeline.cutoffAt, 1)).toBe(true);

    const cycle = await finishedResult<typeof reportingCycle>(env, `cycle/${year}`);
    expect(cycle).toMatchObject({ year, closed: true });
    const record = await h.prisma.reportingCycle.findFirstOrThrow({ where: { year } });
    expect(record.status).toBe('CLOSED');

    // What the secretariat's dashboard shows.
    const status = await http(h.baseUrl, 'GET', `/api/cycles/${year}`);
    expect(status.json).toMatchObject({ status: 'CLOSED', total: 1, counts: { NOT_REPORTED: 1 } });
    expect(status.json.requests[0]).toMatchObject({ institution: CODE, status: 'NOT_REPORTED', escalationLevel: 3, nextAction: null });
    expect(status.json.requests[0].endedAt).not.toBeNull();

    // A month later, still nothing more: eight emails in all, in this order, each sent once.
    await advanceTo(env, plusMinutes(timeline.cutoffAt, 30 * 24 * 60));
    expect(mail().map(kindOf)).toEqual(['REQUEST', 'REMINDER', 'REMINDER', 'REMINDER', 'REMINDER', 'ESCALATION', 'ESCALATION', 'ESCALATION']);
    const rows = await h.prisma.sentMessage.findMany({ where: { dataRequest: { cycle: { year } } }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['REQUEST', 'SENT', 1],
      ...Array.from({ length: 4 }, () => ['REMINDER', 'SENT', 1]),
      ...Array.from({ length: 3 }, () => ['ESCALATION', 'SENT', 1]),
    ]);
    expect(rows.map((r) => r.messageId).sort()).toEqual(mail().map((m) => m.parsed.messageId).sort());
  });

  afterAll(async () => {
    await terminateCycle(env.client, h.prisma, year);
  });
});

describe(`${CODE} answers before the first reminder (cycle 2041)`, () => {
  const year = 2041;
  /** Monday 4 March 2041, 10:00 in Mexico City. */
  const OPEN_AT = '2041-03-04T16:00:00.000Z';
  const DEADLINE = '2041-03-29';
  const mail = () => mailOf(h.smtp, { year, code: CODE });

  afterAll(async () => {
    await terminateCycle(env.client, h.prisma, year);
  });

  it('sends no reminder at all: only the request and the receipt; the request completes SUBMITTED after the correction window', async () => {
    await advanceTo(env, OPEN_AT);
    await openCycle(h.baseUrl, { year, deadline: DEADLINE, institutions: [CODE] });
    const [request] = await h.smtp.waitFor(isMailOf({ year, code: CODE }), { timeoutMs: 30_000 });
    expect(kindOf(request)).toBe('REQUEST');
    const link = linkIn(request.parsed.text);

    const values = answers(await formIndicators(link));
    const submittedAfter = await serverNow(env);
    const submitted = await submitViaLink(link, { values, narrative: 'Informe anual de SEMAR.', final: true });
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 1, duplicate: false, kind: 'FINAL' });
    const [receipt] = await h.smtp.waitFor((m) => isMailOf({ year, code: CODE })(m) && kindOf(m) === 'RECEIPT', { timeoutMs: 30_000 });
    expect(receipt.parsed.subject).toBe('Acuse de recibo PNA-1325 2041: SEMAR, versión 1');
    expect(addresses(receipt.parsed.to)).toEqual([contacts.primary]);
    expect(receipt.parsed.inReplyTo).toBe(request.parsed.messageId);

    // The correction window: 10 business days after Monday 4 March, skipping Benito Juárez's birthday
    // (Monday 18 March 2041), so it ends with Tuesday 19 March.
    const handle = env.client.workflow.getHandle<typeof institutionRequest>(`request/${year}/${CODE}`);
    const next = await eventually(async () => {
      const { nextAction } = await handle.query(statusQuery);
      return nextAction?.kind === 'CORRECTION_WINDOW_ENDS' ? nextAction : undefined;
    }, { what: 'the correction window to be scheduled' });
    expect(next.at).toBe('2041-03-20T05:59:59.999Z');
    await advanceTo(env, '2041-03-20T06:01:00.000Z');
    const result = await finishedResult<typeof institutionRequest>(env, `request/${year}/${CODE}`);
    expect(result.status).toBe('SUBMITTED');
    expect(result.submittedAt! >= submittedAfter).toBe(true);
    const closedAt = (await handle.describe()).closeTime!.toISOString();
    expect(closedAt >= '2041-03-20T05:59:59.999Z').toBe(true);
    expect(await finishedResult<typeof reportingCycle>(env, `cycle/${year}`)).toMatchObject({ closed: true });

    // Past where the deadline, the escalations and the cut-off would have been: still just the two.
    await advanceTo(env, '2041-05-20T00:00:00.000Z');
    expect(mail().map(kindOf)).toEqual(['REQUEST', 'RECEIPT']);
    const row = await h.prisma.dataRequest.findFirstOrThrow({ where: { cycle: { year } } });
    expect({ status: row.status, level: row.escalationLevel, ended: row.endedAt !== null }).toEqual({ status: 'SUBMITTED', level: 0, ended: true });
  });
});

describe(`${CODE} saves a draft, then submits (cycle 2042)`, () => {
  const year = 2042;
  /** Monday 20 January 2042, 10:00 in Mexico City. */
  const OPEN_AT = '2042-01-20T16:00:00.000Z';
  const DEADLINE = '2042-02-13';
  const REMINDER_10 = '2042-01-29T15:00:00.000Z';
  const REMINDER_5 = '2042-02-06T15:00:00.000Z';
  const mail = () => mailOf(h.smtp, { year, code: CODE });

  afterAll(async () => {
    await terminateCycle(env.client, h.prisma, year);
  });

  it('reminds only of what the draft left missing; after the final report, no more reminders', async () => {
    await advanceTo(env, OPEN_AT);
    await openCycle(h.baseUrl, { year, deadline: DEADLINE, institutions: [CODE] });
    const [request] = await h.smtp.waitFor(isMailOf({ year, code: CODE }), { timeoutMs: 30_000 });
    const link = linkIn(request.parsed.text);
    const indicators = await formIndicators(link);
    expect(indicators.length).toBeGreaterThan(3);
    const answered = indicators.slice(0, 3);
    const missing = indicators.slice(3);

    const draft = await submitViaLink(link, { values: answers(answered), final: false });
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1, kind: 'DRAFT' });
    expect((await env.client.workflow.getHandle(`request/${year}/${CODE}`).query(statusQuery)).status).toBe('DRAFT');

    await advanceTo(env, plusMinutes(REMINDER_10, -1));
    expect(mail().map(kindOf)).toEqual(['REQUEST']);
    await advanceTo(env, plusMinutes(REMINDER_10, 1));
    const [reminder] = mail().slice(1);
    expect(mail().map(kindOf)).toEqual(['REQUEST', 'REMINDER']);
    expect(reminder.parsed.subject).toMatch(new RegExp(`^Recordatorio PNA-1325 2042: SEMAR, faltan ${missing.length} indicador\\(es\\)`));
    expect(listedIndicators(reminder)).toEqual(missing.map((i) => i.code));
    expect(reminder.parsed.inReplyTo).toBe(request.parsed.messageId);

    const final = await submitViaLink(link, { values: answers(indicators), narrative: 'Informe completo.', final: true });
    expect(final).toMatchObject({ status: 'SUBMITTED', version: 2, kind: 'FINAL' });
    await h.smtp.waitFor((m) => isMailOf({ year, code: CODE })(m) && kindOf(m) === 'RECEIPT', { timeoutMs: 30_000 });

    // Past reminder-5 and the end of the correction window (10 business days after 29 January, across
    // Constitution Day, Monday 3 February 2042): the request is done, and nothing more was sent.
    const next = await eventually(async () => {
      const { nextAction } = await env.client.workflow.getHandle(`request/${year}/${CODE}`).query(statusQuery);
      return nextAction?.kind === 'CORRECTION_WINDOW_ENDS' ? nextAction : undefined;
    }, { what: 'the correction window to be scheduled' });
    expect(next.at).toBe('2042-02-14T05:59:59.999Z');
    await advanceTo(env, plusMinutes(REMINDER_5, 1));
    expect(mail().map(kindOf)).toEqual(['REQUEST', 'REMINDER', 'RECEIPT']);
    await advanceTo(env, '2042-02-14T06:01:00.000Z');
    expect((await finishedResult<typeof institutionRequest>(env, `request/${year}/${CODE}`)).status).toBe('SUBMITTED');
    expect(await finishedResult<typeof reportingCycle>(env, `cycle/${year}`)).toMatchObject({ closed: true });
    await advanceTo(env, '2042-04-01T00:00:00.000Z');
    expect(mail().map(kindOf)).toEqual(['REQUEST', 'REMINDER', 'RECEIPT']);
    const versions = await h.prisma.submission.findMany({ where: { dataRequest: { cycle: { year } } }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.kind)).toEqual(['DRAFT', 'FINAL']);
  });
});

/**
 * The workflow records its next step (publishNextAction → setRequestStatus) and then waits for either the
 * step's time or a change. A message that lands while that record is being written must still count.
 * Here the first write fails once (a transient database error, test/support/db-faults.ts), so Temporal
 * retries it 5 s later and the contact's submission lands in between; without the fault the window is a
 * few milliseconds wide and the scenarios above hit it only by chance (the draft scenario did, now and
 * then: that is how it was found).
 *
 * Regression tests for the lost wake-up fixed in 7c1b23e (`const seen = changes` read after the publish,
 * so a change made during it never woke the wait: a reminder went to an institution that had already
 * submitted, and the record kept REQUESTED after a draft).
 */
describe(`a message that arrives while the next step is being recorded (${CODE}, cycles 2043–2044)`, () => {
  async function openWithFlakyPublish(year: number, openAt: string, deadline: string) {
    const fault = await failAuditInserts(h.prisma, { action: 'NEXT_ACTION' });
    try {
      await advanceTo(env, openAt);
      await openCycle(h.baseUrl, { year, deadline, institutions: [CODE] });
      const [request] = await h.smtp.waitFor(isMailOf({ year, code: CODE }), { timeoutMs: 30_000 });
      await fault.waitFired(); // "next: reminder-10" failed to be recorded; its retry comes in 5 s
      return linkIn(request.parsed.text);
    } finally {
      await fault.remove();
    }
  }

  it('a final report taken then still gets no reminder', async () => {
    const year = 2043;
    const link = await openWithFlakyPublish(year, '2043-03-02T16:00:00.000Z', '2043-03-27');
    try {
      const submitted = await submitViaLink(link, { values: answers(await formIndicators(link)), final: true });
      expect(submitted).toMatchObject({ status: 'SUBMITTED', kind: 'FINAL' });
      // reminder-10 of a Friday 27 March 2043 deadline: Thursday 12 March, 09:00 Mexico City.
      await advanceTo(env, '2043-03-12T15:01:00.000Z');
      expect(mailOf(h.smtp, { year, code: CODE }).map(kindOf)).toEqual(['REQUEST', 'RECEIPT']);
    } finally {
      await terminateCycle(env.client, h.prisma, year);
    }
  });

  it('a draft taken then shows as DRAFT on the dashboard', async () => {
    const year = 2044;
    const link = await openWithFlakyPublish(year, '2044-03-07T16:00:00.000Z', '2044-04-01');
    try {
      await submitViaLink(link, { values: answers((await formIndicators(link)).slice(0, 1)), final: false });
      // Wait for the retried write, then for anything that would follow it.
      await eventually(async () => ((await requestState(year)).row.nextActionKind ? true : undefined), { what: 'the next action to be recorded' });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await requestState(year)).query.status).toBe('DRAFT');
      const dashboard = await http(h.baseUrl, 'GET', `/api/cycles/${year}`);
      expect(dashboard.json.requests[0].status).toBe('DRAFT');
    } finally {
      await terminateCycle(env.client, h.prisma, year);
    }
  });
});
