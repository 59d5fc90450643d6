import { z } from 'zod';
import type { Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';

type Db = PrismaClient | Prisma.TransactionClient;

/** A plan's key ("MX-NAP-1325") and version (a whole number, digits only) in a path. */
export const ZPlanParams = z.strictObject({
  key: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/, 'must be a plan key such as MX-NAP-1325'),
  version: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'must be a version number such as 1')
    .transform(Number),
});

/** The current plan — the highest version, the one a new cycle measures (api/cycle-routes.ts) — or null before any is loaded. */
export function currentPlan(db: Db) {
  return db.plan.findFirst({ orderBy: { version: 'desc' } });
}

/**
 * A plan version: the one named (`key` and `version`), else the current one ({@link currentPlan}). NOT_FOUND (PLAN_NOT_FOUND) in `lang` when there is none.
 */
export async function findPlan(db: Db, { key, version, lang }: { key?: string; version?: number; lang: Locale }) {
  const plan =
    key !== undefined && version !== undefined
      ? await db.plan.findUnique({ where: { key_version: { key, version } } })
      : await currentPlan(db);
  if (!plan) throw institutionRefusal({ code: 'PLAN_NOT_FOUND', params: { key, version }, lang });
  return plan;
}
