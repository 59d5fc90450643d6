import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TTimelineStep } from '../domain/compute-timeline';
import { isIsoDate, localDate } from '../domain/iso-date';
import { nextStep } from '../domain/next-step';
import type {
  ChangeContactsCommand,
  CommandResult,
  ExemptCommand,
  ExtensionDecisionCommand,
  ExtensionRequestCommand,
  GrantExtensionCommand,
  HistoryEntry,
  InstitutionRequestCarried,
  InstitutionRequestInput,
  InstitutionRequestState,
  RequestStatus,
  ResendCommand,
  SubmitCommand,
  SubmitResult,
} from '../domain/request-types';
import { isFinalSubmission, TERMINAL_STATUSES } from '../domain/request-types';
import { closeRequestSignal, requestEndedSignal } from './cycle-messages';
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

const {
  loadRequestTimeline,
  sendRequestEmail,
  recordSubmission,
  setRequestStatus,
  correctionWindowEnd,
  changeDeadline,
  replaceContacts,
} = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const MAX_HISTORY = 200;
const OPEN_FOR_DATA: readonly RequestStatus[] = ['PENDING', 'REQUESTED', 'DRAFT', 'OVERDUE'];

/**
 * FROZEN: the request workflow as it ran before handlers were serialized (`patched('serialized-handlers')`
 * in institution-request.ts). Runs that started before that change replay and finish on this code; do not
 * change the commands it issues (the replay test holds it to the recorded histories). Only reads that
 * issue no command were adapted: the shape of `SubmitCommand` (`isFinalSubmission`).
 *
 * One institution's reporting obligation in one cycle (workflow id `request/<year>/<institution>`).
 * Sends the data request, then walks the request's timeline (reminders, deadline, escalation levels,
 * cut-off), each step a race between its timer and a change of state. A final submission ends the chase
 * and opens the correction window; an extension moves the deadline and the timeline is recomputed;
 * an exemption or the cycle's early close ends it. Every change is validated and audited.
 */
