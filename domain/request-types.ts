import type { TSubmitInput } from './submission';

/**
 * Shapes exchanged between api/, workflows/ and activities/ for one institution's data request.
 * Pure types: safe to import from workflow code.
 */

/** Status of a data request, as the workflow and the database record it. */
export const RequestStatus = {
  PENDING: 'PENDING',
  REQUESTED: 'REQUESTED',
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  OVERDUE: 'OVERDUE',
  EXEMPTED: 'EXEMPTED',
  NOT_REPORTED: 'NOT_REPORTED',
  CLOSED: 'CLOSED',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

/** Statuses after which the request takes no more data. */
export const TERMINAL_STATUSES: readonly RequestStatus[] = ['EXEMPTED', 'NOT_REPORTED', 'CLOSED'];

/** Every email of a request's life. */
export const EmailKind = {
  REQUEST: 'REQUEST',
  REMINDER: 'REMINDER',
  ESCALATION: 'ESCALATION',
  RECEIPT: 'RECEIPT',
  DELIVERY_FAILURE: 'DELIVERY_FAILURE',
  EXTENSION_REQUESTED: 'EXTENSION_REQUESTED',
  EXTENSION_DECISION: 'EXTENSION_DECISION',
  /** The institution is told it was exempted from the cycle, and why. */
  EXEMPTED: 'EXEMPTED',
  /** The institution is told the cycle was closed early, and why. */
  CLOSED: 'CLOSED',
  /** The secretariat is told something the request owed exhausted its retries. */
  ATTENTION: 'ATTENTION',
} as const;
export type EmailKind = (typeof EmailKind)[keyof typeof EmailKind];

/** Roles of an escalation's recipients (same values as domain/reporting-policy's RecipientRole). */
export type EmailRecipientRole = 'CONTACT' | 'ALTERNATE' | 'LIAISON_HEAD' | 'SECRETARIAT';

/** One email of a request, sent once per `stepKey` (see activities/send-request-email). */
export interface RequestEmail {
  dataRequestId: string;
  workflowId: string;
  kind: EmailKind;
  /** Unique per workflow step, e.g. `request`, `2025-03-14/reminder-5`, `receipt-v2`. */
  stepKey: string;
  level?: number;
  /** Roles an escalation goes to (from the policy); the primary contact is copied. */
  recipients?: EmailRecipientRole[];
  /** For DELIVERY_FAILURE and ATTENTION: what failed. */
  failure?: { to: string[]; error: string; stepKey: string };
  /** For extension, exemption and closing emails: what was asked, decided, why and by whom. */
  note?: { approved?: boolean; requested?: string; reason?: string; by?: string };
  /** A request sent again by the secretariat: threaded under the first, listing only what is missing. */
  resend?: boolean;
}

/**
 * Something the workflow owes and nobody waits for, in its outbox: an email (`event` and `detail` are
 * recorded in the history once it is sent), or an attention flag for the secretariat.
 */
export interface OutboxItem {
  email?: RequestEmail;
  attention?: { key: string; reason: string };
  event?: string;
  detail?: string;
}


/**
 * The request workflow's code version that `startCycleRequests` starts requests under: 1 has the handlers
 * serialized and a request opened in one activity built in. Raise it only together with
 * workflows/request-patches.ts, when a new patch's path is the only one new requests may take.
 */
export const REQUEST_CODE_VERSION = 1;

export interface InstitutionRequestInput {
  dataRequestId: string;
  year: number;
  institutionCode: string;
  /**
   * The cycle to tell when the request ends, for requests the cycle started through an activity
   * (`startCycleRequests`) rather than as its children; absent: the parent, if any.
   */
  cycleWorkflowId?: string;
  /**
   * The request workflow's code version it was started under ({@link REQUEST_CODE_VERSION}): the patches
   * built into that version are taken without recording them (workflows/request-patches.ts). Absent:
   * started before it existed, or by a plan review; each patch is then asked with `patched()`.
   */
  codeVersion?: number;
  /** Carried over by continue-as-new; absent on the first run. */
  carried?: InstitutionRequestCarried;
}

export interface HistoryEntry {
  at: string;
  event: string;
  detail?: string;
}

/** State that survives continue-as-new. */
export interface InstitutionRequestCarried {
  status: RequestStatus;
  /** Keys of the timeline steps performed (or skipped as stale) for the deadline in force. */
  doneSteps: string[];
  escalationLevel: number;
  deadlineVersion: number;
  submittedAt?: string;
  history: HistoryEntry[];
  pendingExtension?: PendingExtension;
  /** How many times the secretariat had the request sent again. */
  resends?: number;
  /** The latest stored submission (set by the serialized workflow; absent in older runs). */
  latest?: { version: number; kind: 'DRAFT' | 'FINAL' | 'CORRECTION'; contentHash: string };
  /** Emails owed and not yet sent (carried over by continue-as-new). */
  outbox?: OutboxItem[];
  /** How many times something exhausted its retries and the secretariat was told. */
  attentions?: number;
}

/** What `statusQuery` returns. */
export interface InstitutionRequestState extends InstitutionRequestCarried {
  dataRequestId: string;
  year: number;
  institutionCode: string;
  deadlineAt?: string;
  cutoffAt?: string;
  nextAction?: { kind: string; key: string; at: string };
  /** Emails waiting to be sent (the outbox's length). */
  pendingEmails?: number;
}

/**
 * Submit (final) or save a draft, as the API passes it to the workflow after checking the signed link and
 * validating the content. The content itself was stored first (StagedSubmission) and travels as its hash,
 * so the workflow's history stays small whatever a contact sends.
 */
export interface SubmitCommand {
  /** SHA-256 of the staged content (StagedSubmission of this request). */
  contentHash?: string;
  /** `true` submits (or corrects); `false` saves a draft. */
  final?: boolean;
  /** Histories recorded before staging carried the content inline; still read for them. */
  input?: TSubmitInput;
  /** Email of the contact the link was issued to. */
  submittedBy: string;
  /** Why a correction is made (required for corrections with new content). */
  reason?: string;
}

/** Whether a submit command submits (or corrects) rather than saves a draft; either shape of the command. */
export function isFinalSubmission(command: SubmitCommand): boolean {
  return command.final ?? command.input?.final ?? true;
}

export interface SubmitResult {
  status: RequestStatus;
  version: number;
  /** SHA-256 of the stored content (absent in results recorded before staging). */
  contentHash?: string;
  /** True when the same content was already recorded: nothing new was stored. */
  duplicate: boolean;
  kind: 'DRAFT' | 'FINAL' | 'CORRECTION';
}

export interface ReportingCycleInput {
  year: number;
  /** Deadline date in America/Mexico_City, `yyyy-MM-dd`. */
  deadlineDate: string;
  /** Institution codes to request; absent: every institution that reports an indicator of the plan. */
  institutionCodes?: string[];
  /** Partial reporting policy over the default (validated by domain/reporting-policy). */
  policy?: unknown;
  /** Per-institution partial policies laid over the cycle's, by institution code. */
  policyOverrides?: Record<string, unknown>;
  openedBy: string;
  /** Continue-as-new bookkeeping: how many requests have been started already. */
  started?: number;
  cycleId?: string;
  /** Requests started per run before continue-as-new (default 1,000); smaller in tests. */
  childrenPerRun?: number;
  /** Id of the StagedCycleOpening holding the institution list and per-institution policies, when large. */
  stagedOpeningId?: string;
  /** Set once the secretariat closed the cycle early (carried over by continue-as-new). */
  closing?: { reason: string; closedBy: string; signalled: number };
}

export interface ReportingCycleState {
  year: number;
  cycleId?: string;
  total?: number;
  started: number;
  closed: boolean;
}

/** A contact asks for more time. */
export interface ExtensionRequestCommand {
  /** New deadline date asked for, `yyyy-MM-dd` (America/Mexico_City). */
  deadline: string;
  reason: string;
  requestedBy: string;
}

/** The secretariat's answer to a pending extension request. */
export interface ExtensionDecisionCommand {
  approve: boolean;
  /** Deadline granted; defaults to the one asked for. Only with approve. */
  deadline?: string;
  note?: string;
  decidedBy: string;
}

/** The secretariat grants more time without being asked. */
export interface GrantExtensionCommand {
  deadline: string;
  reason: string;
  grantedBy: string;
}

export interface ContactInput {
  role: 'PRIMARY' | 'ALTERNATE' | 'LIAISON_HEAD';
  name: string;
  email: string;
  locale?: 'es-MX' | 'en';
  timeZone?: string;
}

/** Replace the institution's contacts for the given roles; later emails go to the new people. */
export interface ChangeContactsCommand {
  contacts: ContactInput[];
  changedBy: string;
}

export interface ExemptCommand {
  reason: string;
  exemptedBy: string;
}

export interface ResendCommand {
  requestedBy: string;
  /** Who asked: the secretariat (default), or a contact from the page of an unusable link. */
  origin?: 'secretariat' | 'contact-link';
}

/** Sent by the cycle to each open request when the secretariat closes the cycle early. */
export interface CloseRequestCommand {
  reason: string;
  closedBy: string;
}

export interface PendingExtension {
  deadline: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface CommandResult {
  status: RequestStatus;
  deadlineAt: string;
  message: string;
}
