import { AppError } from '../../domain/app-error';
import { createBusinessCalendar } from '../../domain/business-calendar';
import {
  computeCorrectionWindowEnd,
  computeTimeline,
  nextStep,
  type TTimeline,
  type TTimelineStep,
} from '../../domain/compute-timeline';
import { DEFAULT_REPORTING_POLICY, mergePolicy, parseReportingPolicy } from '../../domain/reporting-policy';

const calendar = createBusinessCalendar({});
const policy = DEFAULT_REPORTING_POLICY;

/** Cycle opened Monday 3 February 2025, 10:00 Mexico City (a holiday, but the secretariat works). */
const OPENED_AT = '2025-02-03T16:00:00.000Z';

const keysOf = (t: TTimeline) => t.steps.map((s) => s.key);
const byKey = (t: TTimeline, key: string): TTimelineStep => {
  const step = t.steps.find((s) => s.key === key);
  if (!step) throw new Error(`no step ${key} in ${keysOf(t).join(', ')}`);
  return step;
};
const datesOf = (t: TTimeline) => Object.fromEntries(t.steps.map((s) => [s.key, s.date]));

describe('computeTimeline with the default policy', () => {
  const timeline = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar });

  it('gives every step, in order, at 09:00 or end of day Mexico City time', () => {
    expect(timeline).toEqual({
      zone: 'America/Mexico_City',
      requestedDeadlineDate: '2025-03-14',
      deadlineDate: '2025-03-14',
      deadlineAt: '2025-03-15T05:59:59.999Z',
      cutoffDate: '2025-04-28',
      cutoffAt: '2025-04-29T05:59:59.999Z',
      steps: [
        { kind: 'REQUEST', key: 'request', at: '2025-02-03T16:00:00.000Z', date: '2025-02-03', businessDaysFromDeadline: -29 },
        { kind: 'REMINDER', key: 'reminder-10', at: '2025-02-28T15:00:00.000Z', date: '2025-02-28', businessDaysFromDeadline: -10 },
        { kind: 'REMINDER', key: 'reminder-5', at: '2025-03-07T15:00:00.000Z', date: '2025-03-07', businessDaysFromDeadline: -5 },
        { kind: 'REMINDER', key: 'reminder-1', at: '2025-03-13T15:00:00.000Z', date: '2025-03-13', businessDaysFromDeadline: -1 },
        { kind: 'REMINDER', key: 'reminder-0', at: '2025-03-14T15:00:00.000Z', date: '2025-03-14', businessDaysFromDeadline: 0 },
        { kind: 'DEADLINE', key: 'deadline', at: '2025-03-15T05:59:59.999Z', date: '2025-03-14', businessDaysFromDeadline: 0 },
        {
          kind: 'ESCALATION',
          key: 'escalation-1',
          at: '2025-03-20T15:00:00.000Z', // +3: 18, 19, 20 (17 March is a holiday)
          date: '2025-03-20',
          businessDaysFromDeadline: 3,
          level: 1,
          recipients: ['CONTACT', 'ALTERNATE'],
        },
        {
          kind: 'ESCALATION',
          key: 'escalation-2',
          at: '2025-03-31T15:00:00.000Z',
          date: '2025-03-31',
          businessDaysFromDeadline: 10,
          level: 2,
          recipients: ['LIAISON_HEAD'],
        },
        {
          kind: 'ESCALATION',
          key: 'escalation-3',
          at: '2025-04-14T15:00:00.000Z',
          date: '2025-04-14',
          businessDaysFromDeadline: 20,
          level: 3,
          recipients: ['SECRETARIAT'],
        },
        { kind: 'CUTOFF', key: 'cutoff', at: '2025-04-29T05:59:59.999Z', date: '2025-04-28', businessDaysFromDeadline: 30 },
      ],
    });
  });

  it('puts every step but the request on a business day', () => {
    for (const step of timeline.steps.slice(1)) expect(calendar.isBusinessDay(step.date)).toBe(true);
  });

  it('accepts extra holidays and a zone instead of a calendar', () => {
    expect(computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14', extraHolidays: [], zone: 'America/Mexico_City' })).toEqual(timeline);
    expect(computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14' })).toEqual(timeline);
  });

  it('accepts openedAt with any offset and returns canonical UTC instants', () => {
    const t = computeTimeline({ policy, openedAt: '2025-02-03T10:00:00-06:00', deadlineDate: '2025-03-14', calendar });
    expect(t.steps[0].at).toBe('2025-02-03T16:00:00.000Z');
  });
});

