/**
 * Workflow entry point for the Worker's bundle: workflow functions and their message constants only.
 */
export {
  institutionRequest,
  submitUpdate,
  requestExtensionUpdate,
  decideExtensionUpdate,
  grantExtensionUpdate,
  resendRequestUpdate,
  changeContactsUpdate,
  exemptUpdate,
  statusQuery,
} from './institution-request';
export { reportingCycle, closeCycleUpdate } from './reporting-cycle';
export { cycleStatusQuery, requestEndedSignal, closeRequestSignal } from './cycle-messages';
