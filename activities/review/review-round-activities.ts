import { ApplicationFailure } from '@temporalio/activity';
import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { computeTimeline } from '../../domain/compute-timeline';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { hasItemsInCharge } from '../../domain/review/items-in-charge';
import { businessCalendar } from '../../prisma/business-calendar';
import { loadReviewPlan } from '../../prisma/review-plan';
import { writeAudit } from '../audit';
import type { ActivityDeps } from '../deps';

/** Workflow id of one institution's review request: `review/<planKey>/v<version>/<institution code>`. */
export const reviewRequestWorkflowId = (planKey: string, version: number, institutionCode: string) => `review/${planKey}/v${version}/${institutionCode}`;

export interface PrepareReviewRoundInput {
  reviewId: string;
  /** The review's workflow id (`review/<planKey>/v<version>`): the round's cycle carries it. */
  workflowId: string;
  /** The round's deadline, a day in Mexico City (`yyyy-MM-dd`); a rest day moves to the next business day. */
  deadlineDate: string;
  /** `schedule`, `workflow` or `secretariat:<email>`. */
  openedBy: string;
}

export interface ReviewRoundRequest {
  dataRequestId: string;
  workflowId: string;
  institutionCode: string;
}

export interface PrepareReviewRoundResult {
  cycleId: string;
  /** The cycle's year (the review's start, in Mexico City): the requests' `year` and their links' year. */
  year: number;
  deadlineAt: string;
  /** Every request of the round, by workflow id (the order `listCycleRequests` pages in). */
  requests: ReviewRoundRequest[];
}

export function createReviewRoundActivities({ prisma, clock }: ActivityDeps) {
  return {
    /**
     * Opens a plan review's round of proposals: the REVIEW cycle of the version under review (year = the
     * review's start in Mexico City; the default reporting policy; the deadline computed as for a data
     * cycle: the end of `deadlineDate`'s business day) and one request per active institution in charge of
     * anything in that version (domain/review/items-in-charge), workflow ids
     * `review/<planKey>/v<version>/<institution>`, then links the review to the cycle. Idempotent: a retry
     * or a second run finds the rows and creates nothing twice (the cycle keeps its first deadline).
     * Requests go to the institutions' active contacts when their emails are sent, as for data; an
     * institution without any is told to the secretariat by the request's delivery failure.
     */
    async prepareReviewRound(input: PrepareReviewRoundInput): Promise<PrepareReviewRoundResult> {
      const review = await prisma.planReview.findUnique({ where: { id: input.reviewId }, include: { plan: { select: { id: true, key: true, version: true } } } });
      if (!review) throw ApplicationFailure.nonRetryable(`No plan review ${input.reviewId}`, 'NotFound');
      const { plan } = review;
      const year = DateTime.fromJSDate(review.startedAt, { zone: DEFAULT_ZONE }).year;
      const policy = DEFAULT_REPORTING_POLICY;
      // The round opens when the review started (workflow time), whenever this activity runs.
      const now = review.startedAt;
      const timeline = computeTimeline({ policy, openedAt: now.toISOString(), deadlineDate: input.deadlineDate, calendar: await businessCalendar(prisma) });

      const reviewPlan = await loadReviewPlan(prisma, plan.id);
      const candidates = await prisma.institution.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, code: true } });
      const institutions = candidates.filter((i) => hasItemsInCharge({ plan: reviewPlan, institutionCode: i.code }));
      if (institutions.length === 0) throw ApplicationFailure.nonRetryable(`No active institution is in charge of anything in ${plan.key} v${plan.version}`, 'DataError');

      const cycle = await prisma.reportingCycle.upsert({
        where: { planId_year_kind: { planId: plan.id, year, kind: 'REVIEW' } },
        create: { kind: 'REVIEW', planId: plan.id, year, workflowId: input.workflowId, openedAt: now, deadline: new Date(timeline.deadlineAt), policy: policy as object, openedBy: input.openedBy },
        update: {},
      });
      await prisma.dataRequest.createMany({
        data: institutions.map((i) => ({ cycleId: cycle.id, institutionId: i.id, workflowId: reviewRequestWorkflowId(plan.key, plan.version, i.code), deadline: cycle.deadline })),
        skipDuplicates: true,
      });
      await prisma.planReview.updateMany({ where: { id: review.id, cycleId: null }, data: { cycleId: cycle.id } });
      await writeAudit(prisma, {
        actor: input.openedBy,
        action: 'REVIEW_ROUND_OPENED',
        cycleId: cycle.id,
        data: { review: input.workflowId, year, deadline: cycle.deadline.toISOString(), institutions: institutions.length },
        idempotencyKey: `${input.workflowId}/round-opened`,
      });
      const rows = await prisma.dataRequest.findMany({ where: { cycleId: cycle.id }, orderBy: { workflowId: 'asc' }, select: { id: true, workflowId: true, institution: { select: { code: true } } } });
      return {
        cycleId: cycle.id,
        year,
        deadlineAt: cycle.deadline.toISOString(),
        requests: rows.map((r) => ({ dataRequestId: r.id, workflowId: r.workflowId, institutionCode: r.institution.code })),
      };
    },
  };
}
