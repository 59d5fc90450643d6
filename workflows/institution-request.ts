import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  HistoryEntry,
  InstitutionRequestCarried,
  InstitutionRequestInput,
  InstitutionRequestState,
  RequestStatus,
  SubmitCommand,
  SubmitResult,
} from '../domain/request-types';
import { nextStep, type TTimelineStep } from '../domain/compute-timeline';
import { TERMINAL_STATUSES } from '../domain/request-types';
import { requestEndedSignal } from './cycle-messages';

const { loadRequestTimeline, sendRequestEmail, recordSubmission, setRequestStatus, correctionWindowEnd } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });

/** Contact submits final data or saves a draft (`input.final: false`). */
export const submitUpdate = defineUpdate<SubmitResult, [SubmitCommand]>('submit');
/** Current state: status, next scheduled action and when, escalation level, history. */
export const statusQuery = defineQuery<InstitutionRequestState>('status');

const MAX_HISTORY = 200;

/**
 * One institution's reporting obligation in one cycle (workflow id `request/<year>/<institution>`).
 * Sends the data request, then walks the request's timeline (reminders, deadline, escalation levels,
 * cut-off), each step a race between its timer and a change of state: a final submission ends the chase.
 * After a final submission it stays open for the correction window, then completes.
 */
export async function institutionRequest(input: InstitutionRequestInput): Promise<InstitutionRequestCarried> {
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

  const record = (event: string, detail?: string) => {
    state.history.push({ at: new Date().toISOString(), event, detail } satisfies HistoryEntry);
    if (state.history.length > MAX_HISTORY) state.history.splice(0, state.history.length - MAX_HISTORY);
  };
  const isTerminal = () => TERMINAL_STATUSES.includes(state.status);

  setHandler(statusQuery, () => ({
    ...state,
    dataRequestId,
    year,
    institutionCode,
    deadlineAt: timeline.deadlineAt,
    cutoffAt: timeline.cutoffAt,
    nextAction: nextAction && { kind: nextAction.kind, key: nextAction.key, at: nextAction.at },
  }));

  setHandler(
    submitUpdate,
    async (command) => {
      const kind = !command.input.final ? 'DRAFT' : state.status === 'SUBMITTED' ? 'CORRECTION' : 'FINAL';
      const result = await recordSubmission({ dataRequestId, workflowId, kind, command });
      if (!result.duplicate) {
        record(kind === 'DRAFT' ? 'draft-saved' : kind === 'FINAL' ? 'submitted' : 'corrected', `version ${result.version} by ${command.submittedBy}`);
      }
      if (kind === 'FINAL' && state.status !== 'SUBMITTED') {
        state.status = 'SUBMITTED';
        state.submittedAt = new Date().toISOString();
        await sendRequestEmail({ dataRequestId, workflowId, kind: 'RECEIPT', stepKey: `receipt-v${result.version}` });
      } else if (kind === 'DRAFT' && (state.status === 'REQUESTED' || state.status === 'PENDING')) {
        state.status = 'DRAFT';
      }
      changes++;
      return { ...result, status: state.status };
    },
    {
      validator: (command) => {
        if (isTerminal()) throw new Error(`This request is ${state.status.toLowerCase().replace('_', ' ')}: it takes no more data.`);
        if (state.status === 'SUBMITTED' && !command.input.final) {
          throw new Error('The report was already submitted: a draft cannot replace it. Send a correction instead.');
        }
      },
    },
  );

  if (!state.doneSteps.includes('request')) {
    const sent = await sendRequestEmail({ dataRequestId, workflowId, kind: 'REQUEST', stepKey: 'request' });
    state.doneSteps.push('request');
    if (state.status === 'PENDING') state.status = 'REQUESTED';
    record(sent.outcome === 'FAILED' ? 'request-failed' : 'request-sent', sent.detail);
    await setRequestStatus({ dataRequestId, status: state.status, action: 'REQUEST_SENT', idempotencyKey: `${workflowId}/request/status` });
  }

  for (;;) {
    if (isTerminal()) break;
    if (state.status === 'SUBMITTED') {
      // Correction window: corrections arrive as updates; when the window ends the request is done.
      const endsAt = await correctionWindowEnd({ dataRequestId, submittedAt: state.submittedAt! });
      if (!endsAt) break;
      nextAction = { kind: 'CORRECTION_WINDOW_ENDS', key: 'correction-window', at: endsAt };
      await publishNextAction('CORRECTION_WINDOW');
      const seen = changes;
      const woke = await condition(() => changes !== seen || isTerminal(), msUntil(endsAt));
      if (woke) continue;
      break;
    }
    const next = nextStep({ timeline, now: new Date().toISOString(), doneKeys: state.doneSteps });
    if (!next) break;
    for (const stale of next.skipped) {
      state.doneSteps.push(stale.key);
      record('skipped', `${stale.key} (its time passed while a later step was due)`);
    }
    nextAction = { kind: next.step.kind, key: next.step.key, at: next.step.at };
    if (!next.due) {
      await publishNextAction('NEXT_ACTION');
      const seen = changes;
      const woke = await condition(() => changes !== seen || isTerminal(), msUntil(next.step.at));
      if (woke) continue;
    }
    await performStep(next.step);
    state.doneSteps.push(next.step.key);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof institutionRequest>({ ...input, carried: state });
    }
  }

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

  /** Tells the record what happens next and when, for dashboards (one row update, audited once per step). */
  async function publishNextAction(action: string): Promise<void> {
    await setRequestStatus({
      dataRequestId,
      status: state.status,
      nextAction: nextAction ? { kind: nextAction.kind, at: nextAction.at } : null,
      action,
      idempotencyKey: `${workflowId}/${timeline.deadlineDate}/${nextAction?.key ?? 'none'}/scheduled`,
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
        record('reminder-sent', `${step.key}${sent.outcome === 'ALREADY_SENT' ? ' (already sent)' : ''}`);
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
        state.status = 'NOT_REPORTED' satisfies RequestStatus;
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
