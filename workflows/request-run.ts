import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  sleep,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../activities';
import type { TTimeline, TTimelineStep } from '../domain/compute-timeline';
import { isIsoDate, localDate } from '../domain/iso-date';
import { nextActionKey, nextStep } from '../domain/next-step';
import { refusalMessage, type Refusal } from '../domain/refusals';
import type {
  ChangeContactsCommand,
  CloseRequestCommand,
  CommandResult,
  ExemptCommand,
  ExtensionDecisionCommand,
  ExtensionRequestCommand,
  GrantExtensionCommand,
  InstitutionRequestCarried,
  InstitutionRequestInput,
  InstitutionRequestState,
  OutboxItem,
  RequestEmail,
  RequestStatus,
  ResendCommand,
  SubmitCommand,
  SubmitResult,
} from '../domain/request-types';
import { isFinalSubmission, TERMINAL_STATUSES } from '../domain/request-types';
import { OPEN_IN_ONE_ACTIVITY_PATCH, requestPatched } from './request-patches';


/** Error types an activity raises for a fault that will happen again the same way (activities/classify-failure). */
const NON_RETRYABLE = ['InvalidSubmission', 'DataError', 'NotFound'];

/**
 * Record writes and reads someone is waiting for: update handlers, and the ladder's own status writes (both
 * under the lock, which handlers wait for). Bounded: a database that does not answer within 30 s fails the
 * command with a clear error instead of holding the caller.
 */
const quick = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * What the request owes and nobody waits on: emails and reads of the ladder. Retried through an outage of
 * SMTP or PostgreSQL for up to a day (an email goes out late, never twice: see send-request-email), then
 * the request is flagged for the secretariat's attention.
 */
const patient = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: NON_RETRYABLE },
});

/** The attention flag itself: a database write and one email to the secretariat, retried for a week. */
const persistent = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '7 days',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', nonRetryableErrorTypes: NON_RETRYABLE },
});

const MAX_HISTORY = 100;
const MAX_DETAIL = 300;
const OPEN_FOR_DATA: readonly RequestStatus[] = ['PENDING', 'REQUESTED', 'DRAFT', 'OVERDUE'];
/** Continue as new well before Temporal's limits (50,000 events, 50 MB): a run stays small whatever users send. */
const MAX_RUN_EVENTS = 5_000;
const MAX_RUN_BYTES = 5 * 1024 * 1024;

/** Throws the refusal as the update's failure: its code and facts travel in `details` for the API. */
export function refuse(refusal: Refusal | undefined): void {
  if (!refusal) return;
  throw ApplicationFailure.create({ type: 'Refused', message: refusalMessage(refusal, 'en'), nonRetryable: true, details: [refusal] });
}

/**
 * One run of one institution's data request: its state, the handlers of its messages and the steps of its
 * ladder. Handlers that await activities run one at a time ({@link exclusive}), and so do the ladder's
 * state changes: a final submission racing another is seen as a correction, an extension decision never
 * meets half a request. Each handler writes the record first and changes state after, so a failed write
 * leaves both as they were. Emails go through an outbox drained by a coroutine of their own
 * ({@link deliverOutbox}): nobody waits for SMTP, and an outage delays emails without losing them.
 */
export class RequestRun {
  readonly state: InstitutionRequestCarried;
  private readonly workflowId = workflowInfo().workflowId;
  private readonly lock = new Mutex();
  private nextAction: { kind: string; key: string; at: string } | undefined;
  /** Bumped by every accepted message, so the waiting loop wakes up and re-decides. */
  private changes = 0;
  private closeRequested: CloseRequestCommand | undefined;
  /** Set when the ladder is done: from then on every command is refused (the workflow is finishing). */
  private ended = false;
  private readonly outbox: OutboxItem[];
  private outboxBusy = false;
  /** Set while preparing to continue as new: the outbox stops after the item in hand. */
  private outboxPaused = false;

  /** The request's timeline, loaded first thing by {@link run}; handlers wait for it (validators go without). */
  private timeline!: TTimeline;
  private loaded = false;
  /** The next action `openRequest` wrote to the record (see {@link publishedAtOpening}). */
  private opening: { kind: string; key: string; at: string; status: RequestStatus } | undefined;

  constructor(private readonly input: InstitutionRequestInput) {
    this.state = input.carried ?? { status: 'PENDING', doneSteps: [], escalationLevel: 0, deadlineVersion: 0, history: [] };
    this.outbox = [...(this.state.outbox ?? [])];
    delete this.state.outbox;
  }