describe('a deadline that is not a business day moves to the next business day', () => {
  it('on a holiday (Monday 17 March 2025) → Tuesday 18', () => {
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-17', calendar });
    expect(t.requestedDeadlineDate).toBe('2025-03-17');
    expect(t.deadlineDate).toBe('2025-03-18');
    expect(t.deadlineAt).toBe('2025-03-19T05:59:59.999Z');
    expect(byKey(t, 'reminder-1').date).toBe('2025-03-14'); // the Friday before the long weekend
    expect(byKey(t, 'reminder-0').date).toBe('2025-03-18');
    expect(byKey(t, 'escalation-1').date).toBe('2025-03-21');
  });

  it('on a Saturday before a holiday Monday (15 March 2025) → Tuesday 18', () => {
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-15', calendar });
    expect(t.deadlineDate).toBe('2025-03-18');
    expect(t.deadlineAt).toBe('2025-03-19T05:59:59.999Z');
  });

  it('on a plain weekend (Saturday 14 June 2025) → Monday 16', () => {
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-06-14', calendar });
    expect(t.deadlineDate).toBe('2025-06-16');
    expect(t.deadlineAt).toBe('2025-06-17T05:59:59.999Z');
    expect(byKey(t, 'reminder-1').date).toBe('2025-06-13');
  });

  it('on Christmas → 26 December', () => {
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-12-25', calendar });
    expect(t.deadlineDate).toBe('2025-12-26');
  });

  it('on a holiday the secretariat added (Holy Thursday 2025) → the Monday after', () => {
    const holyWeek = ['2025-04-17', '2025-04-18'];
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-04-17', extraHolidays: holyWeek });
    expect(t.deadlineDate).toBe('2025-04-21');
    expect(t.deadlineAt).toBe('2025-04-22T05:59:59.999Z');
    expect(byKey(t, 'reminder-1').date).toBe('2025-04-16');
    // Without the extra holidays the same date is a business day.
    expect(computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-04-17', calendar }).deadlineDate).toBe('2025-04-17');
  });
});

describe('month and year ends', () => {
  it('counts across the end of January into the first Monday of February', () => {
    const t = computeTimeline({ policy, openedAt: '2025-01-06T15:00:00.000Z', deadlineDate: '2025-01-31', calendar });
    expect(datesOf(t)).toEqual({
      request: '2025-01-06',
      'reminder-10': '2025-01-17',
      'reminder-5': '2025-01-24',
      'reminder-1': '2025-01-30',
      'reminder-0': '2025-01-31',
      deadline: '2025-01-31',
      'escalation-1': '2025-02-06', // 3 February is a holiday: 4, 5, 6
      'escalation-2': '2025-02-17',
      'escalation-3': '2025-03-03',
      cutoff: '2025-03-18', // 17 March is a holiday too
    });
  });

  it('counts a leap day', () => {
    const t = computeTimeline({ policy, openedAt: '2024-01-08T15:00:00.000Z', deadlineDate: '2024-02-29', calendar });
    expect(byKey(t, 'escalation-1').date).toBe('2024-03-05');
    expect(t.deadlineAt).toBe('2024-03-01T05:59:59.999Z');
  });

  it('counts across Christmas and New Year', () => {
    const t = computeTimeline({ policy, openedAt: '2025-11-03T15:00:00.000Z', deadlineDate: '2025-12-31', calendar });
    expect(t.deadlineAt).toBe('2026-01-01T05:59:59.999Z');
    expect(datesOf(t)).toEqual({
      request: '2025-11-03',
      'reminder-10': '2025-12-16',
      'reminder-5': '2025-12-23', // 25 December skipped
      'reminder-1': '2025-12-30',
      'reminder-0': '2025-12-31',
      deadline: '2025-12-31',
      'escalation-1': '2026-01-06', // 1 January skipped
      'escalation-2': '2026-01-15',
      'escalation-3': '2026-01-29',
      cutoff: '2026-02-13', // 2 February 2026 (Constitution Day) skipped
    });
    expect(t.cutoffAt).toBe('2026-02-14T05:59:59.999Z');
  });
});

describe('time zone', () => {
  it('keeps 09:00 = 15:00Z across April (no DST in Mexico City since 2022)', () => {
    const t = computeTimeline({ policy, openedAt: '2026-03-02T15:00:00.000Z', deadlineDate: '2026-04-10', calendar });
    for (const step of t.steps.slice(1)) {
      expect(step.at).toMatch(step.kind === 'DEADLINE' || step.kind === 'CUTOFF' ? /T05:59:59\.999Z$/ : /T15:00:00\.000Z$/);
    }
  });

  it('uses the IANA zone, so a 2022 summer timeline was an hour earlier in UTC', () => {
    const t = computeTimeline({ policy, openedAt: '2022-05-02T15:00:00.000Z', deadlineDate: '2022-06-15', calendar });
    expect(byKey(t, 'reminder-0').at).toBe('2022-06-15T14:00:00.000Z');
    expect(t.deadlineAt).toBe('2022-06-16T04:59:59.999Z');
  });

  it('follows the policy’s send time', () => {
    const t = computeTimeline({ policy: parseReportingPolicy({ sendTime: '08:30' }), openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar });
    expect(byKey(t, 'reminder-5').at).toBe('2025-03-07T14:30:00.000Z');
    expect(t.deadlineAt).toBe('2025-03-15T05:59:59.999Z');
  });
});

describe('reminders and the request', () => {
  it('drops reminders before the request when the cycle opens late, but keeps the request first', () => {
    const t = computeTimeline({ policy, openedAt: '2025-03-10T16:00:00.000Z', deadlineDate: '2025-03-14', calendar });
    expect(keysOf(t)).toEqual(['request', 'reminder-1', 'reminder-0', 'deadline', 'escalation-1', 'escalation-2', 'escalation-3', 'cutoff']);
    expect(t.steps[0]).toEqual({ kind: 'REQUEST', key: 'request', at: '2025-03-10T16:00:00.000Z', date: '2025-03-10', businessDaysFromDeadline: -4 });
  });

  it('drops a reminder on the day of the request, even one later that day', () => {
    // Opened Friday 7 March at 08:00; reminder-5 would go out at 09:00 the same day.
    const t = computeTimeline({ policy, openedAt: '2025-03-07T14:00:00.000Z', deadlineDate: '2025-03-14', calendar });
    expect(keysOf(t).slice(0, 3)).toEqual(['request', 'reminder-1', 'reminder-0']);
  });

  it('keeps only the request and the later steps when the cycle opens on the deadline day', () => {
    const t = computeTimeline({ policy, openedAt: '2025-03-14T16:00:00.000Z', deadlineDate: '2025-03-14', calendar });
    expect(keysOf(t)).toEqual(['request', 'deadline', 'escalation-1', 'escalation-2', 'escalation-3', 'cutoff']);
    expect(t.steps[0].businessDaysFromDeadline).toBe(0);
  });

  it('rejects a deadline that ends before the request is sent', () => {
    const late = () => computeTimeline({ policy, openedAt: '2025-03-15T06:00:00.000Z', deadlineDate: '2025-03-14', calendar });
    expect(late).toThrow(AppError);
    expect(late).toThrow('The deadline (2025-03-14, end of day) must be after the request is sent (2025-03-15T06:00:00.000Z)');
  });

  it('rejects instants without an offset and malformed dates', () => {
    expect(() => computeTimeline({ policy, openedAt: '2025-02-03T10:00:00', deadlineDate: '2025-03-14', calendar })).toThrow(
      'openedAt must be an ISO instant with an offset',
    );
    expect(() => computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '14/03/2025', calendar })).toThrow('must be a date yyyy-MM-dd');
  });
});

