/**
 * The annual report at scale (issue 9 §6): a cycle of `entities` synthetic reporting entities, each
 * reporting every numeric indicator of the plan (by sex where the plan says so), compiled into its ten
 * files — snapshot read, model compiled, JSON/HTML/PDF/XLSX/CSV rendered in both languages — beside the
 * baseline: the plain SQL query that reads the same value rows and nothing else. The compilation runs in a
 * child process of its own so its peak RSS is its own (VmHWM). Goal: under 30 s and under 512 MB.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { compileAnnualReport } from '../../domain/report/compile-annual-report';
import { REPORT_FORMATS, REPORT_LANGS, renderReportFile } from '../../documents/annual-report/render-report-files';
import { loadReportSnapshot } from '../../activities/report/load-report-snapshot';
import { createPrisma, type PrismaClient } from '../../prisma/client';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedAll } from '../../test/support/app-harness';
import { createTestDatabase } from '../../test/support/database';

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

/** The child process: compile the report of `cycleId` once and print its figures as JSON. */
async function compileInChild(databaseUrl: string, cycleId: string): Promise<void> {
  const prisma = createPrisma({ url: databaseUrl });
  const memory: string[] = [];
  // BENCH_REPORT_LIVE=1: a full GC before each measure (--expose-gc), so the heap figures are the live set
  // (this changes the peak: use it to see what is held, not for the table's figures).
  const gc = (globalThis as { gc?: () => void }).gc;
  const mark = (step: string) => {
    if (process.env.BENCH_REPORT_LIVE && gc) gc();
    const m = process.memoryUsage();
    const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
    memory.push(`${step}: rss ${mib(m.rss)}, heap ${mib(m.heapUsed)}/${mib(m.heapTotal)}, external+buffers ${mib(m.external)} MiB`);
  };
  mark('start (Node, tsx, Prisma client)');
  const t0 = performance.now();
  // As the activity does: the snapshot is dropped once the model is compiled (only the model is rendered).
  let snapshot: Awaited<ReturnType<typeof loadReportSnapshot>> | null = await loadReportSnapshot(prisma, { cycleId });
  const t1 = performance.now();
  mark('snapshot read');
  const model = compileAnnualReport({ snapshot, version: 1, compiledBy: 'bench' });
  snapshot = null;
  const t2 = performance.now();
  mark('model compiled');
  // As the activity does: one file at a time, each dropped once hashed (the activity stores it).
  const files: { format: string; lang: string; bytes: number; sha256: string; ms: number }[] = [];
  for (const format of REPORT_FORMATS) {
    for (const lang of REPORT_LANGS) {
      const f0 = performance.now();
      const file = await renderReportFile(model, format, lang);
      // BENCH_REPORT_DIR=<dir>: keep each run's files there, to compare two runs byte by byte.
      if (process.env.BENCH_REPORT_DIR) writeFileSync(path.join(process.env.BENCH_REPORT_DIR, `${process.pid}-${lang}.${format}`), file.content);
      files.push({ format, lang, bytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex').slice(0, 12), ms: performance.now() - f0 });
      mark(`${format} ${lang} rendered`);
    }
  }
  const t3 = performance.now();
  const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  process.send?.({
    loadMs: t1 - t0,
    compileMs: t2 - t1,
    renderMs: t3 - t2,
    peakMiB: peakKiB / 1024,
    annexRows: model.annex.rows.length,
    files,
    memory,
  });
  await prisma.$disconnect();
}

type TChildFigures = {
  loadMs: number;
  compileMs: number;
  renderMs: number;
  peakMiB: number;
  annexRows: number;
  files: { format: string; lang: string; bytes: number; sha256: string; ms: number }[];
  /** process.memoryUsage() after each step (no heap snapshot). */
  memory: string[];
};

function runChild(databaseUrl: string, cycleId: string): Promise<{ wallMs: number; figures: TChildFigures }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = fork(__filename, ['--compile', databaseUrl, cycleId], { execArgv: ['--import', 'tsx', `--max-old-space-size=${process.env.BENCH_REPORT_HEAP_MB ?? 2048}`, ...(process.env.BENCH_REPORT_LIVE ? ['--expose-gc'] : [])], env: { ...process.env, TZ: 'UTC' } });
    let figures: TChildFigures | undefined;
    child.on('message', (m) => (figures = m as TChildFigures));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && figures ? resolve({ wallMs: performance.now() - t0, figures }) : reject(new Error(`the compilation process exited with ${code}`))));
  });
}

