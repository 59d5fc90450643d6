import type { PrismaClient } from '../../prisma/client';
import { writeAudit } from '../audit';

export interface PublishReportInput {
  reportVersionId: string;
  /** "secretariat:<email>". */
  publishedBy: string;
}

export interface PublishReportResult {
  version: number;
  /** The version that was published before and is now superseded, if any. */
  superseded: number | null;
  /** False when a retry found it published already. */
  changed: boolean;
}

/**
 * Marks one report version PUBLISHED and the one published before it SUPERSEDED (kept, never deleted), in
 * one transaction that locks the cycle's versions, so two publications at once leave exactly one published.
 * Idempotent: a version already published is left as it is.
 */
export async function publishReportVersion({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }, input: PublishReportInput): Promise<PublishReportResult> {
  return prisma.$transaction(async (tx) => {
    const target = await tx.reportVersion.findUniqueOrThrow({ where: { id: input.reportVersionId } });
    // Serializes publications of one cycle's report.
    await tx.$queryRaw`SELECT id FROM "ReportVersion" WHERE "cycleId" = ${target.cycleId} ORDER BY version FOR UPDATE`;
    const current = await tx.reportVersion.findUniqueOrThrow({ where: { id: input.reportVersionId } });
    if (current.status === 'PUBLISHED') return { version: current.version, superseded: null, changed: false };
    const now = clock();
    const previous = await tx.reportVersion.findFirst({ where: { cycleId: target.cycleId, status: 'PUBLISHED' } });
    if (previous) await tx.reportVersion.update({ where: { id: previous.id }, data: { status: 'SUPERSEDED', supersededAt: now } });
    await tx.reportVersion.update({ where: { id: current.id }, data: { status: 'PUBLISHED', publishedAt: now, publishedBy: input.publishedBy, supersededAt: null } });
    await writeAudit(tx, {
      actor: input.publishedBy,
      action: 'REPORT_PUBLISHED',
      cycleId: target.cycleId,
      data: { version: current.version, superseded: previous?.version ?? null },
      idempotencyKey: `report-version/${current.id}/published/${now.toISOString()}`,
    });
    return { version: current.version, superseded: previous?.version ?? null, changed: true };
  });
}
