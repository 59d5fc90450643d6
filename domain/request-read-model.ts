import type { EmailKind, RequestStatus } from './request-types';

/**
 * The request row's read model of facts that otherwise live only in the workflow's state or in the
 * email log, kept beside the status so that dashboards filter on them in PostgreSQL: an extension
 * request waiting for the secretariat, and the last email to the contacts refused for good.
 */

/** What an extension request's columns become after a status write: set, cleared, or left as they are. */
export type PendingExtensionChange =
  | { extensionRequestedAt: Date; extensionRequestedDeadline: string | null; extensionRequestedBy: string | null }
  | { extensionRequestedAt: null; extensionRequestedDeadline: null; extensionRequestedBy: null }
  | Record<string, never>;

const CLEARED = { extensionRequestedAt: null, extensionRequestedDeadline: null, extensionRequestedBy: null } as const;
/** Statuses after which nothing is pending any more. */
const SETTLED: readonly RequestStatus[] = ['SUBMITTED', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED'];
/** Audit actions that answer a pending extension request. */
const ANSWERS = ['EXTENSION_APPROVED', 'EXTENSION_REJECTED', 'EXTENSION_GRANTED'];

export function pendingExtensionAfter({
  action,
  status,
  ended,
  actor,
  deadline,
  at,
}: {
  action: string;
  status: RequestStatus;
  ended?: boolean;
  /** `contact:<email>` for a contact's request. */
  actor?: string;
  /** The date asked for (ISO), from the audit detail. */
  deadline?: unknown;
  at: Date;
}): PendingExtensionChange {
  if (action === 'EXTENSION_REQUESTED') {
    return {
      extensionRequestedAt: at,
      extensionRequestedDeadline: typeof deadline === 'string' ? deadline.slice(0, 10) : null,
      extensionRequestedBy: actor?.startsWith('contact:') ? actor.slice('contact:'.length) : (actor ?? null),
    };
  }
  if (ANSWERS.includes(action) || ended || SETTLED.includes(status)) return CLEARED;
  return {};
}

/** An extension decision moves the deadline through its own write: it answers the request too. */
export const answeredExtension = () => CLEARED;

/**
 * Emails whose refusal means the institution did not get what it must act on (the request, reminders,
 * escalations, decisions): not the secretariat's own notices (extension requests, attention).
 */
export function isToInstitution(kind: EmailKind | string): boolean {
  return kind !== 'EXTENSION_REQUESTED' && kind !== 'ATTENTION' && kind !== 'DELIVERY_FAILURE';
}

/** Longest failure text kept on the request row. */
export const DELIVERY_FAILURE_MAX = 500;