describe('policy variations', () => {
  it('sends no deadline-day reminder when the policy says so', () => {
    const t = computeTimeline({
      policy: parseReportingPolicy({ reminders: { onDeadlineDay: false } }),
      openedAt: OPENED_AT,
      deadlineDate: '2025-03-14',
      calendar,
    });
    expect(keysOf(t)).not.toContain('reminder-0');
  });

  it('orders reminder days given in any order, and skips disabled escalation levels', () => {
    const custom = mergePolicy({
      base: policy,
      override: { reminders: { businessDaysBefore: [2, 15] }, escalation: { level2: { enabled: false } }, cutoffBusinessDaysAfter: 25 },
    });
    const t = computeTimeline({ policy: custom, openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar });
    expect(keysOf(t)).toEqual(['request', 'reminder-15', 'reminder-2', 'reminder-0', 'deadline', 'escalation-1', 'escalation-3', 'cutoff']);
    expect(byKey(t, 'cutoff').businessDaysFromDeadline).toBe(25);
  });

  it('satisfies its invariants for every deadline date of 2025', () => {
    for (let day = 0; day < 365; day++) {
      const requested = new Date(Date.UTC(2025, 0, 20 + day)).toISOString().slice(0, 10);
      const t = computeTimeline({ policy, openedAt: '2025-01-02T15:00:00.000Z', deadlineDate: requested, calendar });
      expect(calendar.isBusinessDay(t.deadlineDate)).toBe(true);
      expect(t.deadlineDate >= requested).toBe(true);
      expect(t.steps[0].key).toBe('request');
      expect(t.steps[t.steps.length - 1].key).toBe('cutoff');
      for (let i = 1; i < t.steps.length; i++) {
        const step = t.steps[i];
        expect(step.at > t.steps[i - 1].at).toBe(true);
        expect(calendar.isBusinessDay(step.date)).toBe(true);
        expect(calendar.dateOf(step.at)).toBe(step.date);
        expect(calendar.businessDaysBetween(t.deadlineDate, step.date)).toBe(step.businessDaysFromDeadline);
      }
    }
  });
});

