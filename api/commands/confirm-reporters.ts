import { z } from 'zod';
import { writeAudit } from '../../activities/audit';
import { LIMITS, zLine, type Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { PrismaClient } from '../../prisma/client';
import { findReporterTarget } from '../queries/find-reporter-target';

/** An indicator code as a form or a body names it ("4.b"). */
export const zIndicatorCode = () => zLine(LIMITS.indicatorCode);

/** `POST /api/institutions/:code/reporters/confirm`: the indicators to confirm; absent, every derived one. */
export const ZConfirmReportersBody = z.strictObject({ indicators: z.array(zIndicatorCode()).min(1).max(LIMITS.values).optional() });

/**
 * Confirms that an institution reports indicators of the current plan: derived assignments (the plan's
 * text read by our conventions) become the secretariat's (`derived: false`). `indicators` names some
 * (each must be one of the plan's; one the institution does not report is NOT_A_REPORTER); absent, every
 * derived one. Each assignment is claimed with a conditional update, so one confirmed twice at once is
 * confirmed — and audited REPORTER_CONFIRMED — once. Returns the codes confirmed by this call.
 */
export async function confirmReporters({ prisma, code, indicators, actor, lang }: { prisma: PrismaClient; code: string; indicators?: readonly string[]; actor: string; lang: Locale }) {
  return prisma.$transaction(async (tx) => {
    const target = await findReporterTarget(tx, { code, indicators: indicators ?? [], lang, field: 'indicators' });
    const rows = await tx.indicatorReporter.findMany({
      where: { institutionId: target.institution.id, indicator: { planId: target.plan.id, ...(indicators ? { code: { in: [...indicators] } } : {}) } },
      select: { indicatorId: true, derived: true, basis: true, indicator: { select: { code: true, position: true } } },
      orderBy: { indicator: { position: 'asc' } },
    });
    if (indicators) requireReporter(target.institution.code, indicators, rows.map((r) => r.indicator.code), lang);
    const confirmed: string[] = [];
    for (const row of rows.filter((r) => r.derived)) {
      const claimed = await tx.indicatorReporter.updateMany({ where: { indicatorId: row.indicatorId, institutionId: target.institution.id, derived: true }, data: { derived: false } });
      if (claimed.count !== 1) continue;
      confirmed.push(row.indicator.code);
      await writeAudit(tx, {
        actor: `secretariat:${actor}`,
        action: 'REPORTER_CONFIRMED',
        data: { institution: target.institution.code, indicator: row.indicator.code, plan: target.planName, basis: row.basis },
      });
    }
    return { confirmed };
  });
}

/** NOT_A_REPORTER for the first named indicator the institution does not report. */
function requireReporter(code: string, named: readonly string[], reported: string[], lang: Locale): void {
  const missing = named.findIndex((c) => !reported.includes(c));
  if (missing >= 0) throw institutionRefusal({ code: 'NOT_A_REPORTER', params: { code, indicator: named[missing] }, lang, field: named.length > 1 ? `indicators[${missing}]` : 'indicators' });
}