export async function institutionRequestV1(input: InstitutionRequestInput): Promise<InstitutionRequestCarried> {
  const { dataRequestId, year, institutionCode } = input;
  const workflowId = workflowInfo().workflowId;
  const state: InstitutionRequestCarried = input.carried ?? {
    status: 'PENDING',
    doneSteps: [],
    escalationLevel: 0,
    deadlineVersion: 0,
    history: [],
  };
  let timeline = await loadRequestTimeline({ dataRequestId });
  let nextAction: { kind: string; key: string; at: string } | undefined;
  /** Bumped by every accepted message, so the waiting loop wakes up and re-decides. */
  let changes = 0;
  let closeRequested: { reason: string; closedBy: string } | undefined;
  /** Set when the main loop is done: from then on every update is refused (the workflow is finishing). */
  let ended = false;

  const now = () => new Date().toISOString();
  const record = (event: string, detail?: string) => {
    state.history.push({ at: now(), event, detail } satisfies HistoryEntry);
    if (state.history.length > MAX_HISTORY) state.history.splice(0, state.history.length - MAX_HISTORY);
  };
  const isTerminal = () => TERMINAL_STATUSES.includes(state.status);
  const describe = (s: RequestStatus) => s.toLowerCase().replace('_', ' ');
  const result = (message: string): CommandResult => ({ status: state.status, deadlineAt: timeline.deadlineAt, message });
  const pastCutoff = () => state.status !== 'SUBMITTED' && Date.now() >= Date.parse(timeline.cutoffAt);
  const requireNotEnded = (what: string) => {
    if (ended) throw new Error(`Cannot ${what}: this request has ended (${describe(state.status)}) and no longer takes data.`);
  };
  const requireOpen = (what: string) => {
    requireNotEnded(what);
    if (!OPEN_FOR_DATA.includes(state.status)) throw new Error(`Cannot ${what}: the request is ${describe(state.status)}.`);
    if (pastCutoff()) throw new Error(`Cannot ${what}: the cut-off (${timeline.cutoffAt}) has passed; the request counts as not reported.`);
  };
  const requireLaterDeadline = (deadline: string) => {
    if (!isIsoDate(deadline)) throw new Error(`The new deadline must be a date written yyyy-MM-dd; got "${deadline}".`);
    if (deadline <= timeline.deadlineDate) throw new Error(`The new deadline (${deadline}) must be after the current one (${timeline.deadlineDate}).`);
    const today = localDate(Date.now(), timeline.zone);
    if (deadline <= today) throw new Error(`The new deadline (${deadline}) must be after today (${today}).`);
  };

  setHandler(statusQuery, () => ({
    ...state,
    dataRequestId,
    year,
    institutionCode,
    deadlineAt: timeline.deadlineAt,
    cutoffAt: timeline.cutoffAt,
    nextAction,
  }));

  setHandler(
    submitUpdate,
    async (command) => {
      const kind = !isFinalSubmission(command) ? 'DRAFT' : state.status === 'SUBMITTED' ? 'CORRECTION' : 'FINAL';
      const saved = await recordSubmission({ dataRequestId, workflowId, kind, command });
      if (!saved.duplicate) {
        record(kind === 'DRAFT' ? 'draft-saved' : kind === 'FINAL' ? 'submitted' : 'corrected', `version ${saved.version} by ${command.submittedBy}${command.reason ? `: ${command.reason}` : ''}`);
      }
      if (kind === 'FINAL' && state.status !== 'SUBMITTED') {
        state.status = 'SUBMITTED';
        state.submittedAt = now();
        state.pendingExtension = undefined;
      } else if (kind === 'DRAFT' && (state.status === 'REQUESTED' || state.status === 'PENDING')) {
        state.status = 'DRAFT';
      }
      if (!saved.duplicate && saved.kind !== 'DRAFT') {
        await sendRequestEmail({ dataRequestId, workflowId, kind: 'RECEIPT', stepKey: `receipt-v${saved.version}` });
      }
      changes++;
      return { ...saved, status: state.status };
    },
    {
      validator: (command) => {
        requireNotEnded('submit');
        if (isTerminal() || closeRequested) throw new Error(`This request is ${describe(state.status)}: it takes no more data.`);
        if (pastCutoff()) throw new Error(`The cut-off (${timeline.cutoffAt}) has passed: this request takes no more data.`);
        if (state.status === 'SUBMITTED' && !isFinalSubmission(command)) {
          throw new Error('The report was already submitted: a draft cannot replace it. Send a correction (final, with a reason) instead.');
        }
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    async (command) => {
      state.pendingExtension = { deadline: command.deadline, reason: command.reason, requestedBy: command.requestedBy, requestedAt: now() };
      record('extension-requested', `${command.deadline} by ${command.requestedBy}: ${command.reason}`);
      await setRequestStatus({
        dataRequestId,
        status: state.status,
        action: 'EXTENSION_REQUESTED',
        actor: `contact:${command.requestedBy}`,
        detail: { deadline: command.deadline, reason: command.reason },
        idempotencyKey: `${workflowId}/extension-request/${state.pendingExtension.requestedAt}`,
      });
      await sendRequestEmail({
        dataRequestId,
        workflowId,
        kind: 'EXTENSION_REQUESTED',
        stepKey: `extension-request/${state.pendingExtension.requestedAt}`,
        note: { requested: command.deadline, reason: command.reason, by: command.requestedBy },
      });
      changes++;
      return result(`Extension to ${command.deadline} requested; the secretariat will decide.`);
    },
    {
      validator: (command) => {
        requireOpen('ask for an extension');
        if (state.pendingExtension) throw new Error(`An extension to ${state.pendingExtension.deadline} is already waiting for the secretariat's decision.`);
        if (!command.reason?.trim()) throw new Error('An extension request needs a reason.');
        requireLaterDeadline(command.deadline);
      },
    },
  );

  setHandler(
    decideExtensionUpdate,
    async (command) => {
      const pending = state.pendingExtension!;
      state.pendingExtension = undefined;
      if (!command.approve) {
        record('extension-rejected', `${pending.deadline} by ${command.decidedBy}${command.note ? `: ${command.note}` : ''}`);
        await setRequestStatus({
          dataRequestId,
          status: state.status,
          action: 'EXTENSION_REJECTED',
          actor: `secretariat:${command.decidedBy}`,
          detail: { deadline: pending.deadline, note: command.note ?? null },
          idempotencyKey: `${workflowId}/extension-decision/${pending.requestedAt}`,
        });
        await sendRequestEmail({
          dataRequestId,
          workflowId,
          kind: 'EXTENSION_DECISION',
          stepKey: `extension-decision/${pending.requestedAt}`,
          note: { approved: false, requested: pending.deadline, reason: command.note ?? '', by: command.decidedBy },
        });
        changes++;
        return result(`Extension to ${pending.deadline} rejected; the deadline stays ${timeline.deadlineDate}.`);
      }
      const deadline = command.deadline ?? pending.deadline;
      await moveDeadline({ deadline, actor: `secretariat:${command.decidedBy}`, by: command.decidedBy, action: 'EXTENSION_APPROVED', reason: pending.reason, note: command.note });
      return result(`Extension approved: the deadline is now ${timeline.deadlineDate}.`);
    },
    {
      validator: (command) => {
        requireNotEnded('decide an extension');
        if (!state.pendingExtension) throw new Error('There is no extension request waiting for a decision.');
        requireOpen('decide an extension');
        if (command.approve) requireLaterDeadline(command.deadline ?? state.pendingExtension.deadline);
      },
    },
  );

  setHandler(
    grantExtensionUpdate,
    async (command) => {
      const superseded = state.pendingExtension;
      state.pendingExtension = undefined;
      if (superseded) record('extension-request-superseded', `${superseded.deadline} asked by ${superseded.requestedBy}; granted ${command.deadline} instead`);
      await moveDeadline({
        deadline: command.deadline,
        actor: `secretariat:${command.grantedBy}`,
        by: command.grantedBy,
        action: 'EXTENSION_GRANTED',
        reason: superseded ? `${command.reason} (replaces the request for ${superseded.deadline})` : command.reason,
      });
      return result(`Extension granted: the deadline is now ${timeline.deadlineDate}.`);
    },
    {
      validator: (command) => {
        requireOpen('grant an extension');
        if (!command.reason?.trim()) throw new Error('Granting an extension needs a reason.');
        requireLaterDeadline(command.deadline);
      },
    },
  );

  setHandler(
    resendRequestUpdate,
    async (command) => {
      state.resends = (state.resends ?? 0) + 1;
      const sent = await sendRequestEmail({ dataRequestId, workflowId, kind: 'REQUEST', stepKey: `resend-${state.resends}`, resend: true });
      record('request-resent', `by ${command.requestedBy}${sent.outcome === 'FAILED' ? ` (failed: ${sent.detail ?? ''})` : ''}`);
      changes++;
      return result(sent.outcome === 'FAILED' ? `The request could not be delivered: ${sent.detail ?? 'unknown error'}` : 'The request was sent again.');
    },
    { validator: (_command) => requireOpen('resend the request') },
  );

  setHandler(
    changeContactsUpdate,
    async (command) => {
      await replaceContacts({ dataRequestId, contacts: command.contacts, changedBy: command.changedBy, idempotencyKey: `${workflowId}/contacts/${now()}` });
      record('contacts-changed', `${command.contacts.map((c) => `${c.role}: ${c.email}`).join(', ')} by ${command.changedBy}`);
      changes++;
      return result('Contacts changed: the next emails go to the new people.');
    },
    {
      validator: (command) => {
        requireNotEnded('change contacts');
        if (isTerminal()) throw new Error(`Cannot change contacts: the request is ${describe(state.status)}.`);
        if (!command.contacts?.length) throw new Error('Name at least one contact.');
        for (const c of command.contacts) {
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email)) throw new Error(`"${c.email}" is not an email address.`);
        }
      },
    },
  );

  setHandler(
    exemptUpdate,
    async (command) => {
      state.status = 'EXEMPTED';
      state.pendingExtension = undefined;
      record('exempted', `by ${command.exemptedBy}: ${command.reason}`);
      await setRequestStatus({
        dataRequestId,
        status: 'EXEMPTED',
        action: 'EXEMPTED',
        actor: `secretariat:${command.exemptedBy}`,
        detail: { reason: command.reason },
        idempotencyKey: `${workflowId}/exempted`,
      });
      changes++;
      return result(`${institutionCode} is exempted from the ${year} cycle.`);
    },
    {
      validator: (command) => {
        requireNotEnded('exempt');
        if (!command.reason?.trim()) throw new Error('An exemption needs a reason.');
        if (state.status === 'SUBMITTED') throw new Error('The institution already submitted its report: it cannot be exempted.');
        if (isTerminal()) throw new Error(`Cannot exempt: the request is ${describe(state.status)}.`);
      },
    },
  );

  setHandler(closeRequestSignal, (command) => {
    closeRequested = command;
    changes++;
  });

  if (!state.doneSteps.includes('request')) {
    const sent = await sendRequestEmail({ dataRequestId, workflowId, kind: 'REQUEST', stepKey: 'request' });
    state.doneSteps.push('request');
    if (state.status === 'PENDING') state.status = 'REQUESTED';
    record(sent.outcome === 'FAILED' ? 'request-failed' : 'request-sent', sent.detail);
    await setRequestStatus({ dataRequestId, status: state.status, action: 'REQUEST_SENT', idempotencyKey: `${workflowId}/request/status` });
  }

  for (;;) {
    // Taken before any await of this pass, so a message that arrives while an activity runs still wakes
    // the wait below instead of being missed until the next timer.
    const seen = changes;
    if (isTerminal()) break;
    if (closeRequested) {
      await closeEarly(closeRequested);
      break;
    }
    if (state.status === 'SUBMITTED') {
      // Correction window: corrections arrive as updates; when the window ends the request is done.
      const endsAt = await correctionWindowEnd({ dataRequestId, submittedAt: state.submittedAt! });
      if (!endsAt) break;
      nextAction = { kind: 'CORRECTION_WINDOW_ENDS', key: 'correction-window', at: endsAt };
      await publishNextAction('CORRECTION_WINDOW');
      const woke = await condition(() => changes !== seen || isTerminal() || closeRequested !== undefined, msUntil(endsAt));
      if (woke) continue;
      break;
    }
    const next = nextStep({ timeline, now: now(), doneKeys: state.doneSteps });
    if (!next) break;
    for (const stale of next.skipped) {
      state.doneSteps.push(stale.key);
      record('skipped', `${stale.key} (its time passed while a later step was due)`);
    }
    nextAction = { kind: next.step.kind, key: next.step.key, at: next.step.at };
    if (!next.due) {
      await publishNextAction('NEXT_ACTION');
      const woke = await condition(() => changes !== seen || isTerminal() || closeRequested !== undefined, msUntil(next.step.at));
      if (woke) continue;
    }
    const deadlineVersion = state.deadlineVersion;
    await performStep(next.step);
    // An extension approved while the step ran started a new ladder: the old step is not one of its steps.
    if (state.deadlineVersion === deadlineVersion) state.doneSteps.push(next.step.key);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof institutionRequestV1>({ ...input, carried: state });
    }
  }

  ended = true;
  nextAction = undefined;
  await condition(allHandlersFinished);
  await setRequestStatus({
    dataRequestId,
    status: state.status,
    action: 'REQUEST_ENDED',
    ended: true,
    idempotencyKey: `${workflowId}/ended`,
  });
  const parent = workflowInfo().parent;
  if (parent) {
    // Best effort: the cycle also re-checks the record on its own every few hours.
    await getExternalWorkflowHandle(parent.workflowId)
      .signal(requestEndedSignal, { institutionCode })
      .catch(() => undefined);
  }
  return state;

  /** Moves the deadline (approved or granted extension), recomputes the timeline, tells the contact. */
  async function moveDeadline({ deadline, actor, by, action, reason, note }: { deadline: string; actor: string; by: string; action: string; reason: string; note?: string }) {
    state.deadlineVersion++;
    const moved = await changeDeadline({
      dataRequestId,
      deadlineDate: deadline,
      actor,
      action,
      reason,
      idempotencyKey: `${workflowId}/deadline-v${state.deadlineVersion}`,
    });
    timeline = await loadRequestTimeline({ dataRequestId, recomputedAt: now() });
    // A new deadline starts a new ladder: its reminders, escalations and cut-off all apply again.
    state.doneSteps = ['request'];
    state.escalationLevel = 0;
    state.status = moved.status;
    record(action === 'EXTENSION_GRANTED' ? 'extension-granted' : 'extension-approved', `${timeline.deadlineDate} by ${actor}`);
    await sendRequestEmail({
      dataRequestId,
      workflowId,
      kind: 'EXTENSION_DECISION',
      stepKey: `extension-decision/v${state.deadlineVersion}`,
      note: { approved: true, requested: deadline, reason: note ?? reason, by },
    });
    changes++;
  }

  async function closeEarly(command: { reason: string; closedBy: string }) {
    if (state.status !== 'SUBMITTED') state.status = 'CLOSED';
    record('cycle-closed', `by ${command.closedBy}: ${command.reason}`);
    await setRequestStatus({
      dataRequestId,
      status: state.status,
      action: 'CLOSED_EARLY',
      actor: `secretariat:${command.closedBy}`,
      detail: { reason: command.reason },
      idempotencyKey: `${workflowId}/closed-early`,
    });
  }

  /** Tells the record what happens next and when, for dashboards (one row update, audited once per step). */
  async function publishNextAction(action: string): Promise<void> {
    await setRequestStatus({
      dataRequestId,
      status: state.status,
      nextAction: nextAction ? { kind: nextAction.kind, at: nextAction.at } : null,
      action,
      idempotencyKey: `${workflowId}/${timeline.deadlineDate}/${nextAction?.key ?? 'none'}/${state.status}/scheduled`,
    });
  }

  async function performStep(step: TTimelineStep): Promise<void> {
    // Keys carry the deadline date: after an extension the same reminder may go out again, once.
    const stepKey = `${timeline.deadlineDate}/${step.key}`;
    const key = `${workflowId}/${stepKey}`;
    switch (step.kind) {
      case 'REQUEST':
        return;
      case 'REMINDER': {
        const sent = await sendRequestEmail({ dataRequestId, workflowId, kind: 'REMINDER', stepKey });
        record('reminder-sent', `${step.key}${sent.outcome === 'FAILED' ? ` (failed: ${sent.detail ?? ''})` : ''}`);
        return;
      }
      case 'DEADLINE':
        state.status = 'OVERDUE';
        record('overdue');
        await setRequestStatus({ dataRequestId, status: 'OVERDUE', action: 'OVERDUE', idempotencyKey: key });
        return;
      case 'ESCALATION': {
        state.escalationLevel = step.level ?? state.escalationLevel + 1;
        const sent = await sendRequestEmail({
          dataRequestId,
          workflowId,
          kind: 'ESCALATION',
          level: state.escalationLevel,
          recipients: step.recipients,
          stepKey,
        });
        record('escalated', `level ${state.escalationLevel}${sent.outcome === 'FAILED' ? ` (failed: ${sent.detail ?? ''})` : ''}`);
        await setRequestStatus({ dataRequestId, status: state.status, escalationLevel: state.escalationLevel, action: 'ESCALATED', idempotencyKey: key });
        return;
      }
      case 'CUTOFF':
        state.status = 'NOT_REPORTED';
        record('not-reported');
        await setRequestStatus({ dataRequestId, status: 'NOT_REPORTED', action: 'NOT_REPORTED', idempotencyKey: key });
        return;
      default:
        throw ApplicationFailure.nonRetryable(`Unknown timeline step ${(step as TTimelineStep).kind}`);
    }
  }
}

function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}
