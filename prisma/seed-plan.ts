import { createHash } from 'node:crypto';
import type { TPlanFile } from '../domain/plan-schema';
import { planFileName, planFileText } from '../domain/review/plan-file-text';
import { goalTargetColumns } from '../domain/stored-goal-target';
import type { PrismaClient } from './client';
import { Prisma } from './generated/client';

type Tx = Prisma.TransactionClient;

/** Thrown when a plan file cannot be applied to what the database already holds. */
export class PlanSeedError extends Error {
  override name = 'PlanSeedError';
}

/**
 * JSON with object keys sorted at every level (arrays keep their order) and no whitespace, so the same
 * content always gives the same string whatever the file's key order or formatting.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * SHA-256 (hex) of the canonical JSON of a parsed plan file. It is computed after parsing, so defaults
 * (`needsConfirmation: false`) and formatting do not change it; any change of content does.
 */
export function planSourceHash(plan: TPlanFile): string {
  return createHash('sha256').update(`seed-v${SEED_FORMAT}\n`).update(canonicalJson(plan)).digest('hex');
}

/**
 * Bumped when the seed starts writing something new from the same file (e.g. the confirmation flags of
 * objectives and lines, reporter basis, target unit: format 2; target kinds, the items' notes and the
 * plan's notes and conventions: format 3), so existing databases are brought up to date on the next run
 * even though the file did not change.
 */
export const SEED_FORMAT = 3;

export type TSeedPlanResult = {
  planId: string;
  /** A new plan row (key, version) was inserted. */
  created: boolean;
  /** An existing row of the same key and version was brought in line with a changed file. */
  updated: boolean;
};

/**
 * Loads a parsed plan file into the database, in one transaction, safe to re-run.
 *
 * - Keyed by (key, version). If that plan exists with the same `sourceHash`, nothing is written
 *   (`created: false, updated: false`).
 * - A changed file of the SAME version is applied in place (`updated: true`): every item is upserted by its
 *   code, so texts, flags, targets, links, institutions in charge and reporters follow the file while row
 *   ids — which cycles, requests and submissions point at — stay the same. Lines of action, activities,
 *   goals, institutions in charge and reporters that the file no longer lists are deleted. Thematic areas,
 *   objectives and indicators are never deleted (submissions refer to them): a file that drops one is
 *   refused with a {@link PlanSeedError}; publish a new version instead.
 * - A new version is a new plan row; earlier versions are left as they are.
 * - The version's file is written to `PlanFile` (`fileText`, the file as read; without it, the plan as
 *   `planFileText` writes it) when the version is created or changed, and added to a version that has none.
 * - Institutions are shared by all plans and upserted by code (names and kind follow the file; `active`
 *   and `timeZone`, which the secretariat may change, are left alone).
 *
 * Positions: thematic areas, objectives and indicators are numbered across the plan (1..n, file order);
 * lines of action, activities and goals within their objective. Concurrent runs for the same key are
 * serialised with a transaction-scoped advisory lock, so two processes starting together do not both
 * insert.
 */
export async function seedPlan({ prisma, plan, fileText }: { prisma: PrismaClient; plan: TPlanFile; fileText?: string }): Promise<TSeedPlanResult> {
  return prisma.$transaction((tx) => seedPlanIn(tx, { plan, fileText }), { maxWait: 10_000, timeout: 120_000 });
}

