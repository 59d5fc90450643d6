/**
 * Properties of the business-day arithmetic (domain/business-calendar, domain/mexican-holidays), as their
 * TSDoc states them, for any date from 2008 to 2198 (biased towards New Year, rest days and Mexico City's
 * DST changes) and any extra holidays. Deterministic: a fixed seed, fixed instants, no clock.
 */
import fc from 'fast-check';
import { AppError } from '../../../domain/app-error';
import { createBusinessCalendar, normalizeInstant, parseInstant } from '../../../domain/business-calendar';
import { statutoryRestDays } from '../../../domain/mexican-holidays';
import { dateArb, dateOfDay, dayOf, extraHolidaysNear, isWeekday, MAX_STEP, MS_PER_DAY, plusDays, timeArb } from './arbitraries';

fc.configureGlobal({ seed: 1325, numRuns: 300 });

/** A start date and extra holidays around it. */
const calendarCase = dateArb.chain((date) => fc.record({ date: fc.constant(date), extraHolidays: extraHolidaysNear(date) }));
const stepArb = fc.integer({ min: -MAX_STEP, max: MAX_STEP });
const nonZeroStepArb = stepArb.filter((n) => n !== 0);

/** Whether `date` is a statutory rest day, read from the list of its year (independently of the calendar's cache). */
const isStatutoryRestDay = (date: string): boolean => statutoryRestDays(Number(date.slice(0, 4))).some((r) => r.date === date);

describe('addBusinessDays', () => {
  it('adding n then subtracting n returns a business day to itself', () => {
    fc.assert(
      fc.property(calendarCase, stepArb, ({ date, extraHolidays }, n) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        fc.pre(calendar.isBusinessDay(date));
        expect(calendar.addBusinessDays(calendar.addBusinessDays(date, n), -n)).toBe(date);
      }),
    );
  });

  it('from a non-business day, adding n then subtracting n lands on the business day before it (n > 0) or after it (n < 0)', () => {
    fc.assert(
      fc.property(calendarCase, nonZeroStepArb, ({ date, extraHolidays }, n) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        fc.pre(!calendar.isBusinessDay(date));
        const back = calendar.addBusinessDays(calendar.addBusinessDays(date, n), -n);
        expect(back).toBe(n > 0 ? calendar.previousBusinessDay(date) : calendar.nextBusinessDay(date));
      }),
    );
  });

  it('never lands on a weekend, a statutory rest day or an extra holiday (n ≠ 0), and n = 0 changes nothing', () => {
    fc.assert(
      fc.property(calendarCase, stepArb, ({ date, extraHolidays }, n) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        const result = calendar.addBusinessDays(date, n);
        if (n === 0) {
          expect(result).toBe(date);
          return;
        }
        expect(isWeekday(result)).toBe(true);
        expect(isStatutoryRestDay(result)).toBe(false);
        expect(extraHolidays).not.toContain(result);
        expect(calendar.isBusinessDay(result)).toBe(true);
        expect(calendar.isHoliday(result)).toBe(false);
      }),
    );
  });

  it('skips exactly |n| − 1 business days on the way (it is the |n|-th business day, the start not counted)', () => {
    fc.assert(
      fc.property(calendarCase, fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0), ({ date, extraHolidays }, n) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        const result = calendar.addBusinessDays(date, n);
        const sign = Math.sign(n);
        let count = 0;
        for (let day = dayOf(date) + sign; day !== dayOf(result); day += sign) if (calendar.isBusinessDay(dateOfDay(day))) count += 1;
        expect(count).toBe(Math.abs(n) - 1);
      }),
    );
  });

  it('is strictly increasing in n, and non-decreasing in the start date', () => {
    fc.assert(
      fc.property(calendarCase, stepArb, stepArb, fc.integer({ min: 0, max: 30 }), ({ date, extraHolidays }, n, m, shift) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        fc.pre(n !== m);
        const [low, high] = n < m ? [n, m] : [m, n];
        expect(calendar.addBusinessDays(date, low) < calendar.addBusinessDays(date, high)).toBe(true);
        if (n !== 0) expect(calendar.addBusinessDays(date, n) <= calendar.addBusinessDays(plusDays(date, shift), n)).toBe(true);
      }),
    );
  });

  it('agrees with nextBusinessDay, previousBusinessDay and businessDayOnOrAfter', () => {
    fc.assert(
      fc.property(calendarCase, ({ date, extraHolidays }) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        const next = calendar.nextBusinessDay(date);
        const previous = calendar.previousBusinessDay(date);
        expect(next).toBe(calendar.addBusinessDays(date, 1));
        expect(previous).toBe(calendar.addBusinessDays(date, -1));
        expect(previous < date && date < next).toBe(true);
        for (let day = dayOf(previous) + 1; day < dayOf(next); day++) {
          const between = dateOfDay(day);
          if (between !== date) expect(calendar.isBusinessDay(between)).toBe(false);
        }
        const onOrAfter = calendar.businessDayOnOrAfter(date);
        expect(onOrAfter).toBe(calendar.isBusinessDay(date) ? date : next);
      }),
    );
  });

  it('only loses business days to extra holidays, never gains any', () => {
    fc.assert(
      fc.property(calendarCase, fc.integer({ min: 1, max: 60 }), ({ date, extraHolidays }, n) => {
        const plain = createBusinessCalendar();
        const withExtras = createBusinessCalendar({ extraHolidays });
        if (withExtras.isBusinessDay(date)) expect(plain.isBusinessDay(date)).toBe(true);
        expect(withExtras.addBusinessDays(date, n) >= plain.addBusinessDays(date, n)).toBe(true);
        expect(withExtras.addBusinessDays(date, -n) <= plain.addBusinessDays(date, -n)).toBe(true);
        // Order and repeats of the extra holidays do not matter.
        const shuffled = createBusinessCalendar({ extraHolidays: [...extraHolidays].reverse().concat(extraHolidays) });
        expect(shuffled.addBusinessDays(date, n)).toBe(withExtras.addBusinessDays(date, n));
        expect(shuffled.extraHolidays).toEqual(withExtras.extraHolidays);
      }),
    );
  });
});

