import { getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import type { InstitutionRequestCarried, InstitutionRequestInput } from '../domain/request-types';
import { closeRequestSignal, requestEndedSignal } from './cycle-messages';
import { institutionRequestV1 } from './institution-request-v1';
import {
  changeContactsUpdate,
  decideExtensionUpdate,
  exemptUpdate,
  grantExtensionUpdate,
  requestExtensionUpdate,
  resendRequestUpdate,
  statusQuery,
  submitUpdate,
} from './request-messages';
import { requestPatched, SERIALIZED_HANDLERS_PATCH } from './request-patches';
import { refuse, RequestRun } from './request-run';


/**
 * One institution's reporting obligation in one cycle (workflow id `request/<year>/<institution>`).
 * Sends the data request, then walks the request's timeline (reminders, deadline, escalation levels,
 * cut-off), each step a race between its timer and a change of state. A final submission ends the chase
 * and opens the correction window; an extension moves the deadline and the timeline is recomputed;
 * an exemption or the cycle's early close ends it. Every change is validated, serialized and audited
 * (see {@link RequestRun}); the history stays small: submissions travel by hash, the run continues as
 * new before 5,000 events or 5 MB.
 */
export async function institutionRequest(input: InstitutionRequestInput): Promise<InstitutionRequestCarried> {
  if (!requestPatched(input, SERIALIZED_HANDLERS_PATCH)) return institutionRequestV1(input);
  // Handlers first, before any await: a query or update that arrives at once is answered.
  const run = new RequestRun(input);

  setHandler(statusQuery, () => run.view());
  setHandler(submitUpdate, (command) => run.submit(command), { validator: (command) => refuse(run.refusalToSubmit(command)) });
  setHandler(requestExtensionUpdate, (command) => run.requestExtension(command), { validator: (command) => refuse(run.refusalToRequestExtension(command)) });
  setHandler(decideExtensionUpdate, (command) => run.decideExtension(command), { validator: (command) => refuse(run.refusalToDecide(command)) });
  setHandler(grantExtensionUpdate, (command) => run.grantExtension(command), { validator: (command) => refuse(run.refusalToGrant(command)) });
  setHandler(resendRequestUpdate, (command) => run.resend(command), { validator: (_command) => refuse(run.refusalToResend()) });
  setHandler(changeContactsUpdate, (command) => run.changeContacts(command), { validator: (command) => refuse(run.refusalToChangeContacts(command)) });
  setHandler(exemptUpdate, (command) => run.exempt(command), { validator: (command) => refuse(run.refusalToExempt(command)) });
  setHandler(closeRequestSignal, (command) => run.close(command));

  const state = await run.run();
  const cycleWorkflowId = input.cycleWorkflowId ?? workflowInfo().parent?.workflowId;
  if (cycleWorkflowId) {
    // Best effort: the cycle also re-checks the record on its own every few hours.
    await getExternalWorkflowHandle(cycleWorkflowId)
      .signal(requestEndedSignal, { institutionCode: input.institutionCode })
      .catch(() => undefined);
  }
  return state;
}
