/**
 * The annual report at scale (issue 9 §6): a cycle of `entities` synthetic reporting entities, each
 * reporting every numeric indicator of the plan (by sex where the plan says so), compiled into its ten
 * files — snapshot read, model compiled, JSON/HTML/PDF/XLSX/CSV rendered in both languages — beside the
 * baseline: the plain SQL query that reads the same value rows and nothing else. The compilation is the
 * activity's own: in the process the worker starts for it (activities/report/compile-in-process.ts, files
 * stored in PostgreSQL), whose peak RSS (VmHWM) it reports. Goal: under 30 s and under 512 MB.
 * BENCH_REPORT_KEEP=1 keeps the seeded database and prints its URL and the cycle's id.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import type { PrismaClient } from '../../prisma/client';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedAll } from '../../test/support/app-harness';
import { createTestDatabase } from '../../test/support/database';
import { compileReportVersionInProcess } from '../../activities/report/compile-in-process';
import type { TCompileFigures } from '../../activities/report/report-compile-process';

const YEAR = 2033;
const CHUNK = 2_000;

/** A closed cycle in which every entity submitted a final report with a value for each numeric indicator. */
async function seedReportedCycle(prisma: PrismaClient, codes: readonly string[]): Promise<{ cycleId: string; values: number }> {
  const plan = await prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } });
  const indicators = await prisma.indicator.findMany({ where: { planId: plan.id, unit: { in: ['COUNT', 'PERCENTAGE'] } }, select: { id: true, disaggregation: true, unit: true } });
  const cycle = await prisma.reportingCycle.create({
    data: { planId: plan.id, year: YEAR, status: 'CLOSED', workflowId: `cycle/${YEAR}`, openedAt: new Date('2034-01-05T15:00:00Z'), deadline: new Date('2034-02-28T05:59:59Z'), policy: DEFAULT_REPORTING_POLICY as object, openedBy: 'bench', closedAt: new Date('2034-05-01T15:00:00Z') },
  });
  const institutions = await prisma.institution.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true }, orderBy: { code: 'asc' } });
  let values = 0;
  for (let i = 0; i < institutions.length; i += CHUNK) {
    const slice = institutions.slice(i, i + CHUNK);
    await prisma.dataRequest.createMany({
      data: slice.map((inst, j) => ({
        id: `bench-r-${inst.code}`,
        cycleId: cycle.id,
        institutionId: inst.id,
        workflowId: `request/${YEAR}/${inst.code}`,
        status: (i + j) % 10 === 9 ? ('NOT_REPORTED' as const) : ('SUBMITTED' as const),
        deadline: cycle.deadline,
        requestedAt: cycle.openedAt,
        submittedAt: (i + j) % 10 === 9 ? null : new Date(Date.UTC(2034, 1, 1 + ((i + j) % 40), 15)),
        endedAt: new Date('2034-04-30T15:00:00Z'),
      })),
    });
    const answered = slice.filter((_, j) => (i + j) % 10 !== 9);
    await prisma.submission.createMany({
      data: answered.map((inst) => ({ id: `bench-s-${inst.code}`, dataRequestId: `bench-r-${inst.code}`, version: 1, kind: 'FINAL' as const, submittedBy: 'enlace@bench.local', contentHash: inst.code, idempotencyKey: `bench/${inst.code}`, createdAt: new Date('2034-02-10T15:00:00Z') })),
    });
    const rows = answered.flatMap((inst, k) =>
      indicators.flatMap((ind) => {
        const total = ind.unit === 'PERCENTAGE' ? (k % 100) : 1 + ((k * 7) % 50);
        const base = { submissionId: `bench-s-${inst.code}`, indicatorId: ind.id };
        if (ind.disaggregation !== 'SEX' || ind.unit === 'PERCENTAGE') return [{ ...base, breakdown: 'TOTAL' as const, numberValue: total }];
        const women = Math.floor(total / 2);
        return [
          { ...base, breakdown: 'TOTAL' as const, numberValue: total },
          { ...base, breakdown: 'WOMEN' as const, numberValue: women },
          { ...base, breakdown: 'MEN' as const, numberValue: total - women - (k % 3 === 0 ? 1 : 0) },
        ];
      }),
    );
    for (let k = 0; k < rows.length; k += CHUNK) await prisma.submissionValue.createMany({ data: rows.slice(k, k + CHUNK) });
    values += rows.length;
  }
  return { cycleId: cycle.id, values };
}

/** The activity's own compilation process (activities/report/compile-in-process.ts), observed: its figures and wall time. */
async function compileOnce(databaseUrl: string, cycleId: string, key: string): Promise<{ wallMs: number; figures: TCompileFigures; files: TFileFigure[]; reportVersionId: string }> {
  const t0 = performance.now();
  const compiled = await compileReportVersionInProcess({ databaseUrl }, { cycleId, compiledBy: 'bench', idempotencyKey: key }, { now: new Date(), observe: true });
  return { wallMs: performance.now() - t0, figures: compiled.figures, files: [], reportVersionId: compiled.reportVersionId };
}

type TFileFigure = { format: string; lang: string; bytes: number; stored: number; sha256: string };

/** The stored files of a version: size served, size kept, SHA-256. */
async function filesOf(prisma: PrismaClient, reportVersionId: string): Promise<TFileFigure[]> {
  const rows = await prisma.$queryRaw<{ format: string; lang: string; size: number; stored: number; sha256: string }[]>`
    SELECT format, lang, size, octet_length(content) AS stored, sha256 FROM "ReportFile" WHERE "reportVersionId" = ${reportVersionId} ORDER BY format, lang`;
  return rows.map((r) => ({ format: r.format, lang: r.lang, bytes: r.size, stored: Number(r.stored), sha256: r.sha256 }));
}

