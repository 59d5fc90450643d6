import type { TPublishPlanVersionInput } from './review/review-proposal';

/**
 * The schedules' ids, kinds and workflow inputs, shared by worker/ensure-schedules, the workflows, the
 * activities and the API. Pure and dependency-free (safe in workflow code).
 */

/** Id of the schedule that opens the reporting cycle each January. */
export const YEARLY_CYCLE_SCHEDULE_ID = 'yearly-cycle';

/** Id of the review schedule of one plan version: `plan-review/<planKey>/v<version>`. */
export const planReviewScheduleId = (planKey: string, version: number) => `plan-review/${planKey}/v${version}`;

/** The plan key and version of a review schedule's id, or undefined for any other id. */
export function parsePlanReviewScheduleId(id: string): { planKey: string; version: number } | undefined {
  const match = /^plan-review\/([^/]+)\/v([1-9]\d{0,5})$/.exec(id);
  return match ? { planKey: match[1], version: Number(match[2]) } : undefined;
}

export const ScheduleKind = {
  YEARLY_CYCLE: 'YEARLY_CYCLE',
  PLAN_REVIEW: 'PLAN_REVIEW',
} as const;
export type ScheduleKind = (typeof ScheduleKind)[keyof typeof ScheduleKind];

/** The kind of schedule an id names (undefined: not one of ours). */
export function scheduleKindOf(id: string): ScheduleKind | undefined {
  if (id === YEARLY_CYCLE_SCHEDULE_ID) return ScheduleKind.YEARLY_CYCLE;
  return parsePlanReviewScheduleId(id) ? ScheduleKind.PLAN_REVIEW : undefined;
}

/**
 * Base workflow id of the yearly schedule's runs. Temporal appends the nominal time of each run
 * (`kickoff/cycle-2027-01-02T15:00:00Z`); a backfill started through the API is `kickoff/cycle/<year>`.
 */
export const YEARLY_KICKOFF_WORKFLOW_ID = 'kickoff/cycle';
/** Workflow id of the kickoff of one cycle year started directly (backfill): `kickoff/cycle/<year>`. */
export const yearlyKickoffWorkflowId = (year: number) => `${YEARLY_KICKOFF_WORKFLOW_ID}/${year}`;

/**
 * Base workflow id of a review schedule's runs (`planReviewKickoff`): `kickoff/review/<planKey>/v<version>`
 * (Temporal appends the time). The kickoff starts the review itself, {@link planReviewWorkflowId}.
 */
export const planReviewKickoffWorkflowId = (planKey: string, version: number) => `kickoff/review/${planKey}/v${version}`;

/** Workflow id of the review of one plan version (`planReview`): `review/<planKey>/v<version>`, one per version. */
export const planReviewWorkflowId = (planKey: string, version: number) => `review/${planKey}/v${version}`;

/** Workflow id of one institution's request in a review round: `review/<planKey>/v<version>/<institution>`. */
export const reviewRequestWorkflowId = (planKey: string, version: number, institutionCode: string) => `${planReviewWorkflowId(planKey, version)}/${institutionCode}`;

/**
 * `yearlyCycleKickoff`'s input. The schedule's action carries the configured numbers (fixed arguments);
 * the year comes from the run's scheduled time (search attribute `TemporalScheduledStartTime`), unless
 * `year` is given (a backfill started directly).
 */
export interface YearlyKickoffInput {
  /** The n-th business day of January on which the cycle opens (default 2). */
  businessDay: number;
  /** `HH:mm`, America/Mexico_City. */
  time: string;
  /** The deadline: business days after the day the cycle opens. */
  deadlineBusinessDays: number;
  /** The cycle year, for a run not started by the schedule. */
  year?: number;
  /** Who started it, for the audit row (`schedule:yearly-cycle` by default). */
  startedBy?: string;
}

/** What the kickoff's planning activity decided. */
export interface YearlyKickoffPlan {
  year: number;
  /** The business day, `yyyy-MM-dd`. */
  date: string;
  /** ISO UTC instant of the opening. */
  at: string;
  /** The run's scheduled time, when the schedule started it. */
  scheduledAt: string | null;
}

/** What the kickoff did: opened the cycle, or found it already opened (by hand, or an earlier kickoff). */
export type YearlyKickoffResult =
  | { outcome: 'OPENED'; year: number; workflowId: string; deadline: string }
  | { outcome: 'ALREADY_OPENED'; year: number; workflowId: string };

/** `planReviewKickoff`'s input (fixed in the review schedule's action). */
export interface PlanReviewKickoffInput {
  planKey: string;
  version: number;
}

/** `planReview`'s input: the plan version under review and who started it. */
export interface PlanReviewInput {
  planKey: string;
  version: number;
  /** `schedule:plan-review/<key>/v<n>` or `secretariat:<email>`. */
  startedBy: string;
  /** The round's deadline: business days after the day it opens (default {@link REVIEW_ROUND_BUSINESS_DAYS}). */
  deadlineBusinessDays?: number;
}

/** Business days institutions have to send their proposals (a review asks more than a data request). */
export const REVIEW_ROUND_BUSINESS_DAYS = 30;

export const PlanReviewPhase = {
  OPENING: 'OPENING',
  ROUND_OPEN: 'ROUND_OPEN',
  DECIDING: 'DECIDING',
  PUBLISHED: 'PUBLISHED',
} as const;
export type PlanReviewPhase = (typeof PlanReviewPhase)[keyof typeof PlanReviewPhase];

/** The review workflow's state (its query's answer; small). */
export interface PlanReviewState {
  planKey: string;
  version: number;
  phase: PlanReviewPhase;
  reviewId?: string;
  cycleId?: string;
  /** The round's requests started, and how many are still open at the last look. */
  requests?: number;
  open?: number;
  publishedVersion?: number;
}

/** The secretariat publishes the new plan version (the review's update), `input` parsed at the edge. */
export interface PublishPlanVersionCommand {
  publishedBy: string;
  input: TPublishPlanVersionInput;
}

export interface PublishPlanVersionResult {
  planKey: string;
  version: number;
  planId: string;
  /** Crosswalk lines, by kind of change. */
  changes: Record<string, number>;
}

/** What the kickoff did: started the review, or found it started already. */
export type PlanReviewKickoffResult = { outcome: 'STARTED' | 'ALREADY_STARTED'; workflowId: string };