describe('businessDaysBetween', () => {
  const pairCase = calendarCase.chain((c) => fc.record({ c: fc.constant(c), to: fc.integer({ min: -120, max: 120 }).map((d) => plusDays(c.date, d)), via: fc.integer({ min: -120, max: 120 }).map((d) => plusDays(c.date, d)) }));

  it('counts the business days d with from < d ≤ to (negated when to < from)', () => {
    fc.assert(
      fc.property(pairCase, ({ c: { date: from, extraHolidays }, to }) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
        let count = 0;
        for (let day = dayOf(start) + 1; day <= dayOf(end); day++) if (isWeekday(dateOfDay(day)) && !isStatutoryRestDay(dateOfDay(day)) && !extraHolidays.includes(dateOfDay(day))) count += 1;
        expect(Object.is(calendar.businessDaysBetween(from, to), sign * count || 0)).toBe(true); // never −0
      }),
    );
  });

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(pairCase, ({ c: { date: a, extraHolidays }, to: b, via: c }) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        expect(calendar.businessDaysBetween(b, a)).toBe(-calendar.businessDaysBetween(a, b) || 0);
        expect(calendar.businessDaysBetween(a, c) + calendar.businessDaysBetween(c, b)).toBe(calendar.businessDaysBetween(a, b));
      }),
    );
  });

  it('is the inverse of addBusinessDays: adding the count from a reaches b when b is a business day (backwards: from a business day), and counts n back', () => {
    fc.assert(
      fc.property(pairCase, stepArb, ({ c: { date: from, extraHolidays }, to }, n) => {
        const calendar = createBusinessCalendar({ extraHolidays });
        if (calendar.isBusinessDay(to) && (to >= from || calendar.isBusinessDay(from))) {
          expect(calendar.addBusinessDays(from, calendar.businessDaysBetween(from, to))).toBe(to);
        }
        // Backwards the count includes `from` itself (to < d ≤ from), so it is −n only from a business day.
        if (n > 0 || (n < 0 && calendar.isBusinessDay(from))) expect(calendar.businessDaysBetween(from, calendar.addBusinessDays(from, n))).toBe(n);
      }),
    );
  });
});