  // ───────────────────────────── what callers see ─────────────────────────────

  /** The status query's answer: small (history bounded, outbox counted, not listed). */
  view(): InstitutionRequestState {
    const { dataRequestId, year, institutionCode } = this.input;
    return {
      ...this.state,
      dataRequestId,
      year,
      institutionCode,
      deadlineAt: this.loaded ? this.timeline.deadlineAt : undefined,
      cutoffAt: this.loaded ? this.timeline.cutoffAt : undefined,
      nextAction: this.nextAction,
      pendingEmails: this.outbox.length,
    };
  }

  // ───────────────────────────── refusals (validators, and again under the lock) ─────────────────────────────

  refusalToSubmit(command: SubmitCommand): Refusal | undefined {
    if (typeof command?.submittedBy !== 'string') return { code: 'INTERNAL', params: { detail: 'malformed submit command' } };
    const what = { what: 'submit', whatEs: 'enviar datos' };
    if (this.ended) return { code: 'REQUEST_ENDED', params: { ...what, status: this.state.status } };
    if (this.isTerminal()) return { code: 'WRONG_STATUS', params: { what: 'submit data', whatEs: 'enviar datos', status: this.state.status } };
    if (this.closeRequested) return { code: 'CLOSING' };
    if (this.pastCutoff()) return { code: 'PAST_CUTOFF', params: { cutoffAt: this.timeline.cutoffAt } };
    if (this.state.status === 'SUBMITTED' && !isFinalSubmission(command)) return { code: 'DRAFT_AFTER_SUBMISSION' };
    return undefined;
  }

  refusalToRequestExtension(command: ExtensionRequestCommand): Refusal | undefined {
    return (
      this.refusalUnlessOpen('ask for an extension', 'pedir una prórroga') ??
      (this.state.pendingExtension ? { code: 'EXTENSION_ALREADY_PENDING', params: { deadline: this.state.pendingExtension.deadline } } : undefined) ??
      this.refusalWithoutReason(command?.reason, 'An extension request', 'Una solicitud de prórroga') ??
      this.refusalOfDeadline(command.deadline)
    );
  }

  refusalToDecide(command: ExtensionDecisionCommand): Refusal | undefined {
    if (this.ended) return { code: 'REQUEST_ENDED', params: { what: 'decide an extension', whatEs: 'decidir la prórroga', status: this.state.status } };
    const pending = this.state.pendingExtension;
    if (!pending) return { code: 'NO_PENDING_EXTENSION' };
    return this.refusalUnlessOpen('decide an extension', 'decidir la prórroga') ?? (command?.approve ? this.refusalOfDeadline(command.deadline ?? pending.deadline) : undefined);
  }

  refusalToGrant(command: GrantExtensionCommand): Refusal | undefined {
    return (
      this.refusalUnlessOpen('grant an extension', 'conceder una prórroga') ??
      this.refusalWithoutReason(command?.reason, 'Granting an extension', 'Conceder una prórroga') ??
      this.refusalOfDeadline(command.deadline)
    );
  }

  refusalToResend(): Refusal | undefined {
    return this.refusalUnlessOpen('resend the request', 'reenviar la solicitud');
  }

