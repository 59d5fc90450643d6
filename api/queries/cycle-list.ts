import type { PrismaClient } from '../../prisma/client';
import type { CycleSummary } from '../../ui/pages/secretariat/cycles-page';

/** Every cycle, newest first, with its number of requests, submitted and overdue (one grouped read). */
export async function listCycles(prisma: PrismaClient, { limit = 50 }: { limit?: number } = {}): Promise<CycleSummary[]> {
  const cycles = await prisma.reportingCycle.findMany({ where: { kind: 'DATA' }, orderBy: [{ year: 'desc' }, { openedAt: 'desc' }], take: limit, select: { id: true, year: true, status: true, openedAt: true, deadline: true } });
  const grouped = cycles.length
    ? await prisma.dataRequest.groupBy({ by: ['cycleId', 'status'], where: { cycleId: { in: cycles.map((c) => c.id) } }, _count: { _all: true } })
    : [];
  return cycles.map((c) => {
    const mine = grouped.filter((g) => g.cycleId === c.id);
    const count = (status?: string) => mine.filter((g) => !status || g.status === status).reduce((n, g) => n + g._count._all, 0);
    return { year: c.year, status: c.status, openedAt: c.openedAt, deadline: c.deadline, total: count(), submitted: count('SUBMITTED'), overdue: count('OVERDUE') };
  });
}
