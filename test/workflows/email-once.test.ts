/**
 * "Once per step": each email of a request's life reaches the SMTP server once, whatever fails around it
 * — an activity that fails after the server accepted the message and the SENT record was written, a
 * worker killed while the SMTP conversation is under way, a permanent refusal, a replay of the workflow.
 * Real Temporal (the Java time-skipping test server), PostgreSQL, SMTP and worker; faults are injected
 * at the edges only: a database trigger (test/support/db-faults.ts), a stalling SMTP server
 * (scripts/mail-catcher.ts `stall`), SIGKILL of a worker process (test/support/worker-process.ts), and
 * the SMTP server refusing addresses (550).
 *
 * As in reporting-ladder.test.ts, each scenario opens its cycle at a fixed instant of workflow time on
 * the time-skipping server, except the worker-killed one, which runs on the dev server (see there why).
 * An activity's retry waits in real time on both: the test server holds its clock while an activity is
 * outstanding (5 s for a retry after a failed attempt, 60 s after a killed one).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { OutgoingEmail } from '../../activities/mailer';
import { messageIdFor } from '../../activities/send-request-email';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../../scripts/mail-catcher';
import { statusQuery, type institutionRequest, type reportingCycle } from '../../workflows';
import { createActivities, eventually, quietRuntime, startHarness, workflowBundle, type Harness } from '../support/app-harness';
import { failAuditInserts } from '../support/db-faults';
import {
  activityRuns,
  addresses,
  advanceTo,
  answers,
  contactsOf,
  finishedResult,
  formIndicators,
  isMailOf,
  kindOf,
  linkIn,
  mailOf,
  openCycle,
  submitViaLink,
  terminateCycle,
} from '../support/reporting-scenarios';
import { createDevServerEnv, createTimeSkippingEnv } from '../support/temporal';
import { removeWorkerBundle, startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const CODE = 'SEMAR';
let env: TestWorkflowEnvironment;
let h: Harness;
let contacts: Awaited<ReturnType<typeof contactsOf>>;
/** Addresses the SMTP server answers 550 for, changed by the scenarios. */
const refused = new Set<string>();
/** Runs before each send of the worker's mailer; a scenario makes it throw to fail that send. */
let beforeSend: ((email: OutgoingEmail) => void) | undefined;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({
    env,
    refuse: (address) => refused.has(address.toLowerCase()),
    wrapMailer: (mailer) => ({
      async send(email) {
        beforeSend?.(email);
        return mailer.send(email);
      },
      close: () => mailer.close(),
    }),
  });
  h.startWorker();
  contacts = await contactsOf(h.prisma, CODE);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** The Message-ID the activity derives for a step of SEMAR's request in `year`. */
const messageIdOf = (year: number, stepKey: string) => messageIdFor(`request/${year}/${CODE}/${stepKey}`, h.deps.config.messageIdDomain);
const withMessageId = (smtp: MailCatcher, id: string) => smtp.messages.filter((m) => m.parsed.messageId === id);
const sentMessage = (year: number, stepKey: string) => h.prisma.sentMessage.findUnique({ where: { idempotencyKey: `request/${year}/${CODE}/${stepKey}` } });

/**
 * Waits until the request workflow has recorded its next step and its outbox is idle (no activity pending:
 * the request email, sent after the step is recorded, and any notice are behind it).
 */
async function requestSettled(year: number, prisma = h.prisma, client = env.client) {
  return eventually(
    async () => {
      const row = await prisma.dataRequest.findFirst({ where: { cycle: { year }, institution: { code: CODE } } });
      if (!row?.nextActionKind) return undefined;
      const { raw } = await client.workflow.getHandle(row.workflowId).describe();
      return (raw.pendingActivities?.length ?? 0) === 0 ? row : undefined;
    },
    { what: `the ${year} request to schedule its next step`, timeoutMs: 60_000 },
  );
}

