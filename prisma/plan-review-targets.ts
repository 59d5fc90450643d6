import type { PrismaClient } from './client';

/** A plan version in force (the newest of its key) and its adoption date, if the secretariat set one. */
export interface TPlanReviewTarget {
  planKey: string;
  version: number;
  /** `yyyy-MM-dd`, or null: no review schedule until it is set (`PUT /api/plans/:key/versions/:version`). */
  adoptedOn: string | null;
  /** Older versions of the same key: their review schedules, if any, are removed. */
  olderVersions: number[];
}

/** The plan versions that may have a review schedule: the newest version of each plan key. */
export async function planReviewTargets(prisma: PrismaClient): Promise<TPlanReviewTarget[]> {
  const plans = await prisma.plan.findMany({ select: { key: true, version: true, adoptedOn: true }, orderBy: [{ key: 'asc' }, { version: 'desc' }] });
  const targets = new Map<string, TPlanReviewTarget>();
  for (const p of plans) {
    const target = targets.get(p.key);
    if (target) target.olderVersions.push(p.version);
    else targets.set(p.key, { planKey: p.key, version: p.version, adoptedOn: p.adoptedOn ? p.adoptedOn.toISOString().slice(0, 10) : null, olderVersions: [] });
  }
  return [...targets.values()];
}