  refusalToChangeContacts(command: ChangeContactsCommand): Refusal | undefined {
    const what = { what: 'change contacts', whatEs: 'cambiar los contactos', status: this.state.status };
    if (this.ended) return { code: 'REQUEST_ENDED', params: what };
    if (this.isTerminal()) return { code: 'WRONG_STATUS', params: what };
    if (!Array.isArray(command?.contacts) || command.contacts.length === 0) return { code: 'NO_CONTACTS' };
    const bad = command.contacts.find((c) => typeof c?.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email));
    return bad ? { code: 'NOT_AN_EMAIL', params: { email: String(bad?.email ?? '') } } : undefined;
  }

  refusalToExempt(command: ExemptCommand): Refusal | undefined {
    const what = { what: 'exempt', whatEs: 'exentar', status: this.state.status };
    if (this.ended) return { code: 'REQUEST_ENDED', params: what };
    return (
      this.refusalWithoutReason(command?.reason, 'An exemption', 'Una exención') ??
      (this.state.status === 'SUBMITTED' ? { code: 'ALREADY_SUBMITTED' } : undefined) ??
      (this.isTerminal() ? { code: 'WRONG_STATUS', params: what } : undefined)
    );
  }

  // ───────────────────────────── handlers ─────────────────────────────

  /** Stores a draft, a final submission or a correction; FINAL vs CORRECTION is decided here, in order. */
  submit(command: SubmitCommand): Promise<SubmitResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToSubmit(command));
      const kind = !isFinalSubmission(command) ? 'DRAFT' : this.state.status === 'SUBMITTED' ? 'CORRECTION' : 'FINAL';
      const sameAsLatest = command.contentHash !== undefined && command.contentHash === this.state.latest?.contentHash;
      if (kind === 'CORRECTION' && !command.reason?.trim() && !sameAsLatest) refuse({ code: 'CORRECTION_NEEDS_REASON' });
      const saved = await quick.recordSubmission({ dataRequestId: this.input.dataRequestId, workflowId: this.workflowId, kind, command });
      if (!saved.duplicate) {
        this.record(kind === 'DRAFT' ? 'draft-saved' : kind === 'FINAL' ? 'submitted' : 'corrected', `version ${saved.version} by ${command.submittedBy}${command.reason ? `: ${command.reason}` : ''}`);
        this.state.latest = { version: saved.version, kind: saved.kind, contentHash: saved.contentHash ?? '' };
      }
      if (kind === 'FINAL' && this.state.status !== 'SUBMITTED') {
        this.state.status = 'SUBMITTED';
        this.state.submittedAt = now();
        this.state.pendingExtension = undefined;
      } else if (kind === 'DRAFT' && (this.state.status === 'REQUESTED' || this.state.status === 'PENDING')) {
        this.state.status = 'DRAFT';
      }
      if (!saved.duplicate && saved.kind !== 'DRAFT') this.send({ kind: 'RECEIPT', stepKey: `receipt-v${saved.version}` });
      this.changes++;
      return { ...saved, status: this.state.status };
    });
  }

  requestExtension(command: ExtensionRequestCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToRequestExtension(command));
      const requestedAt = now();
      await quick.setRequestStatus({
        dataRequestId: this.input.dataRequestId,
        status: this.state.status,
        action: 'EXTENSION_REQUESTED',
        actor: `contact:${command.requestedBy}`,
        detail: { deadline: command.deadline, reason: command.reason },
        idempotencyKey: `${this.workflowId}/extension-request/${requestedAt}`,
      });
      this.state.pendingExtension = { deadline: command.deadline, reason: command.reason, requestedBy: command.requestedBy, requestedAt };
      this.record('extension-requested', `${command.deadline} by ${command.requestedBy}: ${command.reason}`);
      this.send({
        kind: 'EXTENSION_REQUESTED',
        stepKey: `extension-request/${requestedAt}`,
        note: { requested: command.deadline, reason: command.reason, by: command.requestedBy },
      });
      this.changes++;
      return this.result(`Extension to ${command.deadline} requested; the secretariat will decide.`);
    });
  }

  decideExtension(command: ExtensionDecisionCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToDecide(command));
      // Read before the first await: the refusal above proved it is there.
      const pending = this.state.pendingExtension!;
      if (command.approve) {
        await this.moveDeadline({
          deadline: command.deadline ?? pending.deadline,
          by: command.decidedBy,
          action: 'EXTENSION_APPROVED',
          reason: pending.reason,
          note: command.note,
        });
        return this.result(`Extension approved: the deadline is now ${this.timeline.deadlineDate}.`);
      }
      await quick.setRequestStatus({
        dataRequestId: this.input.dataRequestId,
        status: this.state.status,
        action: 'EXTENSION_REJECTED',
        actor: `secretariat:${command.decidedBy}`,
        detail: { deadline: pending.deadline, note: command.note ?? null },
        idempotencyKey: `${this.workflowId}/extension-decision/${pending.requestedAt}`,
      });
      this.state.pendingExtension = undefined;
      this.record('extension-rejected', `${pending.deadline} by ${command.decidedBy}${command.note ? `: ${command.note}` : ''}`);
      this.send({
        kind: 'EXTENSION_DECISION',
        stepKey: `extension-decision/${pending.requestedAt}`,
        note: { approved: false, requested: pending.deadline, reason: command.note ?? '', by: command.decidedBy },
      });
      this.changes++;
      return this.result(`Extension to ${pending.deadline} rejected; the deadline stays ${this.timeline.deadlineDate}.`);
    });
  }

  grantExtension(command: GrantExtensionCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToGrant(command));
      const superseded = this.state.pendingExtension;
      await this.moveDeadline({
        deadline: command.deadline,
        by: command.grantedBy,
        action: 'EXTENSION_GRANTED',
        reason: superseded ? `${command.reason} (replaces the request for ${superseded.deadline})` : command.reason,
      });
      if (superseded) this.record('extension-request-superseded', `${superseded.deadline} asked by ${superseded.requestedBy}; granted ${command.deadline} instead`);
      return this.result(`Extension granted: the deadline is now ${this.timeline.deadlineDate}.`);
    });
  }

  resend(command: ResendCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToResend());
      const n = (this.state.resends ?? 0) + 1;
      await quick.setRequestStatus({
        dataRequestId: this.input.dataRequestId,
        status: this.state.status,
        action: 'RESEND_REQUESTED',
        actor: command.origin === 'contact-link' ? 'contact:link-page' : `secretariat:${command.requestedBy}`,
        clearAttention: true,
        idempotencyKey: `${this.workflowId}/resend-${n}`,
      });
      this.state.resends = n;
      this.send({ kind: 'REQUEST', stepKey: `resend-${n}`, resend: true }, 'request-resent', `by ${command.requestedBy}`);
      this.changes++;
      return this.result('The request is being sent again.');
    });
  }

  changeContacts(command: ChangeContactsCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToChangeContacts(command));
      await quick.replaceContacts({
        dataRequestId: this.input.dataRequestId,
        contacts: command.contacts,
        changedBy: command.changedBy,
        idempotencyKey: `${this.workflowId}/contacts/${now()}`,
      });
      this.record('contacts-changed', `${command.contacts.map((c) => `${c.role}: ${c.email}`).join(', ')} by ${command.changedBy}`);
      this.changes++;
      return this.result('Contacts changed: the next emails go to the new people.');
    });
  }

  exempt(command: ExemptCommand): Promise<CommandResult> {
    return this.exclusive(async () => {
      refuse(this.refusalToExempt(command));
      await quick.setRequestStatus({
        dataRequestId: this.input.dataRequestId,
        status: 'EXEMPTED',
        action: 'EXEMPTED',
        actor: `secretariat:${command.exemptedBy}`,
        detail: { reason: command.reason },
        idempotencyKey: `${this.workflowId}/exempted`,
      });
      this.state.status = 'EXEMPTED';
      this.state.pendingExtension = undefined;
      this.record('exempted', `by ${command.exemptedBy}: ${command.reason}`);
      this.send({ kind: 'EXEMPTED', stepKey: 'exempted', note: { reason: command.reason, by: command.exemptedBy } });
      this.changes++;
      return this.result(`${this.input.institutionCode} is exempted from the ${this.input.year} cycle.`);
    });
  }

  /** The cycle closes early (a signal: nothing waits for an answer); the ladder acts on it in order. */
  close(command: CloseRequestCommand): void {
    this.closeRequested = command;
    this.changes++;
  }

  // ───────────────────────────── the ladder ─────────────────────────────

  /**
   * Walks the timeline (request, reminders, deadline, escalation levels, cut-off), each step a race between
   * its timer and a change of state; then the correction window after a final submission. Returns the
   * state once the request has ended and every email it owes has been sent (or flagged).
   */
  async run(): Promise<InstitutionRequestCarried> {
    // Asked in the first activation, and only for a request not sent yet (a run continued as new loads its
    // timeline as before); histories recorded before the patch replay the step-by-step path.
    if (!this.state.doneSteps.includes('request') && requestPatched(this.input, OPEN_IN_ONE_ACTIVITY_PATCH)) await this.open();
    else await this.openStepByStep();

    for (;;) {
      // Taken before any await of this pass, so a message that arrives meanwhile still wakes the wait below.
      const seen = this.changes;
      const woken = () => this.changes !== seen || this.isTerminal() || this.closeRequested !== undefined || this.shouldContinueAsNew();
      if (this.shouldContinueAsNew()) await this.continueAsNew();
      if (this.isTerminal()) break;
      if (this.closeRequested) {
        const command = this.closeRequested;
        await this.underLock('close', () => this.closeEarly(command));
        break;
      }
      if (this.state.status === 'SUBMITTED') {
        // Correction window: corrections arrive as updates; when the window ends the request is done.
        const endsAt = await patient.correctionWindowEnd({ dataRequestId: this.input.dataRequestId, submittedAt: this.state.submittedAt! });
        if (!endsAt) break;
        this.nextAction = { kind: 'CORRECTION_WINDOW_ENDS', key: 'correction-window', at: endsAt };
        await this.underLock('publish', () => this.publishNextAction('CORRECTION_WINDOW'));
        if (await condition(woken, msUntil(endsAt))) continue;
        break;
      }
      const next = nextStep({ timeline: this.timeline, now: now(), doneKeys: this.state.doneSteps });
      if (!next) break;
      for (const stale of next.skipped) {
        this.state.doneSteps.push(stale.key);
        this.record('skipped', `${stale.key} (its time passed while a later step was due)`);
      }
      this.nextAction = { kind: next.step.kind, key: next.step.key, at: next.step.at };
      if (!next.due) {
        if (!this.publishedAtOpening(next.step)) await this.underLock('publish', () => this.publishNextAction('NEXT_ACTION'));
        if (await condition(woken, msUntil(next.step.at))) continue;
      }
      await this.underLock(next.step.key, async () => {
        // A command that changed the request while this pass waited for the lock makes it decide again.
        if (this.changes !== seen || this.isTerminal() || this.closeRequested) return;
        await this.performStep(next.step);
        this.state.doneSteps.push(next.step.key);
      });
    }
    return this.finish();
  }

  // ───────────────────────────── opening ─────────────────────────────

  /**
   * Opens the request in one activity (`openRequest`): timeline, status REQUEST_SENT, the first next
   * action and the data-request email, one activity task and one workflow task where the step-by-step
   * path takes four of each. An email that failed for a moment goes to the outbox, as every email does.
   */
  private async open(): Promise<void> {
    const status: RequestStatus = this.state.status === 'PENDING' ? 'REQUESTED' : this.state.status;
    const opened = await patient.openRequest({
      dataRequestId: this.input.dataRequestId,
      workflowId: this.workflowId,
      status,
      now: now(),
      email: { kind: 'REQUEST', stepKey: 'request', dataRequestId: this.input.dataRequestId, workflowId: this.workflowId },
    });
    this.timeline = opened.timeline;
    this.loaded = true;
    this.opening = opened.published;
    this.state.doneSteps.push('request');
    if (this.state.status === 'PENDING') this.state.status = 'REQUESTED';
    void this.deliverOutbox();
    if (opened.email) {
      this.record('request-sent', opened.email.outcome === 'FAILED' ? `(failed: ${opened.email.detail ?? ''})` : undefined);
    } else {
      this.send({ kind: 'REQUEST', stepKey: 'request' }, 'request-sent');
    }
  }

  /** Before {@link open}: the timeline, then the status under the lock, the email through the outbox. */
  private async openStepByStep(): Promise<void> {
    this.timeline = await patient.loadRequestTimeline({ dataRequestId: this.input.dataRequestId });
    this.loaded = true;
    void this.deliverOutbox();
    if (this.state.doneSteps.includes('request')) return;
    await this.underLock('request', async () => {
      await quick.setRequestStatus({
        dataRequestId: this.input.dataRequestId,
        status: this.state.status === 'PENDING' ? 'REQUESTED' : this.state.status,
        action: 'REQUEST_SENT',
        idempotencyKey: `${this.workflowId}/request/status`,
      });
      this.state.doneSteps.push('request');
      if (this.state.status === 'PENDING') this.state.status = 'REQUESTED';
      this.send({ kind: 'REQUEST', stepKey: 'request' }, 'request-sent');
    });
  }

  /**
   * Whether `openRequest` already wrote this very next action (same step, instant, status and deadline) to
   * the record, so the first pass of the ladder need not write it again. Answers once.
   */
  private publishedAtOpening(step: TTimelineStep): boolean {
    const opening = this.opening;
    this.opening = undefined;
    return opening !== undefined && opening.key === step.key && opening.at === step.at && opening.kind === step.kind && opening.status === this.state.status;
  }

  // ───────────────────────────── steps and effects ─────────────────────────────

  private async performStep(step: TTimelineStep): Promise<void> {
    // Keys carry the deadline date: after an extension the same reminder may go out again, once.
    const stepKey = `${this.timeline.deadlineDate}/${step.key}`;
    const key = `${this.workflowId}/${stepKey}`;
    const { dataRequestId } = this.input;
    switch (step.kind) {
      case 'REQUEST':
        return;
      case 'REMINDER':
        this.send({ kind: 'REMINDER', stepKey }, 'reminder-sent', step.key);
        return;
      case 'DEADLINE':
        await quick.setRequestStatus({ dataRequestId, status: 'OVERDUE', action: 'OVERDUE', idempotencyKey: key });
        this.state.status = 'OVERDUE';
        this.record('overdue');
        return;
      case 'ESCALATION': {
        const level = step.level ?? this.state.escalationLevel + 1;
        await quick.setRequestStatus({ dataRequestId, status: this.state.status, escalationLevel: level, action: 'ESCALATED', idempotencyKey: key });
        this.state.escalationLevel = level;
        this.record('escalated', `level ${level}`);
        this.send({ kind: 'ESCALATION', level, recipients: step.recipients, stepKey });
        return;
      }
      case 'CUTOFF':
        await quick.setRequestStatus({ dataRequestId, status: 'NOT_REPORTED', action: 'NOT_REPORTED', idempotencyKey: key });
        this.state.status = 'NOT_REPORTED';
        this.record('not-reported');
        return;
      default:
        throw ApplicationFailure.nonRetryable(`Unknown timeline step ${(step as TTimelineStep).kind}`);
    }
  }

  /** Moves the deadline (approved or granted extension): record and timeline in one activity, then state. */
  private async moveDeadline({ deadline, by, action, reason, note }: { deadline: string; by: string; action: 'EXTENSION_APPROVED' | 'EXTENSION_GRANTED'; reason: string; note?: string }) {
    const version = this.state.deadlineVersion + 1;
    const moved = await quick.changeDeadline({
      dataRequestId: this.input.dataRequestId,
      deadlineDate: deadline,
      actor: `secretariat:${by}`,
      action,
      reason,
      idempotencyKey: `${this.workflowId}/deadline-v${version}`,
      recomputedAt: now(),
    });
    this.state.deadlineVersion = version;
    this.timeline = moved.timeline!;
    // A new deadline starts a new ladder: its reminders, escalations and cut-off all apply again.
    this.state.doneSteps = ['request'];
    this.state.escalationLevel = 0;
    this.state.status = moved.status;
    this.state.pendingExtension = undefined;
    this.record(action === 'EXTENSION_GRANTED' ? 'extension-granted' : 'extension-approved', `${this.timeline.deadlineDate} by secretariat:${by}`);
    this.send({ kind: 'EXTENSION_DECISION', stepKey: `extension-decision/v${version}`, note: { approved: true, requested: deadline, reason: note ?? reason, by } });
    this.changes++;
  }

  private async closeEarly(command: CloseRequestCommand): Promise<void> {
    const status: RequestStatus = this.state.status === 'SUBMITTED' ? 'SUBMITTED' : 'CLOSED';
    await quick.setRequestStatus({
      dataRequestId: this.input.dataRequestId,
      status,
      action: 'CLOSED_EARLY',
      actor: `secretariat:${command.closedBy}`,
      detail: { reason: command.reason },
      idempotencyKey: `${this.workflowId}/closed-early`,
    });
    this.state.status = status;
    this.record('cycle-closed', `by ${command.closedBy}: ${command.reason}`);
    if (status === 'CLOSED') this.send({ kind: 'CLOSED', stepKey: 'closed-early', note: { reason: command.reason, by: command.closedBy } });
  }

  /** Tells the record what happens next and when, for dashboards (one row update, audited once per step). */
  private async publishNextAction(action: string): Promise<void> {
    await quick.setRequestStatus({
      dataRequestId: this.input.dataRequestId,
      status: this.state.status,
      nextAction: this.nextAction ? { kind: this.nextAction.kind, at: this.nextAction.at } : null,
      action,
      idempotencyKey: nextActionKey({ workflowId: this.workflowId, deadlineDate: this.timeline.deadlineDate, stepKey: this.nextAction?.key, status: this.state.status }),
    });
  }

  private async finish(): Promise<InstitutionRequestCarried> {
    this.ended = true;
    this.nextAction = undefined;
    await condition(allHandlersFinished);
    await condition(() => this.outbox.length === 0 && !this.outboxBusy);
    for (let attempt = 1; ; attempt++) {
      try {
        await patient.setRequestStatus({
          dataRequestId: this.input.dataRequestId,
          status: this.state.status,
          action: 'REQUEST_ENDED',
          ended: true,
          idempotencyKey: `${this.workflowId}/ended`,
        });
        break;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        this.flag(`end-${attempt}`, `recording the end of the request failed: ${failureText(err)}`);
        await condition(() => this.outbox.length === 0 && !this.outboxBusy);
      }
    }
    return this.state;
  }

  // ───────────────────────────── the outbox ─────────────────────────────

  /** Queues an email; `event` (with `detail`) is recorded in the history once it has been sent. */
  private send(email: Omit<RequestEmail, 'dataRequestId' | 'workflowId'>, event?: string, detail?: string): void {
    this.outbox.push({ email: { ...email, dataRequestId: this.input.dataRequestId, workflowId: this.workflowId }, event, detail });
  }

  /** Queues an attention flag for the secretariat (record and one email; see activities' flagAttention). */
  private flag(key: string, reason: string): void {
    this.state.attentions = (this.state.attentions ?? 0) + 1;
    this.outbox.push({ attention: { key, reason } });
  }

  /**
   * Delivers what the outbox holds, in order: emails once per step (the activity's claim), retried for up
   * to a day; attention flags retried for a week. An email that still fails is flagged and the outbox goes
   * on: a bad address or a long outage never blocks the request.
   */
  private async deliverOutbox(): Promise<void> {
    for (;;) {
      await condition(() => this.outbox.length > 0 && !this.outboxPaused);
      const item = this.outbox[0];
      this.outboxBusy = true;
      try {
        await this.deliver(item);
      } finally {
        this.outbox.shift();
        this.outboxBusy = false;
      }
    }
  }

  private async deliver({ email, attention, event, detail }: OutboxItem): Promise<void> {
    const { dataRequestId } = this.input;
    if (attention) {
      try {
        await persistent.flagAttention({ dataRequestId, workflowId: this.workflowId, key: attention.key, reason: attention.reason });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('could not flag the request for attention', { key: attention.key, reason: attention.reason, error: failureText(err) });
      }
      return;
    }
    if (!email) return;
    try {
      const sent = await patient.sendRequestEmail(email);
      const failed = sent.outcome === 'FAILED' ? `(failed: ${sent.detail ?? ''})` : undefined;
      if (event) this.record(event, [detail, failed].filter(Boolean).join(' ') || undefined);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      this.record('email-failed', `${email.stepKey}: ${failureText(err)}`);
      this.flag(`email/${email.stepKey}`, `the ${email.kind.toLowerCase()} email (${email.stepKey}) could not be sent: ${failureText(err)}`);
    }
  }

  // ───────────────────────────── serialization and failures ─────────────────────────────

  /**
   * Runs an update handler's body alone (one at a time per workflow, as Temporal's message-handling
   * guidance recommends). Failures become the update's failure, never the workflow task's: an activity
   * that did not answer in time is UNAVAILABLE, a fault in our own code is INTERNAL (logged).
   */
  private exclusive<T>(body: () => Promise<T>): Promise<T> {
    return this.lock.runExclusive(async () => {
      try {
        // Handlers are registered before the timeline is loaded (so queries and updates are answered at
        // once); the first ones wait for it here.
        await condition(() => this.loaded);
        return await body();
      } catch (err) {
        throw asUpdateFailure(err);
      }
    });
  }

  /**
   * Runs a step of the ladder under the same lock. When a record write exhausts its (short) retries, the
   * request is flagged and the step tried again later, with growing pauses: the ladder never skips a
   * state change because the database was down.
   */
  private async underLock(what: string, body: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lock.runExclusive(body);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        this.record('step-failed', `${what}: ${failureText(err)}`);
        if (attempt === 3) this.flag(`step/${this.timeline.deadlineDate}/${what}`, `the step "${what}" keeps failing: ${failureText(err)}`);
        await sleep(`${Math.min(attempt, 6) * 5} minutes`);
      }
    }
  }

  private shouldContinueAsNew(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= MAX_RUN_EVENTS || (info.historySize ?? 0) >= MAX_RUN_BYTES;
  }

  /** Lets handlers and the email in hand finish, then continues as new carrying state and outbox. */
  private async continueAsNew(): Promise<never> {
    this.outboxPaused = true;
    await condition(() => !this.outboxBusy && !this.lock.isLocked() && allHandlersFinished());
    return continueAsNew<(input: InstitutionRequestInput) => Promise<InstitutionRequestCarried>>({
      ...this.input,
      carried: { ...this.state, outbox: [...this.outbox] },
    });
  }

  // ───────────────────────────── small helpers ─────────────────────────────

  private record(event: string, detail?: string): void {
    const clipped = detail && detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail;
    this.state.history.push({ at: now(), event, ...(clipped ? { detail: clipped } : {}) });
    if (this.state.history.length > MAX_HISTORY) this.state.history.splice(0, this.state.history.length - MAX_HISTORY);
  }

  private result(message: string): CommandResult {
    return { status: this.state.status, deadlineAt: this.timeline.deadlineAt, message };
  }

  private isTerminal(): boolean {
    return TERMINAL_STATUSES.includes(this.state.status);
  }

  private pastCutoff(): boolean {
    return this.loaded && this.state.status !== 'SUBMITTED' && Date.now() >= Date.parse(this.timeline.cutoffAt);
  }

  private refusalUnlessOpen(what: string, whatEs: string): Refusal | undefined {
    const params = { what, whatEs, status: this.state.status };
    if (this.ended) return { code: 'REQUEST_ENDED', params };
    if (!OPEN_FOR_DATA.includes(this.state.status)) return { code: 'WRONG_STATUS', params };
    if (this.pastCutoff()) return { code: 'PAST_CUTOFF', params: { cutoffAt: this.timeline.cutoffAt } };
    return undefined;
  }

  private refusalWithoutReason(reason: unknown, what: string, whatEs: string): Refusal | undefined {
    return typeof reason === 'string' && reason.trim() ? undefined : { code: 'REASON_REQUIRED', params: { what, whatEs } };
  }

  private refusalOfDeadline(deadline: unknown): Refusal | undefined {
    if (!isIsoDate(deadline)) return { code: 'DEADLINE_NOT_A_DATE', params: { deadline: String(deadline) } };
    if (!this.loaded) return undefined; // checked again under the lock, once the timeline is there
    if (deadline <= this.timeline.deadlineDate) return { code: 'DEADLINE_NOT_LATER', params: { deadline, current: this.timeline.deadlineDate } };
    const today = localDate(Date.now(), this.timeline.zone);
    if (deadline <= today) return { code: 'DEADLINE_NOT_FUTURE', params: { deadline, today } };
    return undefined;
  }
}

