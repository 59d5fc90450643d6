import type { Locale } from '../../domain/input-bounds';
import { requestTimeliness } from '../../domain/request-timeliness';
import type { PrismaClient } from '../../prisma/client';
import { findInstitution } from './find-institution';
import { currentPlan } from './find-plan';

/** Requests of one institution shown, newest cycle first (one a year: a century fits). */
const REQUESTS_SHOWN = 100;
/** Secretariat contacts named on the ladder's last rung. */
const SECRETARIAT_SHOWN = 20;

/**
 * Everything the institution's page and `GET /api/institutions/:code` show, read in one go: the
 * institution; its contacts, active and not; the indicators of the current plan it reports (`derived`
 * marked, in the plan's order) and the plan's other indicators it could be given; its requests across
 * cycles with their timeliness; and the secretariat's active contacts, who receive every institution's
 * last escalation.
 */
export async function institutionDetail({ prisma, code, lang }: { prisma: PrismaClient; code: string; lang: Locale }) {
  const institution = await findInstitution(prisma, { code, lang });
  const plan = await currentPlan(prisma);
  const [contacts, indicators, requests, secretariat] = await Promise.all([
    prisma.contact.findMany({ where: { institutionId: institution.id }, orderBy: [{ active: 'desc' }, { role: 'asc' }, { createdAt: 'asc' }] }),
    plan
      ? prisma.indicator.findMany({
          where: { planId: plan.id },
          orderBy: { position: 'asc' },
          select: { code: true, textEs: true, textEn: true, unit: true, disaggregation: true, reporters: { where: { institutionId: institution.id }, select: { derived: true, basis: true } } },
        })
      : Promise.resolve([]),
    prisma.dataRequest.findMany({
      where: { institutionId: institution.id },
      orderBy: { cycle: { year: 'desc' } },
      take: REQUESTS_SHOWN,
      select: { status: true, deadline: true, submittedAt: true, endedAt: true, cycle: { select: { year: true } } },
    }),
    prisma.contact.findMany({ where: { role: 'SECRETARIAT', active: true }, orderBy: { createdAt: 'asc' }, take: SECRETARIAT_SHOWN, select: { name: true, email: true } }),
  ]);
  const reported = indicators.filter((i) => i.reporters.length > 0);
  return {
    institution,
    plan,
    contacts,
    reported: reported.map(({ reporters, ...i }) => ({ ...i, derived: reporters[0].derived, basis: reporters[0].basis })),
    addable: indicators.filter((i) => i.reporters.length === 0).map(({ reporters: _none, ...i }) => i),
    requests: requests.map((r) => ({
      year: r.cycle.year,
      status: r.status,
      deadline: r.deadline,
      submittedAt: r.submittedAt,
      open: r.endedAt === null,
      timeliness: requestTimeliness(r),
    })),
    secretariat,
  };
}

/** What {@link institutionDetail} reads. */
export type InstitutionDetail = Awaited<ReturnType<typeof institutionDetail>>;