/** Writes the plan's `PlanFile` row: created when missing; replaced when the version's content changed. */
async function writePlanFile(tx: Tx, { planId, plan, fileText, replace }: { planId: string; plan: TPlanFile; fileText?: string; replace: boolean }): Promise<void> {
  const content = fileText ?? planFileText(plan);
  const data = { fileName: planFileName(plan), content, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
  if (replace) await tx.planFile.upsert({ where: { planId }, create: { planId, ...data }, update: data });
  else await tx.planFile.createMany({ data: [{ planId, ...data }], skipDuplicates: true });
}

/**
 * {@link seedPlan} inside a transaction the caller holds (the review's publication seeds the new version
 * in the same transaction as the review's row). Also writes the version's `PlanFile`: `fileText` (the file
 * as read) or, without it, the plan written by `planFileText`; an unchanged version that has none yet
 * (seeded before PlanFile existed) gets it.
 */
export async function seedPlanIn(tx: Tx, { plan, fileText }: { plan: TPlanFile; fileText?: string }): Promise<TSeedPlanResult> {
  const sourceHash = planSourceHash(plan);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`seed-plan:${plan.key}`}))`;
  const existing = await tx.plan.findUnique({ where: { key_version: { key: plan.key, version: plan.version } } });
  if (existing && existing.sourceHash === sourceHash) {
    await writePlanFile(tx, { planId: existing.id, plan, fileText, replace: false });
    return { planId: existing.id, created: false, updated: false };
  }
  if (existing) await refuseRemovals(tx, existing.id, plan);

  const institutionIds = await upsertInstitutions(tx, plan);
  const planData = {
    titleEn: plan.title.en,
    titleEs: plan.title.es,
    spanishOfficial: plan.spanishOfficial,
    countryCode: plan.countryCode,
    // A date the secretariat recorded (PUT /api/plans/:key/versions/:version) survives a file that gives none.
    adoptedOn: plan.adoptedOn === null ? (existing?.adoptedOn ?? null) : new Date(`${plan.adoptedOn}T00:00:00.000Z`),
    adoptedOnNote: plan.adoptedOnNote ?? null,
    sourceDescription: plan.source.description,
    spanishNote: plan.source.spanishNote ?? null,
    conventions: plan.conventions,
    sourceHash,
  };
  const planId = existing
    ? (await tx.plan.update({ where: { id: existing.id }, data: planData })).id
    : (await tx.plan.create({ data: { key: plan.key, version: plan.version, ...planData } })).id;

  await writePlanItems(tx, planId, plan, institutionIds);
  await writePlanFile(tx, { planId, plan, fileText, replace: true });
  return { planId, created: !existing, updated: Boolean(existing) };
}

async function refuseRemovals(tx: Tx, planId: string, plan: TPlanFile): Promise<void> {
  // Sequential: one transaction is one connection.
  const areas = await tx.thematicArea.findMany({ where: { planId }, select: { code: true } });
  const objectives = await tx.objective.findMany({ where: { planId }, select: { code: true } });
  const indicators = await tx.indicator.findMany({ where: { planId }, select: { code: true } });
  const missing = (rows: { code: string }[], items: { code: string }[]) => {
    const inFile = new Set(items.map((i) => i.code));
    return rows.map((r) => r.code).filter((code) => !inFile.has(code));
  };
  const problems = [
    ...missing(areas, plan.thematicAreas).map((c) => `thematic area ${c}`),
    ...missing(objectives, plan.objectives).map((c) => `objective ${c}`),
    ...missing(indicators, plan.indicators).map((c) => `indicator ${c}`),
  ];
  if (problems.length === 0) return;
  throw new PlanSeedError(
    `Plan ${plan.key} v${plan.version} is already loaded and the file drops ${problems.join(', ')}. ` +
      'Thematic areas, objectives and indicators of a loaded version are never deleted; publish the change as a new version.',
  );
}

async function upsertInstitutions(tx: Tx, plan: TPlanFile): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const inst of plan.institutions) {
    const data = { nameEs: inst.name.es, nameEn: inst.name.en, kind: inst.kind };
    const row = await tx.institution.upsert({
      where: { code: inst.code },
      create: { code: inst.code, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(inst.code, row.id);
  }
  return ids;
}

/** Positions within a group (1..n in file order), keyed by code. */
function positionsWithin<T extends { code: string; objectiveCode: string }>(items: readonly T[]): Map<string, number> {
  const counters = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const item of items) {
    const next = (counters.get(item.objectiveCode) ?? 0) + 1;
    counters.set(item.objectiveCode, next);
    positions.set(item.code, next);
  }
  return positions;
}

function idOf(ids: Map<string, string>, code: string, what: string): string {
  const id = ids.get(code);
  // The file was validated by ZPlanFile, so a miss here is a programming error, not a data error.
  if (id === undefined) throw new PlanSeedError(`internal: no id for ${what} "${code}"`);
  return id;
}

async function writePlanItems(tx: Tx, planId: string, plan: TPlanFile, institutionIds: Map<string, string>): Promise<void> {
  const areaIds = new Map<string, string>();
  for (const [i, area] of plan.thematicAreas.entries()) {
    const data = {
      position: i + 1,
      nameEn: area.name.en,
      nameEs: area.name.es,
      descriptionEn: area.description.en,
      descriptionEs: area.description.es,
    };
    const row = await tx.thematicArea.upsert({
      where: { planId_code: { planId, code: area.code } },
      create: { planId, code: area.code, ...data },
      update: data,
      select: { id: true },
    });
    areaIds.set(area.code, row.id);
  }

  const objectiveIds = new Map<string, string>();
  for (const [i, objective] of plan.objectives.entries()) {
    const data = {
      thematicAreaId: idOf(areaIds, objective.thematicAreaCode, 'thematic area'),
      position: i + 1,
      textEn: objective.text.en,
      textEs: objective.text.es,
      needsConfirmation: objective.needsConfirmation ?? false,
      confirmationNote: objective.confirmationNote ?? null,
      notes: objective.notes ?? null,
    };
    const row = await tx.objective.upsert({
      where: { planId_code: { planId, code: objective.code } },
      create: { planId, code: objective.code, ...data },
      update: data,
      select: { id: true },
    });
    objectiveIds.set(objective.code, row.id);

    const inCharge = objective.institutionsInCharge.map((code) => idOf(institutionIds, code, 'institution'));
    await tx.objectiveInstitution.deleteMany({ where: { objectiveId: row.id, institutionId: { notIn: inCharge } } });
    await tx.objectiveInstitution.createMany({
      data: inCharge.map((institutionId) => ({ objectiveId: row.id, institutionId })),
      skipDuplicates: true,
    });
  }

  // Children no longer in the file: codes carry their objective ("3.2"), so a plan-wide notIn is exact.
  const inPlan = { objective: { planId } };
  await tx.lineOfAction.deleteMany({ where: { ...inPlan, code: { notIn: plan.linesOfAction.map((l) => l.code) } } });
  await tx.planActivity.deleteMany({ where: { ...inPlan, code: { notIn: plan.activities.map((a) => a.code) } } });
  await tx.goal.deleteMany({ where: { ...inPlan, code: { notIn: plan.goals.map((g) => g.code) } } });

  const linePositions = positionsWithin(plan.linesOfAction);
  const lineIds = new Map<string, string>();
  for (const line of plan.linesOfAction) {
    const objectiveId = idOf(objectiveIds, line.objectiveCode, 'objective');
    const data = {
      position: linePositions.get(line.code) ?? 0,
      textEn: line.text.en,
      textEs: line.text.es,
      needsConfirmation: line.needsConfirmation ?? false,
      confirmationNote: line.confirmationNote ?? null,
      notes: line.notes ?? null,
    };
    const row = await tx.lineOfAction.upsert({
      where: { objectiveId_code: { objectiveId, code: line.code } },
      create: { objectiveId, code: line.code, ...data },
      update: data,
      select: { id: true },
    });
    lineIds.set(line.code, row.id);
  }

  const activityPositions = positionsWithin(plan.activities);
  for (const activity of plan.activities) {
    const objectiveId = idOf(objectiveIds, activity.objectiveCode, 'objective');
    const data = {
      lineOfActionId: activity.lineOfActionCode === null ? null : idOf(lineIds, activity.lineOfActionCode, 'line of action'),
      position: activityPositions.get(activity.code) ?? 0,
      textEn: activity.text.en,
      textEs: activity.text.es,
      needsConfirmation: activity.needsConfirmation,
      confirmationNote: activity.confirmationNote ?? null,
      notes: activity.notes ?? null,
    };
    await tx.planActivity.upsert({
      where: { objectiveId_code: { objectiveId, code: activity.code } },
      create: { objectiveId, code: activity.code, ...data },
      update: data,
    });
  }

  const indicatorIds = new Map<string, string>();
  for (const [i, indicator] of plan.indicators.entries()) {
    const data = {
      objectiveId: idOf(objectiveIds, indicator.objectiveCode, 'objective'),
      position: i + 1,
      textEn: indicator.text.en,
      textEs: indicator.text.es,
      unit: indicator.unit,
      disaggregation: indicator.disaggregation,
      needsConfirmation: indicator.needsConfirmation,
      confirmationNote: indicator.confirmationNote ?? null,
      notes: indicator.notes ?? null,
    };
    const row = await tx.indicator.upsert({
      where: { planId_code: { planId, code: indicator.code } },
      create: { planId, code: indicator.code, ...data },
      update: data,
      select: { id: true },
    });
    indicatorIds.set(indicator.code, row.id);

    const reporters = indicator.reporters.map((r) => ({ institutionId: idOf(institutionIds, r.institutionCode, 'institution'), derived: r.derived, basis: r.basis }));
    await tx.indicatorReporter.deleteMany({ where: { indicatorId: row.id, institutionId: { notIn: reporters.map((r) => r.institutionId) } } });
    for (const r of reporters) {
      await tx.indicatorReporter.upsert({
        where: { indicatorId_institutionId: { indicatorId: row.id, institutionId: r.institutionId } },
        create: { indicatorId: row.id, ...r },
        update: { derived: r.derived, basis: r.basis },
      });
    }
  }

  const goalPositions = positionsWithin(plan.goals);
  for (const goal of plan.goals) {
    const objectiveId = idOf(objectiveIds, goal.objectiveCode, 'objective');
    const { target, ...summary } = goalTargetColumns(goal.target);
    const data = {
      indicatorId: goal.indicatorCode === null ? null : idOf(indicatorIds, goal.indicatorCode, 'indicator'),
      position: goalPositions.get(goal.code) ?? 0,
      textEn: goal.text.en,
      textEs: goal.text.es,
      ...summary,
      target: target === null ? Prisma.DbNull : target,
      needsConfirmation: goal.needsConfirmation,
      confirmationNote: goal.confirmationNote ?? null,
      notes: goal.notes ?? null,
    };
    await tx.goal.upsert({
      where: { objectiveId_code: { objectiveId, code: goal.code } },
      create: { objectiveId, code: goal.code, ...data },
      update: data,
    });
  }
}

/** Rows the database holds for one plan version, named like the fields of `TPlanStats` (domain/plan-stats.ts). */
export type TPlanRowCounts = {
  thematicAreas: number;
  objectives: number;
  linesOfAction: number;
  activities: number;
  indicators: number;
  goals: number;
  goalsWithTarget: number;
  institutionsInCharge: number;
  reporterAssignments: number;
};

/** Counts the rows of one plan version, for the seed CLI's summary and the tests. */
export async function countPlanRows({ prisma, planId }: { prisma: PrismaClient; planId: string }): Promise<TPlanRowCounts> {
  const inPlan = { objective: { planId } };
  const [thematicAreas, objectives, linesOfAction, activities, indicators, goals, goalsWithTarget, institutionsInCharge, reporterAssignments] =
    await Promise.all([
      prisma.thematicArea.count({ where: { planId } }),
      prisma.objective.count({ where: { planId } }),
      prisma.lineOfAction.count({ where: inPlan }),
      prisma.planActivity.count({ where: inPlan }),
      prisma.indicator.count({ where: { planId } }),
      prisma.goal.count({ where: inPlan }),
      prisma.goal.count({ where: { ...inPlan, targetKind: { not: null } } }),
      prisma.objectiveInstitution.count({ where: inPlan }),
      prisma.indicatorReporter.count({ where: { indicator: { planId } } }),
    ]);
  return { thematicAreas, objectives, linesOfAction, activities, indicators, goals, goalsWithTarget, institutionsInCharge, reporterAssignments };
}
