import { isIsoDate, localDate } from '../../domain/iso-date';

describe('isIsoDate', () => {
  it.each([
    ['2025-03-14', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-3-14', false],
    ['14/03/2025', false],
    [20250314, false],
  ])('%p → %p', (value, expected) => expect(isIsoDate(value)).toBe(expected));
});

describe('localDate', () => {
  it('gives the calendar date in the named zone, not the host zone', () => {
    // 02:00 UTC on 1 March is still 28 February (20:00) in Mexico City (UTC−6, no DST since 2022).
    expect(localDate(Date.parse('2025-03-01T02:00:00Z'), 'America/Mexico_City')).toBe('2025-02-28');
    expect(localDate(Date.parse('2025-03-01T06:00:00Z'), 'America/Mexico_City')).toBe('2025-03-01');
    expect(localDate(Date.parse('2025-03-01T06:00:00Z'), 'America/Tijuana')).toBe('2025-02-28');
  });
});
