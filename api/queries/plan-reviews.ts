import { AppError } from '../../domain/app-error';
import type { Locale } from '../../domain/input-bounds';
import type { TReviewSynthesis } from '../../domain/review/review-model';
import type { TCrosswalkEntry } from '../../domain/review/review-proposal';
import type { PrismaClient } from '../../prisma/client';
import { previewPublication } from '../../activities/review/publish-plan-version';
import { loadReviewPlan } from '../../prisma/review-plan';
import { loadReviewProposals } from '../../prisma/review-proposals';
import { findReview } from '../commands/review-commands';

export const DOSSIER_FORMATS = ['json', 'html', 'pdf', 'xlsx', 'csv'] as const;
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

/** Every review, newest first, with its round's figures. */
export async function listPlanReviews(prisma: PrismaClient) {
  const reviews = await prisma.planReview.findMany({
    orderBy: { startedAt: 'desc' },
    take: 100,
    include: { plan: { select: { key: true, version: true } }, publishedPlan: { select: { version: true } }, cycle: { select: { deadline: true, dataRequests: { select: { status: true } } } } },
  });
  return reviews.map((r) => ({
    planKey: r.plan.key,
    version: r.plan.version,
    workflowId: r.workflowId,
    status: r.status,
    startedAt: r.startedAt,
    startedBy: r.startedBy,
    deadline: r.cycle?.deadline ?? null,
    requests: r.cycle?.dataRequests.length ?? 0,
    answered: r.cycle?.dataRequests.filter((d) => d.status === 'SUBMITTED').length ?? 0,
    publishedVersion: r.publishedPlan?.version ?? null,
    publishedAt: r.publishedAt,
  }));
}

/** How long the start form waits for a review's record and round before answering (the workflow's first activities). */
export const REVIEW_RECORD_WAIT_MS = 10_000;

/**
 * Waits until the review `workflowId` has its record and its round (the review workflow's first activities,
 * `openPlanReview` then `prepareReviewRound`, write them just after the start), polling every 200 ms for up
 * to `timeoutMs`: a page that redirects to the review right after starting it would otherwise answer "no
 * review has started", or show a round without its institutions. False if they are not there in time.
 */
export async function waitForPlanReview(prisma: PrismaClient, { workflowId, timeoutMs = REVIEW_RECORD_WAIT_MS }: { workflowId: string; timeoutMs?: number }): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await prisma.planReview.findUnique({ where: { workflowId }, select: { cycleId: true } }))?.cycleId) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * One review as the secretariat works on it: the round (each institution's request, its status and
 * escalation), the synthesis, the consolidated proposals with their decisions, the crosswalk (published,
 * or what publishing now would give, with the issues that stop it) and the dossier's files.
 */
export async function planReviewDetail(prisma: PrismaClient, { planKey, version, lang }: { planKey: string; version: number; lang: Locale }) {
  const review = await findReview(prisma, { planKey, version, lang });
  const [requests, proposals, files, published] = await Promise.all([
    review.cycleId
      ? prisma.dataRequest.findMany({
          where: { cycleId: review.cycleId },
          orderBy: { institution: { code: 'asc' } },
          select: { workflowId: true, status: true, escalationLevel: true, deadline: true, submittedAt: true, endedAt: true, extensionRequestedAt: true, deliveryFailedAt: true, institution: { select: { code: true, nameEs: true, nameEn: true } } },
        })
      : Promise.resolve([]),
    loadReviewProposals(prisma, review.id),
    prisma.reviewFile.findMany({ where: { reviewId: review.id }, select: { format: true, lang: true, sha256: true, size: true, contentType: true }, orderBy: [{ format: 'asc' }, { lang: 'asc' }] }),
    review.publishedPlanId ? prisma.plan.findUnique({ where: { id: review.publishedPlanId }, select: { version: true } }) : Promise.resolve(null),
  ]);
  const plan = await loadReviewPlan(prisma, review.planId);
  const itemTexts: Record<string, { es: string; en: string }> = Object.fromEntries([
    ...plan.objectives.map((i) => [`OBJECTIVE/${i.code}`, i.text]),
    ...plan.linesOfAction.map((i) => [`LINE_OF_ACTION/${i.code}`, i.text]),
    ...plan.indicators.map((i) => [`INDICATOR/${i.code}`, i.text]),
    ...plan.goals.map((i) => [`GOAL/${i.code}`, i.text]),
  ]);
  const preview = review.status === 'DECIDING' ? await previewPublication(prisma, { reviewId: review.id, input: {}, now: new Date() }) : null;
  const base = `/api/reviews/${encodeURIComponent(planKey)}/${version}`;
  return {
    planKey,
    version,
    workflowId: review.workflowId,
    status: review.status,
    startedAt: review.startedAt,
    startedBy: review.startedBy,
    roundEndedAt: review.roundEndedAt,
    publishedVersion: published?.version ?? null,
    publishedAt: review.publishedAt,
    publishedBy: review.publishedBy,
    requests: requests.map((r) => ({
      institution: r.institution.code,
      name: lang === 'en' ? r.institution.nameEn : r.institution.nameEs,
      workflowId: r.workflowId,
      status: r.status,
      escalationLevel: r.escalationLevel,
      deadline: r.deadline,
      submittedAt: r.submittedAt,
      ended: r.endedAt !== null,
      extensionRequestedAt: r.extensionRequestedAt,
      deliveryFailedAt: r.deliveryFailedAt,
    })),
    synthesis: review.synthesis as unknown as TReviewSynthesis,
    proposals,
    itemTexts,
    crosswalk: (review.crosswalk as TCrosswalkEntry[] | null) ?? (preview?.ok ? preview.crosswalk : null),
    publicationIssues: preview && !preview.ok ? preview.issues.map((i) => ({ item: i.item, path: i.path, code: 'INVALID_PUBLICATION', message: i.message[lang] })) : [],
    files: files.map((f) => ({ ...f, url: `${base}/dossier.${f.format}?lang=${f.lang}` })),
  };
}
export type TPlanReviewDetail = Awaited<ReturnType<typeof planReviewDetail>>;

/** One file of the review's dossier, or 404 naming what is missing. */
export async function dossierFile(prisma: PrismaClient, { planKey, version, format, lang, readerLang }: { planKey: string; version: number; format: DossierFormat; lang: string; readerLang: Locale }) {
  const review = await findReview(prisma, { planKey, version, lang: readerLang });
  const file = await prisma.reviewFile.findUnique({ where: { reviewId_format_lang: { reviewId: review.id, format, lang } } });
  if (!file) {
    throw new AppError('NOT_FOUND', readerLang === 'en' ? `The dossier of the review of ${planKey} v${version} has no ${format} file in ${lang} yet (it is compiled when the round ends).` : `El expediente de la revisión de ${planKey} v${version} aún no tiene archivo ${format} en ${lang} (se compila al terminar la ronda).`);
  }
  return file;
}
