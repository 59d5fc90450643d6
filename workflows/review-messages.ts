import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PlanReviewState, PublishPlanVersionCommand, PublishPlanVersionResult } from '../domain/schedule-types';

/** The secretariat publishes the plan's new version from the decisions recorded (and its crosswalk). */
export const publishPlanVersionUpdate = defineUpdate<PublishPlanVersionResult, [PublishPlanVersionCommand]>('publishPlanVersion');
/** The review's phase, round figures and published version. */
export const planReviewStatusQuery = defineQuery<PlanReviewState>('planReviewStatus');
