import { performance } from 'node:perf_hooks';
import { cycleDashboard, ZDashboardQuery } from '../../api/queries/cycle-dashboard';
import { requestDetail } from '../../api/queries/request-detail';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import type { PrismaClient } from '../../prisma/client';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedAll } from '../../test/support/app-harness';
import { createTestDatabase } from '../../test/support/database';

const YEAR = 2031;
const CHUNK = 2_000;
const STATUSES = ['REQUESTED', 'DRAFT', 'SUBMITTED', 'OVERDUE', 'EXEMPTED', 'NOT_REPORTED'] as const;

/** A cycle of `count` requests written straight to the record, in the mix a late cycle has. */
async function seedCycle(prisma: PrismaClient, codes: readonly string[]): Promise<void> {
  const plan = await prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } });
  const cycle = await prisma.reportingCycle.create({
    data: { planId: plan.id, year: YEAR, workflowId: `cycle/${YEAR}`, openedAt: new Date('2032-01-05T15:00:00Z'), deadline: new Date('2032-02-28T05:59:59Z'), policy: DEFAULT_REPORTING_POLICY as object, openedBy: 'bench' },
  });
  const institutions = await prisma.institution.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true } });
  for (let i = 0; i < institutions.length; i += CHUNK) {
    await prisma.dataRequest.createMany({
      data: institutions.slice(i, i + CHUNK).map((inst, j) => {
        const n = i + j;
        const status = STATUSES[n % STATUSES.length];
        return {
          cycleId: cycle.id,
          institutionId: inst.id,
          workflowId: `request/${YEAR}/${inst.code}`,
          status,
          deadline: cycle.deadline,
          escalationLevel: status === 'OVERDUE' ? 1 + (n % 3) : 0,
          nextActionKind: status === 'REQUESTED' || status === 'OVERDUE' ? 'REMINDER' : null,
          nextActionAt: status === 'REQUESTED' || status === 'OVERDUE' ? new Date(Date.UTC(2032, 1, 1 + (n % 20), 15)) : null,
          requestedAt: cycle.openedAt,
          submittedAt: status === 'SUBMITTED' ? new Date(Date.UTC(2032, 1, 1 + (n % 40), 15)) : null,
          ...(n % 50 === 7 ? { extensionRequestedAt: new Date('2032-02-20T15:00:00Z'), extensionRequestedDeadline: '2032-03-15', extensionRequestedBy: 'enlace@bench.local' } : {}),
          ...(n % 97 === 3 ? { deliveryFailedAt: new Date('2032-01-05T15:01:00Z'), deliveryFailure: '550 mailbox unavailable' } : {}),
        };
      }),
    });
  }
  // A version with values for every DRAFT and SUBMITTED request.
  const answered = await prisma.dataRequest.findMany({ where: { cycleId: cycle.id, status: { in: ['DRAFT', 'SUBMITTED'] } }, select: { id: true, status: true, institutionId: true } });
  const reporters = await prisma.indicatorReporter.findMany({ where: { institutionId: { in: answered.map((a) => a.institutionId) } }, select: { institutionId: true, indicatorId: true } });
  for (let i = 0; i < answered.length; i += CHUNK) {
    const slice = answered.slice(i, i + CHUNK);
    await prisma.submission.createMany({
      data: slice.map((a) => ({ id: `bench-${a.id}`, dataRequestId: a.id, version: 1, kind: a.status === 'SUBMITTED' ? 'FINAL' : 'DRAFT', submittedBy: 'enlace@bench.local', contentHash: a.id, idempotencyKey: `bench/${a.id}` })),
    });
    const byInstitution = new Set(slice.map((a) => a.institutionId));
    const values = reporters
      .filter((r) => byInstitution.has(r.institutionId))
      .map((r) => ({ submissionId: `bench-${slice.find((a) => a.institutionId === r.institutionId)!.id}`, indicatorId: r.indicatorId, numberValue: 3 }));
    for (let k = 0; k < values.length; k += CHUNK) await prisma.submissionValue.createMany({ data: values.slice(k, k + CHUNK) });
  }
}

/** Median and worst of `runs` timed calls, in ms (after one warm-up call). */
async function time(runs: number, call: () => Promise<unknown>): Promise<{ median: number; worst: number }> {
  await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], worst: samples[samples.length - 1] };
}

/**
 * The dashboard's reads at `entities` requests (the record only, never the workflows): first page,
 * filters, a deep page by keyset, one request's page; each against a baseline read in the same run (the
 * first 50 request rows, nothing else). Returns the table's rows and notes to print.
 */
export async function benchDashboard({ entities, runs = 20, log }: { entities: number; runs?: number; log: (line: string) => void }): Promise<{ rows: [string, ...string[]][]; notes: string[] }> {
  const db = await createTestDatabase();
  try {
    const t0 = performance.now();
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: entities });
    await seedCycle(db.prisma, codes);
    log(`dashboard: seeded ${entities.toLocaleString('en')} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const cycle = await db.prisma.reportingCycle.findFirstOrThrow({ where: { year: YEAR } });
    const baseline = await time(runs, () => db.prisma.dataRequest.findMany({ where: { cycleId: cycle.id }, orderBy: { workflowId: 'asc' }, take: 50 }));
    const page = (query: Record<string, string>) => () => cycleDashboard(db.prisma, YEAR, ZDashboardQuery.parse(query), 'es-MX');
    const middle = codes[Math.floor(codes.length / 2)];
    const cases: [string, () => Promise<unknown>][] = [
      ['first page (50 rows, counts, next steps, cells)', page({})],
      ['filter: extension pending', page({ status: 'EXTENSION_PENDING' })],
      ['filter: delivery failed', page({ status: 'DELIVERY_FAILED' })],
      ['filter: overdue', page({ status: 'OVERDUE' })],
      ['search by name ("00042")', page({ q: '00042' })],
      ['a page in the middle (keyset)', page({ after: middle })],
      ['200 rows', page({ limit: '200' })],
      ['one request page', () => requestDetail(db.prisma, { year: YEAR, code: codes[2], query: {}, lang: 'es-MX' })],
    ];
    const rows: [string, ...string[]][] = [['dashboard read', 'median', 'worst', 'vs baseline']];
    rows.push([`baseline: first 50 request rows`, `${baseline.median.toFixed(1)} ms`, `${baseline.worst.toFixed(1)} ms`, '1.0×']);
    for (const [name, call] of cases) {
      const t = await time(runs, call);
      rows.push([name, `${t.median.toFixed(1)} ms`, `${t.worst.toFixed(1)} ms`, `${(t.median / baseline.median).toFixed(1)}×`]);
    }
    return { rows, notes: [`dashboard: ${entities.toLocaleString('en')} requests in one cycle; ${runs} timed reads each after a warm-up; PostgreSQL ${db.url.replace(/\/\/[^@]*@/, '//')}`] };
  } finally {
    await db.drop();
  }
}
