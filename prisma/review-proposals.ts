import { createHash } from 'node:crypto';
import type { TLoadedProposal } from '../domain/review/review-model';
import { proposalKey, ZReviewProposals, type TProposalChange } from '../domain/review/review-proposal';
import type { PrismaClient } from './client';
import { canonicalJson } from './seed-plan';

/** SHA-256 of one proposal's canonical JSON: a decision records which wording it decided. */
export function proposalHash(proposal: unknown): string {
  return createHash('sha256').update(canonicalJson(proposal)).digest('hex');
}

/**
 * The review's consolidated proposals: for each request of its round, the proposals of the latest final
 * submission or correction (drafts are the institution's own), each with the secretariat's decision if
 * one was recorded (`stale` when the proposal changed after it). Ordered by institution code, then as the
 * institution listed them. Shared by the API's review pages, the publication and the dossier.
 */
export async function loadReviewProposals(prisma: PrismaClient, reviewId: string): Promise<TLoadedProposal[]> {
  const review = await prisma.planReview.findUniqueOrThrow({ where: { id: reviewId }, select: { cycleId: true } });
  if (!review.cycleId) return [];
  const requests = await prisma.dataRequest.findMany({
    where: { cycleId: review.cycleId },
    select: {
      institution: { select: { code: true } },
      submissions: { where: { kind: { in: ['FINAL', 'CORRECTION'] } }, orderBy: { version: 'desc' }, take: 1 },
    },
    orderBy: { institution: { code: 'asc' } },
  });
  const decisions = new Map((await prisma.reviewDecision.findMany({ where: { reviewId } })).map((d) => [d.proposalKey, d]));
  const proposals: TLoadedProposal[] = [];
  for (const request of requests) {
    const latest = request.submissions[0];
    if (!latest?.proposals) continue;
    const parsed = ZReviewProposals.safeParse(latest.proposals);
    if (!parsed.success) continue; // stored through the same schema; never expected
    for (const p of parsed.data.proposals) {
      const key = proposalKey(request.institution.code, p);
      const decision = decisions.get(key);
      const hash = proposalHash(p);
      proposals.push({
        key,
        hash,
        institutionCode: request.institution.code,
        kind: p.kind,
        code: p.code,
        action: p.action,
        objectiveCode: p.objectiveCode ?? null,
        change: p.change ?? null,
        justification: p.justification,
        version: latest.version,
        submittedAt: latest.createdAt.toISOString(),
        submittedBy: latest.submittedBy,
        decision: decision
          ? {
              decision: decision.decision,
              change: (decision.change as TProposalChange | null) ?? null,
              note: decision.note,
              decidedBy: decision.decidedBy,
              decidedAt: decision.decidedAt.toISOString(),
              stale: decision.proposalHash !== hash,
            }
          : null,
      });
    }
  }
  return proposals;
}
