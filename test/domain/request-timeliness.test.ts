import { requestTimeliness, summarizeTimeliness } from '../../domain/request-timeliness';

const deadline = new Date('2026-01-31T05:59:59.999Z'); // 30 January 2026, 23:59:59.999 in Mexico City

describe('requestTimeliness', () => {
  it('compares a final report with the deadline in force, to the millisecond', () => {
    expect(requestTimeliness({ status: 'SUBMITTED', deadline, submittedAt: new Date('2026-01-31T05:59:59.999Z') })).toBe('ON_TIME');
    expect(requestTimeliness({ status: 'SUBMITTED', deadline, submittedAt: new Date('2026-01-31T06:00:00.000Z') })).toBe('LATE');
    // A request closed or exempted after its final report keeps the report's timeliness.
    expect(requestTimeliness({ status: 'CLOSED', deadline, submittedAt: new Date('2026-01-10T18:00:00Z') })).toBe('ON_TIME');
  });

  it('counts no report at the cut-off or at an early close as not reported; exempted and open apart', () => {
    expect(requestTimeliness({ status: 'NOT_REPORTED', deadline, submittedAt: null })).toBe('NOT_REPORTED');
    expect(requestTimeliness({ status: 'CLOSED', deadline, submittedAt: null })).toBe('NOT_REPORTED');
    expect(requestTimeliness({ status: 'EXEMPTED', deadline, submittedAt: null })).toBe('EXEMPTED');
    for (const status of ['PENDING', 'REQUESTED', 'DRAFT', 'OVERDUE']) expect(requestTimeliness({ status, deadline, submittedAt: null })).toBe('OPEN');
  });
});

describe('summarizeTimeliness', () => {
  it('gives the share on time of the requests that count, null while none does', () => {
    expect(summarizeTimeliness(['ON_TIME', 'LATE', 'NOT_REPORTED', 'ON_TIME', 'EXEMPTED', 'OPEN'])).toEqual({ onTime: 2, late: 1, notReported: 1, counted: 4, shareOnTime: 0.5 });
    expect(summarizeTimeliness(['OPEN', 'EXEMPTED'])).toEqual({ onTime: 0, late: 0, notReported: 0, counted: 0, shareOnTime: null });
  });
});
