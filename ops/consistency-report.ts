/**
 * What the consistency check (ops/check-consistency.ts) reports. Pure types and constants.
 */

/**
 * Kinds of disagreement between Temporal (the process) and PostgreSQL (the record). Each applies to a
 * request workflow (`request/<year>/<code>`) and, where it says so, to a cycle workflow (`cycle/<year>`).
 */
export const ConsistencyProblemKind = {
  /** The request's `statusQuery` status differs from `DataRequest.status`, still after a re-check. */
  STATUS_MISMATCH: 'STATUS_MISMATCH',
  /**
   * The record is open (request: `endedAt` null; cycle: status OPEN) but its workflow does not run: it
   * completed, failed, was terminated, timed out, or does not exist.
   */
  WORKFLOW_NOT_RUNNING: 'WORKFLOW_NOT_RUNNING',
  /** The record says ended (request) or CLOSED (cycle) for longer than the grace, but the workflow still runs. */
  WORKFLOW_STILL_RUNNING: 'WORKFLOW_STILL_RUNNING',
  /** The record is ended or closed, and its workflow failed, was terminated, cancelled or timed out. */
  WORKFLOW_ENDED_BADLY: 'WORKFLOW_ENDED_BADLY',
  /** A pending activity is on an attempt above the threshold (requests and cycles). */
  ACTIVITY_RETRYING: 'ACTIVITY_RETRYING',
  /** The pending workflow task is on attempt 2 or more: the workflow code fails (requests and cycles). */
  WORKFLOW_TASK_FAILING: 'WORKFLOW_TASK_FAILING',
  /** The workflow could not be read: its status query (or describe) failed or timed out. */
  QUERY_FAILED: 'QUERY_FAILED',
  /**
   * Something the request owed (an email, a record update) exhausted its retries: the row is flagged
   * (`attentionAt`) and the secretariat was emailed. Cleared by a successful resend.
   */
  NEEDS_ATTENTION: 'NEEDS_ATTENTION',
} as const;
export type ConsistencyProblemKind = (typeof ConsistencyProblemKind)[keyof typeof ConsistencyProblemKind];

/** One disagreement, named by the workflow id (which carries the business key). */
export interface ConsistencyProblem {
  workflowId: string;
  kind: ConsistencyProblemKind;
  /** One line a person can act on: what each side says. */
  detail: string;
}

/** The outcome of one run of the check. */
export interface ConsistencyReport {
  /** Open requests (`endedAt` null) whose workflow was described and queried. */
  checked: number;
  /** Ended requests described (only when asked for, see `includeEnded`). */
  checkedEnded: number;
  /** Reporting cycles described. */
  cycles: number;
  /** Sorted by workflow id, then kind. Empty when the two sides agree. */
  problems: ConsistencyProblem[];
}
