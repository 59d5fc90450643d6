import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZPlanFile, type TPlanFile } from '../../domain/plan-schema';
import { planFileName, planFileText } from '../../domain/review/plan-file-text';
import { storedGoalTarget } from '../../domain/stored-goal-target';
import type { PrismaClient } from '../../prisma/client';
import { planSourceHash } from '../../prisma/seed-plan';

/** Where the repository keeps the plan files it seeds from. */
export const PLAN_FILES_DIR = path.resolve(__dirname, '../../domain/plans');

/**
 * Where a version's file came from: the `PlanFile` row; the repository's file (a version seeded before
 * PlanFile existed, whose content still matches what was loaded: stored as its PlanFile on the way); or
 * rebuilt from the database's rows (the repository's file is gone or differs): see {@link planFromRows}.
 */
export type PlanFileSource = 'STORED' | 'REPOSITORY' | 'DATABASE';

export type TPlanFileOf = { planId: string; fileName: string; content: string; sha256: string; source: PlanFileSource };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function repositoryFile(fileName: string): Promise<string | null> {
  try {
    return await readFile(path.join(PLAN_FILES_DIR, fileName), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * A plan version as a plan file rebuilt from its rows. What the database does not hold is filled in: the
 * short title from the key (as the annual report does), `coordinationTasks` empty, `source.description`
 * "rebuilt from the database" when none was stored; the order of the institutions in charge is their
 * code order (the rows keep no order). Everything the review changes (texts, units, targets, links,
 * flags, notes, reporters) is exact.
 */
export async function planFromRows(prisma: PrismaClient, planId: string): Promise<TPlanFile> {
  const row = await prisma.plan.findUniqueOrThrow({
    where: { id: planId },
    include: {
      thematicAreas: { orderBy: { position: 'asc' } },
      objectives: {
        orderBy: { position: 'asc' },
        include: {
          institutions: { include: { institution: true }, orderBy: { institution: { code: 'asc' } } },
          linesOfAction: { orderBy: { position: 'asc' } },
          activities: { orderBy: { position: 'asc' }, include: { lineOfAction: { select: { code: true } } } },
          goals: { orderBy: { position: 'asc' }, include: { indicator: { select: { code: true } } } },
        },
      },
      indicators: { orderBy: { position: 'asc' }, include: { objective: { select: { code: true } }, reporters: { include: { institution: true }, orderBy: { institution: { code: 'asc' } } } } },
    },
  });
  const text = (r: { textEn: string; textEs: string }) => ({ en: r.textEn, es: r.textEs });
  const flags = (r: { needsConfirmation: boolean; confirmationNote: string | null; notes: string | null }) => ({
    needsConfirmation: r.needsConfirmation,
    ...(r.confirmationNote === null ? {} : { confirmationNote: r.confirmationNote }),
    ...(r.notes === null ? {} : { notes: r.notes }),
  });
  const institutions = new Map<string, { code: string; nameEn: string; nameEs: string; kind: string }>();
  for (const o of row.objectives) for (const oi of o.institutions) institutions.set(oi.institution.code, oi.institution);
  for (const i of row.indicators) for (const r of i.reporters) institutions.set(r.institution.code, r.institution);
  const en = row.key.replace(/^[A-Z]{2}-/, '');
  const byObjective = <T>(pick: (o: (typeof row.objectives)[number]) => T[]) => row.objectives.flatMap(pick);
  const candidate = {
    formatVersion: 2,
    key: row.key,
    version: row.version,
    title: { en: row.titleEn, es: row.titleEs },
    shortTitle: { en, es: en.replace(/^NAP\b/, 'PNA') },
    countryCode: row.countryCode,
    adoptedOn: row.adoptedOn === null ? null : row.adoptedOn.toISOString().slice(0, 10),
    ...(row.adoptedOnNote === null ? {} : { adoptedOnNote: row.adoptedOnNote }),
    spanishOfficial: row.spanishOfficial,
    source: { description: row.sourceDescription ?? 'Rebuilt from the database.', ...(row.spanishNote === null ? {} : { spanishNote: row.spanishNote }) },
    conventions: row.conventions,
    institutions: [...institutions.values()].sort((a, b) => (a.code < b.code ? -1 : 1)).map((i) => ({ code: i.code, name: { en: i.nameEn, es: i.nameEs }, kind: i.kind })),
    thematicAreas: row.thematicAreas.map((a) => ({ code: a.code, name: { en: a.nameEn, es: a.nameEs }, description: { en: a.descriptionEn, es: a.descriptionEs } })),
    objectives: row.objectives.map((o) => ({
      code: o.code,
      thematicAreaCode: row.thematicAreas.find((a) => a.id === o.thematicAreaId)?.code,
      text: text(o),
      institutionsInCharge: o.institutions.map((oi) => oi.institution.code),
      ...flags(o),
    })),
    linesOfAction: byObjective((o) => o.linesOfAction.map((l) => ({ code: l.code, objectiveCode: o.code, text: text(l), ...flags(l) }))),
    activities: byObjective((o) => o.activities.map((a) => ({ code: a.code, objectiveCode: o.code, lineOfActionCode: a.lineOfAction?.code ?? null, text: text(a), ...flags(a) }))),
    indicators: row.indicators.map((i) => ({
      code: i.code,
      objectiveCode: i.objective.code,
      text: text(i),
      unit: i.unit,
      disaggregation: i.disaggregation,
      reporters: i.reporters.map((r) => ({ institutionCode: r.institution.code, derived: r.derived, basis: r.basis ?? (r.derived ? 'IN_CHARGE_DEFAULT' : 'CONFIRMED') })),
      ...flags(i),
    })),
    goals: byObjective((o) =>
      o.goals.map((g) => ({
        code: g.code,
        objectiveCode: o.code,
        indicatorCode: g.indicator?.code ?? null,
        text: text(g),
        target: storedGoalTarget({ target: g.target, targetValue: g.targetValue === null ? null : Number(g.targetValue), targetUnit: g.targetUnit, comparator: g.comparator, period: g.period }),
        ...flags(g),
      })),
    ),
    coordinationTasks: [],
  };
  return ZPlanFile.parse(candidate);
}

/**
 * A plan version's file (issue 10 §2: the file is the source of truth for a version). The `PlanFile` row
 * when there is one. For a version seeded before PlanFile existed: the repository's
 * `domain/plans/<key>.v<version>.json` if it still parses to what was loaded (same source hash), stored as
 * the version's PlanFile, text as read; otherwise the version rebuilt from its rows ({@link planFromRows}),
 * written by `planFileText` and not stored (it is a reading of the rows, not the file that was loaded).
 */
export async function planFileOf(prisma: PrismaClient, { planId }: { planId: string }): Promise<TPlanFileOf> {
  const stored = await prisma.planFile.findUnique({ where: { planId } });
  if (stored) return { planId, fileName: stored.fileName, content: stored.content, sha256: stored.sha256, source: 'STORED' };
  const plan = await prisma.plan.findUniqueOrThrow({ where: { id: planId }, select: { key: true, version: true, sourceHash: true } });
  const fileName = planFileName(plan);
  const text = await repositoryFile(fileName);
  const parsed = text === null ? null : ZPlanFile.safeParse(JSON.parse(text));
  if (text !== null && parsed?.success && parsed.data.key === plan.key && parsed.data.version === plan.version && planSourceHash(parsed.data) === plan.sourceHash) {
    const data = { planId, fileName, content: text, sha256: sha256(text) };
    await prisma.planFile.createMany({ data: [data], skipDuplicates: true });
    return { ...data, source: 'REPOSITORY' };
  }
  const content = planFileText(await planFromRows(prisma, planId));
  return { planId, fileName, content, sha256: sha256(content), source: 'DATABASE' };
}

/** The version's plan, parsed from {@link planFileOf}'s text. */
export async function planOf(prisma: PrismaClient, { planId }: { planId: string }): Promise<TPlanFile> {
  const file = await planFileOf(prisma, { planId });
  return ZPlanFile.parse(JSON.parse(file.content));
}
