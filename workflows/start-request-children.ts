import { ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { institutionRequest } from './institution-request';

/**
 * Starts one `institutionRequest` child per request (data requests of a cycle, review requests of a plan
 * review), abandoned when the parent ends (a request outlives a parent that continues as new), never twice:
 * a request already started by an earlier run is left alone.
 */
export async function startRequestChildren(requests: readonly { workflowId: string; dataRequestId: string; institutionCode: string }[], year: number): Promise<void> {
  await Promise.all(
    requests.map((r) =>
      startChild(institutionRequest, {
        workflowId: r.workflowId,
        args: [{ dataRequestId: r.dataRequestId, year, institutionCode: r.institutionCode }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }).catch((err: unknown) => {
        if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return undefined;
        throw err;
      }),
    ),
  );
}
