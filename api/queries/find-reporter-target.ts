import type { Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { Prisma } from '../../prisma/generated/client';
import { findInstitution } from './find-institution';
import { findPlan } from './find-plan';

/**
 * The institution and the current plan's indicators named by `indicators` (codes such as "4.b"), for a
 * change of who reports what. An unknown institution is NOT_FOUND; a code the plan lacks is
 * INDICATOR_NOT_IN_PLAN, on `field` (with the code's position when several are named).
 */
export async function findReporterTarget(tx: Prisma.TransactionClient, { code, indicators, lang, field }: { code: string; indicators: readonly string[]; lang: Locale; field: string }) {
  const institution = await findInstitution(tx, { code, lang });
  const plan = await findPlan(tx, { lang });
  const rows = await tx.indicator.findMany({ where: { planId: plan.id, code: { in: [...indicators] } }, select: { id: true, code: true } });
  const missing = indicators.findIndex((c) => !rows.some((r) => r.code === c));
  if (missing >= 0) {
    throw institutionRefusal({
      code: 'INDICATOR_NOT_IN_PLAN',
      params: { indicator: indicators[missing], plan: `${plan.key} v${plan.version}` },
      lang,
      field: indicators.length > 1 ? `${field}[${missing}]` : field,
    });
  }
  return { institution, plan, indicators: rows, planName: `${plan.key} v${plan.version}` };
}
