import { patched } from '@temporalio/workflow';
import { REQUEST_CODE_VERSION, type InstitutionRequestInput } from '../domain/request-types';

/** Runs started before this patch finish on the frozen code of institution-request-v1. */
export const SERIALIZED_HANDLERS_PATCH = 'serialized-handlers';
/**
 * Requests opened after this patch do it in one activity (`openRequest`: timeline, status, first next
 * action, data-request email); those started before replay the step-by-step path.
 */
export const OPEN_IN_ONE_ACTIVITY_PATCH = 'open-request-in-one-activity';

/** The request workflow's patches, each with the code version (`InstitutionRequestInput.codeVersion`) that has it built in. */
const BUILT_IN_SINCE = {
  [SERIALIZED_HANDLERS_PATCH]: 1,
  [OPEN_IN_ONE_ACTIVITY_PATCH]: 1,
} as const satisfies Record<string, number>;
export type TRequestPatch = keyof typeof BUILT_IN_SINCE;

/**
 * `patched(patchId)` for a request workflow, unless the request was started at a code version that has the
 * patch built in (`codeVersion`, set by the cycle's `startCycleRequests`): then the new path is taken without
 * asking, so without the marker and the `TemporalChangeVersion` search-attribute upsert that `patched()`
 * records (two history events and a visibility write per patch: four of a new request's fifteen events,
 * issue 11). The answer comes from the start event's input, so a replay finds the same one; a request started
 * without `codeVersion` (before it existed, or by a plan review) asks `patched()` exactly as before.
 */
export function requestPatched(input: InstitutionRequestInput, patchId: TRequestPatch): boolean {
  if ((input.codeVersion ?? 0) >= BUILT_IN_SINCE[patchId]) return true;
  return patched(patchId);
}

/** The code version the request workflow's patches add up to (checked by the tests against the domain's constant). */
export const REQUEST_PATCHES_CODE_VERSION = Math.max(...Object.values(BUILT_IN_SINCE));