function now(): string {
  return new Date().toISOString();
}

function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

/** What an activity failure says, in one line: the cause's message (timeout, SMTP error…). */
function failureText(err: ActivityFailure): string {
  const cause = err.cause;
  return (cause?.message || err.message || 'unknown failure').split('\n')[0].slice(0, 200);
}

/** The failure an update answers with, whatever went wrong in its handler. */
function asUpdateFailure(err: unknown): Error {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ActivityFailure) {
    const cause = err.cause;
    // A business refusal raised inside an activity (a submission that fails validation) keeps its type.
    if (cause instanceof ApplicationFailure && cause.type === 'InvalidSubmission') return cause;
    // The database refused a value every edge should have refused first: a fault of ours, not a moment's.
    if (cause instanceof ApplicationFailure && (cause.type === 'DataError' || cause.type === 'NotFound')) {
      log.error('update handler: the database refused a value', { error: failureText(err) });
      return ApplicationFailure.create({
        type: 'Refused',
        message: `${refusalMessage({ code: 'INTERNAL' }, 'en')} (${failureText(err)})`,
        nonRetryable: true,
        details: [{ code: 'INTERNAL', params: { detail: failureText(err) } } satisfies Refusal],
      });
    }
    return ApplicationFailure.create({
      type: 'Refused',
      message: `${refusalMessage({ code: 'UNAVAILABLE' }, 'en')} (${failureText(err)})`,
      nonRetryable: true,
      details: [{ code: 'UNAVAILABLE', params: { detail: failureText(err) } } satisfies Refusal],
    });
  }
  if (err instanceof TemporalFailure) return err;
  log.error('update handler failed', { error: err instanceof Error ? err.stack : String(err) });
  return ApplicationFailure.create({
    type: 'Refused',
    message: `${refusalMessage({ code: 'INTERNAL' }, 'en')} (${err instanceof Error ? err.message : String(err)})`,
    nonRetryable: true,
    details: [{ code: 'INTERNAL' } satisfies Refusal],
  });
}
