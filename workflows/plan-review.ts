import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../activities';
import type { PlanReviewInput, PlanReviewState, PublishPlanVersionCommand, PublishPlanVersionResult } from '../domain/schedule-types';
import { REVIEW_ROUND_BUSINESS_DAYS } from '../domain/schedule-types';
import { requestEndedSignal } from './cycle-messages';
import { startRequestChildren } from './start-request-children';
import { planReviewStatusQuery, publishPlanVersionUpdate } from './review-messages';

const NON_RETRYABLE = ['DataError', 'NotFound', 'InvalidPublication'];

/** Record reads and writes of the review's steps: retried through an outage. */
const { openPlanReview, prepareReviewRound, cycleProgress, endReviewRound, compileReviewDossier } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: NON_RETRYABLE },
});

/** The publication, which the secretariat waits for: bounded, its refusals reach the caller. */
const { publishPlanVersion } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '3 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * The review of one plan version (`review/<planKey>/v<version>`), section V of the plan: three years after
 * adoption the working group reviews "the contents of the Plan" and "the indicators".
 *
 * 1. **Synthesis**: the review's record is opened with what the stored annual reports say of each
 *    objective, indicator and goal (activities: openPlanReview).
 * 2. **Round**: each institution in charge of part of the plan gets a review request: the same
 *    `institutionRequest` workflow as a data request (a request of a REVIEW cycle), so the same email, signed
 *    link, reminders, escalation, extensions, corrections and cut-off; only what is asked differs.
 * 3. **Decisions**: when every request has ended, the review waits for the secretariat, who records a
 *    decision on each proposal (in the record, through the API) and publishes ({@link publishPlanVersionUpdate}):
 *    the next plan version, its file and the crosswalk are written in one transaction.
 * 4. **Dossier**: synthesis, proposals, decisions and crosswalk in every format and language, compiled when
 *    the round ends and again once published.
 */
export async function planReview(input: PlanReviewInput): Promise<PlanReviewState> {
  const { workflowId } = workflowInfo();
  const state: PlanReviewState = { planKey: input.planKey, version: input.version, phase: 'OPENING' };
  const lock = new Mutex();
  let endedSignals = 0;
  setHandler(planReviewStatusQuery, () => ({ ...state }));
  setHandler(requestEndedSignal, () => {
    endedSignals++;
  });
  setHandler(
    publishPlanVersionUpdate,
    (command) => lock.runExclusive(() => publish(command)),
    { validator: (command) => refusePublication(state, command) },
  );

  async function publish(command: PublishPlanVersionCommand): Promise<PublishPlanVersionResult> {
    refusePublication(state, command); // again, in order: a second publication waiting on the lock is refused
    try {
      const published = await publishPlanVersion({ reviewId: state.reviewId!, publishedBy: `secretariat:${command.publishedBy}`, input: command.input, idempotencyKey: `${workflowId}/publish` });
      state.phase = 'PUBLISHED';
      state.publishedVersion = published.version;
      const changes: Record<string, number> = {};
      for (const entry of published.crosswalk) changes[entry.change] = (changes[entry.change] ?? 0) + 1;
      return { planKey: input.planKey, version: published.version, planId: published.planId, changes };
    } catch (err) {
      // The activity's refusal (a decision changed since the API checked) keeps its type and issues.
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
      throw err;
    }
  }

  const startedAt = new Date(workflowInfo().startTime).toISOString();
  const opened = await openPlanReview({ workflowId, planKey: input.planKey, version: input.version, startedBy: input.startedBy, startedAt, deadlineBusinessDays: input.deadlineBusinessDays ?? REVIEW_ROUND_BUSINESS_DAYS });
  state.reviewId = opened.reviewId;
  const round = await prepareReviewRound({ reviewId: opened.reviewId, workflowId, deadlineDate: opened.deadlineDate, openedBy: input.startedBy });
  state.cycleId = round.cycleId;
  state.requests = round.requests.length;
  state.phase = 'ROUND_OPEN';
  await startRequestChildren(round.requests, round.year);

  // Watch the record until every request of the round has ended (signals wake it; a re-read every 6 hours).
  for (;;) {
    const seen = endedSignals;
    const progress = await cycleProgress({ cycleId: round.cycleId });
    state.open = progress.open;
    if (progress.open === 0) break;
    await condition(() => endedSignals - seen >= progress.open, '6 hours');
  }
  await endReviewRound({ reviewId: opened.reviewId, endedAt: new Date().toISOString(), idempotencyKey: `${workflowId}/round-ended` });
  if (state.phase === 'ROUND_OPEN') state.phase = 'DECIDING';
  await compileDossier(opened.reviewId);

  await condition(() => state.phase === 'PUBLISHED');
  await compileDossier(opened.reviewId);
  await condition(allHandlersFinished);
  return state;
}

/** Publication is the secretariat's once the round has ended, and happens once. */
function refusePublication(state: PlanReviewState, command: PublishPlanVersionCommand): void {
  const refuse = (message: string, code: string) => {
    throw ApplicationFailure.create({ type: 'ReviewRefused', message, nonRetryable: true, details: [{ code }] });
  };
  if (typeof command?.publishedBy !== 'string' || !command.publishedBy) refuse('publishing needs who publishes', 'MALFORMED');
  if (state.phase === 'PUBLISHED') refuse(`version ${state.publishedVersion} of ${state.planKey} is already published by this review`, 'ALREADY_PUBLISHED');
  if (state.phase !== 'DECIDING') refuse(`the review round of ${state.planKey} v${state.version} is still open: publish once every institution has answered or reached its cut-off`, 'ROUND_OPEN');
}

/** A dossier that cannot be compiled does not stop the review: the secretariat recompiles it from the page. */
async function compileDossier(reviewId: string): Promise<void> {
  await compileReviewDossier({ reviewId }).catch((err: unknown) => {
    log.warn('the review dossier could not be compiled', { reviewId, error: err instanceof Error ? err.message : String(err) });
  });
}
