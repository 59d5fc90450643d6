import type { Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { writeAudit } from '../../activities/audit';
import { INVALID_PUBLICATION, previewPublication } from '../../activities/review/publish-plan-version';
import { AppError } from '../../domain/app-error';
import type { FieldIssue } from '../../domain/field-issues';
import type { Locale } from '../../domain/input-bounds';
import { checkDecision } from '../../domain/review/check-decision';
import type { TPublicationIssue } from '../../domain/review/publication-issue';
import type { TPublishPlanVersionInput, TReviewDecisionInput } from '../../domain/review/review-proposal';
import { AuditAction } from '../../domain/audit-actions';
import type { PublishPlanVersionResult } from '../../domain/schedule-types';
import type { PrismaClient } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import { loadReviewProposals } from '../../prisma/review-proposals';
import { publishPlanVersionUpdate } from '../../workflows';
import { runUpdate } from '../run-update';

export interface ReviewCommandDeps {
  prisma: PrismaClient;
  temporal: Client;
}

/** The review of `planKey` v`version`, or 404 in the reader's language. */
export async function findReview(prisma: PrismaClient, { planKey, version, lang }: { planKey: string; version: number; lang: Locale }) {
  const review = await prisma.planReview.findFirst({ where: { plan: { key: planKey, version } }, orderBy: { startedAt: 'desc' }, include: { plan: { select: { key: true, version: true } } } });
  if (!review) throw new AppError('NOT_FOUND', lang === 'en' ? `No review of ${planKey} v${version} has started.` : `No se ha iniciado una revisión de ${planKey} v${version}.`);
  return review;
}

/**
 * Records (or changes) the secretariat's decision on one proposal, until the new version is published:
 * checked by domain/review/check-decision (a retired item cannot also be modified, two changes to one
 * item cannot both be accepted), stored with the hash of the proposal it decided, audited.
 */
export async function recordReviewDecision(
  { prisma }: Pick<ReviewCommandDeps, 'prisma'>,
  { planKey, version, input, who, lang }: { planKey: string; version: number; input: TReviewDecisionInput; who: string; lang: Locale },
) {
  const review = await findReview(prisma, { planKey, version, lang });
  const proposals = await loadReviewProposals(prisma, review.id);
  const refusal = checkDecision({ proposals, input, published: review.status === 'PUBLISHED' });
  if (refusal) {
    const message = refusal.message[lang];
    const code = refusal.status === 404 ? 'NOT_FOUND' : refusal.status === 409 ? 'CONFLICT' : 'VALIDATION';
    const issue: FieldIssue = { field: refusal.field, code: refusal.code, message };
    throw new AppError(code, message, code === 'VALIDATION' ? { [refusal.field]: message } : undefined, { reason: refusal.code, issues: code === 'VALIDATION' ? [issue] : undefined });
  }
  const proposal = proposals.find((p) => p.key === input.proposalKey)!;
  const decidedAt = new Date();
  const data = {
    proposalHash: proposal.hash,
    decision: input.decision,
    change: input.change ? (input.change as Prisma.InputJsonValue) : Prisma.JsonNull,
    note: input.note ?? null,
    decidedBy: who,
    decidedAt,
  };
  await prisma.$transaction(async (tx) => {
    await tx.reviewDecision.upsert({ where: { reviewId_proposalKey: { reviewId: review.id, proposalKey: input.proposalKey } }, create: { reviewId: review.id, proposalKey: input.proposalKey, ...data }, update: data });
    await writeAudit(tx, {
      actor: `secretariat:${who}`,
      action: AuditAction.REVIEW_DECISION_RECORDED,
      cycleId: review.cycleId,
      data: { workflowId: review.workflowId, proposalKey: input.proposalKey, decision: input.decision, note: input.note ?? null, proposalHash: proposal.hash },
    });
  });
  return { proposalKey: input.proposalKey, decision: input.decision, decidedBy: who, decidedAt: decidedAt.toISOString() };
}

/** A publication refused for its content: 400 naming each item. */
function publicationIssues(issues: readonly TPublicationIssue[], lang: Locale): AppError {
  const fieldIssues: FieldIssue[] = issues.map((i) => ({ field: i.path, code: INVALID_PUBLICATION, message: i.message[lang] }));
  const message = (lang === 'en' ? 'The new version cannot be published: ' : 'La nueva versión no puede publicarse: ') + fieldIssues.map((i) => i.message).join('; ');
  return new AppError('VALIDATION', message, Object.fromEntries(fieldIssues.map((i) => [i.field, i.message])), { reason: 'INVALID_PUBLICATION', issues: fieldIssues });
}

/**
 * Publishes the plan's next version: the decisions and the crosswalk are checked first (400 naming each
 * item: a crosswalk that leaves an old code unmapped, a target the plan's schema refuses, a retired item
 * modified), then the review workflow writes the version, its file and the crosswalk in one transaction.
 */
export async function publishReviewedPlan(
  { prisma, temporal }: ReviewCommandDeps,
  { planKey, version, input, who, lang }: { planKey: string; version: number; input: TPublishPlanVersionInput; who: string; lang: Locale },
): Promise<PublishPlanVersionResult> {
  const review = await findReview(prisma, { planKey, version, lang });
  if (review.status === 'PUBLISHED') throw new AppError('CONFLICT', lang === 'en' ? `This review already published ${planKey} v${version + 1}.` : `Esta revisión ya publicó ${planKey} v${version + 1}.`, undefined, { reason: 'ALREADY_PUBLISHED' });
  if (review.status !== 'DECIDING') {
    throw new AppError('CONFLICT', lang === 'en' ? 'The round of proposals is still open: publish once every institution has answered or reached its cut-off.' : 'La ronda de propuestas sigue abierta: publique cuando todas las instituciones hayan respondido o llegado a su cierre.', undefined, { reason: 'ROUND_OPEN' });
  }
  const preview = await previewPublication(prisma, { reviewId: review.id, input, now: new Date() });
  if (!preview.ok) throw publicationIssues(preview.issues, lang);
  const handle = temporal.workflow.getHandle(review.workflowId);
  try {
    return await handle.executeUpdate(publishPlanVersionUpdate, { args: [{ publishedBy: who, input }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
      if (cause?.type === INVALID_PUBLICATION) throw publicationIssues((cause.details?.[0] as TPublicationIssue[] | undefined) ?? [], lang);
      if (cause?.type === 'ReviewRefused') throw new AppError('CONFLICT', cause.message, undefined, { reason: (cause.details?.[0] as { code?: string } | undefined)?.code });
    }
    return runUpdate(`The review ${review.workflowId}`, () => Promise.reject(err), lang);
  }
}
