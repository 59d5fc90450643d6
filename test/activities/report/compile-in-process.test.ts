/**
 * The annual report compiled in a process of its own (activities/report/compile-in-process.ts), as the
 * worker does on PostgreSQL: the same version and bytes as in-process, the process's peak memory beside
 * them, its failures coming back classified as they would in-process, and a process that dies is an error
 * the activity retries (real PostgreSQL, the seeded year of issue 9 §5).
 */
import { compileReportVersionInProcess, ReportProcessError } from '../../../activities/report/compile-in-process';
import { compileReportVersion } from '../../../activities/report/compile-report-version';
import { classifyFailure, FailureType } from '../../../activities/classify-failure';
import type { PrismaClient } from '../../../prisma/client';
import { createTestDatabase, type TTestDatabase } from '../../support/database';
import { seedReportYear, type TReportYearSeed } from '../../support/report-scenario';

let db: TTestDatabase;
let prisma: PrismaClient;
let seed: TReportYearSeed;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  seed = await seedReportYear(prisma, { year: 2025 });
});
afterAll(() => db?.drop());

const NOW = new Date('2026-03-02T18:00:00.000Z');
const filesOf = async (reportVersionId: string) =>
  (await prisma.reportFile.findMany({ where: { reportVersionId }, select: { format: true, lang: true, sha256: true, size: true, encoding: true }, orderBy: [{ format: 'asc' }, { lang: 'asc' }] }));

it('compiles and stores the same version, byte for byte, as in-process, and says how much memory it took', async () => {
  const inline = await compileReportVersion({ prisma, clock: () => NOW }, { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'inline/v1' });
  const inlineFiles = await filesOf(inline.reportVersionId);
  await prisma.reportVersion.deleteMany({ where: { cycleId: seed.cycleId } });

  const child = await compileReportVersionInProcess({ databaseUrl: db.url }, { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'process/v1' }, { now: NOW, observe: true });
  expect(child).toMatchObject({ version: 1, created: true, unchanged: false, openRequests: 0 });
  expect(await filesOf(child.reportVersionId)).toEqual(inlineFiles);
  const row = await prisma.reportVersion.findUniqueOrThrow({ where: { id: child.reportVersionId } });
  expect(row.createdAt.toISOString()).toBe(NOW.toISOString());
  expect(child.figures.peakMiB).toBeGreaterThan(50);
  expect(child.figures.steps.map((s) => s.step)).toEqual([
    'snapshot read',
    'model compiled',
    ...['json', 'csv', 'xlsx', 'html', 'pdf'].flatMap((f) => [`${f} es-MX rendered and stored`, `${f} en rendered and stored`]),
  ]);

  // Its key makes a retry find what it wrote.
  const again = await compileReportVersionInProcess({ databaseUrl: db.url }, { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'process/v1' }, { now: NOW });
  expect(again).toMatchObject({ reportVersionId: child.reportVersionId, version: 1, created: false });
}, 120_000);

it("a failure inside comes back with its name and code, classified as it would be in-process", async () => {
  const failure = await compileReportVersionInProcess({ databaseUrl: db.url }, { cycleId: 'no-such-cycle', compiledBy: 'workflow', idempotencyKey: 'process/missing' }, { now: NOW }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ReportProcessError);
  expect(failure).toMatchObject({ name: 'PrismaClientKnownRequestError', code: 'P2025' });
  expect(classifyFailure(failure)).toMatchObject({ type: FailureType.NOT_FOUND, nonRetryable: true });
}, 60_000);

it('a process that dies (here: out of memory at once) is an error to retry, not an answer', async () => {
  const saved = process.env.REPORT_PROCESS_V8_FLAGS;
  process.env.REPORT_PROCESS_V8_FLAGS = '--max-old-space-size=4';
  try {
    const failure = await compileReportVersionInProcess({ databaseUrl: db.url }, { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'process/oom' }, { now: NOW }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ReportProcessError);
    expect((failure as Error).message).toMatch(/the report compilation process ended without an answer \((signal SIG[A-Z]+|exit code \d+)\)/);
    expect(classifyFailure(failure)).toBe(failure);
  } finally {
    if (saved === undefined) delete process.env.REPORT_PROCESS_V8_FLAGS;
    else process.env.REPORT_PROCESS_V8_FLAGS = saved;
  }
  expect(await prisma.reportVersion.count({ where: { idempotencyKey: 'process/oom' } })).toBe(0);
}, 60_000);
