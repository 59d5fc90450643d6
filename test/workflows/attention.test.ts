/**
 * When something a request owes cannot be done (an email the database or SMTP refuses for good, or one
 * still failing after a day of retries), the request does not wedge and does not go silent: the step is
 * given up, the request is flagged for attention (visible in the API and in the audit), the secretariat
 * is emailed once, and the ladder goes on. A resend clears the flag. Real time-skipping Temporal,
 * PostgreSQL and SMTP; the refusal is injected in the database (a data exception: not retryable).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { statusQuery } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { refuseInserts } from '../support/db-faults';
import { advanceTo, contactsOf, http, isMailOf, mailOf, openCycle } from '../support/reporting-scenarios';
import { createTimeSkippingEnv } from '../support/temporal';
import { checkConsistency } from '../../ops/check-consistency';

const CODE = 'SEMAR';
const YEAR = 2040;
let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

it('a reminder refused for good: the step is given up, the request flagged, the secretariat told once, the ladder goes on; a resend clears the flag', async () => {
  const contacts = await contactsOf(h.prisma, CODE);
  await advanceTo(env, '2040-01-09T16:00:00.000Z');
  await openCycle(h.baseUrl, { year: YEAR, deadline: '2040-02-04', institutions: [CODE] });
  await h.smtp.waitFor(isMailOf({ year: YEAR, code: CODE }), { timeoutMs: 30_000 });

  // reminder-10 (24 January, 09:00) cannot be recorded: the database refuses its row, for good.
  const fault = await refuseInserts(h.prisma, { table: 'SentMessage', condition: `NEW.kind = 'REMINDER'` });
  try {
    await advanceTo(env, '2040-01-24T15:01:00.000Z');
    const [notice] = await h.smtp.waitFor((m) => /^Atención requerida PNA-1325 2040: SEMAR/.test(m.parsed.subject ?? ''), { timeoutMs: 30_000 });
    expect(notice.envelope.to).toEqual([contacts.secretariat]);
    expect(notice.parsed.text).toMatch(/Qué falló: the reminder email \(2040-02-07\/reminder-10\) could not be sent: .*refused/);
  } finally {
    await fault.remove();
  }

  const row = await eventually(async () => {
    const r = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${YEAR}/${CODE}` } });
    return r.attentionAt ? r : undefined;
  });
  expect(row.attentionReason).toMatch(/reminder-10/);
  const audit = await h.prisma.auditEvent.findMany({ where: { dataRequestId: row.id, action: 'NEEDS_ATTENTION' } });
  expect(audit).toHaveLength(1);
  const cycle = await http(h.baseUrl, 'GET', `/api/cycles/${YEAR}`);
  expect(cycle.json.needsAttention).toBe(1);
  expect(cycle.json.requests[0].attention).toMatchObject({ reason: expect.stringMatching(/reminder-10/) });
  const detail = await http(h.baseUrl, 'GET', `/api/cycles/${YEAR}/requests/${CODE}`);
  expect(detail.json.attention.reason).toMatch(/reminder-10/);
  const state = await env.client.workflow.getHandle(`request/${YEAR}/${CODE}`).query(statusQuery);
  expect(state.history.map((e) => e.event)).toEqual(['request-sent', 'email-failed']);
  expect(state.attentions).toBe(1);
  const report = await checkConsistency({ prisma: h.prisma, client: env.client });
  expect(report.problems.map((p) => p.kind)).toEqual(['NEEDS_ATTENTION']);

  // The ladder goes on: reminder-5 (31 January) goes out as usual; the secretariat was told only once.
  await advanceTo(env, '2040-01-31T15:01:00.000Z');
  expect(mailOf(h.smtp, { year: YEAR, code: CODE }).map((m) => m.parsed.subject?.split(':')[0])).toEqual([
    'PNA-1325 2040',
    'Atención requerida PNA-1325 2040',
    'Recordatorio PNA-1325 2040',
  ]);

  // The secretariat resends the request: the flag is cleared.
  expect((await http(h.baseUrl, 'POST', `/api/cycles/${YEAR}/requests/${CODE}/resend`, {})).status).toBe(200);
  await eventually(async () => ((await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${YEAR}/${CODE}` } })).attentionAt === null ? true : undefined));
  await expectConsistent({ ...h });
});
