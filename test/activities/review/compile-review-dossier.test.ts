/**
 * The dossier as the activity stores it (real PostgreSQL): the review of v1 with its REVIEW round
 * (requests, final submissions and a correction carrying proposals, decisions one of which is stale),
 * compiled into ten ReviewFile rows whose JSON says what the rows say; compiling again from the same data
 * writes nothing and keeps the bytes; once version 2 is published with its crosswalk, the files print the
 * publication and the crosswalk (PDF through pdftotext, XLSX through exceljs).
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileReviewDossier } from '../../../activities/review/compile-review-dossier';
import { renderReviewDossierFiles } from '../../../documents/review-dossier/render-review-dossier-files';
import type { TDossierProposal, TReviewDossier } from '../../../domain/review/review-model';
import type { TReviewProposal } from '../../../domain/review/review-proposal';
import type { PrismaClient } from '../../../prisma/client';
import { proposalHash } from '../../../prisma/review-proposals';
import { seedPlan } from '../../../prisma/seed-plan';
import { createTestDatabase, type TTestDatabase } from '../../support/database';
import { planV1, reviewDossierFixture } from '../../support/review-dossier-fixture';

let db: TTestDatabase;
let prisma: PrismaClient;
let reviewId: string;
let now = new Date('2027-03-01T16:00:00.000Z');
const deps = () => ({ prisma, clock: () => now });
const fixture = reviewDossierFixture();
const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-activity-'));

/** A fixture proposal as the contact's form stored it (Submission.proposals). */
function stored(p: TDossierProposal): TReviewProposal {
  return { kind: p.kind, code: p.code, action: p.action, ...(p.objectiveCode ? { objectiveCode: p.objectiveCode } : {}), ...(p.change ? { change: p.change } : {}), justification: p.justification };
}

async function files() {
  const rows = await prisma.reviewFile.findMany({ where: { reviewId }, orderBy: [{ format: 'asc' }, { lang: 'asc' }] });
  return new Map(rows.map((f) => [`${f.format}/${f.lang}`, f]));
}
const jsonOf = async (lang: string) => JSON.parse(Buffer.from((await files()).get(`json/${lang}`)!.content).toString('utf8')) as TReviewDossier & { planTitle: string };

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  const plan = planV1();
  const { planId } = await seedPlan({ prisma, plan });
  const institutions = new Map((await prisma.institution.findMany({ select: { id: true, code: true } })).map((i) => [i.code, i.id]));
  const cycle = await prisma.reportingCycle.create({
    data: { kind: 'REVIEW', planId, year: 2027, workflowId: 'review/MX-NAP-1325/v1/round', openedAt: new Date('2027-01-04T15:00:00.000Z'), deadline: new Date('2027-02-05T05:59:59.999Z'), policy: {}, openedBy: 'schedule' },
  });
  reviewId = (
    await prisma.planReview.create({
      data: { planId, workflowId: 'review/MX-NAP-1325/v1', status: 'DECIDING', startedAt: new Date(fixture.startedAt), startedBy: 'schedule', synthesis: fixture.synthesis, cycleId: cycle.id },
    })
  ).id;
  for (const inst of plan.institutions) {
    const code = inst.code;
    const mine = fixture.proposals.filter((p) => p.institutionCode === code);
    const request = await prisma.dataRequest.create({
      data: {
        cycleId: cycle.id,
        institutionId: institutions.get(code)!,
        workflowId: `review/MX-NAP-1325/v1/${code}`,
        status: mine.length > 0 ? 'SUBMITTED' : 'NOT_REPORTED',
        deadline: cycle.deadline,
        escalationLevel: fixture.round.escalated.includes(code) ? (code === 'CECOPAM' ? 2 : 1) : 0,
      },
    });
    if (mine.length === 0) continue;
    const submit = (version: number, kind: 'FINAL' | 'CORRECTION', proposals: TReviewProposal[], at: string) =>
      prisma.submission.create({
        data: { dataRequestId: request.id, version, kind, submittedBy: mine[0].submittedBy, contentHash: `${code}-${version}`, idempotencyKey: `${request.workflowId}/${version}`, proposals: { proposals }, createdAt: new Date(at) },
      });
    // SEMAR corrected its proposals: the dossier reads version 2, not the first final submission.
    if (mine[0].version === 2) await submit(1, 'FINAL', [{ kind: 'GOAL', code: '7.g2', action: 'KEEP', justification: 'Primera versión.' }], '2027-01-21T16:00:00.000Z');
    await submit(mine[0].version, mine[0].version === 1 ? 'FINAL' : 'CORRECTION', mine.map(stored), mine[0].submittedAt);
    for (const p of mine) {
      const d = p.decision;
      if (!d) continue;
      await prisma.reviewDecision.create({
        data: { reviewId, proposalKey: p.key, proposalHash: d.stale ? 'the wording decided before the correction' : proposalHash(stored(p)), decision: d.decision, change: d.change ?? undefined, note: d.note, decidedBy: d.decidedBy, decidedAt: new Date(d.decidedAt) },
      });
    }
  }
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

