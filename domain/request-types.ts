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


export interface InstitutionRequestInput {
  dataRequestId: string;
  year: number;
  institutionCode: string;
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
}

/** What `statusQuery` returns. */
export interface InstitutionRequestState extends InstitutionRequestCarried {
  dataRequestId: string;
  year: number;
  institutionCode: string;
  deadlineAt?: string;
  cutoffAt?: string;
  nextAction?: { kind: string; key: string; at: string };
}

/** Submit (final) or save a draft, as the API passes it to the workflow after checking the signed link. */
export interface SubmitCommand {
  input: TSubmitInput;
  /** Email of the contact the link was issued to. */
  submittedBy: string;
  /** Why a correction is made (required for corrections). */
  reason?: string;
}

export interface SubmitResult {
  status: RequestStatus;
  version: number;
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
