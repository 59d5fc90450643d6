import { formatConsistencyReport } from '../../ops/format-consistency-report';

describe('formatConsistencyReport', () => {
  it('says what was checked when both sides agree', () => {
    expect(formatConsistencyReport({ report: { checked: 1, checkedEnded: 0, cycles: 1, problems: [] } })).toBe('consistent: 1 open request checked (1 cycle)');
    expect(formatConsistencyReport({ report: { checked: 12_000, checkedEnded: 40, cycles: 2, problems: [] } })).toBe(
      'consistent: 12000 open requests checked (2 cycles, 40 ended requests)',
    );
  });

  it('lists problems as a table with aligned columns', () => {
    const text = formatConsistencyReport({
      report: {
        checked: 3,
        checkedEnded: 0,
        cycles: 1,
        problems: [
          { workflowId: 'cycle/2051', kind: 'WORKFLOW_STILL_RUNNING', detail: 'cycle 2051 is CLOSED in the record since 2051-01-01T00:00:00.000Z but its workflow is still running' },
          { workflowId: 'request/2051/SEDENA', kind: 'STATUS_MISMATCH', detail: 'workflow says REQUESTED, record says DRAFT' },
        ],
      },
    });
    expect(text.split('\n')).toEqual([
      'inconsistent: 2 problems; 3 open requests checked (1 cycle)',
      'KIND                    WORKFLOW             DETAIL',
      'WORKFLOW_STILL_RUNNING  cycle/2051           cycle 2051 is CLOSED in the record since 2051-01-01T00:00:00.000Z but its workflow is still running',
      'STATUS_MISMATCH         request/2051/SEDENA  workflow says REQUESTED, record says DRAFT',
    ]);
  });
});
