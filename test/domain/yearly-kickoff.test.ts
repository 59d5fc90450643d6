import { createBusinessCalendar } from '../../domain/business-calendar';
import { kickoffDeadline, kickoffOfCycle, yearlyKickoff } from '../../domain/yearly-kickoff';

const calendar = createBusinessCalendar();

describe('yearlyKickoff', () => {
  it('opens the previous year on the 2nd business day of January at 09:00 Mexico City (1 January a Friday, 2 January a Saturday)', () => {
    // 2027: Fri 1 Jan New Year's Day, Sat 2, Sun 3, Mon 4 (1st business day), Tue 5 (2nd).
    expect(yearlyKickoff({ scheduledAt: '2027-01-02T15:00:00.000Z', calendar })).toEqual({ year: 2026, date: '2027-01-05', at: '2027-01-05T15:00:00.000Z' });
  });

  it('counts the day after New Year when it is a weekday (2026: Fri 2 January is the 1st business day)', () => {
    expect(yearlyKickoff({ scheduledAt: '2026-01-02T15:00:00.000Z', calendar })).toEqual({ year: 2025, date: '2026-01-05', at: '2026-01-05T15:00:00.000Z' });
    expect(yearlyKickoff({ scheduledAt: '2026-01-02T15:00:00.000Z', calendar, businessDay: 1 }).date).toBe('2026-01-02');
  });

  it("counts the secretariat's extra holidays", () => {
    const withBridge = createBusinessCalendar({ extraHolidays: ['2027-01-04'] });
    expect(yearlyKickoff({ scheduledAt: '2027-01-02T15:00:00.000Z', calendar: withBridge })).toMatchObject({ date: '2027-01-06', at: '2027-01-06T15:00:00.000Z' });
  });

  it('reads the firing year in Mexico City, not in UTC', () => {
    // 1 January 2027 05:30 UTC is still 31 December 2026 in Mexico City: a firing of 2026, so cycle 2025.
    expect(yearlyKickoff({ scheduledAt: '2027-01-01T05:30:00.000Z', calendar }).year).toBe(2025);
    expect(yearlyKickoff({ scheduledAt: '2027-01-01T06:30:00.000Z', calendar }).year).toBe(2026);
  });

  it('gives a day already past for a trigger later in the year (the kickoff then opens at once)', () => {
    expect(yearlyKickoff({ scheduledAt: '2026-12-01T18:00:00.000Z', calendar, time: '10:30' })).toEqual({ year: 2025, date: '2026-01-05', at: '2026-01-05T16:30:00.000Z' });
  });

  it('kickoffOfCycle names the cycle year directly (a backfill)', () => {
    expect(kickoffOfCycle({ year: 2026, calendar })).toEqual({ year: 2026, date: '2027-01-05', at: '2027-01-05T15:00:00.000Z' });
    expect(() => kickoffOfCycle({ year: 2026, calendar, businessDay: 0 })).toThrow(RangeError);
  });
});

describe('kickoffDeadline', () => {
  it('counts business days from the day the cycle opens (Constitution Day, Mon 1 February 2027, does not count)', () => {
    // From Tue 5 Jan 2027: 6–8 (3), 11–15 (8), 18–22 (13), 25–29 (18), Mon 1 Feb holiday, Tue 2 (19), Wed 3 (20).
    expect(kickoffDeadline({ openedAt: '2027-01-05T15:00:00.000Z', calendar })).toBe('2027-02-03');
    expect(kickoffDeadline({ openedAt: '2027-01-05T15:00:00.000Z', calendar, businessDays: 1 })).toBe('2027-01-06');
  });

  it('counts from the local date in Mexico City (late evening is still that day)', () => {
    // Fri 8 Jan 2027 23:30 local = Sat 9 Jan 05:30 UTC: the next business day is Mon 11.
    expect(kickoffDeadline({ openedAt: '2027-01-09T05:30:00.000Z', calendar, businessDays: 1 })).toBe('2027-01-11');
  });
});
