/**
 * The domain's metrics are read from the record: every kind of row they count (escalations by level,
 * refused and failed deliveries, emails still being sent, corrections, overdue and flagged requests of
 * two cycles) written straight into a fresh PostgreSQL database, then scraped.
 */
import { Registry } from 'prom-client';
import { createRecordMetrics } from '../../api/record-metrics';
import { seedAll } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase } from '../support/database';
import { sample } from '../support/prometheus-sample';

let db: TTestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedAll(db.prisma);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

async function cycleWithRequests(year: number, requests: { code: string; status: 'OVERDUE' | 'SUBMITTED' | 'NOT_REPORTED' | 'REQUESTED'; attention?: boolean }[]) {
  const plan = await db.prisma.plan.findFirstOrThrow();
  const cycle = await db.prisma.reportingCycle.create({
    data: { planId: plan.id, year, workflowId: `cycle/${year}`, openedAt: new Date(), deadline: new Date(), policy: {}, openedBy: 'test' },
  });
  const rows = [];
  for (const r of requests) {
    const institution = await db.prisma.institution.findUniqueOrThrow({ where: { code: r.code } });
    rows.push(
      await db.prisma.dataRequest.create({
        data: {
          cycleId: cycle.id,
          institutionId: institution.id,
          workflowId: `request/${year}/${r.code}`,
          status: r.status,
          deadline: new Date(),
          ...(r.attention ? { attentionAt: new Date(), attentionReason: 'an email failed for a day' } : {}),
        },
      }),
    );
  }
  return rows;
}

it('counts emails by kind and outcome, escalations by level, submissions by kind and requests by cycle and status', async () => {
  const [sre, sedena] = await cycleWithRequests(2030, [
    { code: 'SRE', status: 'OVERDUE', attention: true },
    { code: 'SEDENA', status: 'SUBMITTED' },
    { code: 'SEMAR', status: 'NOT_REPORTED' },
  ]);
  await cycleWithRequests(2031, [{ code: 'SRE', status: 'REQUESTED' }]);

  let n = 0;
  const email = (request: { id: string; workflowId: string }, kind: string, step: string, status: 'SENT' | 'FAILED' | 'SENDING', error?: string) =>
    db.prisma.sentMessage.create({
      data: { idempotencyKey: `${request.workflowId}/${step}`, messageId: `<${++n}@test>`, dataRequestId: request.id, kind, to: ['a@b.mx'], cc: [], subject: 's', status, ...(error ? { error } : {}) },
    });
  await email(sre, 'REQUEST', 'request', 'SENT');
  await email(sedena, 'REQUEST', 'request', 'SENT', 'refused by the server: a@b.mx');
  await email(sre, 'REMINDER', '2030-12-28/reminder-5', 'SENT');
  await email(sre, 'REMINDER', '2030-12-28/reminder-1', 'FAILED', 'no active recipient contact for SRE');
  await email(sre, 'ESCALATION', '2030-12-28/escalation-1', 'SENT');
  await email(sre, 'ESCALATION', '2030-12-28/escalation-2', 'FAILED', '550 unknown mailbox');
  await email(sre, 'ESCALATION', '2030-12-28/escalation-3', 'SENDING');
  // A delivery-failure notice about an escalation is not an escalation.
  await email(sre, 'DELIVERY_FAILURE', '2030-12-28/escalation-2/delivery-failure', 'SENT');

  const submission = (request: { id: string; workflowId: string }, version: number, kind: 'DRAFT' | 'FINAL' | 'CORRECTION') =>
    db.prisma.submission.create({ data: { dataRequestId: request.id, version, kind, submittedBy: 'a@b.mx', contentHash: `h${version}`, idempotencyKey: `${request.workflowId}/v${version}` } });
  await submission(sedena, 1, 'DRAFT');
  await submission(sedena, 2, 'FINAL');
  await submission(sedena, 3, 'CORRECTION');
  await submission(sedena, 4, 'CORRECTION');

  const registry = new Registry();
  const record = createRecordMetrics({ prisma: db.prisma, registry });
  await record.refresh();
  const text = await registry.metrics();

  expect(sample(text, 'nap1325_emails_total', { kind: 'REQUEST', outcome: 'sent' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'REQUEST', outcome: 'refused' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'REMINDER', outcome: 'sent' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'REMINDER', outcome: 'failed' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'ESCALATION', outcome: 'sent' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'ESCALATION', outcome: 'failed' })).toBe(1);
  expect(sample(text, 'nap1325_emails_total', { kind: 'DELIVERY_FAILURE', outcome: 'sent' })).toBe(1);
  expect(sample(text, 'nap1325_emails_sending')).toBe(1);
  expect(sample(text, 'nap1325_escalations_total', { level: '1' })).toBe(1);
  expect(sample(text, 'nap1325_escalations_total', { level: '2' })).toBe(1);
  expect(sample(text, 'nap1325_escalations_total', { level: '3' })).toBe(1);
  expect(sample(text, 'nap1325_submissions_total', { kind: 'DRAFT' })).toBe(1);
  expect(sample(text, 'nap1325_submissions_total', { kind: 'FINAL' })).toBe(1);
  expect(sample(text, 'nap1325_submissions_total', { kind: 'CORRECTION' })).toBe(2);
  expect(sample(text, 'nap1325_data_requests', { year: '2030', status: 'OVERDUE' })).toBe(1);
  expect(sample(text, 'nap1325_data_requests', { year: '2030', status: 'SUBMITTED' })).toBe(1);
  expect(sample(text, 'nap1325_data_requests', { year: '2030', status: 'NOT_REPORTED' })).toBe(1);
  expect(sample(text, 'nap1325_data_requests', { year: '2030', status: 'REQUESTED' })).toBe(0);
  expect(sample(text, 'nap1325_data_requests', { year: '2031', status: 'REQUESTED' })).toBe(1);
  expect(sample(text, 'nap1325_data_requests', { year: '2031', status: 'OVERDUE' })).toBe(0);
  expect(sample(text, 'nap1325_data_requests_needing_attention', { year: '2030' })).toBe(1);
  expect(sample(text, 'nap1325_data_requests_needing_attention', { year: '2031' })).toBe(0);
  expect(sample(text, 'nap1325_record_metrics_up')).toBe(1);

  // A request leaves OVERDUE: the next scrape says so (gauges are read, not accumulated).
  await db.prisma.dataRequest.update({ where: { id: sre.id }, data: { status: 'SUBMITTED', attentionAt: null } });
  await record.refresh();
  const after = await registry.metrics();
  expect(sample(after, 'nap1325_data_requests', { year: '2030', status: 'OVERDUE' })).toBe(0);
  expect(sample(after, 'nap1325_data_requests', { year: '2030', status: 'SUBMITTED' })).toBe(2);
  expect(sample(after, 'nap1325_data_requests_needing_attention', { year: '2030' })).toBe(0);
});