describe('(a) an activity retried after the SMTP server accepted and the SENT record was written', () => {
  const year = 2040;

  afterAll(async () => {
    await terminateCycle(env.client, h.prisma, year);
  });

  it('sends no second copy: the retry finds the SENT record and answers ALREADY_SENT', async () => {
    // The audit row written after the SENT record fails once: the attempt fails, Temporal retries it.
    const fault = await failAuditInserts(h.prisma, { action: 'EMAIL_SENT', kind: 'REQUEST' });
    try {
      await advanceTo(env, '2040-01-09T16:00:00.000Z');
      await openCycle(h.baseUrl, { year, deadline: '2040-02-04', institutions: [CODE] });
      await fault.waitFired();
      await requestSettled(year);
    } finally {
      await fault.remove();
    }
    const id = messageIdOf(year, 'request');
    expect(withMessageId(h.smtp, id)).toHaveLength(1);
    expect(mailOf(h.smtp, { year, code: CODE }).map(kindOf)).toEqual(['REQUEST']);
    expect(await sentMessage(year, 'request')).toMatchObject({ status: 'SENT', attempts: 1, messageId: id });

    // The try that failed after the SENT record was the activity that opens the request: it handed the email
    // to the outbox, whose activity (the retry) found the SENT record. (Before requests were opened in one
    // activity, the retry was attempt 2 of the same sendRequestEmail.)
    // Between the opening activity's end and the workflow task that hands the email to the outbox, the request
    // has no activity pending: read the outbox's run once it has one and it has finished.
    const run = await eventually(
      async () => {
        const [found] = (await activityRuns(env.client, `request/${year}/${CODE}`, 'sendRequestEmail')).filter((r) => r.input.stepKey === 'request');
        return found && found.outcome !== 'open' ? found : undefined;
      },
      { what: "the outbox's data-request email activity to finish", timeoutMs: 60_000 },
    );
    expect(run).toMatchObject({ attempt: 1, outcome: 'completed', result: { outcome: 'ALREADY_SENT', messageId: id } });
  });

  // Regression (was a bug in activities/send-request-email.ts, fixed): the EMAIL_SENT audit row is written
  // after the SENT record, in its own statement; an attempt that fails between the two leaves the email
  // without its audit row for ever, because the retry returns ALREADY_SENT before reaching the audit write.
  // Fix: write the SENT status and the audit row in one transaction, or write the (idempotent) audit row on
  // the ALREADY_SENT path too.
  it('...and the audit trail still records that the email was sent', async () => {
    const audit = await h.prisma.auditEvent.findUnique({ where: { idempotencyKey: `request/${year}/${CODE}/request/sent` } });
    expect(audit).toMatchObject({ action: 'EMAIL_SENT' });
  });

  it('sends nothing when the activity is run again by hand with the same input', async () => {
    const request = await h.prisma.dataRequest.findFirstOrThrow({ where: { cycle: { year } } });
    const { sendRequestEmail } = createActivities(h.deps);
    const before = h.smtp.messages.length;
    const again = await sendRequestEmail({ dataRequestId: request.id, workflowId: request.workflowId, kind: 'REQUEST', stepKey: 'request' });
    expect(again).toEqual({ outcome: 'ALREADY_SENT', messageId: messageIdOf(year, 'request') });

    // A step of its own, sent twice in a row: once.
    const input = { dataRequestId: request.id, workflowId: request.workflowId, kind: 'REMINDER' as const, stepKey: 'test/sent-twice' };
    expect((await sendRequestEmail(input)).outcome).toBe('SENT');
    expect((await sendRequestEmail(input)).outcome).toBe('ALREADY_SENT');
    expect(h.smtp.messages.length - before).toBe(1);
    expect(withMessageId(h.smtp, messageIdOf(year, 'test/sent-twice'))).toHaveLength(1);
  });

  // Regression (was a bug in activities/send-request-email.ts, fixed): the step is "claimed" with an
  // unconditional upsert (attempts + 1), not with a conditional update whose count decides who sends (STYLE
  // §13). Two attempts of one step running at once — an attempt that outlives its 1-minute start-to-close
  // timeout (a slow SMTP server, a send queued behind others in nodemailer's pool of 5 during a
  // 1,000-institution cycle) and its retry — both find the row not SENT and both send. Fix: claim with
  // `updateMany({ where: { idempotencyKey, status: 'SENDING', OR: [{ claimedUntil: null }, { claimedUntil: {
  // lt: now } }] }, data: { claimedUntil: now + lease } })` and send only when count is 1 (otherwise throw a
  // retryable "in progress" error), with a lease longer than the SMTP timeouts.
  it('sends one email when two attempts of the same step run at once', async () => {
    const request = await h.prisma.dataRequest.findFirstOrThrow({ where: { cycle: { year } } });
    const { sendRequestEmail } = createActivities(h.deps);
    const input = { dataRequestId: request.id, workflowId: request.workflowId, kind: 'REMINDER' as const, stepKey: 'test/concurrent-attempts' };
    const outcomes = await Promise.all([sendRequestEmail(input), sendRequestEmail(input)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['ALREADY_SENT', 'SENT']);
    expect(withMessageId(h.smtp, messageIdOf(year, 'test/concurrent-attempts'))).toHaveLength(1);
  });
});

describe('(c) a permanent SMTP failure (550)', () => {
  afterEach(() => refused.clear());

  it('is recorded FAILED, the secretariat is told once per step, nothing is retried, and the workflow goes on', async () => {
    const year = 2041;
    refused.add(contacts.primary).add(contacts.alternate);
    try {
      await advanceTo(env, '2041-03-04T16:00:00.000Z');
      await openCycle(h.baseUrl, { year, deadline: '2041-03-29', institutions: [CODE] });
      const [notice] = await h.smtp.waitFor((m) => isMailOf({ year, code: CODE })(m) && kindOf(m) === 'DELIVERY_FAILURE', { timeoutMs: 30_000 });
      expect(notice.parsed.subject).toBe(`Falla de entrega PNA-1325 ${year}: ${CODE}`);
      expect(addresses(notice.parsed.to)).toEqual([contacts.secretariat]);
      // Whom it was for, and what the server said.
      expect(notice.parsed.text).toContain(`Destinatarios: ${contacts.primary}, ${contacts.alternate}.`);
      expect(notice.parsed.text).toMatch(/Error: .*550/);

      const row = await requestSettled(year);
      expect(await sentMessage(year, 'request')).toMatchObject({ status: 'FAILED', attempts: 1, to: [contacts.primary] });
      expect((await sentMessage(year, 'request'))!.error).toMatch(/550/);
      // The dashboards show it: "delivery failed", with what the server said (the row's read model).
      expect(row.deliveryFailedAt).not.toBeNull();
      expect(row.deliveryFailure).toMatch(/550/);
      expect(await sentMessage(year, 'request/delivery-failure')).toMatchObject({ status: 'SENT', kind: 'DELIVERY_FAILURE', to: [contacts.secretariat] });
      // One attempt, completed with outcome FAILED: a refusal is not retried.
      const runs = await activityRuns(env.client, `request/${year}/${CODE}`, 'sendRequestEmail');
      expect(runs.map((r) => [r.input.stepKey, r.attempt, r.outcome, r.result?.outcome])).toEqual([['request', 1, 'completed', 'FAILED']]);
      // The workflow goes on to its next step.
      expect({ kind: row.nextActionKind, at: row.nextActionAt?.toISOString() }).toEqual({ kind: 'REMINDER', at: '2041-03-14T15:00:00.000Z' });
      const state = await env.client.workflow.getHandle(`request/${year}/${CODE}`).query(statusQuery);
      expect(state.history.map((e) => [e.event, e.detail])).toEqual([['request-sent', expect.stringMatching(/^\(failed: .*550/)]]);

      // reminder-10 meets the same refusal: its own FAILED record and its own notice, once.
      await advanceTo(env, '2041-03-14T15:01:00.000Z');
      expect(mailOf(h.smtp, { year, code: CODE }).map(kindOf)).toEqual(['DELIVERY_FAILURE', 'DELIVERY_FAILURE']);
      expect(await sentMessage(year, '2041-03-29/reminder-10')).toMatchObject({ status: 'FAILED', attempts: 1 });

      // Addresses fixed: reminder-5 goes out to the contact as usual.
      refused.clear();
      await advanceTo(env, '2041-03-22T15:01:00.000Z');
      const sent = mailOf(h.smtp, { year, code: CODE });
      expect(sent.map(kindOf)).toEqual(['DELIVERY_FAILURE', 'DELIVERY_FAILURE', 'REMINDER']);
      expect(addresses(sent[2].parsed.to)).toEqual([contacts.primary]);
      // Accepted again: no longer "delivery failed".
      expect((await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/${CODE}` } })).deliveryFailedAt).toBeNull();
      // Nothing that failed was tried again.
      const stepRuns = await activityRuns(env.client, `request/${year}/${CODE}`, 'sendRequestEmail');
      expect(stepRuns.map((r) => [r.input.stepKey, r.attempt, r.result?.outcome])).toEqual([
        ['request', 1, 'FAILED'],
        ['2041-03-29/reminder-10', 1, 'FAILED'],
        ['2041-03-29/reminder-5', 1, 'SENT'],
      ]);
    } finally {
      await terminateCycle(env.client, h.prisma, year);
    }
  });

  describe('only the primary contact refused, the alternate (copied) accepted', () => {
    const year = 2042;
    beforeAll(async () => {
      refused.add(contacts.primary);
      await advanceTo(env, '2042-01-20T16:00:00.000Z');
      await openCycle(h.baseUrl, { year, deadline: '2042-02-13', institutions: [CODE] });
      await requestSettled(year);
      refused.clear();
    });
    afterAll(async () => {
      await terminateCycle(env.client, h.prisma, year);
    });

    it('the alternate still receives the request', () => {
      const [request] = mailOf(h.smtp, { year, code: CODE }).filter((m) => kindOf(m) === 'REQUEST');
      expect(request.envelope.to).toEqual([contacts.alternate]);
    });

    // Regression (was a bug in activities/send-request-email.ts, fixed): a send counts as delivered when
    // *any* recipient was accepted (`outcome.accepted.length === 0` is the only failure test), so a refused
    // primary contact — the person the request is addressed to — is ignored: SENT, no EMAIL_FAILED audit, no
    // notice to the secretariat, and the dashboard never learns that the contact's address is dead. Fix:
    // treat refused `to` addresses (outcome.rejected ∩ email.to) as a delivery failure — record them (e.g.
    // status SENT with `error` naming them, or PARTIAL) and send the DELIVERY_FAILURE notice.
    it('records the refusal and tells the secretariat', async () => {
      expect((await sentMessage(year, 'request'))!.error).toMatch(new RegExp(contacts.primary.replace(/\./g, '\\.')));
      expect(mailOf(h.smtp, { year, code: CODE }).map(kindOf)).toContain('DELIVERY_FAILURE');
    });
  });

  // Regression (was a bug in activities/send-request-email.ts, `fail`, fixed): the notice to the secretariat
  // is sent from inside the failed step's activity, after the step was recorded FAILED. If the notice meets a
  // transient fault it throws, the activity is retried — and the retry returns at once on the FAILED record,
  // so the notice is never sent (its SentMessage row stays SENDING). Fix: on the FAILED path, also send the
  // notice when its own row is not SENT (it is idempotent by its own key); or return FAILED and let the
  // workflow send the DELIVERY_FAILURE email as a step of its own, retried by Temporal like any other.
  it('a notice that meets a transient SMTP fault is still delivered, once', async () => {
    const year = 2043;
    let failNotice = true;
    refused.add(contacts.primary).add(contacts.alternate);
    beforeSend = (email) => {
      if (failNotice && email.subject.startsWith('Falla de entrega')) {
        failNotice = false;
        throw Object.assign(new Error('4.4.2 connection dropped (test)'), { responseCode: 421 });
      }
    };
    try {
      await advanceTo(env, '2043-03-02T16:00:00.000Z');
      await openCycle(h.baseUrl, { year, deadline: '2043-03-27', institutions: [CODE] });
      await requestSettled(year);
      expect(failNotice).toBe(false); // the fault did happen
      const notices = await eventually(async () => {
        const found = mailOf(h.smtp, { year, code: CODE }).filter((m) => kindOf(m) === 'DELIVERY_FAILURE');
        return found.length ? found : undefined;
      }, { what: 'the delivery-failure notice', timeoutMs: 8_000 });
      expect(notices).toHaveLength(1);
      expect(await sentMessage(year, 'request/delivery-failure')).toMatchObject({ status: 'SENT' });
    } finally {
      beforeSend = undefined;
      await terminateCycle(env.client, h.prisma, year);
    }
  });
});

describe('(d) replay', () => {
  const year = 2044;

  it('a completed request workflow and its cycle replay without non-determinism, and replaying sends nothing', async () => {
    try {
      await advanceTo(env, '2044-03-07T16:00:00.000Z');
      await openCycle(h.baseUrl, { year, deadline: '2044-04-01', institutions: [CODE] });
      const [request] = await h.smtp.waitFor(isMailOf({ year, code: CODE }), { timeoutMs: 30_000 });
      const link = linkIn(request.parsed.text);
      await submitViaLink(link, { values: answers(await formIndicators(link)), final: true });
      await advanceTo(env, '2044-03-23T06:01:00.000Z'); // past the correction window
      expect((await finishedResult<typeof institutionRequest>(env, `request/${year}/${CODE}`)).status).toBe('SUBMITTED');
      expect(await finishedResult<typeof reportingCycle>(env, `cycle/${year}`)).toMatchObject({ closed: true });

      const before = h.smtp.messages.length;
      const bundle = await workflowBundle();
      for (const workflowId of [`request/${year}/${CODE}`, `cycle/${year}`]) {
        const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
        await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId)).resolves.toBeUndefined();
      }
      expect(h.smtp.messages.length).toBe(before);
      expect(mailOf(h.smtp, { year, code: CODE }).map(kindOf)).toEqual(['REQUEST', 'RECEIPT']);
    } finally {
      await terminateCycle(env.client, h.prisma, year);
    }
  });
});

/**
 * (b) The worker runs as its own OS process; the SMTP server holds the request email after its DATA, and
 * the worker is SIGKILLed while the conversation is stalled, so the server never acknowledged the message
 * (the catcher drops it). A second worker process then takes the activity's retry.
 *
 * Which server: the Temporal CLI dev server, not this file's time-skipping one, for two reasons.
 * 1. Nothing is gained by skipping: the retry can only start once the killed attempt's start-to-close
 *    timeout (1 minute, workflows/institution-request.ts) has run out — there is no heartbeat to notice
 *    the death sooner — and the Java test server holds its clock while an activity is outstanding, so that
 *    minute passes in real time there too.
 * 2. The Java test server loses the workflow's next task after the kill: the task is scheduled on the
 *    normal queue and never handed to the second worker (apparently given to a long poll of the dead
 *    process), so the request never moves on. The dev server hands it over, as a production server does.
 * The scenario costs about 70 s of real time.
 */
describe('(b) a worker killed mid-send, then restarted (dev server)', () => {
  const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
  /** On the dev server (real time): a cycle of the deadline's year. */
  const year = Number(deadline.slice(0, 4));
  let devEnv: TestWorkflowEnvironment;
  let h2: Harness;
  let stallingSmtp: MailCatcher;
  const workers: WorkerProcess[] = [];
  let stalled!: () => void;
  const stallStarted = new Promise<void>((resolve) => (stalled = resolve));
  let releaseStall!: () => void;
  const stallReleased = new Promise<void>((resolve) => (releaseStall = resolve));

  beforeAll(async () => {
    devEnv = await createDevServerEnv();
    h2 = await startHarness({ env: devEnv });
    // The processes do the work. The harness's in-process worker is run and stopped at once (there is no
    // task on its queue yet), since a Worker that never ran keeps its connection from closing.
    const run = h2.worker.run();
    h2.worker.shutdown();
    await run;
    let first = true;
    stallingSmtp = await startMailCatcher({
      async stall() {
        if (!first) return;
        first = false;
        stalled();
        await stallReleased;
      },
    });
  }, 120_000);

  afterAll(async () => {
    releaseStall();
    if (h2) await terminateCycle(devEnv.client, h2.prisma, year).catch(() => undefined);
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await removeWorkerBundle();
    await stallingSmtp?.stop();
    await h2?.close();
    await devEnv?.teardown();
  });

  const startWorker = async () => {
    const worker = await startWorkerProcess({
      temporalAddress: devEnv.address,
      namespace: devEnv.namespace ?? 'default',
      taskQueue: h2.taskQueue,
      databaseUrl: h2.databaseUrl,
      smtpPort: stallingSmtp.port,
      linkSigningSecret: h2.deps.config.linkSigningSecret,
      publicBaseUrl: h2.baseUrl,
    });
    workers.push(worker);
    await worker.ready;
    return worker;
  };

  it('one email for the step, sent by the second worker; the record counts two attempts', async () => {
    const first = await startWorker();
    await openCycle(h2.baseUrl, { year, deadline, institutions: [CODE] });
    await stallStarted; // the request's DATA is in, the server has not answered

    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the server sees the connection close
    releaseStall();
    const id = messageIdFor(`request/${year}/${CODE}/request`, 'nap1325.test');
    const claimed = await h2.prisma.sentMessage.findUniqueOrThrow({ where: { idempotencyKey: `request/${year}/${CODE}/request` } });
    expect(claimed).toMatchObject({ status: 'SENDING', attempts: 1, messageId: id });
    expect(stallingSmtp.messages).toEqual([]);

    const killedAt = Date.now();
    await startWorker();
    const [accepted] = await stallingSmtp.waitFor((m: CaughtMessage) => m.parsed.messageId === id, { timeoutMs: 100_000 });
    const waitedMs = Date.now() - killedAt;
    expect(waitedMs).toBeGreaterThan(40_000); // the retry came after the start-to-close timeout
    expect(kindOf(accepted)).toBe('REQUEST');
    expect(addresses(accepted.parsed.to)).toEqual([contacts.primary]);

    await requestSettled(year, h2.prisma, devEnv.client);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // room for a second copy, if any
    expect(withMessageId(stallingSmtp, id)).toHaveLength(1);
    expect(stallingSmtp.messages).toHaveLength(1);
    const record = await h2.prisma.sentMessage.findUniqueOrThrow({ where: { idempotencyKey: `request/${year}/${CODE}/request` } });
    expect(record.status).toBe('SENT');
    expect(record.attempts).toBeGreaterThanOrEqual(2);
    const [run] = await activityRuns(devEnv.client, `request/${year}/${CODE}`, 'sendRequestEmail');
    expect(run).toMatchObject({ attempt: 2, outcome: 'completed', result: { outcome: 'SENT', messageId: id } });
  }, 150_000);
});
