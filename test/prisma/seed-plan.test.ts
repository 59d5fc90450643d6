import planJson from '../../domain/plans/mx-nap-1325.v1.json';
import { parsePlanFile, type TPlanFile } from '../../domain/plan-schema';
import { planStats } from '../../domain/plan-stats';
import type { PrismaClient } from '../../prisma/client';
import { DEMO_CONTACTS, seedDemoContacts } from '../../prisma/seed-contacts';
import { PlanSeedError, countPlanRows, planSourceHash, seedPlan } from '../../prisma/seed-plan';
import { storedGoalTarget } from '../../domain/stored-goal-target';
import { createTestDatabase } from '../support/database';

// The tests of this file share one fresh database and run in order: first seed, re-run, in-place update,
// refused update, new version, demo contacts.

const plan = parsePlanFile(planJson);

/** The raw file, edited, parsed again (as a changed file on disk would be). */
function editedPlan(edit: (raw: Record<string, any>) => void): TPlanFile {
  const raw = JSON.parse(JSON.stringify(planJson));
  edit(raw);
  return parsePlanFile(raw);
}

/** Everything the seed writes for a plan, ids included, to compare before and after a run. */
async function snapshot(prisma: PrismaClient, planId: string) {
  return prisma.plan.findUniqueOrThrow({
    where: { id: planId },
    include: {
      thematicAreas: { orderBy: { position: 'asc' } },
      objectives: {
        orderBy: { position: 'asc' },
        include: {
          linesOfAction: { orderBy: { position: 'asc' } },
          activities: { orderBy: { position: 'asc' } },
          goals: { orderBy: { position: 'asc' } },
          institutions: { orderBy: { institutionId: 'asc' } },
        },
      },
      indicators: { orderBy: { position: 'asc' }, include: { reporters: { orderBy: { institutionId: 'asc' } } } },
    },
  });
}

async function reporterCodes(prisma: PrismaClient, planId: string, indicatorCode: string): Promise<string[]> {
  const rows = await prisma.indicatorReporter.findMany({
    where: { indicator: { planId, code: indicatorCode } },
    select: { institution: { select: { code: true } } },
  });
  return rows.map((r) => r.institution.code).sort();
}

