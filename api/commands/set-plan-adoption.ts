import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { AuditAction } from '../../domain/audit-actions';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { zCalendarDate, type Locale } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';
import { findPlan } from '../queries/find-plan';

/** `PUT /api/plans/:key/versions/:version`: the adoption date (Mexico City), or null when it is not known. */
export const ZPlanAdoptionBody = z.strictObject({
  adoptedOn: zCalendarDate().nullable().meta({ description: 'The date the plan version was adopted (yyyy-MM-dd); null: not known (plan years then count from its first cycle).' }),
});
export type TPlanAdoptionBody = z.infer<typeof ZPlanAdoptionBody>;

export interface PlanAdoption {
  key: string;
  version: number;
  adoptedOn: string | null;
  /** false: the date was already the one given (nothing written, nothing audited). */
  changed: boolean;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/**
 * Records when a plan version was adopted — plan years, the review's date and the report's goals count from
 * it — audited `PLAN_ADOPTION_SET` with the date before and after. A date after today (Mexico City) is
 * refused naming `adoptedOn`; the same date again changes nothing.
 */
export async function setPlanAdoption({
  prisma,
  key,
  version,
  body,
  actor,
  now,
  lang,
}: {
  prisma: PrismaClient;
  key: string;
  version: number;
  body: TPlanAdoptionBody;
  actor: string;
  now: Date;
  lang: Locale;
}): Promise<PlanAdoption> {
  const today = DateTime.fromJSDate(now, { zone: DEFAULT_ZONE }).toISODate()!;
  if (body.adoptedOn !== null && body.adoptedOn > today) {
    const message = lang === 'en' ? `must not be after today (${today}, Mexico City)` : `no puede ser posterior a hoy (${today}, Ciudad de México)`;
    throw new AppError('VALIDATION', `adoptedOn: ${message}`, { adoptedOn: message }, { issues: [{ field: 'adoptedOn', code: 'IN_THE_FUTURE', message }] });
  }
  return prisma.$transaction(async (tx) => {
    const plan = await findPlan(tx, { key, version, lang });
    const before = day(plan.adoptedOn);
    if (before === body.adoptedOn) return { key, version, adoptedOn: before, changed: false };
    await tx.plan.update({ where: { id: plan.id }, data: { adoptedOn: body.adoptedOn === null ? null : new Date(`${body.adoptedOn}T00:00:00.000Z`) } });
    await tx.auditEvent.create({ data: { actor: `secretariat:${actor}`, action: AuditAction.PLAN_ADOPTION_SET, data: { key, version, adoptedOn: body.adoptedOn, previous: before } } });
    return { key, version, adoptedOn: body.adoptedOn, changed: true };
  });
}
