import type { ActivityDeps } from '../deps';
import { compileReviewDossier, type CompileReviewDossierInput } from './compile-review-dossier';
import { loadReviewSynthesis } from './load-review-synthesis';
import { planFileOf } from './plan-file-of';
import { publishPlanVersion, type PublishPlanVersionInput } from './publish-plan-version';

/**
 * The plan review's activities that read the record and write documents and the plan's next version: the
 * synthesis of the stored annual reports, a version's plan file, the publication of the next version, and
 * the review's dossier.
 */
export function createReviewActivities(deps: ActivityDeps) {
  const { prisma, clock } = deps;
  return {
    loadReviewSynthesis: (input: { planId: string }) => loadReviewSynthesis(prisma, input),
    planFileOf: (input: { planId: string }) => planFileOf(prisma, input),
    publishPlanVersion: (input: PublishPlanVersionInput) => publishPlanVersion({ prisma, clock }, input),
    compileReviewDossier: (input: CompileReviewDossierInput) => compileReviewDossier(deps, input),
  };
}
