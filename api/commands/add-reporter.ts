import { z } from 'zod';
import { writeAudit } from '../../activities/audit';
import type { Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import { ReporterBasis } from '../../domain/plan-schema';
import type { PrismaClient } from '../../prisma/client';
import { findReporterTarget } from '../queries/find-reporter-target';
import { zIndicatorCode } from './confirm-reporters';

/** `POST /api/institutions/:code/reporters`: the indicator of the current plan the institution is to report. */
export const ZAddReporterBody = z.strictObject({ indicator: zIndicatorCode() });

/**
 * Makes an institution a reporter of an indicator of the current plan, as the secretariat's decision
 * (`derived: false`, basis CONFIRMED), audited REPORTER_ADDED. One it already reports is refused
 * (ALREADY_REPORTS, on `indicator`). Requests under way ask for it from then on: the contact's form and
 * the reminders read the assignments live.
 */
export async function addReporter({ prisma, code, indicator, actor, lang }: { prisma: PrismaClient; code: string; indicator: string; actor: string; lang: Locale }) {
  return prisma.$transaction(async (tx) => {
    const target = await findReporterTarget(tx, { code, indicators: [indicator], lang, field: 'indicator' });
    const indicatorId = target.indicators[0].id;
    const created = await tx.indicatorReporter.createMany({ data: [{ indicatorId, institutionId: target.institution.id, derived: false, basis: ReporterBasis.CONFIRMED }], skipDuplicates: true });
    if (created.count !== 1) throw institutionRefusal({ code: 'ALREADY_REPORTS', params: { code, indicator }, lang, field: 'indicator' });
    await writeAudit(tx, { actor: `secretariat:${actor}`, action: 'REPORTER_ADDED', data: { institution: code, indicator, plan: target.planName } });
    return { indicator, derived: false, basis: ReporterBasis.CONFIRMED };
  });
}
