import type { TReviewPlan } from '../domain/review/review-plan';
import { ZCrosswalkEntry } from '../domain/review/review-proposal';
import { storedGoalTarget } from '../domain/stored-goal-target';
import type { PrismaClient } from './client';

/**
 * A stored plan version as the review rules read it (domain/review/review-plan): objectives with their
 * thematic area and institutions in charge, lines of action, indicators with their reporters, goals with
 * their target, each in plan order (objective position, then the item's position). Shared by the round's
 * activities and the contact's review page.
 */
export async function loadReviewPlan(prisma: PrismaClient, planId: string): Promise<TReviewPlan> {
  const objectives = await prisma.objective.findMany({
    where: { planId },
    orderBy: { position: 'asc' },
    select: {
      code: true,
      textEs: true,
      textEn: true,
      thematicArea: { select: { code: true } },
      institutions: { select: { institution: { select: { code: true } } } },
      linesOfAction: { orderBy: { position: 'asc' }, select: { code: true, textEs: true, textEn: true } },
      indicators: {
        orderBy: { position: 'asc' },
        select: { code: true, textEs: true, textEn: true, unit: true, disaggregation: true, reporters: { select: { institution: { select: { code: true } } } } },
      },
      goals: {
        orderBy: { position: 'asc' },
        select: { code: true, textEs: true, textEn: true, target: true, targetValue: true, targetUnit: true, comparator: true, period: true, indicator: { select: { code: true } } },
      },
    },
  });
  const text = (r: { textEs: string; textEn: string }) => ({ es: r.textEs, en: r.textEn });
  return {
    objectives: objectives.map((o) => ({
      code: o.code,
      thematicAreaCode: o.thematicArea.code,
      text: text(o),
      institutionsInCharge: o.institutions.map((i) => i.institution.code).sort(),
    })),
    linesOfAction: objectives.flatMap((o) => o.linesOfAction.map((l) => ({ code: l.code, objectiveCode: o.code, text: text(l) }))),
    indicators: objectives.flatMap((o) =>
      o.indicators.map((i) => ({
        code: i.code,
        objectiveCode: o.code,
        text: text(i),
        unit: i.unit,
        disaggregation: i.disaggregation,
        reporters: i.reporters.map((r) => ({ institutionCode: r.institution.code })),
      })),
    ),
    goals: objectives.flatMap((o) =>
      o.goals.map((g) => ({
        code: g.code,
        objectiveCode: o.code,
        indicatorCode: g.indicator?.code ?? null,
        text: text(g),
        target: storedGoalTarget({ ...g, targetValue: g.targetValue === null ? null : Number(g.targetValue.toString()) }),
      })),
    ),
  };
}

/**
 * Codes retired from a plan by earlier reviews: the RETIRED entries of the crosswalks that published its
 * versions (a retired code is never kept, modified or reused). Crosswalks are stored through
 * ZCrosswalkEntry; an entry that does not parse is skipped.
 */
export async function retiredPlanCodes(prisma: PrismaClient, planKey: string): Promise<Set<string>> {
  const reviews = await prisma.planReview.findMany({ where: { publishedPlan: { key: planKey } }, select: { crosswalk: true } });
  const retired = new Set<string>();
  for (const review of reviews) {
    for (const raw of Array.isArray(review.crosswalk) ? review.crosswalk : []) {
      const entry = ZCrosswalkEntry.safeParse(raw);
      if (entry.success && entry.data.change === 'RETIRED') entry.data.from.forEach((code) => retired.add(code));
    }
  }
  return retired;
}
