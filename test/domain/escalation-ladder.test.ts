import { escalationLadder } from '../../domain/escalation-ladder';
import { DEFAULT_REPORTING_POLICY, parseReportingPolicy } from '../../domain/reporting-policy';

describe('escalationLadder', () => {
  it('reads the default policy as the emails follow it: 0 primary (+ alternate), 1 at +3, 2 at +10, 3 at +20, cut-off at +30', () => {
    expect(escalationLadder(DEFAULT_REPORTING_POLICY)).toEqual({
      rungs: [
        { level: 0, to: ['PRIMARY'], cc: ['ALTERNATE'], businessDaysAfter: null },
        { level: 1, to: ['PRIMARY', 'ALTERNATE'], cc: [], businessDaysAfter: 3 },
        { level: 2, to: ['LIAISON_HEAD'], cc: ['PRIMARY'], businessDaysAfter: 10 },
        { level: 3, to: ['SECRETARIAT'], cc: ['PRIMARY'], businessDaysAfter: 20 },
      ],
      cutoffBusinessDaysAfter: 30,
      reminderBusinessDaysBefore: [10, 5, 1],
      reminderOnDeadlineDay: true,
    });
  });

  it('leaves out disabled levels and follows changed days and recipients', () => {
    const policy = parseReportingPolicy({
      reminders: { businessDaysBefore: [1, 15], onDeadlineDay: false },
      escalation: { level2: { enabled: false }, level3: { businessDaysAfter: 12, recipients: ['SECRETARIAT', 'CONTACT'] } },
      cutoffBusinessDaysAfter: 25,
    });
    const ladder = escalationLadder(policy);
    expect(ladder.rungs.map((r) => [r.level, r.to, r.cc, r.businessDaysAfter])).toEqual([
      [0, ['PRIMARY'], ['ALTERNATE'], null],
      [1, ['PRIMARY', 'ALTERNATE'], [], 3],
      [3, ['SECRETARIAT', 'PRIMARY'], [], 12],
    ]);
    expect(ladder).toMatchObject({ cutoffBusinessDaysAfter: 25, reminderBusinessDaysBefore: [15, 1], reminderOnDeadlineDay: false });
  });
});
