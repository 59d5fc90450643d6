/**
 * The plan's next version as the activities write it (real PostgreSQL): a version's file (stored, from the
 * repository, rebuilt from the rows), the synthesis of the stored annual reports (none yet, then one
 * year), and the publication of v2 from a review's decisions — refusals naming the item, the new version
 * with its file and crosswalk, v1 and its report untouched, a retry that makes no v3.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileReportVersion } from '../../../activities/report/compile-report-version';
import { loadReviewSynthesis } from '../../../activities/review/load-review-synthesis';
import { planFileOf, planFromRows } from '../../../activities/review/plan-file-of';
import { INVALID_PUBLICATION, previewPublication, publishPlanVersion } from '../../../activities/review/publish-plan-version';
import { parsePlanFile, ZPlanFile } from '../../../domain/plan-schema';
import { planFileText } from '../../../domain/review/plan-file-text';
import type { TPublicationIssue } from '../../../domain/review/publication-issue';
import { proposalKey, ZReviewProposals, type TProposalChange, type TReviewProposals } from '../../../domain/review/review-proposal';
import type { PrismaClient } from '../../../prisma/client';
import { Prisma } from '../../../prisma/generated/client';
import { proposalHash } from '../../../prisma/review-proposals';
import { seedPlan } from '../../../prisma/seed-plan';
import { createTestDatabase, type TTestDatabase } from '../../support/database';
import { seedReportYear } from '../../support/report-scenario';
import { storedFileBytes } from '../../../prisma/stored-file';

const V1_TEXT = readFileSync(path.resolve(__dirname, '../../../domain/plans/mx-nap-1325.v1.json'), 'utf8');
const v1 = parsePlanFile(JSON.parse(V1_TEXT), 'mx-nap-1325.v1.json');
const SECRETARIAT = 'secretariat:secretaria@sre.gob.mx';
/** 03:30 UTC on 6 May is still 5 May in Mexico City. */
const NOW = new Date('2027-05-06T03:30:00.000Z');

let db: TTestDatabase;
let prisma: PrismaClient;
let v1Id: string;
const deps = () => ({ prisma, clock: () => NOW });

const target = (value: number) => ({ kind: 'COUNT' as const, figure: { en: 'uniformed women trained', es: 'mujeres uniformadas capacitadas' }, value, comparator: 'AT_LEAST' as const, counting: 'PER_YEAR' as const, dueByPlanYear: null });
const NEW_GOAL = {
  text: { es: 'Diez mujeres desplegadas por año.', en: 'Ten women deployed per year.' },
  target: { ...target(10), figure: { en: 'women deployed', es: 'mujeres desplegadas' } },
  indicatorCode: '4.c',
};
const PROPOSALS: Record<string, TReviewProposals> = {
  SRE: ZReviewProposals.parse({
    proposals: [
      { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change: { text: { es: 'Número de mujeres uniformadas desplegadas.', en: 'Number of uniformed women deployed.' } }, justification: 'Más preciso.' },
      { kind: 'GOAL', code: '4.g1', action: 'KEEP', justification: 'Sigue vigente.' },
    ],
  }),
  SEDENA: ZReviewProposals.parse({
    proposals: [
      { kind: 'GOAL', code: '4.g2', action: 'MODIFY', change: { target: target(80) }, justification: 'Capacidad mayor.' },
      { kind: 'OBJECTIVE', code: '9', action: 'RETIRE', justification: 'Cubierto por el objetivo 4.' },
      { kind: 'GOAL', code: '4.g4', action: 'ADD', objectiveCode: '4', change: NEW_GOAL, justification: 'Falta una meta de despliegue.' },
    ],
  }),
  SEMAR: ZReviewProposals.parse({
    proposals: [{ kind: 'LINE_OF_ACTION', code: '4.1', action: 'MODIFY', change: { text: { es: 'Otra redacción.' } }, justification: 'Más claro.' }],
  }),
};

