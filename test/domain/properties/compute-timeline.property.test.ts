/**
 * Properties of a request's timeline (domain/compute-timeline) for any valid reporting policy (within the
 * bounds of ZReportingPolicy), any opening instant from 2008 to 2197, any deadline date and any extra
 * holidays, in America/Mexico_City. Deterministic: a fixed seed, fixed instants, no clock.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { AppError } from '../../../domain/app-error';
import { createBusinessCalendar } from '../../../domain/business-calendar';
import { computeCorrectionWindowEnd, computeTimeline, TimelineStepKind, type TTimeline } from '../../../domain/compute-timeline';
import { ESCALATION_LEVELS, RecipientRole, ZReportingPolicy, type TReportingPolicy } from '../../../domain/reporting-policy';
import { dateArb, dayOf, extraHolidaysNear, MS_PER_DAY, plusDays, timeArb } from './arbitraries';

fc.configureGlobal({ seed: 1325, numRuns: 200 });

/** The bounds of ZReportingPolicy (domain/reporting-policy.ts). */
const MAX_REMINDER_DAYS = 60;
const MAX_AFTER_DEADLINE_DAYS = 250;

const recipientsArb = fc.uniqueArray(fc.constantFrom(...Object.values(RecipientRole)), { minLength: 1, maxLength: 4 });

/**
 * A valid policy: reminders 1–60 business days before (at most 10, no repeats), escalation levels on
 * strictly increasing days among the enabled ones, the cut-off after the last enabled level, all within
 * 1–250. A disabled level keeps any days (they are not checked).
 */
const policyArb: fc.Arbitrary<TReportingPolicy> = fc
  .record({
    sendTime: timeArb,
    businessDaysBefore: fc.uniqueArray(fc.integer({ min: 1, max: MAX_REMINDER_DAYS }), { maxLength: 10 }),
    onDeadlineDay: fc.boolean(),
    increasing: fc.uniqueArray(fc.integer({ min: 1, max: MAX_AFTER_DEADLINE_DAYS }), { minLength: 4, maxLength: 4 }).map((days) => days.sort((a, b) => a - b)),
    levels: fc.tuple(
      ...ESCALATION_LEVELS.map(() => fc.record({ enabled: fc.boolean(), disabledDays: fc.integer({ min: 1, max: MAX_AFTER_DEADLINE_DAYS }), recipients: recipientsArb })),
    ),
    cutoffWithoutEscalation: fc.integer({ min: 1, max: MAX_AFTER_DEADLINE_DAYS }),
    correctionWindowBusinessDays: fc.integer({ min: 0, max: MAX_REMINDER_DAYS }),
  })
  .map(({ sendTime, businessDaysBefore, onDeadlineDay, increasing, levels, cutoffWithoutEscalation, correctionWindowBusinessDays }) => {
    const escalation = Object.fromEntries(
      levels.map(({ enabled, disabledDays, recipients }, i) => [`level${i + 1}`, { enabled, businessDaysAfter: enabled ? increasing[i] : disabledDays, recipients }]),
    );
    const anyEnabled = levels.some((l) => l.enabled);
    // Parsed, so that the generator itself is checked against the schema: an invalid policy fails loudly.
    return ZReportingPolicy.parse({
      sendTime,
      reminders: { businessDaysBefore, onDeadlineDay },
      escalation,
      cutoffBusinessDaysAfter: anyEnabled ? increasing[3] : cutoffWithoutEscalation,
      correctionWindowBusinessDays,
    });
  });

/**
 * An opening instant (any millisecond of a date from 2008 to 2197), a deadline from 3 days before its
 * date to 400 after (the few before test the refusal), sometimes an instant at which the timeline is
 * recomputed, and extra holidays around the deadline.
 */
const caseArb = fc
  .record({
    openedDate: dateArb,
    msIntoDay: fc.oneof(fc.integer({ min: 0, max: MS_PER_DAY - 1 }), fc.constantFrom(0, MS_PER_DAY - 1, 6 * 3_600_000 - 1, 6 * 3_600_000, 5 * 3_600_000)),
    deadlineOffset: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 90 }), weight: 3 }, { arbitrary: fc.integer({ min: -3, max: 400 }), weight: 1 }),
    recomputedOffsetMs: fc.option(fc.integer({ min: 0, max: 120 * MS_PER_DAY }), { nil: undefined }),
    policy: policyArb,
  })
  .chain((c) => {
    const openedAt = new Date(dayOf(c.openedDate) * MS_PER_DAY + c.msIntoDay).toISOString();
    const deadlineDate = plusDays(c.openedDate, c.deadlineOffset);
    const recomputedAt = c.recomputedOffsetMs === undefined ? undefined : new Date(Date.parse(openedAt) + c.recomputedOffsetMs).toISOString();
    return fc.record({
      policy: fc.constant(c.policy),
      openedAt: fc.constant(openedAt),
      deadlineDate: fc.constant(deadlineDate),
      recomputedAt: fc.constant(recomputedAt),
      extraHolidays: extraHolidaysNear(deadlineDate, 40),
    });
  });

