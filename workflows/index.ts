/**
 * Workflow entry point for the Worker's bundle: workflow functions and their message constants only.
 */
export { institutionRequest } from './institution-request';
export {
  submitUpdate,
  requestExtensionUpdate,
  decideExtensionUpdate,
  grantExtensionUpdate,
  resendRequestUpdate,
  changeContactsUpdate,
  exemptUpdate,
  statusQuery,
} from './request-messages';
export { reportingCycle, closeCycleUpdate } from './reporting-cycle';
export { cycleStatusQuery, requestEndedSignal, closeRequestSignal } from './cycle-messages';
export { annualReport, reportPublication } from './annual-report';
export { yearlyCycleKickoff } from './yearly-cycle-kickoff';
export { planReviewKickoff } from './plan-review-kickoff';
export { planReview } from './plan-review';
export { publishPlanVersionUpdate, planReviewStatusQuery } from './review-messages';