describe('statutoryRestDays', () => {
  it('gives, for every supported year, sorted dates of that year: 7 rest days, 8 in a transition year, moved ones on the right Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2006, max: 2200 }), (year) => {
        const days = statutoryRestDays(year).map((r) => r.date);
        expect(days).toEqual([...new Set(days)].sort());
        expect(days.every((d) => d.startsWith(`${year}-`) && dateOfDay(dayOf(d)) === d)).toBe(true);
        expect(days).toHaveLength((year - 1934) % 6 === 0 ? 8 : 7);
        expect(days).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-05-01`, `${year}-09-16`, `${year}-12-25`]));
        const mondays = days.filter((d) => ['02', '03', '11'].includes(d.slice(5, 7)));
        const ranges: Record<string, [number, number]> = { '02': [1, 7], '03': [15, 21], '11': [15, 21] };
        expect(mondays).toHaveLength(3);
        for (const d of mondays) {
          expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(1);
          const [min, max] = ranges[d.slice(5, 7)];
          expect(Number(d.slice(8))).toBeGreaterThanOrEqual(min);
          expect(Number(d.slice(8))).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('refuses a year outside 2006–2200, and so does arithmetic that steps outside (AppError, not a plain error)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 2005 }), fc.integer({ min: 2201, max: 9999 }), fc.double({ noInteger: true, min: 2006, max: 2200 })), (year) => {
        expect(() => statutoryRestDays(year)).toThrow(AppError);
      }),
    );
    const calendar = createBusinessCalendar();
    expect(() => calendar.addBusinessDays('2006-01-03', -5)).toThrow(AppError);
    expect(() => calendar.addBusinessDays('2200-12-28', 5)).toThrow(AppError);
  });
});

describe('dates and instants in America/Mexico_City (DST until October 2022)', () => {
  const calendar = createBusinessCalendar();

  it('a local time on a date is an instant of that date, at UTC−6 (UTC−5 in the summers up to 2022); a gap hour moves forward', () => {
    fc.assert(
      fc.property(dateArb, timeArb, (date, time) => {
        const at = calendar.instantAt(date, time);
        expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(calendar.dateOf(at)).toBe(date);
        const wall = Date.parse(`${date}T${time}:00Z`);
        const offsetHours = (Date.parse(at) - wall) / 3_600_000;
        if (date > '2022-10-30') expect(offsetHours).toBe(6);
        else if (date.slice(5) < '04-01' || date.slice(5) > '10-31') expect(offsetHours).toBe(6);
        // The spring-forward gap (02:00–02:59 on the first Sunday of April) moves forward by the hour: the
        // same instant as UTC−6 would give.
        else expect([5, 6]).toContain(offsetHours);
      }),
    );
  });

  it('a date ends 1 ms before the next one starts, and the end of a date is on that date', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const end = calendar.endOfDay(date);
        expect(calendar.dateOf(end)).toBe(date);
        const next = plusDays(date, 1);
        expect(Date.parse(calendar.instantAt(next, '00:00')) - Date.parse(end)).toBe(1);
        expect(calendar.dateOf(new Date(Date.parse(end) + 1).toISOString())).toBe(next);
        expect(calendar.instantAt(date, '23:59') < end).toBe(true);
      }),
    );
  });

  it('an instant written with any offset is read as the same instant, and falls on the date whose day contains it', () => {
    const instantArb = fc.integer({ min: dayOf('2008-01-01') * MS_PER_DAY, max: dayOf('2198-12-31') * MS_PER_DAY });
    const offsetArb = fc.integer({ min: -14 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instantArb, offsetArb, (ms, offsetMinutes) => {
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const written = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(written)).toBe(ms);
        expect(normalizeInstant(written)).toBe(new Date(ms).toISOString());
        const date = calendar.dateOf(written);
        const start = Date.parse(calendar.endOfDay(plusDays(date, -1))) + 1;
        expect(start <= ms && ms <= Date.parse(calendar.endOfDay(date))).toBe(true);
      }),
    );
  });
});