describe('an extension moves the deadline', () => {
  const original = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar });
  // Granted Thursday 13 March at 13:00, to Friday 28 March.
  const GRANTED_AT = '2025-03-13T19:00:00.000Z';
  const extended = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-28', calendar, recomputedAt: GRANTED_AT });

  it('recomputes every step from the new deadline, under the same keys', () => {
    expect(extended.deadlineAt).toBe('2025-03-29T05:59:59.999Z');
    expect(byKey(extended, 'reminder-5').at).toBe('2025-03-21T15:00:00.000Z');
    expect(byKey(original, 'reminder-5').at).toBe('2025-03-07T15:00:00.000Z');
    expect(byKey(extended, 'escalation-1').date).toBe('2025-04-02');
    expect(byKey(extended, 'request')).toEqual({ ...byKey(original, 'request'), businessDaysFromDeadline: -38 });
  });

  it('drops reminders dated on or before the day of the extension', () => {
    // reminder-10 of the new deadline would be 13 March, the day the extension was granted.
    expect(keysOf(extended)).toEqual(['request', 'reminder-5', 'reminder-1', 'reminder-0', 'deadline', 'escalation-1', 'escalation-2', 'escalation-3', 'cutoff']);
    const grantedDayBefore = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-28', calendar, recomputedAt: '2025-03-12T19:00:00.000Z' });
    expect(byKey(grantedDayBefore, 'reminder-10').date).toBe('2025-03-13');
  });

  it('drops every reminder when recomputed after the deadline (a policy change on an overdue request)', () => {
    const t = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar, recomputedAt: '2025-03-20T18:00:00.000Z' });
    expect(keysOf(t)).toEqual(['request', 'deadline', 'escalation-1', 'escalation-2', 'escalation-3', 'cutoff']);
    expect(t.deadlineAt).toBe(original.deadlineAt);
    const done = ['request', 'reminder-10', 'reminder-5', 'reminder-1', 'reminder-0', 'deadline', 'escalation-1'];
    expect(nextStep({ timeline: t, now: '2025-03-20T18:00:00.000Z', doneKeys: done })?.step.key).toBe('escalation-2');
  });

  it('makes the new reminders due again once progress starts over from the request', () => {
    const next = nextStep({ timeline: extended, now: GRANTED_AT, doneKeys: ['request'] });
    expect(next).toEqual({ step: byKey(extended, 'reminder-5'), due: false, skipped: [] });
  });
});