/** A review of `planId` in DECIDING, with a REVIEW cycle whose requests hold `proposals` as final submissions. */
async function createReview(planId: string, year: number, proposals: Record<string, TReviewProposals>, status: 'ROUND_OPEN' | 'DECIDING' = 'DECIDING') {
  const plan = await prisma.plan.findUniqueOrThrow({ where: { id: planId } });
  const workflowId = `review/${plan.key}/v${plan.version}`;
  const cycle = await prisma.reportingCycle.create({
    data: { kind: 'REVIEW', planId, year, status: 'CLOSED', workflowId, openedAt: new Date('2027-04-01T15:00:00Z'), deadline: new Date('2027-04-30T06:00:00Z'), policy: {}, openedBy: 'schedule' },
  });
  for (const [code, content] of Object.entries(proposals)) {
    const institution = await prisma.institution.findUniqueOrThrow({ where: { code } });
    const request = await prisma.dataRequest.create({ data: { cycleId: cycle.id, institutionId: institution.id, workflowId: `${workflowId}/${code}`, status: 'SUBMITTED', deadline: cycle.deadline } });
    await prisma.submission.create({
      data: { dataRequestId: request.id, version: 1, kind: 'FINAL', submittedBy: `enlace@${code.toLowerCase()}.gob.mx`, contentHash: code, idempotencyKey: `${workflowId}/${code}/v1`, proposals: content as unknown as Prisma.InputJsonValue },
    });
  }
  return prisma.planReview.create({ data: { planId, workflowId, status, startedAt: new Date('2027-04-01T15:00:00Z'), startedBy: 'schedule', synthesis: {}, cycleId: cycle.id } });
}

async function decide(reviewId: string, institution: string, p: TReviewProposals['proposals'][number], decision: 'ACCEPTED' | 'ACCEPTED_WITH_CHANGES' | 'REJECTED', change?: TProposalChange, hash = proposalHash(p)) {
  const key = proposalKey(institution, p);
  const data = { proposalHash: hash, decision, change: change ?? Prisma.DbNull, note: decision === 'ACCEPTED' ? null : 'Acordado.', decidedBy: SECRETARIAT, decidedAt: NOW };
  await prisma.reviewDecision.upsert({ where: { reviewId_proposalKey: { reviewId, proposalKey: key } }, create: { reviewId, proposalKey: key, ...data }, update: data });
}

