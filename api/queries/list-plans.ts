import type { PrismaClient } from '../../prisma/client';

/**
 * Every plan version loaded, newest first, with what a reader needs to choose one: titles, adoption date,
 * whether the Spanish is official, and how many of its items still need the secretariat's confirmation.
 */
export async function listPlans({ prisma }: { prisma: PrismaClient }) {
  const plans = await prisma.plan.findMany({
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
    select: { id: true, key: true, version: true, titleEs: true, titleEn: true, adoptedOn: true, spanishOfficial: true, countryCode: true, _count: { select: { objectives: true, indicators: true } } },
  });
  return Promise.all(
    plans.map(async ({ id, _count, ...plan }) => ({
      ...plan,
      objectives: _count.objectives,
      indicators: _count.indicators,
      needsConfirmation: await countNeedingConfirmation(prisma, id),
    })),
  );
}

/** Items of one plan whose text or target is marked `needsConfirmation` (objectives, lines, activities, indicators, goals). */
export async function countNeedingConfirmation(prisma: PrismaClient, planId: string): Promise<number> {
  const inPlan = { objective: { planId }, needsConfirmation: true };
  const counts = await Promise.all([
    prisma.objective.count({ where: { planId, needsConfirmation: true } }),
    prisma.lineOfAction.count({ where: inPlan }),
    prisma.planActivity.count({ where: inPlan }),
    prisma.indicator.count({ where: { planId, needsConfirmation: true } }),
    prisma.goal.count({ where: inPlan }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