describe('nextStep', () => {
  const timeline = computeTimeline({ policy, openedAt: OPENED_AT, deadlineDate: '2025-03-14', calendar });
  const keys = (steps: { key: string }[]) => steps.map((s) => s.key);

  it('starts with the request, due as soon as the cycle opens', () => {
    expect(nextStep({ timeline, now: OPENED_AT, doneKeys: [] })).toEqual({ step: byKey(timeline, 'request'), due: true, skipped: [] });
  });

  it('never skips the request, however late', () => {
    const next = nextStep({ timeline, now: '2025-04-01T00:00:00.000Z', doneKeys: [] });
    expect(next?.step.key).toBe('request');
    expect(next?.due).toBe(true);
  });

  it('returns the next future step, not due yet', () => {
    expect(nextStep({ timeline, now: '2025-02-10T00:00:00.000Z', doneKeys: ['request'] })).toEqual({
      step: byKey(timeline, 'reminder-10'),
      due: false,
      skipped: [],
    });
  });

  it('still sends a reminder when the timer fires late', () => {
    const next = nextStep({ timeline, now: '2025-02-28T15:05:00.000Z', doneKeys: ['request'] });
    expect(next?.step.key).toBe('reminder-10');
    expect(next?.due).toBe(true);
  });

  it('after an outage sends only the latest reminder whose time has come', () => {
    const next = nextStep({ timeline, now: '2025-03-13T20:00:00.000Z', doneKeys: ['request'] });
    expect(next?.step.key).toBe('reminder-1');
    expect(next?.due).toBe(true);
    expect(keys(next!.skipped)).toEqual(['reminder-10', 'reminder-5']);
  });

  it('keeps skipping a stale step even when the workflow did not record it', () => {
    const next = nextStep({ timeline, now: '2025-03-13T20:00:00.000Z', doneKeys: ['request', 'reminder-1'] });
    expect(next?.step.key).toBe('reminder-0');
    expect(next?.due).toBe(false);
    expect(keys(next!.skipped)).toEqual(['reminder-10', 'reminder-5']);
  });

  it('sends no "deadline today" reminder after the deadline; the deadline itself is due', () => {
    const next = nextStep({ timeline, now: '2025-03-15T07:00:00.000Z', doneKeys: ['request', 'reminder-10', 'reminder-5', 'reminder-1'] });
    expect(next?.step.key).toBe('deadline');
    expect(next?.due).toBe(true);
    expect(keys(next!.skipped)).toEqual(['reminder-0']);
  });

  it('never skips the deadline, even once the first escalation’s time has come', () => {
    const done = ['request', 'reminder-10', 'reminder-5', 'reminder-1', 'reminder-0'];
    const next = nextStep({ timeline, now: '2025-03-21T15:00:00.000Z', doneKeys: done });
    expect(next?.step.key).toBe('deadline');
    expect(next?.skipped).toEqual([]);
    expect(nextStep({ timeline, now: '2025-03-21T15:00:00.000Z', doneKeys: [...done, 'deadline'] })?.step.key).toBe('escalation-1');
  });

  it('sends one escalation, the latest, when a refused extension leaves levels 1 and 2 past', () => {
    const done = ['request', 'reminder-10', 'reminder-5', 'reminder-1', 'reminder-0', 'deadline'];
    const now = '2025-04-01T16:00:00.000Z'; // escalation-1 was due 20 March, escalation-2 on 31 March
    const next = nextStep({ timeline, now, doneKeys: done });
    expect(next?.step.key).toBe('escalation-2');
    expect(next?.due).toBe(true);
    expect(keys(next!.skipped)).toEqual(['escalation-1']);
    const after = nextStep({ timeline, now, doneKeys: [...done, 'escalation-2'] });
    expect(after?.step.key).toBe('escalation-3');
    expect(after?.due).toBe(false);
  });

  it('never skips the cut-off, and sends no escalation after it', () => {
    const done = ['request', 'reminder-10', 'reminder-5', 'reminder-1', 'reminder-0', 'deadline', 'escalation-1', 'escalation-2'];
    const next = nextStep({ timeline, now: '2025-05-05T15:00:00.000Z', doneKeys: new Set(done) });
    expect(next?.step.key).toBe('cutoff');
    expect(next?.due).toBe(true);
    expect(keys(next!.skipped)).toEqual(['escalation-3']);
  });

  it('returns null when every step is done or skipped', () => {
    expect(nextStep({ timeline, now: '2025-05-05T15:00:00.000Z', doneKeys: keysOf(timeline) })).toBeNull();
    const allButStale = keysOf(timeline).filter((k) => k !== 'escalation-3');
    expect(nextStep({ timeline, now: '2025-05-05T15:00:00.000Z', doneKeys: allButStale })).toBeNull();
  });

  it('works on steps a workflow stored without their dates', () => {
    const steps = timeline.steps.map(({ kind, key, at }) => ({ kind, key, at }));
    const next = nextStep({ timeline: { steps }, now: '2025-03-13T20:00:00.000Z', doneKeys: ['request'] });
    expect(next).toEqual({ step: steps[3], due: true, skipped: [steps[1], steps[2]] });
  });

  it('rejects a `now` without an offset', () => {
    expect(() => nextStep({ timeline, now: '2025-03-13 20:00', doneKeys: [] })).toThrow('now must be an ISO instant with an offset');
  });
});

