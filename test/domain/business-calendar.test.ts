import { AppError } from '../../domain/app-error';
import { createBusinessCalendar, isIsoDate, normalizeInstant, parseInstant } from '../../domain/business-calendar';
import { isValidZoneName } from '../../domain/valid-zone';

const calendar = createBusinessCalendar({});

describe('createBusinessCalendar', () => {
  it('uses America/Mexico_City and no extra holidays by default', () => {
    expect(calendar.zone).toBe('America/Mexico_City');
    expect(calendar.extraHolidays).toEqual([]);
  });

  it('keeps the extra holidays sorted and without duplicates', () => {
    const c = createBusinessCalendar({ extraHolidays: ['2025-04-18', '2025-04-17', '2025-04-18'] });
    expect(c.extraHolidays).toEqual(['2025-04-17', '2025-04-18']);
  });

  it('rejects an invalid extra holiday, naming it', () => {
    const build = () => createBusinessCalendar({ extraHolidays: ['2025-04-17', '2025-02-30'] });
    expect(build).toThrow(AppError);
    expect(build).toThrow('extraHolidays[1] must be a date yyyy-MM-dd, such as 2025-03-14; got "2025-02-30"');
    expect(() => createBusinessCalendar({ extraHolidays: ['17/04/2025'] })).toThrow('extraHolidays[0]');
  });

  it('rejects a zone that is not IANA', () => {
    expect(() => createBusinessCalendar({ zone: 'Mexico/Central Time' })).toThrow(
      '"Mexico/Central Time" is not a valid IANA time zone (for example "America/Mexico_City")',
    );
  });
});

describe('isBusinessDay / isHoliday', () => {
  it('counts Monday–Friday that are not rest days', () => {
    expect(calendar.isBusinessDay('2025-03-14')).toBe(true); // Friday
    expect(calendar.isBusinessDay('2025-03-15')).toBe(false); // Saturday
    expect(calendar.isBusinessDay('2025-03-16')).toBe(false); // Sunday
  });

  it.each([
    ['2025-01-01', 'New Year'],
    ['2025-02-03', 'Constitution Day (first Monday of February)'],
    ['2025-03-17', 'Benito Juárez (third Monday of March)'],
    ['2025-05-01', 'Labour Day'],
    ['2025-09-16', 'Independence Day'],
    ['2025-11-17', 'Revolution Day (third Monday of November)'],
    ['2025-12-25', 'Christmas'],
    ['2024-10-01', 'presidential transition 2024'],
    ['2030-10-01', 'presidential transition 2030'],
    ['2026-02-02', 'Constitution Day 2026'],
    ['2027-03-15', 'Benito Juárez 2027'],
  ])('%s (%s) is a holiday and not a business day', (date) => {
    expect(calendar.isHoliday(date)).toBe(true);
    expect(calendar.isBusinessDay(date)).toBe(false);
  });

  it('does not treat the fixed dates of Monday holidays as holidays (2025-02-05, 2025-03-21, 2025-11-20)', () => {
    for (const date of ['2025-02-05', '2025-03-21', '2025-11-20']) expect(calendar.isBusinessDay(date)).toBe(true);
  });

  it('treats 1 October as a business day outside transition years', () => {
    expect(calendar.isBusinessDay('2025-10-01')).toBe(true);
    expect(calendar.isBusinessDay('2029-10-01')).toBe(true);
  });

  it('adds the secretariat’s extra holidays (Holy Thursday and Good Friday 2025)', () => {
    const withHolyWeek = createBusinessCalendar({ extraHolidays: ['2025-04-17', '2025-04-18'] });
    expect(calendar.isBusinessDay('2025-04-17')).toBe(true);
    expect(withHolyWeek.isBusinessDay('2025-04-17')).toBe(false);
    expect(withHolyWeek.isHoliday('2025-04-18')).toBe(true);
    expect(withHolyWeek.isBusinessDay('2025-04-16')).toBe(true);
  });

  it('rejects a malformed date with a readable message', () => {
    expect(() => calendar.isBusinessDay('2025-3-14')).toThrow('date must be a date yyyy-MM-dd, such as 2025-03-14; got "2025-3-14"');
  });
});