/** The issues of an InvalidPublication failure. */
async function refusal(promise: Promise<unknown>): Promise<TPublicationIssue[]> {
  const err = await promise.then(
    () => {
      throw new Error('expected the publication to be refused');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  const failure = err as ApplicationFailure;
  expect([failure.type, failure.nonRetryable]).toEqual([INVALID_PUBLICATION, true]);
  return failure.details![0] as TPublicationIssue[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  v1Id = (await seedPlan({ prisma, plan: v1, fileText: V1_TEXT })).planId;
});
afterAll(() => db?.drop());

describe("a version's plan file", () => {
  it('the seed stores the file as read', async () => {
    expect(await planFileOf(prisma, { planId: v1Id })).toMatchObject({ fileName: 'mx-nap-1325.v1.json', content: V1_TEXT, source: 'STORED' });
  });

  it('a version seeded before PlanFile existed gets the repository file when it matches what was loaded, and keeps it', async () => {
    await prisma.planFile.delete({ where: { planId: v1Id } });
    expect(await planFileOf(prisma, { planId: v1Id })).toMatchObject({ content: V1_TEXT, source: 'REPOSITORY' });
    expect((await prisma.planFile.findUniqueOrThrow({ where: { planId: v1Id } })).content).toBe(V1_TEXT);
  });

  it('otherwise it is rebuilt from the rows: every reviewed item as loaded, institutions in code order', async () => {
    const { sourceHash } = await prisma.plan.findUniqueOrThrow({ where: { id: v1Id } });
    await prisma.planFile.delete({ where: { planId: v1Id } });
    await prisma.plan.update({ where: { id: v1Id }, data: { sourceHash: 'loaded-from-another-file' } });
    try {
      const file = await planFileOf(prisma, { planId: v1Id });
      expect(file.source).toBe('DATABASE');
      const rebuilt = ZPlanFile.parse(JSON.parse(file.content));
      const sortedCodes = (list: string[]) => [...list].sort();
      expect(rebuilt.goals).toEqual(v1.goals);
      expect(rebuilt.linesOfAction).toEqual(v1.linesOfAction);
      expect(rebuilt.activities).toEqual(v1.activities);
      expect(rebuilt.objectives.map((o) => ({ ...o, institutionsInCharge: sortedCodes(o.institutionsInCharge) }))).toEqual(v1.objectives.map((o) => ({ ...o, institutionsInCharge: sortedCodes(o.institutionsInCharge) })));
      const byCode = <T extends { institutionCode: string }>(list: T[]) => [...list].sort((a, b) => (a.institutionCode < b.institutionCode ? -1 : 1));
      expect(rebuilt.indicators.map((i) => ({ ...i, reporters: byCode(i.reporters) }))).toEqual(v1.indicators.map((i) => ({ ...i, reporters: byCode(i.reporters) })));
      expect([rebuilt.shortTitle, rebuilt.coordinationTasks]).toEqual([v1.shortTitle, []]);
      expect(await prisma.planFile.count({ where: { planId: v1Id } })).toBe(0);
    } finally {
      await prisma.plan.update({ where: { id: v1Id }, data: { sourceHash } });
      await seedPlan({ prisma, plan: v1, fileText: V1_TEXT });
    }
    expect((await planFileOf(prisma, { planId: v1Id })).source).toBe('STORED');
  });

  it('planFromRows of a fresh seed validates as a plan file', async () => {
    expect((await planFromRows(prisma, v1Id)).key).toBe('MX-NAP-1325');
  });
});

describe('the synthesis of the stored annual reports', () => {
  it('with no report yet (a fresh install) gives every item, never with data and never evaluable', async () => {
    const synthesis = await loadReviewSynthesis(prisma, { planId: v1Id });
    expect(synthesis.years).toEqual([]);
    expect(synthesis.objectives).toHaveLength(10);
    expect(synthesis.counts).toMatchObject({ indicatorsNeverWithData: 23, goalsNeverEvaluable: 21, chronicNonReporters: 0 });
  });

  it("reads the year's report from its stored JSON file: each goal's status as the report judged it", async () => {
    const seed = await seedReportYear(prisma, { year: 2025 });
    await compileReportVersion(deps(), { cycleId: seed.cycleId, compiledBy: 'workflow', idempotencyKey: 'report/2025/v1' });
    const synthesis = await loadReviewSynthesis(prisma, { planId: v1Id });
    expect(synthesis.reportsRead).toEqual([{ cycleYear: 2025, version: 1, status: 'DRAFT' }]);
    const file = await prisma.reportFile.findFirstOrThrow({ where: { format: 'json', lang: 'en', reportVersion: { cycleId: seed.cycleId } } });
    const json = JSON.parse(storedFileBytes(file).toString('utf8')) as { areas: { objectives: { goals: { code: string; status: string }[] }[] }[] };
    const statuses = Object.fromEntries(json.areas.flatMap((a) => a.objectives.flatMap((o) => o.goals.map((g) => [g.code, g.status]))));
    expect(Object.fromEntries(synthesis.objectives.flatMap((o) => o.goals.map((g) => [g.code, g.latestStatus])))).toEqual(statuses);
    expect(synthesis.objectives.flatMap((o) => o.goals).find((g) => g.code === '4.g2')!.statusByYear).toEqual([{ cycleYear: 2025, planYear: 1, status: statuses['4.g2'] }]);
    // The seeded year has values: fewer indicators never with data than on a fresh install.
    expect(synthesis.counts.indicatorsNeverWithData).toBeLessThan(23);
    // SEMAR did not report in one cycle only: not chronic.
    expect(synthesis.chronicNonReporters).toEqual([]);
  });
});

describe('publishing v2 from the decisions', () => {
  let reviewId: string;
  const [sreModify] = PROPOSALS.SRE.proposals;
  const [sedenaRetarget, sedenaRetire, sedenaAdd] = PROPOSALS.SEDENA.proposals;
  const [semarModify] = PROPOSALS.SEMAR.proposals;
  const publish = () => publishPlanVersion(deps(), { reviewId, publishedBy: SECRETARIAT, input: {}, idempotencyKey: 'review/MX-NAP-1325/v1/publish' });

  beforeAll(async () => {
    reviewId = (await createReview(v1Id, 2027, PROPOSALS, 'ROUND_OPEN')).id;
  });

  it('is refused while the round is open', async () => {
    expect((await refusal(publish()))[0].message.en).toContain('still open');
    await prisma.planReview.update({ where: { id: reviewId }, data: { status: 'DECIDING' } });
  });

  it('is refused while a change has no decision, or a decision is stale, naming the item', async () => {
    await decide(reviewId, 'SRE', sreModify, 'ACCEPTED');
    await decide(reviewId, 'SEDENA', sedenaRetarget, 'ACCEPTED_WITH_CHANGES', { target: target(70) }, 'hash-of-an-earlier-wording');
    const issues = await refusal(publish());
    expect(issues.map((i) => [i.item, i.path])).toEqual([
      ['goal 4.g2', 'decisions[SEDENA/GOAL/4.g2]'],
      ['objective 9', 'decisions[SEDENA/OBJECTIVE/9]'],
      ['goal 4.g4', 'decisions[SEDENA/GOAL/4.g4]'],
      ['line of action 4.1', 'decisions[SEMAR/LINE_OF_ACTION/4.1]'],
    ]);
    expect(issues[0].message).toEqual({ 'es-MX': 'SEDENA corrigió su propuesta sobre meta 4.g2 después de la decisión: decida de nuevo', en: 'SEDENA corrected its proposal on goal 4.g2 after the decision: decide again' });
  });

  it('is refused when the decisions give a target the plan file refuses, naming the goal; nothing is written', async () => {
    await decide(reviewId, 'SEDENA', sedenaRetarget, 'ACCEPTED_WITH_CHANGES', { target: { ...target(70), counting: null } });
    await decide(reviewId, 'SEDENA', sedenaRetire, 'ACCEPTED');
    await decide(reviewId, 'SEDENA', sedenaAdd, 'ACCEPTED');
    await decide(reviewId, 'SEMAR', semarModify, 'REJECTED');
    const issues = await refusal(publish());
    expect(issues.map((i) => i.item)).toEqual(['goal 4.g2']);
    expect(issues[0].message.en).toContain('target counting is null');
    expect(await prisma.plan.count()).toBe(1);
    expect((await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('DECIDING');
  });

  it('the API preview says the same, without writing', async () => {
    const preview = await previewPublication(prisma, { reviewId, input: {}, now: NOW });
    expect(preview.ok ? [] : preview.issues.map((i) => i.item)).toEqual(['goal 4.g2']);
  });

  it('makes v2 with the expected items, its file and its crosswalk; the review is PUBLISHED', async () => {
    await decide(reviewId, 'SEDENA', sedenaRetarget, 'ACCEPTED_WITH_CHANGES', { target: target(70) });
    const result = await publish();
    expect(result).toMatchObject({ version: 2, created: true });
    const changed = result.crosswalk.filter((e) => e.change !== 'UNCHANGED').map((e) => `${e.kind} ${e.change} ${[...e.from, '→', ...e.to].join(' ')}`);
    expect(changed).toEqual([
      'OBJECTIVE RETIRED 9 →',
      'LINE_OF_ACTION RETIRED 9.1 →',
      'INDICATOR REWORDED 4.c → 4.c',
      'INDICATOR RETIRED 9.a →',
      'GOAL RETARGETED 4.g2 → 4.g2',
      'GOAL RETIRED 9.g1 →',
      'GOAL ADDED → 4.g4',
    ]);

    const v2 = await prisma.plan.findUniqueOrThrow({ where: { id: result.planId }, include: { objectives: { orderBy: { position: 'asc' } }, indicators: true } });
    expect([v2.key, v2.version, v2.adoptedOn?.toISOString().slice(0, 10)]).toEqual(['MX-NAP-1325', 2, '2027-05-05']);
    expect(v2.objectives.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '10']);
    expect(v2.indicators.find((i) => i.code === '4.c')!.textEs).toBe('Número de mujeres uniformadas desplegadas.');
    const goals = await prisma.goal.findMany({ where: { objective: { planId: result.planId, code: '4' } }, orderBy: { position: 'asc' }, include: { indicator: true } });
    expect(goals.map((g) => g.code)).toEqual(['4.g1', '4.g2', '4.g3', '4.g4']);
    expect(goals.find((g) => g.code === '4.g2')!.target).toEqual(target(70));
    expect(goals.find((g) => g.code === '4.g4')!.indicator!.code).toBe('4.c');

    const file = await prisma.planFile.findUniqueOrThrow({ where: { planId: result.planId } });
    const parsed = ZPlanFile.parse(JSON.parse(file.content));
    expect(file.fileName).toBe('mx-nap-1325.v2.json');
    expect(file.content).toBe(planFileText(parsed));
    expect([parsed.version, parsed.adoptedOn, parsed.adoptedOnNote]).toEqual([2, '2027-05-05', undefined]);

    const review = await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review).toMatchObject({ status: 'PUBLISHED', publishedPlanId: result.planId, publishedAt: NOW, publishedBy: SECRETARIAT, crosswalk: result.crosswalk });
    const audit = await prisma.auditEvent.findMany({ where: { action: 'PLAN_VERSION_PUBLISHED' } });
    expect(audit.map((a) => [a.actor, (a.data as { version: number }).version])).toEqual([[SECRETARIAT, 2]]);
  });

  it('leaves v1, its file, its cycle and its report as they were', async () => {
    expect(await planFileOf(prisma, { planId: v1Id })).toMatchObject({ content: V1_TEXT, source: 'STORED' });
    expect(await prisma.objective.count({ where: { planId: v1Id } })).toBe(10);
    const cycle = await prisma.reportingCycle.findFirstOrThrow({ where: { kind: 'DATA', year: 2025 }, include: { reports: { include: { files: true } } } });
    expect(cycle.planId).toBe(v1Id);
    expect(cycle.reports[0].files).toHaveLength(10);
    expect((await loadReviewSynthesis(prisma, { planId: v1Id })).years).toEqual([2025]);
  });

  it('a retry returns the same version and makes no v3', async () => {
    const first = await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId } });
    const again = await publish();
    expect(again).toMatchObject({ planId: first.publishedPlanId, version: 2, created: false });
    expect(await prisma.plan.count({ where: { key: 'MX-NAP-1325' } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: 'PLAN_VERSION_PUBLISHED' } })).toBe(1);
  });

  it("v2's review refuses a change to an item v1's review retired, naming it", async () => {
    const v2 = await prisma.plan.findUniqueOrThrow({ where: { key_version: { key: 'MX-NAP-1325', version: 2 } } });
    const modify = { kind: 'GOAL' as const, code: '9.g1', action: 'MODIFY' as const, change: { text: { es: 'Otra.' } }, justification: 'Volver a incluirla.' };
    const next = await createReview(v2.id, 2030, { SEDENA: ZReviewProposals.parse({ proposals: [modify] }) });
    await decide(next.id, 'SEDENA', modify, 'ACCEPTED');
    const preview = await previewPublication(prisma, { reviewId: next.id, input: {}, now: NOW });
    expect(preview.ok ? [] : preview.issues.map((i) => [i.item, i.message.en])).toEqual([['goal 9.g1', 'goal 9.g1 was retired by an earlier version: it cannot be kept, modified or retired']]);
  });
});
