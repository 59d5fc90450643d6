import { ApplicationFailure } from '@temporalio/activity';
import { AuditAction } from '../../domain/audit-actions';
import type { TApplyDecisionsResult } from '../../domain/review/apply-decisions';
import { planFileText } from '../../domain/review/plan-file-text';
import { previewPlanVersion } from '../../domain/review/preview-plan-version';
import type { TPublicationIssue } from '../../domain/review/publication-issue';
import type { TDossierProposal } from '../../domain/review/review-model';
import { ZCrosswalkEntry, type TCrosswalkEntry, type TPublishPlanVersionInput } from '../../domain/review/review-proposal';
import type { TPlanFile } from '../../domain/plan-schema';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { loadReviewProposals } from '../../prisma/review-proposals';
import { seedPlanIn } from '../../prisma/seed-plan';
import { writeAudit } from '../audit';
import { planOf } from './plan-file-of';

/** The failure type of a publication the decisions do not allow (non-retryable; details: the issues). */
export const INVALID_PUBLICATION = 'InvalidPublication';

export interface PublishPlanVersionInput {
  reviewId: string;
  /** "secretariat:<email>". */
  publishedBy: string;
  input: TPublishPlanVersionInput;
  /** Makes a retried publication write its audit row once (the review's workflow id + step, or the API call's key). */
  idempotencyKey: string;
}

export interface PublishPlanVersionResult {
  planId: string;
  version: number;
  crosswalk: TCrosswalkEntry[];
  /** False when a retry found the review published already. */
  created: boolean;
}

/** What publishing a review reads: the version under review, the proposals with their decisions, the codes earlier versions retired. */
export type TPublicationInputs = { plan: TPlanFile; proposals: TDossierProposal[]; retiredEarlier: Set<string> };

/** Codes of every reviewed kind that an earlier version of the plan had and this one has not. */
async function retiredBefore(prisma: PrismaClient, { key, version, plan }: { key: string; version: number; plan: TPlanFile }): Promise<Set<string>> {
  const earlier = { plan: { key, version: { lt: version } } };
  const inObjective = { objective: earlier };
  const [objectives, lines, indicators, goals] = await Promise.all([
    prisma.objective.findMany({ where: earlier, select: { code: true } }),
    prisma.lineOfAction.findMany({ where: inObjective, select: { code: true } }),
    prisma.indicator.findMany({ where: earlier, select: { code: true } }),
    prisma.goal.findMany({ where: inObjective, select: { code: true } }),
  ]);
  const current = new Set([...plan.objectives, ...plan.linesOfAction, ...plan.indicators, ...plan.goals].map((i) => i.code));
  return new Set([...objectives, ...lines, ...indicators, ...goals].map((r) => r.code).filter((code) => !current.has(code)));
}

/** Reads what {@link previewPlanVersion} needs for a review (shared by the API's preview and the activity). */
export async function loadPublicationInputs(prisma: PrismaClient, { reviewId }: { reviewId: string }): Promise<TPublicationInputs> {
  const review = await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId }, select: { planId: true, plan: { select: { key: true, version: true } } } });
  const plan = await planOf(prisma, { planId: review.planId });
  const proposals = await loadReviewProposals(prisma, reviewId);
  const retiredEarlier = await retiredBefore(prisma, { ...review.plan, plan });
  return { plan, proposals, retiredEarlier };
}

/** The preview for the API: the same inputs and rules as the publication, nothing written. */
export async function previewPublication(prisma: PrismaClient, { reviewId, input, now }: { reviewId: string; input: TPublishPlanVersionInput; now: Date }): Promise<TApplyDecisionsResult> {
  return previewPlanVersion({ ...(await loadPublicationInputs(prisma, { reviewId })), input, now });
}

function refused(message: string, issues: readonly TPublicationIssue[]): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_PUBLICATION, message, nonRetryable: true, details: [issues] });
}