describe('addBusinessDays (the start day never counts)', () => {
  it.each([
    ['2025-03-14', 1, '2025-03-18', 'Friday + 1 skips the weekend and Monday 17 March'],
    ['2025-03-18', -1, '2025-03-14', 'negative, back across the holiday and the weekend'],
    ['2025-03-19', -2, '2025-03-14', 'negative, two days back across the holiday'],
    ['2025-03-14', -10, '2025-02-28', 'ten business days before, across a month end'],
    ['2025-03-15', 1, '2025-03-18', 'from a Saturday: the first business day after'],
    ['2025-03-15', -1, '2025-03-14', 'from a Saturday backwards: the Friday before'],
    ['2025-01-31', 1, '2025-02-04', 'month end into the first Monday of February'],
    ['2024-02-28', 2, '2024-03-01', 'leap day counts'],
    ['2025-12-31', 1, '2026-01-02', 'year end skips 1 January'],
    ['2025-12-31', 3, '2026-01-06', 'year end: 2, 5, 6 January'],
    ['2026-01-02', -1, '2025-12-31', 'negative across New Year'],
    ['2026-01-05', -5, '2025-12-26', 'negative across New Year and Christmas'],
    ['2024-09-30', 1, '2024-10-02', '1 October 2024 is skipped'],
  ])('%s %+d → %s (%s)', (date, n, expected) => {
    expect(calendar.addBusinessDays(date, n)).toBe(expected);
  });

  it('returns the date unchanged for n = 0, even on a weekend', () => {
    expect(calendar.addBusinessDays('2025-03-15', 0)).toBe('2025-03-15');
    expect(calendar.addBusinessDays('2025-03-14', 0)).toBe('2025-03-14');
  });

  it('skips the secretariat’s extra holidays', () => {
    const withHolyWeek = createBusinessCalendar({ extraHolidays: ['2025-04-17', '2025-04-18'] });
    expect(calendar.addBusinessDays('2025-04-16', 1)).toBe('2025-04-17');
    expect(withHolyWeek.addBusinessDays('2025-04-16', 1)).toBe('2025-04-21');
    expect(withHolyWeek.addBusinessDays('2025-04-21', -1)).toBe('2025-04-16');
  });

  it('rejects a fractional number of days', () => {
    expect(() => calendar.addBusinessDays('2025-03-14', 1.5)).toThrow('A number of business days must be a whole number; got 1.5');
  });
});

describe('nextBusinessDay / previousBusinessDay / businessDayOnOrAfter', () => {
  it('moves strictly after or before', () => {
    expect(calendar.nextBusinessDay('2025-03-14')).toBe('2025-03-18');
    expect(calendar.nextBusinessDay('2025-03-18')).toBe('2025-03-19');
    expect(calendar.previousBusinessDay('2025-03-18')).toBe('2025-03-14');
    expect(calendar.previousBusinessDay('2025-01-02')).toBe('2024-12-31');
  });

  it('rolls a non-business day forward and leaves a business day alone', () => {
    expect(calendar.businessDayOnOrAfter('2025-03-14')).toBe('2025-03-14');
    expect(calendar.businessDayOnOrAfter('2025-03-15')).toBe('2025-03-18');
    expect(calendar.businessDayOnOrAfter('2025-12-25')).toBe('2025-12-26');
    expect(calendar.businessDayOnOrAfter('2026-01-01')).toBe('2026-01-02');
  });
});

describe('businessDaysBetween', () => {
  it('counts the business days after `from` up to `to`, signed', () => {
    expect(calendar.businessDaysBetween('2025-03-14', '2025-03-18')).toBe(1);
    expect(calendar.businessDaysBetween('2025-03-18', '2025-03-14')).toBe(-1);
    expect(calendar.businessDaysBetween('2025-03-14', '2025-03-14')).toBe(0);
    expect(calendar.businessDaysBetween('2025-02-28', '2025-03-14')).toBe(10);
    expect(calendar.businessDaysBetween('2025-12-31', '2026-01-06')).toBe(3);
  });

  it('counting back from a day that is not a business day is not the inverse of addBusinessDays (found by a property test)', () => {
    expect(calendar.businessDaysBetween('2025-03-15', '2025-03-14')).toBe(0); // Saturday back to Friday
    expect(calendar.addBusinessDays('2025-03-15', 0)).toBe('2025-03-15');
    expect(calendar.businessDaysBetween('2025-03-14', '2025-03-15')).toBe(0);
    expect(calendar.addBusinessDays('2025-03-14', calendar.businessDaysBetween('2025-03-14', '2025-03-18'))).toBe('2025-03-18');
  });

  it('is the inverse of addBusinessDays for every business day of a quarter', () => {
    const from = '2025-12-15';
    for (let n = -40; n <= 40; n++) {
      const to = calendar.addBusinessDays(from, n);
      expect(calendar.businessDaysBetween(from, to)).toBe(n);
    }
  });
});

