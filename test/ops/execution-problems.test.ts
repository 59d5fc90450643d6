import type { WorkflowExecutionDescription } from '@temporalio/client';
import { executionProblems } from '../../ops/execution-problems';

const workflowId = 'request/2051/SEMAR';

/** A fabricated `DescribeWorkflowExecutionResponse`, shaped as the dev server answers for a request whose email keeps failing. */
const retrying = {
  pendingActivities: [
    {
      activityId: '1',
      activityType: { name: 'sendRequestEmail' },
      state: 1,
      attempt: 5,
      maximumAttempts: 0,
      lastFailure: { message: 'connect ECONNREFUSED 127.0.0.1:1025\n    at TCPConnectWrap.afterConnect', source: 'TypeScriptSDK' },
      lastWorkerIdentity: '4242@host',
      paused: false,
    },
    { activityId: '2', activityType: { name: 'setRequestStatus' }, state: 2, attempt: 1, maximumAttempts: 0, paused: false },
  ],
  pendingWorkflowTask: { state: 1, attempt: 1 },
} as unknown as WorkflowExecutionDescription['raw'];

describe('executionProblems (what a describe response shows)', () => {
  it('reports a pending activity above the attempt threshold with its type, attempt and last failure on one line', () => {
    expect(executionProblems({ workflowId, described: retrying, maxActivityAttempts: 3 })).toEqual([
      {
        workflowId,
        kind: 'ACTIVITY_RETRYING',
        detail: 'sendRequestEmail is on attempt 5; last failure: connect ECONNREFUSED 127.0.0.1:1025 at TCPConnectWrap.afterConnect',
      },
    ]);
  });

  it('stays quiet at or under the threshold, and on a healthy workflow', () => {
    expect(executionProblems({ workflowId, described: retrying, maxActivityAttempts: 5 })).toEqual([]);
    expect(executionProblems({ workflowId, described: { pendingActivities: [], pendingWorkflowTask: null }, maxActivityAttempts: 3 })).toEqual([]);
    expect(executionProblems({ workflowId, described: {}, maxActivityAttempts: 3 })).toEqual([]);
  });

  it('says when an activity is paused, and names one without a type by its id', () => {
    const described = { pendingActivities: [{ activityId: '7', attempt: 4, maximumAttempts: 10, paused: true, lastFailure: null }] };
    expect(executionProblems({ workflowId, described, maxActivityAttempts: 3 })).toEqual([
      { workflowId, kind: 'ACTIVITY_RETRYING', detail: 'activity 7 is on attempt 4 of 10 (paused)' },
    ]);
  });

  it('cuts a long failure message', () => {
    const described = { pendingActivities: [{ activityType: { name: 'recordSubmission' }, attempt: 9, lastFailure: { message: 'x'.repeat(500) } }] };
    const [problem] = executionProblems({ workflowId, described, maxActivityAttempts: 3 });
    expect(problem.detail.length).toBeLessThan(260);
    expect(problem.detail).toMatch(/x…$/);
  });

  it('reports a workflow task retried (attempt 2 or more), with the failure found in the history when given', () => {
    const described = { pendingActivities: [], pendingWorkflowTask: { state: 1, attempt: 3 } };
    expect(executionProblems({ workflowId, described, maxActivityAttempts: 3 })).toEqual([{ workflowId, kind: 'WORKFLOW_TASK_FAILING', detail: 'workflow task on attempt 3' }]);
    expect(executionProblems({ workflowId, described, maxActivityAttempts: 3, workflowTaskFailure: "Failed to initialize workflow of type 'institutionRequestV0'" })).toEqual([
      { workflowId, kind: 'WORKFLOW_TASK_FAILING', detail: "workflow task on attempt 3; last failure: Failed to initialize workflow of type 'institutionRequestV0'" },
    ]);
  });

  it('reports both when a workflow has both', () => {
    const described = { ...retrying, pendingWorkflowTask: { attempt: 2 } } as WorkflowExecutionDescription['raw'];
    expect(executionProblems({ workflowId, described, maxActivityAttempts: 1 }).map((p) => p.kind)).toEqual(['ACTIVITY_RETRYING', 'WORKFLOW_TASK_FAILING']);
  });
});