function done(review: { publishedPlanId: string | null; crosswalk: Prisma.JsonValue; publishedPlan: { version: number } | null }): PublishPlanVersionResult {
  return { planId: review.publishedPlanId!, version: review.publishedPlan!.version, crosswalk: ZCrosswalkEntry.array().parse(review.crosswalk), created: false };
}

/**
 * Publishes the plan's next version from a review in DECIDING: the decisions applied
 * (domain/review/preview-plan-version, the API's preview on the same inputs); if they do not allow a
 * version, a non-retryable `InvalidPublication` failure whose details are the issues, each naming the item.
 * Otherwise, in one transaction that locks the review: the new version seeded (prisma/seed-plan, its
 * `PlanFile` the text `planFileText` writes), the review PUBLISHED with its crosswalk, the published
 * version, when and by whom, and an audit row. Idempotent: a review already published returns the version
 * it published (a retry makes no third version); the version under review and its cycles stay as they are.
 */
export async function publishPlanVersion({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }, args: PublishPlanVersionInput): Promise<PublishPlanVersionResult> {
  const include = { plan: { select: { key: true, version: true } }, publishedPlan: { select: { version: true } } } as const;
  const review = await prisma.planReview.findUniqueOrThrow({ where: { id: args.reviewId }, include });
  if (review.status === 'PUBLISHED') return done(review);
  const about = { item: `plan ${review.plan.key} v${review.plan.version}`, path: 'review' };
  if (review.status !== 'DECIDING') {
    throw refused('the review round is still open', [{ ...about, message: { 'es-MX': 'La ronda de propuestas sigue abierta: se publica cuando terminen todas las solicitudes.', en: 'The round of proposals is still open: publish once every request has ended.' } }]);
  }
  const now = clock();
  const result = await previewPublication(prisma, { reviewId: args.reviewId, input: args.input, now });
  if (!result.ok) throw refused(`the decisions do not give a valid plan version (${result.issues.length} issues): ${result.issues.map((i) => i.item).join(', ')}`, result.issues);
  const { plan, crosswalk } = result;

  return prisma.$transaction(
    async (tx) => {
      // Serializes publications of one review; a publication that waited finds it published.
      await tx.$queryRaw`SELECT id FROM "PlanReview" WHERE id = ${args.reviewId} FOR UPDATE`;
      const current = await tx.planReview.findUniqueOrThrow({ where: { id: args.reviewId }, include });
      if (current.status === 'PUBLISHED') return done(current);
      const taken = await tx.plan.findUnique({ where: { key_version: { key: plan.key, version: plan.version } }, select: { id: true } });
      if (taken) {
        throw refused(`version ${plan.version} already exists`, [
          { ...about, message: { 'es-MX': `Ya existe la versión ${plan.version} del plan: no se publica otra con el mismo número.`, en: `Version ${plan.version} of the plan already exists: another one is not published under the same number.` } },
        ]);
      }
      const seeded = await seedPlanIn(tx, { plan, fileText: planFileText(plan) });
      await tx.planReview.update({
        where: { id: args.reviewId },
        data: { status: 'PUBLISHED', crosswalk: crosswalk as Prisma.InputJsonValue, publishedPlanId: seeded.planId, publishedAt: now, publishedBy: args.publishedBy },
      });
      await writeAudit(tx, {
        actor: args.publishedBy,
        action: AuditAction.PLAN_VERSION_PUBLISHED,
        data: {
          reviewId: args.reviewId,
          key: plan.key,
          fromVersion: review.plan.version,
          version: plan.version,
          adoptedOn: plan.adoptedOn,
          changes: crosswalk.filter((e) => e.change !== 'UNCHANGED').length,
          ...(args.input.note ? { note: args.input.note } : {}),
        },
        idempotencyKey: `${args.idempotencyKey}/published`,
      });
      return { planId: seeded.planId, version: plan.version, crosswalk, created: true };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