describe('seedPlan against PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  let planId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loads the whole plan file on the first run', async () => {
    const result = await seedPlan({ prisma, plan });
    expect(result).toMatchObject({ created: true, updated: false });
    planId = result.planId;

    const stats = planStats(plan);
    expect(await countPlanRows({ prisma, planId })).toEqual({
      thematicAreas: 4,
      objectives: 10,
      linesOfAction: 16,
      activities: stats.activities,
      indicators: 23,
      goals: stats.goals,
      goalsWithTarget: stats.goalsWithTarget,
      institutionsInCharge: plan.objectives.reduce((n, o) => n + o.institutionsInCharge.length, 0),
      reporterAssignments: stats.reporterAssignments,
    });
    expect(await prisma.institution.count()).toBe(7);

    const row = await prisma.plan.findUniqueOrThrow({ where: { id: planId } });
    expect(row).toMatchObject({
      key: 'MX-NAP-1325',
      version: 1,
      countryCode: 'MX',
      spanishOfficial: false,
      adoptedOn: null,
      sourceHash: planSourceHash(plan),
    });
  });

  it('stores goals, links, flags and reporters as the file says', async () => {
    const goal = await prisma.goal.findFirstOrThrow({
      where: { code: '4.g2', objective: { planId } },
      include: { indicator: true },
    });
    expect(goal.targetValue?.toNumber()).toBe(60);
    expect(goal).toMatchObject({ comparator: 'AT_LEAST', period: 'PER_YEAR', needsConfirmation: false });
    expect(goal.indicator?.code).toBe('4.b');

    const cut = await prisma.goal.findFirstOrThrow({ where: { code: '5.g1', objective: { planId } } });
    expect(cut).toMatchObject({ comparator: 'MORE_THAN', needsConfirmation: true, targetUnit: 'PERCENTAGE' });
    expect(goal.targetUnit).toBe('COUNT');

    const objective5 = await prisma.objective.findFirstOrThrow({ where: { planId, code: '5' } });
    expect(objective5.needsConfirmation).toBe(true);
    expect(objective5.confirmationNote).toMatch(/SEDENA/);
    const line71 = await prisma.lineOfAction.findFirstOrThrow({ where: { code: '7.1', objective: { planId } } });
    expect(line71.needsConfirmation).toBe(true);
    const named = await prisma.indicatorReporter.findMany({ where: { indicator: { planId, code: '4.a' } } });
    expect(named.every((r) => r.derived && r.basis === 'NAMED_IN_TEXT')).toBe(true);
    expect(cut.confirmationNote).toMatch(/than 15 percent/);

    const unlinked = await prisma.planActivity.findFirstOrThrow({ where: { code: '4.ii', objective: { planId } } });
    expect(unlinked).toMatchObject({ lineOfActionId: null, needsConfirmation: true });
    const linked = await prisma.planActivity.findFirstOrThrow({
      where: { code: '3.ii', objective: { planId } },
      include: { lineOfAction: true },
    });
    expect(linked.lineOfAction?.code).toBe('3.2');

    const sex = await prisma.indicator.findFirstOrThrow({ where: { planId, code: '2.a' } });
    expect(sex).toMatchObject({ unit: 'COUNT', disaggregation: 'SEX' });

    expect(await reporterCodes(prisma, planId, '4.a')).toEqual(['CECOPAM', 'SEDENA']);
    const inCharge = await prisma.objectiveInstitution.findMany({
      where: { objective: { planId, code: '3' } },
      select: { institution: { select: { code: true } } },
    });
    expect(inCharge.map((r) => r.institution.code).sort()).toEqual(['CECOPAM', 'INMUJERES', 'SEDENA', 'SSPC', 'UNWOMEN']);
  });

  it('stores each goal\'s target as the file states it, readable back by the goal rules', async () => {
    const rows = await prisma.goal.findMany({ where: { objective: { planId } } });
    expect(rows).toHaveLength(plan.goals.length);
    for (const goal of plan.goals) {
      const row = rows.find((r) => r.code === goal.code);
      const read = row && storedGoalTarget({ ...row, targetValue: row.targetValue?.toNumber() ?? null });
      expect({ code: goal.code, kind: row?.targetKind ?? null, target: read }).toEqual({ code: goal.code, kind: goal.target?.kind ?? null, target: goal.target });
    }
    const milestones = rows.find((r) => r.code === '1.g1');
    expect(milestones).toMatchObject({
      targetKind: 'MILESTONES',
      target: { kind: 'MILESTONES', milestones: [{ planYear: 1, value: 1 }, { planYear: 3, value: 1 }] },
      comparator: 'AT_LEAST',
      period: 'BY_YEAR_3',
    });
    expect(rows.find((r) => r.code === '5.g1')?.target).toMatchObject({ kind: 'SHARE', denominator: { indicatorCode: null } });
    expect(rows.find((r) => r.code === '2.g2')).toMatchObject({ targetKind: null, target: null, targetValue: null });
  });

  it('stores every note of the file: the items\' notes and confirmation notes, the plan\'s notes and conventions', async () => {
    const row = await prisma.plan.findUniqueOrThrow({ where: { id: planId } });
    expect(row.adoptedOnNote).toBe(plan.adoptedOnNote);
    expect(row.adoptedOnNote).toMatch(/three years after its adoption/);
    expect(row.sourceDescription).toBe(plan.source.description);
    expect(row.spanishNote).toBe(plan.source.spanishNote);
    expect(row.conventions).toEqual(plan.conventions);

    const inPlan = { objective: { planId } };
    const select = { code: true, notes: true, needsConfirmation: true, confirmationNote: true } as const;
    const stored = [
      ...(await prisma.objective.findMany({ where: { planId }, select })),
      ...(await prisma.lineOfAction.findMany({ where: inPlan, select })),
      ...(await prisma.planActivity.findMany({ where: inPlan, select })),
      ...(await prisma.indicator.findMany({ where: { planId }, select })),
      ...(await prisma.goal.findMany({ where: inPlan, select })),
    ];
    const inFile = [...plan.objectives, ...plan.linesOfAction, ...plan.activities, ...plan.indicators, ...plan.goals];
    const byCode = (items: { code: string; notes?: string | null; needsConfirmation: boolean; confirmationNote?: string | null }[]) =>
      Object.fromEntries(items.map((i) => [i.code, [i.notes ?? null, i.needsConfirmation, i.confirmationNote ?? null]]));
    expect(byCode(stored)).toEqual(byCode(inFile));
    expect(inFile.filter((i) => i.notes).length).toBeGreaterThan(20);
    expect(stored.find((i) => i.code === '3.g1')?.notes).toMatch(/does not record the audience/);
  });

  it('changes nothing when run again with the same file', async () => {
    const before = await snapshot(prisma, planId);
    const institutionsBefore = await prisma.institution.findMany({ orderBy: { code: 'asc' } });

    const again = await seedPlan({ prisma, plan });
    expect(again).toEqual({ planId, created: false, updated: false });

    // Same file, reformatted and with keys in another order: same content, same hash.
    const reordered = parsePlanFile(JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(planJson).reverse()), null, 4)));
    expect(await seedPlan({ prisma, plan: reordered })).toEqual({ planId, created: false, updated: false });

    expect(await snapshot(prisma, planId)).toEqual(before);
    expect(await prisma.institution.findMany({ orderBy: { code: 'asc' } })).toEqual(institutionsBefore);
  });

  it('updates a changed file of the same version in place, keeping row ids', async () => {
    const before = await snapshot(prisma, planId);
    const changed = editedPlan((raw) => {
      const goal = raw.goals.find((g: { code: string }) => g.code === '4.g2');
      goal.target.value = 70;
      goal.text.es = '70 mujeres uniformadas capacitadas por año (texto oficial).';
      raw.goals = raw.goals.filter((g: { code: string }) => g.code !== '10.g1');
      const indicator = raw.indicators.find((i: { code: string }) => i.code === '4.c');
      indicator.reporters = [{ institutionCode: 'SEDENA', derived: false, basis: 'CONFIRMED' }];
      raw.spanishOfficial = true;
    });

    const result = await seedPlan({ prisma, plan: changed });
    expect(result).toEqual({ planId, created: false, updated: true });

    const goal = await prisma.goal.findFirstOrThrow({ where: { code: '4.g2', objective: { planId } } });
    const goalBefore = before.objectives.flatMap((o) => o.goals).find((g) => g.code === '4.g2');
    expect(goal.id).toBe(goalBefore?.id);
    expect(goal.targetValue?.toNumber()).toBe(70);
    expect(goal.textEs).toBe('70 mujeres uniformadas capacitadas por año (texto oficial).');
    expect(await prisma.goal.count({ where: { code: '10.g1', objective: { planId } } })).toBe(0);
    expect(await reporterCodes(prisma, planId, '4.c')).toEqual(['SEDENA']);

    const after = await snapshot(prisma, planId);
    expect(after.spanishOfficial).toBe(true);
    expect(after.sourceHash).toBe(planSourceHash(changed));
    expect(after.indicators.map((i) => i.id)).toEqual(before.indicators.map((i) => i.id));
    expect(after.objectives.map((o) => o.id)).toEqual(before.objectives.map((o) => o.id));

    // Back to the original file: same rows again, the dropped goal re-created.
    expect(await seedPlan({ prisma, plan })).toEqual({ planId, created: false, updated: true });
    expect(await countPlanRows({ prisma, planId })).toMatchObject({ goals: planStats(plan).goals });
    expect(await reporterCodes(prisma, planId, '4.c')).toEqual(['SEDENA', 'SEMAR', 'SRE', 'SSPC', 'UNWOMEN']);
  });

  it('refuses a same-version file that drops an indicator, and writes nothing', async () => {
    const before = await snapshot(prisma, planId);
    const dropped = editedPlan((raw) => {
      raw.indicators = raw.indicators.filter((i: { code: string }) => i.code !== '4.d');
      raw.goals = raw.goals.filter((g: { indicatorCode: string | null }) => g.indicatorCode !== '4.d');
      raw.objectives[0].text.en = 'Changed, but must not be written.';
    });

    const attempt = seedPlan({ prisma, plan: dropped });
    await expect(attempt).rejects.toBeInstanceOf(PlanSeedError);
    await expect(attempt).rejects.toThrow(/drops indicator 4\.d.*new version/);
    expect(await snapshot(prisma, planId)).toEqual(before);
  });

  it('creates a new version as a new plan, sharing the institutions', async () => {
    const v2 = editedPlan((raw) => {
      raw.version = 2;
    });
    const result = await seedPlan({ prisma, plan: v2 });
    expect(result.created).toBe(true);
    expect(result.planId).not.toBe(planId);
    expect(await prisma.plan.count({ where: { key: 'MX-NAP-1325' } })).toBe(2);
    expect(await prisma.institution.count()).toBe(7);
    expect(await countPlanRows({ prisma, planId: result.planId })).toEqual(await countPlanRows({ prisma, planId }));
  });

  it('seeds the demo contacts once', async () => {
    const first = await seedDemoContacts({ prisma });
    expect(first).toEqual({ inserted: DEMO_CONTACTS.length, total: DEMO_CONTACTS.length });
    const contactsBefore = await prisma.contact.findMany({ orderBy: { email: 'asc' } });

    expect(await seedDemoContacts({ prisma })).toEqual({ inserted: 0, total: DEMO_CONTACTS.length });
    expect(await prisma.contact.findMany({ orderBy: { email: 'asc' } })).toEqual(contactsBefore);

    const sre = await prisma.contact.findMany({ where: { institution: { code: 'SRE' } }, orderBy: { role: 'asc' } });
    expect(sre.map((c) => [c.role, c.email])).toEqual([
      ['PRIMARY', 'enlace.sre@example.gob.mx'],
      ['ALTERNATE', 'suplente.sre@example.gob.mx'],
      ['LIAISON_HEAD', 'titular.sre@example.gob.mx'],
      ['SECRETARIAT', 'secretariado.gti1325@example.gob.mx'],
      ['WORKING_GROUP', 'gt.sre@example.gob.mx'],
    ]);
    // Every institution that reports an indicator has someone to receive the request.
    const reporting = new Set(plan.indicators.flatMap((i) => i.reporters.map((r) => r.institutionCode)));
    const withPrimary = new Set(DEMO_CONTACTS.filter((c) => c.role === 'PRIMARY').map((c) => c.institutionCode));
    expect([...reporting].filter((code) => !withPrimary.has(code))).toEqual([]);
  });
});
