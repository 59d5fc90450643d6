import type { ActivityDeps } from '../deps';
import { loadReviewSynthesis } from './load-review-synthesis';
import { planFileOf } from './plan-file-of';
import { publishPlanVersion, type PublishPlanVersionInput } from './publish-plan-version';

/**
 * The plan review's activities that read the record and write the plan's next version: the synthesis of
 * the stored annual reports, a version's plan file, and the publication of the next version.
 */
export function createReviewActivities({ prisma, clock }: ActivityDeps) {
  return {
    loadReviewSynthesis: (input: { planId: string }) => loadReviewSynthesis(prisma, input),
    planFileOf: (input: { planId: string }) => planFileOf(prisma, input),
    publishPlanVersion: (input: PublishPlanVersionInput) => publishPlanVersion({ prisma, clock }, input),
  };
}
