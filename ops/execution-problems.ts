import { ConsistencyProblemKind, type ConsistencyProblem } from './consistency-report';

/**
 * The parts of a `DescribeWorkflowExecutionResponse` (`(await handle.describe()).raw`) this check reads.
 * Structural, so the real gRPC response fits and a test can fabricate one.
 */
export interface DescribedPendingWork {
  pendingActivities?: ReadonlyArray<{
    activityId?: string | null;
    activityType?: { name?: string | null } | null;
    attempt?: number | null;
    maximumAttempts?: number | null;
    paused?: boolean | null;
    lastFailure?: { message?: string | null } | null;
  }> | null;
  pendingWorkflowTask?: { attempt?: number | null } | null;
}

/** Failure messages are cut to this length: a stack or an SMTP transcript does not belong in a table row. */
const MAX_MESSAGE = 200;

/**
 * Problems visible in one workflow's description, without any other call:
 * - `ACTIVITY_RETRYING` for each pending activity whose `attempt` is above `maxActivityAttempts`, naming
 *   the activity type, the attempt, and the last failure's message. `attempt` is the attempt running or
 *   waiting to run, so after two failures it is 3. Our activities retry without limit (transient faults
 *   wait them out), so a high attempt is what an operator needs to see; a paused activity says so.
 * - `WORKFLOW_TASK_FAILING` when the pending workflow task is on attempt 2 or more: a workflow task is
 *   only retried after it failed (workflow code threw, nondeterminism, unknown workflow type), and the
 *   server retries it forever while the workflow makes no progress. Describe does not carry the cause;
 *   `workflowTaskFailure`, when the caller found it in the history, is appended.
 */
export function executionProblems({
  workflowId,
  described,
  maxActivityAttempts,
  workflowTaskFailure,
}: {
  workflowId: string;
  described: DescribedPendingWork;
  /** Attempts an activity may take before it is reported (3 means attempt 4 is reported). */
  maxActivityAttempts: number;
  /** The last `WorkflowTaskFailed` event's message, if the caller looked it up. */
  workflowTaskFailure?: string;
}): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = [];
  for (const activity of described.pendingActivities ?? []) {
    const attempt = activity.attempt ?? 0;
    if (attempt <= maxActivityAttempts) continue;
    const name = activity.activityType?.name || `activity ${activity.activityId ?? '?'}`;
    const limit = activity.maximumAttempts ? ` of ${activity.maximumAttempts}` : '';
    const failure = activity.lastFailure?.message ? `; last failure: ${cut(activity.lastFailure.message)}` : '';
    problems.push({
      workflowId,
      kind: ConsistencyProblemKind.ACTIVITY_RETRYING,
      detail: `${name} is on attempt ${attempt}${limit}${activity.paused ? ' (paused)' : ''}${failure}`,
    });
  }
  const taskAttempt = described.pendingWorkflowTask?.attempt ?? 0;
  if (taskAttempt > 1) {
    problems.push({
      workflowId,
      kind: ConsistencyProblemKind.WORKFLOW_TASK_FAILING,
      detail: `workflow task on attempt ${taskAttempt}${workflowTaskFailure ? `; last failure: ${cut(workflowTaskFailure)}` : ''}`,
    });
  }
  return problems;
}

function cut(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
