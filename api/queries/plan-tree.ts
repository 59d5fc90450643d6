import type { Locale } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { findPlan } from './find-plan';

const text = { code: true, textEs: true, textEn: true, needsConfirmation: true, confirmationNote: true } as const;
const byPosition = { orderBy: { position: 'asc' } } as const;
/**
 * Reporters named per indicator: the plan's own institutions first (by kind, then code). An indicator
 * thousands of municipalities report lists these and counts the rest, so the tree stays small.
 */
export const REPORTERS_SHOWN = 12;

const objectiveSelect = {
  ...text,
  institutions: { select: { institution: { select: { code: true } } }, orderBy: { institution: { code: 'asc' } } },
  linesOfAction: { ...byPosition, select: { ...text, activities: { ...byPosition, select: text } } },
  activities: { where: { lineOfActionId: null }, ...byPosition, select: text },
  indicators: {
    ...byPosition,
    select: {
      ...text,
      unit: true,
      disaggregation: true,
      reporters: { select: { derived: true, institution: { select: { code: true } } }, orderBy: [{ institution: { kind: 'asc' } }, { institution: { code: 'asc' } }], take: REPORTERS_SHOWN },
      _count: { select: { reporters: true } },
    },
  },
  goals: { ...byPosition, select: { ...text, indicator: { select: { code: true } }, targetValue: true, targetUnit: true, comparator: true, period: true } },
} satisfies Prisma.ObjectiveSelect;

type ObjectiveRow = Prisma.ObjectiveGetPayload<{ select: typeof objectiveSelect }>;
type GoalRow = ObjectiveRow['goals'][number];

/**
 * One plan version as a tree, in the plan's order: thematic areas → objectives (with the institutions in
 * charge) → lines of action → their activities (and the activities the annex ties to no line) →
 * indicators (unit, breakdown, who reports them — the first few named, all counted — derived or confirmed) → their goals (and goals measured
 * on no indicator). Every item carries its `needsConfirmation` flag and note. The current plan when
 * `key`/`version` are absent; NOT_FOUND when there is no such plan.
 */
export async function planTree({ prisma, key, version, lang }: { prisma: PrismaClient; key?: string; version?: number; lang: Locale }) {
  const plan = await findPlan(prisma, { key, version, lang });
  const areas = await prisma.thematicArea.findMany({
    where: { planId: plan.id },
    ...byPosition,
    select: { code: true, nameEs: true, nameEn: true, descriptionEs: true, descriptionEn: true, objectives: { ...byPosition, select: objectiveSelect } },
  });
  return {
    plan: { key: plan.key, version: plan.version, titleEs: plan.titleEs, titleEn: plan.titleEn, adoptedOn: plan.adoptedOn, spanishOfficial: plan.spanishOfficial, countryCode: plan.countryCode },
    areas: areas.map((area) => ({ ...area, objectives: area.objectives.map(objectiveNode) })),
  };
}

/** A goal with its target as plain values (the Decimal as text, so JSON keeps every digit). */
function goalNode({ indicator, targetValue, targetUnit, comparator, period, ...goal }: GoalRow) {
  return {
    ...goal,
    indicator: indicator?.code ?? null,
    target: targetValue !== null && comparator ? { value: targetValue.toString(), unit: targetUnit, comparator, period } : null,
  };
}

/** An objective with its institutions as codes, each goal under the indicator it is measured on (or under the objective). */
function objectiveNode({ institutions, indicators, goals, ...objective }: ObjectiveRow) {
  const codes = new Set(indicators.map((i) => i.code));
  return {
    ...objective,
    institutionsInCharge: institutions.map((i) => i.institution.code),
    indicators: indicators.map(({ reporters, _count, ...indicator }) => ({
      ...indicator,
      reporters: reporters.map((r) => ({ institution: r.institution.code, derived: r.derived })),
      /** Every institution reporting it, of which `reporters` names the first {@link REPORTERS_SHOWN}. */
      reporterCount: _count.reporters,
      goals: goals.filter((g) => g.indicator?.code === indicator.code).map(goalNode),
    })),
    goals: goals.filter((g) => !g.indicator || !codes.has(g.indicator.code)).map(goalNode),
  };
}

/** What {@link planTree} reads: the JSON of `GET /api/plans/:key/:version`. */
export type PlanTree = Awaited<ReturnType<typeof planTree>>;