/** Seeds the cycle, times the baseline read and the compilation (in a child process); returns the table. */
export async function benchReport({ entities, log }: { entities: number; log: (line: string) => void }): Promise<{ rows: [string, ...string[]][]; notes: string[] }> {
  const db = await createTestDatabase();
  let cycleIdSeen = '';
  try {
    const t0 = performance.now();
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: entities });
    const { cycleId, values } = await seedReportedCycle(db.prisma, codes);
    cycleIdSeen = cycleId;
    log(`report: seeded ${entities.toLocaleString('en')} entities and ${values.toLocaleString('en')} values in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // A closed cycle's rows are long settled when its report compiles: vacuumed and analyzed here, so the
    // timings do not include autovacuum working through 250,000 fresh rows beside the first compilation.
    for (const table of ['DataRequest', 'Submission', 'SubmissionValue', 'Institution', 'AuditEvent', 'SentMessage']) await db.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "${table}"`);
    // Baseline: the same value rows read by one SQL query (the latest final version of each request).
    const b0 = performance.now();
    const read = await db.prisma.$queryRaw<unknown[]>`
      SELECT v."indicatorId", v.breakdown, v."numberValue", v."booleanValue", v."textValue", v.comment, r."institutionId"
      FROM "SubmissionValue" v JOIN "Submission" s ON s.id = v."submissionId" JOIN "DataRequest" r ON r.id = s."dataRequestId"
      WHERE r."cycleId" = ${cycleId} AND s.kind IN ('FINAL', 'CORRECTION')`;
    const baselineMs = performance.now() - b0;
    const first = await compileOnce(db.url, cycleId, 'bench/report/1');
    first.files = await filesOf(db.prisma, first.reportVersionId);
    // The same data again: the first version deleted, so the activity compiles (not "unchanged") version 1 anew.
    await db.prisma.reportFile.deleteMany({ where: { reportVersion: { cycleId } } });
    await db.prisma.reportVersion.deleteMany({ where: { cycleId } });
    const second = await compileOnce(db.url, cycleId, 'bench/report/2');
    second.files = await filesOf(db.prisma, second.reportVersionId);
    const differ = first.files.filter((f, i) => f.sha256 !== second.files[i]?.sha256).map((f) => `${f.format}/${f.lang}`);
    const same = differ.length === 0 && first.files.length === second.files.length;
    const f = first.figures;
    const files = first.files;
    const stepMs = (name: string) => f.steps.find((s) => s.step === name)?.ms ?? 0;
    const fileSteps = f.steps.filter((s) => s.step.endsWith('rendered and stored'));
    const sizeOf = (step: string) => {
      const [format, lang] = step.split(' ');
      return files.find((x) => x.format === format && x.lang === lang);
    };
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const rows: [string, ...string[]][] = [
      ['annual report', 'wall', 'vs baseline', 'peak RSS'],
      [`baseline: SQL read of the ${read.length.toLocaleString('en')} value rows`, `${(baselineMs / 1000).toFixed(2)} s`, '1.0×', '—'],
      [`compile and store ${entities.toLocaleString('en')} entities (the activity's own process)`, `${(first.wallMs / 1000).toFixed(1)} s`, `${(first.wallMs / baselineMs).toFixed(1)}×`, `${f.peakMiB.toFixed(0)} MiB`],
      ['  read the snapshot', `${(stepMs('snapshot read') / 1000).toFixed(1)} s`, `${(stepMs('snapshot read') / baselineMs).toFixed(1)}×`, ''],
      ['  compile the model', `${(stepMs('model compiled') / 1000).toFixed(1)} s`, '', ''],
      ['  render and store JSON, HTML, PDF, XLSX, CSV × es-MX, en', `${(fileSteps.reduce((n, s) => n + s.ms, 0) / 1000).toFixed(1)} s`, '', ''],
      ...fileSteps.map((s): [string, ...string[]] => {
        const file = sizeOf(s.step);
        return [`    ${s.step.replace(' rendered and stored', '')} (${mb(file?.bytes ?? 0)} MiB, kept as ${mb(file?.stored ?? 0)} MiB)`, `${(s.ms / 1000).toFixed(1)} s`, '', ''];
      }),
    ];
    const goal = first.wallMs < 30_000 && f.peakMiB < 512 ? 'met' : 'NOT met';
    return {
      rows,
      notes: [
        `report: files (served / kept) ${files.map((x) => `${x.format}/${x.lang} ${mb(x.bytes)} / ${mb(x.stored)} MiB`).join(', ')}; in all ${mb(files.reduce((n, x) => n + x.bytes, 0))} / ${mb(files.reduce((n, x) => n + x.stored, 0))} MiB`,
        `report: goal < 30 s and < 512 MiB: ${goal} (second run: ${(second.wallMs / 1000).toFixed(1)} s, ${second.figures.peakMiB.toFixed(0)} MiB); compiled twice from the same data: ${same ? 'byte-identical files' : `FILES DIFFER (${differ.join(', ')})`}`,
        `report: memory after each step (first run): ${f.memory.join('; ')}`,
      ],
    };
  } finally {
    if (process.env.BENCH_REPORT_KEEP) log(`report: database kept: ${db.url} (cycle ${cycleIdSeen})`);
    else await db.drop();
  }
}
