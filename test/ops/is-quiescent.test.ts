import { isQuiescent } from '../../ops/is-quiescent';

describe('isQuiescent (a described workflow at rest)', () => {
  it('is at rest with nothing pending: waiting on a timer or a message', () => {
    expect(isQuiescent({ described: { pendingActivities: [], pendingWorkflowTask: null } })).toBe(true);
    expect(isQuiescent({ described: {} })).toBe(true);
  });

  it('is busy with an activity pending (a record write on its way) or a workflow task pending (a result not yet applied)', () => {
    expect(isQuiescent({ described: { pendingActivities: [{ activityType: { name: 'setRequestStatus' }, attempt: 1 }], pendingWorkflowTask: null } })).toBe(false);
    expect(isQuiescent({ described: { pendingActivities: [], pendingWorkflowTask: { attempt: 1 } } })).toBe(false);
  });
});