type Case = { policy: TReportingPolicy; openedAt: string; deadlineDate: string; recomputedAt: string | undefined; extraHolidays: string[] };

/** The timeline of a case, or undefined when it is refused (and then the refusal is the documented one). */
function timelineOf(c: Case): TTimeline | undefined {
  const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
  const deadlineAt = calendar.endOfDay(calendar.businessDayOnOrAfter(c.deadlineDate));
  const input = { policy: c.policy, openedAt: c.openedAt, deadlineDate: c.deadlineDate, calendar, ...(c.recomputedAt ? { recomputedAt: c.recomputedAt } : {}) };
  if (deadlineAt <= c.openedAt) {
    expect(() => computeTimeline(input)).toThrow(AppError);
    return undefined;
  }
  return computeTimeline(input);
}

/**
 * The wall-clock time of `at` in Mexico City is exactly `sendTime` on `date`, DST years included: the
 * clocks changed at 02:00 on Sundays (until October 2022), and reminders and escalations fall on business
 * days, so none ever lands in a skipped or repeated hour.
 */
function expectWallClock(at: string, date: string, sendTime: string): void {
  const local = DateTime.fromISO(at, { zone: 'America/Mexico_City' });
  expect(`${local.toISODate()} ${local.toFormat('HH:mm:ss.SSS')}`).toBe(`${date} ${sendTime}:00.000`);
}

