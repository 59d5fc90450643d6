/**
 * Workflow entry point for the Worker's bundle: workflow functions and their message constants only.
 */
export { institutionRequest, submitUpdate, statusQuery } from './institution-request';
export { reportingCycle } from './reporting-cycle';
export { cycleStatusQuery, requestEndedSignal } from './cycle-messages';