/** Seeds the cycle, times the baseline read and the compilation (in a child process); returns the table. */
export async function benchReport({ entities, log }: { entities: number; log: (line: string) => void }): Promise<{ rows: [string, ...string[]][]; notes: string[] }> {
  const db = await createTestDatabase();
  try {
    const t0 = performance.now();
    await seedAll(db.prisma);
    const { codes } = await seedSyntheticEntities({ prisma: db.prisma, count: entities });
    const { cycleId, values } = await seedReportedCycle(db.prisma, codes);
    log(`report: seeded ${entities.toLocaleString('en')} entities and ${values.toLocaleString('en')} values in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Baseline: the same value rows read by one SQL query (the latest final version of each request).
    const b0 = performance.now();
    const read = await db.prisma.$queryRaw<unknown[]>`
      SELECT v."indicatorId", v.breakdown, v."numberValue", v."booleanValue", v."textValue", v.comment, r."institutionId"
      FROM "SubmissionValue" v JOIN "Submission" s ON s.id = v."submissionId" JOIN "DataRequest" r ON r.id = s."dataRequestId"
      WHERE r."cycleId" = ${cycleId} AND s.kind IN ('FINAL', 'CORRECTION')`;
    const baselineMs = performance.now() - b0;
    const first = await runChild(db.url, cycleId);
    const second = await runChild(db.url, cycleId);
    const differ = first.figures.files.filter((f, i) => f.sha256 !== second.figures.files[i]?.sha256).map((f) => `${f.format}/${f.lang}`);
    const same = differ.length === 0;
    const f = first.figures;
    const rows: [string, ...string[]][] = [
      ['annual report', 'wall', 'vs baseline', 'peak RSS'],
      [`baseline: SQL read of the ${read.length.toLocaleString('en')} value rows`, `${(baselineMs / 1000).toFixed(2)} s`, '1.0×', '—'],
      [`compile ${entities.toLocaleString('en')} entities (child process, all 10 files)`, `${(first.wallMs / 1000).toFixed(1)} s`, `${(first.wallMs / baselineMs).toFixed(1)}×`, `${f.peakMiB.toFixed(0)} MiB`],
      ['  read the snapshot', `${(f.loadMs / 1000).toFixed(1)} s`, `${(f.loadMs / baselineMs).toFixed(1)}×`, ''],
      ['  compile the model', `${(f.compileMs / 1000).toFixed(1)} s`, '', ''],
      ['  render JSON, HTML, PDF, XLSX, CSV × es-MX, en', `${(f.renderMs / 1000).toFixed(1)} s`, '', ''],
      ...f.files.map((x): [string, ...string[]] => [`    ${x.format} ${x.lang} (${(x.bytes / 1024 / 1024).toFixed(1)} MiB)`, `${(x.ms / 1000).toFixed(1)} s`, '', '']),
    ];
    const goal = first.wallMs < 30_000 && f.peakMiB < 512 ? 'met' : 'NOT met';
    return {
      rows,
      notes: [
        `report: ${f.annexRows.toLocaleString('en')} annex rows; files ${f.files.map((x) => `${x.format}/${x.lang} ${(x.bytes / 1024 / 1024).toFixed(1)} MiB`).join(', ')}`,
        `report: goal < 30 s and < 512 MiB: ${goal}; compiled twice from the same data: ${same ? 'byte-identical files' : `FILES DIFFER (${differ.join(', ')})`}`,
        `report: memory after each step (first run): ${f.memory.join('; ')}`,
      ],
    };
  } finally {
    await db.drop();
  }
}

if (process.argv[2] === '--compile') {
  compileInChild(process.argv[3], process.argv[4]).catch((err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
