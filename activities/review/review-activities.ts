import type { ActivityDeps } from '../deps';
import { compileReviewDossier, type CompileReviewDossierInput } from './compile-review-dossier';

/** The plan review's activities: compile its dossier. */
export function createReviewActivities(deps: ActivityDeps) {
  return {
    compileReviewDossier: (input: CompileReviewDossierInput) => compileReviewDossier(deps, input),
  };
}
