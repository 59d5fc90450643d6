import type { Client, WorkflowHandle } from '@temporalio/client';

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** The largest history a workflow run may reach in this project (see workflows/reporting-cycle.ts). */
export const HISTORY_EVENT_BOUND = 10_000;

export interface RunHistory {
  runId: string;
  /** Events in the run's history (so far, if it is still running). */
  events: number;
  /** How the run ended: `continuedAsNew`, `completed`, `failed`…; undefined while it runs. */
  closedBy?: string;
}

/**
 * Every run of `workflowId`, oldest first, with its history length. Walks back from the newest run through
 * each run's `WorkflowExecutionStarted.continuedExecutionRunId`, so it needs only `GetWorkflowExecutionHistory`
 * and works the same on the dev server and the Java time-skipping server (which has no visibility list).
 */
export async function workflowRuns({ client, workflowId, maxRuns = 1_000 }: { client: Client; workflowId: string; maxRuns?: number }): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId && runs.length < maxRuns) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    const last = events[events.length - 1];
    runs.unshift({ runId, events: events.length, closedBy: closeKind(last) });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

function closeKind(event: HistoryEvent | undefined): string | undefined {
  if (!event) return undefined;
  const kinds: Partial<Record<keyof HistoryEvent, string>> = {
    workflowExecutionCompletedEventAttributes: 'completed',
    workflowExecutionContinuedAsNewEventAttributes: 'continuedAsNew',
    workflowExecutionFailedEventAttributes: 'failed',
    workflowExecutionTimedOutEventAttributes: 'timedOut',
    workflowExecutionTerminatedEventAttributes: 'terminated',
    workflowExecutionCanceledEventAttributes: 'canceled',
  };
  return Object.entries(kinds).find(([key]) => event[key as keyof HistoryEvent] != null)?.[1];
}

/**
 * History length of the current run of each workflow (`DescribeWorkflowExecution`), `concurrency` calls at
 * a time. Returns the lengths in the order of `workflowIds`.
 */
export async function historyLengths({ client, workflowIds, concurrency = 32 }: { client: Client; workflowIds: readonly string[]; concurrency?: number }): Promise<number[]> {
  const lengths = new Array<number>(workflowIds.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, workflowIds.length) }, async () => {
      while (next < workflowIds.length) {
        const i = next++;
        lengths[i] = (await client.workflow.getHandle(workflowIds[i]).describe()).historyLength;
      }
    }),
  );
  return lengths;
}