describe('dates and instants', () => {
  it('reads the local date of an instant in Mexico City (UTC−6 all year since 2022)', () => {
    expect(calendar.dateOf('2025-03-15T05:59:59.999Z')).toBe('2025-03-14');
    expect(calendar.dateOf('2025-03-15T06:00:00.000Z')).toBe('2025-03-15');
    expect(calendar.dateOf('2025-03-14T23:30:00-06:00')).toBe('2025-03-14');
  });

  it('turns a local time and the end of a day into UTC instants', () => {
    expect(calendar.instantAt('2025-03-14', '09:00')).toBe('2025-03-14T15:00:00.000Z');
    expect(calendar.instantAt('2025-07-14', '09:00')).toBe('2025-07-14T15:00:00.000Z');
    expect(calendar.endOfDay('2025-03-14')).toBe('2025-03-15T05:59:59.999Z');
    expect(calendar.endOfDay('2025-12-31')).toBe('2026-01-01T05:59:59.999Z');
  });

  it('follows the IANA rules, not a fixed offset: DST applied in Mexico City until October 2022', () => {
    expect(calendar.instantAt('2022-06-15', '09:00')).toBe('2022-06-15T14:00:00.000Z'); // UTC−5 then
    expect(calendar.instantAt('2022-10-31', '09:00')).toBe('2022-10-31T15:00:00.000Z'); // DST abolished
    expect(calendar.instantAt('2023-06-15', '09:00')).toBe('2023-06-15T15:00:00.000Z');
    expect(calendar.instantAt('2026-04-06', '09:00')).toBe('2026-04-06T15:00:00.000Z'); // old DST start
  });

  it('uses the calendar’s zone (Tijuana keeps US DST) with the same national holidays', () => {
    const tijuana = createBusinessCalendar({ zone: 'America/Tijuana' });
    expect(tijuana.instantAt('2025-03-14', '09:00')).toBe('2025-03-14T16:00:00.000Z');
    expect(tijuana.instantAt('2025-01-14', '09:00')).toBe('2025-01-14T17:00:00.000Z');
    expect(tijuana.isBusinessDay('2025-03-17')).toBe(false);
  });

  it('rejects a local time that is not HH:mm', () => {
    expect(() => calendar.instantAt('2025-03-14', '9:00')).toThrow('"9:00" is not a local time of day HH:mm (00:00–23:59)');
    expect(() => calendar.instantAt('2025-03-14', '24:00')).toThrow(AppError);
  });
});

describe('instant helpers', () => {
  it('parses instants with an explicit offset only', () => {
    expect(parseInstant('2025-03-14T15:00:00.000Z')).toBe(Date.UTC(2025, 2, 14, 15));
    expect(parseInstant('2025-03-14T09:00:00-06:00')).toBe(Date.UTC(2025, 2, 14, 15));
    expect(() => parseInstant('2025-03-14T09:00:00', 'openedAt')).toThrow(
      'openedAt must be an ISO instant with an offset, such as 2025-03-14T15:00:00.000Z; got "2025-03-14T09:00:00"',
    );
    expect(() => parseInstant('2025-02-30T09:00:00Z')).toThrow(AppError);
  });

  it('normalizes to the canonical UTC form', () => {
    expect(normalizeInstant('2025-03-14T09:00-06:00')).toBe('2025-03-14T15:00:00.000Z');
  });

  it('recognizes real plain dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-03-14T00:00:00Z')).toBe(false);
    expect(isIsoDate(20250314)).toBe(false);
  });
});

describe('createBusinessCalendar reuse', () => {
  it('gives back the same frozen calendar while zone and holidays stay the same, and a new one when they change', () => {
    const a = createBusinessCalendar({ extraHolidays: ['2025-12-24'] });
    const b = createBusinessCalendar({ extraHolidays: ['2025-12-24'] });
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.extraHolidays)).toBe(true);
    const c = createBusinessCalendar({ extraHolidays: ['2025-12-24', '2025-12-31'] });
    expect(c).not.toBe(a);
    expect(c.isHoliday('2025-12-31')).toBe(true);
    expect(createBusinessCalendar({ extraHolidays: ['2025-12-24'] }).isHoliday('2025-12-31')).toBe(false);
    expect(createBusinessCalendar({ zone: 'America/Tijuana', extraHolidays: ['2025-12-24'] }).zone).toBe('America/Tijuana');
  });

  it('still refuses a zone or a date that is not one, however often it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => createBusinessCalendar({ zone: 'Mars/Olympus_Mons' })).toThrow(AppError);
      expect(() => createBusinessCalendar({ extraHolidays: ['2025-02-30'] })).toThrow(AppError);
    }
  });
});

describe('isValidZoneName', () => {
  it('answers as luxon does, and remembers no more than a thousand names', () => {
    expect(isValidZoneName('America/Mexico_City')).toBe(true);
    expect(isValidZoneName('America/Mexico_City')).toBe(true);
    expect(isValidZoneName('Mars/Olympus_Mons')).toBe(false);
    for (let i = 0; i < 1_500; i++) expect(isValidZoneName(`Nowhere/Place_${i}`)).toBe(false);
    expect(isValidZoneName('Europe/Madrid')).toBe(true);
  });
});
