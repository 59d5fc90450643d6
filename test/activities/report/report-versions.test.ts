/**
 * Report versions as the activity stores them, for the seeded year of issue 9 §5 (real PostgreSQL): ten files
 * whose HTML, XLSX (read back with exceljs), CSV and PDF (pdftotext) say what the JSON says; compiling
 * again from the same data makes no new version; a later correction makes version 2 and leaves version 1's
 * bytes untouched, marked outdated.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileReportVersion } from '../../../activities/report/compile-report-version';
import { reportVersions } from '../../../api/queries/report-versions';
import type { PrismaClient } from '../../../prisma/client';
import { parseCsv } from '../../support/csv-text';
import { createTestDatabase, type TTestDatabase } from '../../support/database';
import { pageText } from '../../support/html-text';
import { addCorrection, CORRECTION_REASON, seedReportYear, type TReportYearSeed } from '../../support/report-scenario';
import { storedFileBytes } from '../../../prisma/stored-file';

let db: TTestDatabase;
let prisma: PrismaClient;
let seed: TReportYearSeed;
const deps = () => ({ prisma, clock: () => new Date() });

async function filesOf(version: number) {
  const rows = await prisma.reportFile.findMany({ where: { reportVersion: { cycleId: seed.cycleId, version } }, orderBy: [{ format: 'asc' }, { lang: 'asc' }] });
  return new Map(rows.map((f) => [`${f.format}/${f.lang}`, f]));
}
const bytes = (f: { content: Uint8Array; encoding: string } | undefined) => storedFileBytes(f!);

type TJsonReport = {
  summary: { goalsByStatus: Record<string, number>; completeness: Record<string, number> };
  areas: { objectives: { goals: { code: string; status: string; statusLabel: string }[] }[] }[];
  compliance: { institutionCode: string; status: string; statusLabel: string; businessDaysLate: number }[];
  annex: { rows: { institutionCode: string; indicatorCode: string; breakdown: string; value: unknown }[] };
};
const goalsOf = (r: TJsonReport) => r.areas.flatMap((a) => a.objectives.flatMap((o) => o.goals));

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  seed = await seedReportYear(prisma, { year: 2025 });
});
afterAll(() => db?.drop());

describe('the seeded year, stored as version 1', () => {
  let json: TJsonReport;

  it('stores ten files with their SHA-256, the JSON judging every goal and every institution', async () => {
    const result = await compileReportVersion(deps(), { cycleId: seed.cycleId, compiledBy: 'secretariat:secretaria@sre.gob.mx', idempotencyKey: 'test/v1' });
    expect(result).toMatchObject({ version: 1, created: true, openRequests: 0 });
    const files = await filesOf(1);
    expect([...files.keys()]).toEqual(['csv/en', 'csv/es-MX', 'html/en', 'html/es-MX', 'json/en', 'json/es-MX', 'pdf/en', 'pdf/es-MX', 'xlsx/en', 'xlsx/es-MX']);
    for (const f of files.values()) expect(createHash('sha256').update(bytes(f)).digest('hex')).toBe(f.sha256);
    json = JSON.parse(bytes(files.get('json/es-MX')).toString('utf8'));
    // Text formats kept compressed, PDF and XLSX as they are; sha256 and size are the served file's.
    expect(Object.fromEntries([...files].map(([k, f]) => [k, f.encoding]))).toEqual({
      'csv/en': 'gzip',
      'csv/es-MX': 'gzip',
      'html/en': 'gzip',
      'html/es-MX': 'gzip',
      'json/en': 'gzip',
      'json/es-MX': 'gzip',
      'pdf/en': 'identity',
      'pdf/es-MX': 'identity',
      'xlsx/en': 'identity',
      'xlsx/es-MX': 'identity',
    });
    for (const f of files.values()) expect(bytes(f).length).toBe(f.size);
    expect(files.get('json/es-MX')!.content.length).toBeLessThan(files.get('json/es-MX')!.size / 4);
    // The figures the emails quote, kept beside the version, are the JSON's.
    const row = await prisma.reportVersion.findFirstOrThrow({ where: { cycleId: seed.cycleId, version: 1 } });
    expect(row.emailFacts).toEqual({
      goalsByStatus: json.summary.goalsByStatus,
      completeness: json.summary.completeness,
      goalsBehind: (json.summary as unknown as { attention: { goalsBehind: { code: string }[] } }).attention.goalsBehind.map((g) => g.code),
      notReporting: (json.summary as unknown as { attention: { notReporting: { institutionCode: string }[] } }).attention.notReporting.map((i) => i.institutionCode),
      openRequests: 0,
    });
    expect(json.summary.goalsByStatus).toEqual({ MET: 5, ON_TRACK: 1, BEHIND: 2, NOT_STARTED: 1, NO_DATA: 2, NOT_EVALUABLE: 10 });
    expect(json.summary.completeness).toEqual({ institutions: 7, reported: 5, onTime: 3, late: 1, afterExtension: 1, exempted: 1, notReported: 1, open: 0 });
    expect(Object.fromEntries(json.compliance.map((c) => [c.institutionCode, c.status]))).toEqual({
      CECOPAM: 'LATE',
      INMUJERES: 'ON_TIME',
      SEDENA: 'ON_TIME',
      SEMAR: 'NOT_REPORTED',
      SRE: 'ON_TIME',
      SSPC: 'AFTER_EXTENSION',
      UNWOMEN: 'EXEMPTED',
    });
    expect(json.compliance.find((c) => c.institutionCode === 'CECOPAM')!.businessDaysLate).toBe(3);
  });

  it('the HTML says what the JSON says: every goal with its status, every institution with its compliance', async () => {
    const text = pageText(bytes((await filesOf(1)).get('html/es-MX')).toString('utf8'));
    for (const goal of goalsOf(json)) expect({ goal: goal.code, found: new RegExp(`${goal.code.replace('.', '\\.')}[\\s\\S]*?${goal.statusLabel}`, 'i').test(text) }).toEqual({ goal: goal.code, found: true });
    for (const c of json.compliance) expect(text).toContain(c.institutionCode);
    for (const label of new Set(json.compliance.map((c) => c.statusLabel))) expect(text.toLowerCase()).toContain(label.toLowerCase());
  });

  it('the XLSX and the CSV hold the JSON annex row for row, and the goals sheet its statuses', async () => {
    const files = await filesOf(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes(files.get('xlsx/es-MX')) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const [annex, goals] = book.worksheets;
    expect(annex.rowCount).toBe(json.annex.rows.length + 1);
    const goalCells = new Set<string>();
    goals.eachRow((row) => row.eachCell((cell) => goalCells.add(String(cell.value))));
    for (const goal of goalsOf(json)) expect(goalCells).toContain(goal.statusLabel);
    const csv = parseCsv(bytes(files.get('csv/es-MX')).toString('utf8').replace(/^\uFEFF/, ''));
    expect(csv).toHaveLength(json.annex.rows.length + 1);
    json.annex.rows.forEach((row, i) => {
      const line = csv[i + 1];
      expect({ i, institution: line[0], indicator: line.includes(row.indicatorCode) }).toEqual({ i, institution: row.institutionCode, indicator: true });
    });
  });

  it('the PDF, read with pdftotext, has the key figures and statuses on numbered pages', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
    try {
      const file = path.join(dir, 'informe.pdf');
      writeFileSync(file, bytes((await filesOf(1)).get('pdf/es-MX')));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      expect(pages).toBeGreaterThan(3);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(`Página 1 de ${pages}`);
      expect(text).toContain('Informe anual 2025');
      for (const label of ['cumplida', 'atrasada', 'no evaluable']) expect(text.toLowerCase()).toContain(label);
      for (const code of ['SEMAR', 'SSPC', 'CECOPAM', 'UNWOMEN']) expect(text).toContain(code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('versions', () => {
  it('compiling again from the same data makes no new version (same key: the version it wrote)', async () => {
    expect(await compileReportVersion(deps(), { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'test/v1' })).toMatchObject({ version: 1, created: false, unchanged: false });
    expect(await compileReportVersion(deps(), { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'test/again' })).toMatchObject({ version: 1, created: false, unchanged: true });
    expect(await prisma.reportVersion.count()).toBe(1);
  });

  it('a later correction marks version 1 outdated; version 2 is new and version 1 keeps its bytes', async () => {
    const before = await filesOf(1);
    await addCorrection(prisma, { year: 2025, institutionCode: 'CECOPAM', at: new Date().toISOString(), reason: CORRECTION_REASON, override: { '4.b': { total: 30, women: 12, men: 18 } } });
    const listed = await reportVersions(prisma, 2025);
    expect(listed.versions.map((v) => [v.version, v.outdated])).toEqual([[1, true]]);
    expect(await compileReportVersion(deps(), { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'test/v2' })).toMatchObject({ version: 2, created: true });
    const after = await filesOf(1);
    for (const [key, file] of before) expect({ key, same: bytes(after.get(key)).equals(bytes(file)) }).toEqual({ key, same: true });
    const v2 = await filesOf(2);
    expect(v2.get('json/es-MX')!.sha256).not.toBe(before.get('json/es-MX')!.sha256);
    expect((await reportVersions(prisma, 2025)).versions.map((v) => [v.version, v.status, v.outdated])).toEqual([
      [2, 'DRAFT', false],
      [1, 'DRAFT', true],
    ]);
  });
});
