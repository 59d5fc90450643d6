import { AppError } from '../../domain/app-error';
import { formatDay } from '../../domain/day-text';

describe('formatDay', () => {
  it('writes a day in Mexican Spanish and in English, never shifted by a zone', () => {
    expect(formatDay({ date: '2026-12-15', locale: 'es-MX' })).toBe('martes, 15 de diciembre de 2026');
    expect(formatDay({ date: '2026-12-15', locale: 'en' })).toBe('Tuesday, 15 December 2026');
    expect(formatDay({ date: '2027-01-01', locale: 'es-MX' })).toBe('viernes, 1 de enero de 2027');
    expect(formatDay({ date: '2028-02-29', locale: 'en' })).toBe('Tuesday, 29 February 2028');
  });

  it('refuses what is not a real yyyy-MM-dd day', () => {
    for (const date of ['2026-02-30', '2026-12-15T00:00', '15/12/2026', '']) expect(() => formatDay({ date, locale: 'es-MX' })).toThrow(AppError);
  });
});