describe('computeCorrectionWindowEnd', () => {
  it('ends at the end of the 10th business day after the local day of submission', () => {
    // Friday 14 March, 12:00: 18, 19, 20, 21, 24, 25, 26, 27, 28, 31 (17 March is a holiday).
    expect(computeCorrectionWindowEnd({ policy, submittedAt: '2025-03-14T18:00:00.000Z', calendar })).toBe('2025-04-01T05:59:59.999Z');
  });

  it('counts from the local date (23:00 Friday in Mexico City is Saturday in UTC)', () => {
    expect(computeCorrectionWindowEnd({ policy, submittedAt: '2025-03-15T05:00:00.000Z', calendar })).toBe('2025-04-01T05:59:59.999Z');
  });

  it('honours extra holidays passed instead of a calendar', () => {
    expect(
      computeCorrectionWindowEnd({ policy: parseReportingPolicy({ correctionWindowBusinessDays: 1 }), submittedAt: '2025-04-16T18:00:00.000Z', extraHolidays: ['2025-04-17', '2025-04-18'] }),
    ).toBe('2025-04-22T05:59:59.999Z');
  });

  it('is null when the policy allows no corrections', () => {
    expect(computeCorrectionWindowEnd({ policy: parseReportingPolicy({ correctionWindowBusinessDays: 0 }), submittedAt: '2025-03-14T18:00:00.000Z', calendar })).toBeNull();
  });
});
