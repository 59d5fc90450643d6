import type { PrismaClient } from '../../prisma/client';

/**
 * Past and current requests of one institution written straight into the record (no workflow: the
 * institution pages read rows only): 2023 answered on time, 2024 late, 2025 not reported — all ended —
 * and 2026 under way (requested, not ended), which makes the primary-contact rule apply.
 */
export async function seedRequestHistory(prisma: PrismaClient, code: string): Promise<void> {
  const plan = await prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } });
  const institution = await prisma.institution.findUniqueOrThrow({ where: { code } });
  const rows = [
    { year: 2023, status: 'SUBMITTED', submitted: '2024-01-20T18:00:00Z', ended: true },
    { year: 2024, status: 'SUBMITTED', submitted: '2025-02-10T18:00:00Z', ended: true },
    { year: 2025, status: 'NOT_REPORTED', submitted: null, ended: true },
    { year: 2026, status: 'REQUESTED', submitted: null, ended: false },
  ] as const;
  for (const r of rows) {
    const deadline = new Date(`${r.year + 1}-01-31T05:59:59.999Z`);
    const cycle = await prisma.reportingCycle.upsert({
      where: { planId_year_kind: { planId: plan.id, year: r.year, kind: 'DATA' } },
      create: { planId: plan.id, year: r.year, workflowId: `cycle/${r.year}`, openedAt: new Date(`${r.year}-11-02T15:00:00Z`), deadline, policy: {}, openedBy: 'test', status: r.ended ? 'CLOSED' : 'OPEN' },
      update: {},
    });
    await prisma.dataRequest.create({
      data: {
        cycleId: cycle.id,
        institutionId: institution.id,
        workflowId: `request/${r.year}/${code}`,
        status: r.status,
        deadline,
        requestedAt: cycle.openedAt,
        submittedAt: r.submitted ? new Date(r.submitted) : null,
        endedAt: r.ended ? new Date(`${r.year + 1}-04-01T00:00:00Z`) : null,
      },
    });
  }
}