describe('while undecided', () => {
  let first: Awaited<ReturnType<typeof compileReviewDossier>>;

  it('stores ten files with their SHA-256; the JSON holds the round, the proposals by item with their decisions, no crosswalk', async () => {
    first = await compileReviewDossier(deps(), { reviewId });
    expect(first.compiledAt).toBe(now.toISOString());
    expect(first.files.every((f) => f.written)).toBe(true);
    const stored = await files();
    expect([...stored.keys()]).toEqual(['csv/en', 'csv/es-MX', 'html/en', 'html/es-MX', 'json/en', 'json/es-MX', 'pdf/en', 'pdf/es-MX', 'xlsx/en', 'xlsx/es-MX']);
    for (const f of stored.values()) expect(createHash('sha256').update(f.content).digest('hex')).toBe(f.sha256);
    const json = await jsonOf('es-MX');
    expect(json.planTitle).toMatch(/^Plan Nacional de Acción/);
    expect([json.fromVersion, json.toVersion, json.workflowId]).toEqual([1, null, 'review/MX-NAP-1325/v1']);
    expect(json.round).toEqual({ requests: 7, answered: 5, notAnswered: ['CECOPAM', 'UNWOMEN'], escalated: ['CECOPAM', 'SEMAR'] });
    expect(json.proposals.map((p) => p.key)).toEqual(fixture.proposals.map((p) => p.key));
    expect(json.proposals.map((p) => [p.version, p.decision?.decision ?? null, p.decision?.stale ?? null])).toEqual(fixture.proposals.map((p) => [p.version, p.decision?.decision ?? null, p.decision?.stale ?? null]));
    expect(json.synthesis.counts).toEqual(fixture.synthesis.counts);
    expect(json.crosswalk).toEqual([]);
  });

  it('compiled again from the same data (a retry, later): writes nothing, same instant, same bytes', async () => {
    const before = await files();
    now = new Date('2027-03-02T10:00:00.000Z');
    const again = await compileReviewDossier(deps(), { reviewId });
    expect(again.compiledAt).toBe(first.compiledAt);
    expect(again.files.filter((f) => f.written)).toEqual([]);
    expect(again.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
    const after = await files();
    for (const [key, f] of before) expect(Buffer.from(after.get(key)!.content).equals(Buffer.from(f.content))).toBe(true);
  });
});

describe('once version 2 is published with its crosswalk', () => {
  const publishedAt = new Date(fixture.compiledAt);

  beforeAll(async () => {
    const v1 = await prisma.plan.findFirstOrThrow({ where: { key: 'MX-NAP-1325', version: 1 } });
    const v2 = await prisma.plan.create({ data: { key: v1.key, version: 2, titleEn: v1.titleEn, titleEs: v1.titleEs, countryCode: v1.countryCode, sourceHash: 'v2' } });
    await prisma.planReview.update({ where: { id: reviewId }, data: { status: 'PUBLISHED', publishedPlanId: v2.id, publishedAt, publishedBy: 'secretaria@inmujeres.gob.mx', crosswalk: fixture.crosswalk } });
  });

  it('rewrites the files for the publication: version 2, the crosswalk, the publication instant', async () => {
    now = new Date('2027-03-20T10:00:00.000Z');
    const result = await compileReviewDossier(deps(), { reviewId });
    expect(result.compiledAt).toBe(publishedAt.toISOString());
    // The CSV (the proposals and their decisions) prints no instant and no version: its bytes stay.
    expect(result.files.filter((f) => !f.written).map((f) => f.format)).toEqual(['csv', 'csv']);
    const json = await jsonOf('en');
    expect([json.toVersion, json.compiledAt, json.crosswalk.length]).toEqual([2, publishedAt.toISOString(), fixture.crosswalk.length]);

    const stored = await files();
    const pdf = path.join(dir, 'dossier-es.pdf');
    writeFileSync(pdf, stored.get('pdf/es-MX')!.content);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Expediente de la revisión de la versión 1 del plan');
    expect(text).toContain('Versiones de la versión 1 a la versión 2');
    expect(text).toContain('Indicador 6.b 6.b, 6.c dividido');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(stored.get('xlsx/es-MX')!.content) as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Resumen', 'Indicadores', 'Metas', 'No informan', 'Propuestas', 'Equivalencias']);
    expect(book.getWorksheet('Equivalencias')!.rowCount).toBe(1 + fixture.crosswalk.length);
    expect(Buffer.from(stored.get('csv/es-MX')!.content).toString('utf8').split('\r\n').length).toBe(1 + fixture.proposals.length + 1);
  });

  it('holds the same bytes as the renderers give for the fixture the rows were made from; a second compilation writes nothing', async () => {
    const rendered = await renderReviewDossierFiles(fixture);
    const stored = await files();
    expect(rendered.map((f) => stored.get(`${f.format}/${f.lang}`)?.sha256)).toEqual(rendered.map((f) => createHash('sha256').update(f.content).digest('hex')));
    const again = await compileReviewDossier(deps(), { reviewId });
    expect(again.files.filter((f) => f.written)).toEqual([]);
    expect(await prisma.reviewFile.count({ where: { reviewId } })).toBe(10);
  });
});
