import { AppError } from '../../domain/app-error';
import { isPresidentialTransitionYear, statutoryRestDays } from '../../domain/mexican-holidays';

const datesOf = (year: number) => statutoryRestDays(year).map((d) => d.date);

describe('statutoryRestDays (LFT art. 74)', () => {
  it('gives the 2025 rest days, Monday holidays on the first/third Monday', () => {
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-02-03', // first Monday of February
      '2025-03-17', // third Monday of March
      '2025-05-01',
      '2025-09-16',
      '2025-11-17', // third Monday of November
      '2025-12-25',
    ]);
  });

  it('adds 1 October in 2024, a presidential transition year', () => {
    expect(datesOf(2024)).toEqual([
      '2024-01-01',
      '2024-02-05',
      '2024-03-18',
      '2024-05-01',
      '2024-09-16',
      '2024-10-01',
      '2024-11-18',
      '2024-12-25',
    ]);
    expect(statutoryRestDays(2024).find((d) => d.date === '2024-10-01')).toEqual({
      date: '2024-10-01',
      nameEs: 'Transmisión del Poder Ejecutivo Federal',
      nameEn: 'Transfer of the Federal Executive Power',
    });
  });

  it('gives 2026 and 2027, when the month starts on a Sunday and on a Monday', () => {
    expect(datesOf(2026)).toEqual(['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25']);
    expect(datesOf(2027)).toEqual(['2027-01-01', '2027-02-01', '2027-03-15', '2027-05-01', '2027-09-16', '2027-11-15', '2027-12-25']);
  });

  it('adds 2030-10-01 for the next transition, and no 1 October in the years between', () => {
    expect(datesOf(2030)).toEqual([
      '2030-01-01',
      '2030-02-04',
      '2030-03-18',
      '2030-05-01',
      '2030-09-16',
      '2030-10-01',
      '2030-11-18',
      '2030-12-25',
    ]);
    for (const year of [2025, 2026, 2027, 2028, 2029]) {
      expect(datesOf(year).some((d) => d.endsWith('-10-01'))).toBe(false);
    }
  });

  it('uses 1 December for transitions before the 2024 change (2018)', () => {
    expect(datesOf(2018)).toContain('2018-12-01');
    expect(datesOf(2018)).not.toContain('2018-10-01');
  });

  it('names every day in Spanish and English, sorted by date', () => {
    for (const year of [2024, 2025, 2026, 2027, 2030]) {
      const days = statutoryRestDays(year);
      expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
      for (const day of days) {
        expect(day.nameEs).toMatch(/\S/);
        expect(day.nameEn).toMatch(/\S/);
      }
    }
    expect(statutoryRestDays(2025)[1]).toEqual({ date: '2025-02-03', nameEs: 'Día de la Constitución', nameEn: 'Constitution Day' });
  });

  it('rejects years it does not know, with a readable message', () => {
    expect(() => statutoryRestDays(2005)).toThrow(AppError);
    expect(() => statutoryRestDays(2005)).toThrow('Rest days are known for the years 2006–2200; got 2005');
    expect(() => statutoryRestDays(2025.5)).toThrow('got 2025.5');
  });
});

describe('isPresidentialTransitionYear', () => {
  it('is true every six years (… 2018, 2024, 2030, 2036)', () => {
    for (const year of [2012, 2018, 2024, 2030, 2036]) expect(isPresidentialTransitionYear(year)).toBe(true);
  });

  it('is false for other years and nonsense', () => {
    for (const year of [2023, 2025, 2026, 2027, 2028, 2029, 2031, 1928, 2024.5]) {
      expect(isPresidentialTransitionYear(year)).toBe(false);
    }
  });
});
