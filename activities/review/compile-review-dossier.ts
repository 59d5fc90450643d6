import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assembleDossier, planItemRefs } from '../../domain/review/assemble-dossier';
import type { TReviewDossier, TReviewSynthesis } from '../../domain/review/review-model';
import { ZCrosswalkEntry } from '../../domain/review/review-proposal';
import { renderReviewDossierFile } from '../../documents/review-dossier/render-review-dossier-files';
import { DOCUMENT_FORMATS, DOCUMENT_LANGS, type TDocumentFormat, type TDocumentLang } from '../../documents/shared/document-files';
import type { PrismaClient } from '../../prisma/client';
import { loadReviewProposals } from '../../prisma/review-proposals';
import { activityLog } from '../activity-log';

export interface CompileReviewDossierInput {
  reviewId: string;
}

export interface CompileReviewDossierResult {
  /** The instant the files print. */
  compiledAt: string;
  /** Every file, with whether this run wrote it (false: the stored bytes were already these). */
  files: { format: TDocumentFormat; lang: TDocumentLang; sha256: string; size: number; written: boolean }[];
}

const ZStoredCrosswalk = z.array(ZCrosswalkEntry);

/** The review's rows as plain data, and the dossier they make at `compiledAt`. */
async function loadDossier(prisma: PrismaClient, reviewId: string): Promise<(compiledAt: string) => TReviewDossier> {
  const review = await prisma.planReview.findUniqueOrThrow({
    where: { id: reviewId },
    select: { workflowId: true, startedAt: true, synthesis: true, crosswalk: true, cycleId: true, planId: true, plan: true, publishedPlan: { select: { version: true } } },
  });
  const byObjective = { objective: { position: 'asc' as const } };
  const [objectives, lines, indicators, goals] = await Promise.all([
    prisma.objective.findMany({ where: { planId: review.planId }, orderBy: { position: 'asc' }, select: { code: true } }),
    prisma.lineOfAction.findMany({ where: { objective: { planId: review.planId } }, orderBy: [byObjective, { position: 'asc' }], select: { code: true, objective: { select: { code: true } } } }),
    prisma.indicator.findMany({ where: { planId: review.planId }, orderBy: [byObjective, { position: 'asc' }], select: { code: true, objective: { select: { code: true } } } }),
    prisma.goal.findMany({ where: { objective: { planId: review.planId } }, orderBy: [byObjective, { position: 'asc' }], select: { code: true, objective: { select: { code: true } } } }),
  ]);
  const requests = review.cycleId
    ? await prisma.dataRequest.findMany({
        where: { cycleId: review.cycleId },
        select: { escalationLevel: true, institution: { select: { code: true } }, _count: { select: { submissions: { where: { kind: 'FINAL' } } } } },
      })
    : [];
  const proposals = await loadReviewProposals(prisma, reviewId);
  const items = planItemRefs({
    objectives,
    linesOfAction: lines.map((l) => ({ code: l.code, objectiveCode: l.objective.code })),
    indicators: indicators.map((i) => ({ code: i.code, objectiveCode: i.objective.code })),
    goals: goals.map((g) => ({ code: g.code, objectiveCode: g.objective.code })),
  });
  const crosswalk = review.crosswalk === null ? null : ZStoredCrosswalk.parse(review.crosswalk);
  return (compiledAt) =>
    assembleDossier({
      plan: { key: review.plan.key, title: { 'es-MX': review.plan.titleEs, en: review.plan.titleEn }, version: review.plan.version, items },
      // Written by the review workflow's synthesis activity from domain/review (bounded JSON of our own).
      review: { workflowId: review.workflowId, startedAt: review.startedAt.toISOString(), synthesis: review.synthesis as TReviewSynthesis, publishedVersion: review.publishedPlan?.version ?? null, crosswalk },
      requests: requests.map((r) => ({ institutionCode: r.institution.code, answered: r._count.submissions > 0, escalationLevel: r.escalationLevel })),
      proposals,
      compiledAt,
    });
}

/**
 * The instant the dossier prints: the publication's once published; before that the instant of the
 * stored files if their data is unchanged (the stored es-MX JSON is what the data makes at that instant),
 * else now. So compiling again from the same data gives the same bytes, and a retry writes nothing.
 */
async function compiledAtOf(prisma: PrismaClient, reviewId: string, dossierAt: (compiledAt: string) => TReviewDossier, now: Date): Promise<string> {
  const review = await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId }, select: { publishedAt: true } });
  if (review.publishedAt) return review.publishedAt.toISOString();
  const stored = await prisma.reviewFile.findUnique({ where: { reviewId_format_lang: { reviewId, format: 'json', lang: 'es-MX' } } });
  if (stored) {
    const storedAt = (JSON.parse(Buffer.from(stored.content).toString('utf8')) as { compiledAt?: unknown }).compiledAt;
    if (typeof storedAt === 'string') {
      const again = await renderReviewDossierFile(dossierAt(storedAt), 'json', 'es-MX');
      if (again.content.equals(Buffer.from(stored.content))) return storedAt;
    }
  }
  return now.toISOString();
}

/**
 * Compiles the review's dossier (synthesis + proposals + decisions + crosswalk) into its ten files (JSON,
 * HTML, PDF, XLSX, CSV × es-MX, en) and stores them as ReviewFile rows, one file rendered and stored at a
 * time (memory holds one file). Idempotent: a file whose stored SHA-256 is already the new one is not
 * written again, and the instant printed stays the stored one while the data is unchanged, so compiling
 * twice from the same data gives the same bytes and the same rows. After publication the files print the
 * publication instant.
 */
export async function compileReviewDossier({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }, { reviewId }: CompileReviewDossierInput): Promise<CompileReviewDossierResult> {
  const started = Date.now();
  const dossierAt = await loadDossier(prisma, reviewId);
  const compiledAt = await compiledAtOf(prisma, reviewId, dossierAt, clock());
  const dossier = dossierAt(compiledAt);
  const files: CompileReviewDossierResult['files'] = [];
  for (const format of DOCUMENT_FORMATS) {
    for (const lang of DOCUMENT_LANGS) {
      const file = await renderReviewDossierFile(dossier, format, lang);
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const key = { reviewId_format_lang: { reviewId, format, lang } };
      const stored = await prisma.reviewFile.findUnique({ where: key, select: { sha256: true } });
      const written = stored?.sha256 !== sha256;
      if (written) {
        const data = { contentType: file.contentType, sha256, size: file.content.length, content: file.content as Uint8Array<ArrayBuffer> };
        await prisma.reviewFile.upsert({ where: key, create: { reviewId, format, lang, ...data }, update: data });
      }
      files.push({ format, lang, sha256, size: file.content.length, written });
    }
  }
  activityLog('info', 'review dossier compiled', { reviewId, ms: Date.now() - started, written: files.filter((f) => f.written).length, bytes: files.reduce((n, f) => n + f.size, 0) });
  return { compiledAt, files };
}
