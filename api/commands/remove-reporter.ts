import { writeAudit } from '../../activities/audit';
import type { Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { PrismaClient } from '../../prisma/client';
import { findReporterTarget } from '../queries/find-reporter-target';

/**
 * Ends an institution's assignment to an indicator of the current plan (derived or confirmed), audited
 * REPORTER_REMOVED with what the assignment was. One it does not report is NOT_A_REPORTER. Requests
 * under way stop asking for it (values already submitted stay in their versions).
 */
export async function removeReporter({ prisma, code, indicator, actor, lang }: { prisma: PrismaClient; code: string; indicator: string; actor: string; lang: Locale }) {
  return prisma.$transaction(async (tx) => {
    const target = await findReporterTarget(tx, { code, indicators: [indicator], lang, field: 'indicator' });
    const key = { indicatorId: target.indicators[0].id, institutionId: target.institution.id };
    const row = await tx.indicatorReporter.findUnique({ where: { indicatorId_institutionId: key } });
    const removed = row ? await tx.indicatorReporter.deleteMany({ where: key }) : { count: 0 };
    if (!row || removed.count !== 1) throw institutionRefusal({ code: 'NOT_A_REPORTER', params: { code, indicator }, lang, field: 'indicator' });
    await writeAudit(tx, { actor: `secretariat:${actor}`, action: 'REPORTER_REMOVED', data: { institution: code, indicator, plan: target.planName, derived: row.derived, basis: row.basis } });
    return { indicator, removed: true };
  });
}