describe('computeTimeline, for any valid policy, opening and deadline', () => {
  it('is refused (AppError) exactly when the deadline does not end after the request; otherwise pure', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        // The same input gives the same output, whether the calendar is given or built from the holidays.
        const input = { policy: c.policy, openedAt: c.openedAt, deadlineDate: c.deadlineDate, ...(c.recomputedAt ? { recomputedAt: c.recomputedAt } : {}) };
        expect(computeTimeline({ ...input, extraHolidays: c.extraHolidays })).toEqual(timeline);
      }),
    );
  });

  it('orders the steps strictly by instant, request first, then reminders, deadline, escalations, cut-off last; keys unique', () => {
    const rank: Record<TimelineStepKind, number> = { REQUEST: 0, REMINDER: 1, DEADLINE: 2, ESCALATION: 3, CUTOFF: 4 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const { steps } = timeline;
        for (let i = 1; i < steps.length; i++) {
          expect(steps[i - 1].at < steps[i].at).toBe(true);
          expect(rank[steps[i - 1].kind] <= rank[steps[i].kind]).toBe(true);
        }
        expect(steps[0].kind).toBe(TimelineStepKind.REQUEST);
        expect(steps.at(-1)).toMatchObject({ kind: TimelineStepKind.CUTOFF, key: 'cutoff', at: timeline.cutoffAt, date: timeline.cutoffDate });
        expect(steps.filter((s) => s.kind === TimelineStepKind.DEADLINE)).toHaveLength(1);
        expect(new Set(steps.map((s) => s.key)).size).toBe(steps.length);
        for (const step of steps) expect(step.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
    );
  });

  it('puts every step but the request on a business day in Mexico City, and each step on the local date of its instant', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
        expect(timeline.zone).toBe('America/Mexico_City');
        for (const step of timeline.steps) {
          expect(calendar.dateOf(step.at)).toBe(step.date);
          if (step.kind !== TimelineStepKind.REQUEST) expect(calendar.isBusinessDay(step.date)).toBe(true);
        }
      }),
    );
  });

  it('ends the deadline at the end of the deadline date, or of the next business day when that date is not one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
        expect(timeline.requestedDeadlineDate).toBe(c.deadlineDate);
        expect(timeline.deadlineDate >= c.deadlineDate).toBe(true);
        expect(calendar.isBusinessDay(timeline.deadlineDate)).toBe(true);
        for (let d = c.deadlineDate; d < timeline.deadlineDate; d = plusDays(d, 1)) expect(calendar.isBusinessDay(d)).toBe(false);
        expect(timeline.deadlineAt).toBe(calendar.endOfDay(timeline.deadlineDate));
        const deadline = timeline.steps.find((s) => s.kind === TimelineStepKind.DEADLINE);
        expect(deadline).toMatchObject({ key: 'deadline', at: timeline.deadlineAt, date: timeline.deadlineDate, businessDaysFromDeadline: 0 });
        // 23:59:59.999 local: the next millisecond is the next calendar day.
        expect(calendar.dateOf(new Date(Date.parse(timeline.deadlineAt) + 1).toISOString())).toBe(plusDays(timeline.deadlineDate, 1));
      }),
    );
  });

  it('sends each configured reminder before the deadline at sendTime, n business days before it, unless on or before the day of the request (or recomputation)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
        const quietUntil = [c.openedAt, ...(c.recomputedAt ? [c.recomputedAt] : [])].map((at) => calendar.dateOf(at)).sort().at(-1)!;
        const configured = [...c.policy.reminders.businessDaysBefore, ...(c.policy.reminders.onDeadlineDay ? [0] : [])];
        const expected = configured
          .filter((n) => calendar.addBusinessDays(timeline.deadlineDate, -n) > quietUntil)
          .sort((a, b) => b - a)
          .map((n) => `reminder-${n}`);
        const reminders = timeline.steps.filter((s) => s.kind === TimelineStepKind.REMINDER);
        expect(reminders.map((s) => s.key)).toEqual(expected);
        for (const step of reminders) {
          const n = Number(step.key.slice('reminder-'.length));
          expect(step.at < timeline.deadlineAt).toBe(true);
          expect(step.at > timeline.steps[0].at).toBe(true);
          expect(step.date > quietUntil).toBe(true);
          expect(step.date).toBe(calendar.addBusinessDays(timeline.deadlineDate, -n));
          expect(step.at).toBe(calendar.instantAt(step.date, c.policy.sendTime));
          expectWallClock(step.at, step.date, c.policy.sendTime);
          expect(step.businessDaysFromDeadline).toBe(-n || 0);
          expect(calendar.businessDaysBetween(timeline.deadlineDate, step.date)).toBe(step.businessDaysFromDeadline);
        }
      }),
    );
  });

  it('sends each enabled escalation after the deadline and before the cut-off, to the policy\'s recipients, at sendTime (local) of its day; the cut-off at the end of its day', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
        const escalations = timeline.steps.filter((s) => s.kind === TimelineStepKind.ESCALATION);
        const enabled = ESCALATION_LEVELS.filter((level) => c.policy.escalation[`level${level}`].enabled);
        expect(escalations.map((s) => s.level)).toEqual(enabled);
        for (const step of escalations) {
          const level = c.policy.escalation[`level${step.level!}`];
          expect(step.key).toBe(`escalation-${step.level!}`);
          expect(step.at > timeline.deadlineAt).toBe(true);
          expect(step.at < timeline.cutoffAt).toBe(true);
          expect(step.recipients).toEqual(level.recipients);
          expect(step.businessDaysFromDeadline).toBe(level.businessDaysAfter);
          expect(calendar.businessDaysBetween(timeline.deadlineDate, step.date)).toBe(level.businessDaysAfter);
          expectWallClock(step.at, step.date, c.policy.sendTime);
        }
        expect(timeline.cutoffDate).toBe(calendar.addBusinessDays(timeline.deadlineDate, c.policy.cutoffBusinessDaysAfter));
        expect(timeline.cutoffAt).toBe(calendar.endOfDay(timeline.cutoffDate));
      }),
    );
  });

  it('measures the request from the deadline (zero or fewer business days)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const timeline = timelineOf(c);
        if (!timeline) return;
        const calendar = createBusinessCalendar({ extraHolidays: c.extraHolidays });
        const [request] = timeline.steps;
        expect(request).toMatchObject({ key: 'request', at: new Date(Date.parse(c.openedAt)).toISOString(), date: calendar.dateOf(c.openedAt) });
        expect(request.businessDaysFromDeadline).toBeLessThanOrEqual(0);
        expect(request.businessDaysFromDeadline).toBe(calendar.businessDaysBetween(timeline.deadlineDate, request.date));
      }),
    );
  });
});

describe('computeCorrectionWindowEnd', () => {
  it('ends at the end of the n-th business day after the day of the submission; null when n is 0', () => {
    fc.assert(
      fc.property(policyArb, dateArb, fc.integer({ min: 0, max: MS_PER_DAY - 1 }), fc.array(dateArb, { maxLength: 4 }), (policy, date, ms, extraHolidays) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        const submittedAt = new Date(dayOf(date) * MS_PER_DAY + ms).toISOString();
        const end = computeCorrectionWindowEnd({ policy, submittedAt, calendar });
        if (policy.correctionWindowBusinessDays === 0) {
          expect(end).toBeNull();
          return;
        }
        expect(end).not.toBeNull();
        const lastDay = calendar.dateOf(end!);
        expect(end).toBe(calendar.endOfDay(lastDay));
        expect(calendar.isBusinessDay(lastDay)).toBe(true);
        expect(calendar.businessDaysBetween(calendar.dateOf(submittedAt), lastDay)).toBe(policy.correctionWindowBusinessDays);
        expect(end! > submittedAt).toBe(true);
      }),
    );
  });
});
