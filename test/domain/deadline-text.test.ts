import { AppError } from '../../domain/app-error';
import { computeTimeline } from '../../domain/compute-timeline';
import { formatDeadline } from '../../domain/deadline-text';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';

describe('formatDeadline', () => {
  const at = '2025-03-15T05:59:59.999Z'; // end of Friday 14 March 2025 in Mexico City

  it('writes a deadline in Mexican Spanish', () => {
    expect(formatDeadline({ at, zone: 'America/Mexico_City', locale: 'es-MX' })).toBe(
      'viernes, 14 de marzo de 2025, 23:59 (hora del centro de México)',
    );
  });

  it('writes a deadline in English', () => {
    expect(formatDeadline({ at, zone: 'America/Mexico_City', locale: 'en' })).toBe('Friday, 14 March 2025, 23:59 (Mexico City time)');
  });

  it('uses Mexico City when no zone is given', () => {
    expect(formatDeadline({ at, locale: 'es-MX' })).toBe('viernes, 14 de marzo de 2025, 23:59 (hora del centro de México)');
  });

  it('writes the local date, not the UTC one, at a year end', () => {
    expect(formatDeadline({ at: '2026-01-01T05:59:59.999Z', locale: 'es-MX' })).toBe(
      'miércoles, 31 de diciembre de 2025, 23:59 (hora del centro de México)',
    );
    expect(formatDeadline({ at: '2026-01-01T05:59:59.999Z', locale: 'en' })).toBe('Wednesday, 31 December 2025, 23:59 (Mexico City time)');
  });

  it('accepts an instant with any offset', () => {
    expect(formatDeadline({ at: '2025-03-14T23:59:59.999-06:00', locale: 'en' })).toBe('Friday, 14 March 2025, 23:59 (Mexico City time)');
  });

  it('applies the zone’s rules of the day (DST in Mexico City until 2022)', () => {
    expect(formatDeadline({ at: '2022-06-16T04:59:59.999Z', locale: 'es-MX' })).toBe(
      'miércoles, 15 de junio de 2022, 23:59 (hora del centro de México)',
    );
  });

  it('names another zone by its generic name', () => {
    expect(formatDeadline({ at, zone: 'America/Tijuana', locale: 'en' })).toBe('Friday, 14 March 2025, 22:59 (Pacific Time)');
    expect(formatDeadline({ at, zone: 'America/Tijuana', locale: 'es-MX' })).toBe('viernes, 14 de marzo de 2025, 22:59 (hora del Pacífico)');
  });

  it('formats the deadline of a computed timeline', () => {
    const timeline = computeTimeline({
      policy: DEFAULT_REPORTING_POLICY,
      openedAt: '2025-02-03T16:00:00.000Z',
      deadlineDate: '2025-03-17', // a holiday: moves to Tuesday 18
    });
    expect(formatDeadline({ at: timeline.deadlineAt, zone: timeline.zone, locale: 'es-MX' })).toBe(
      'martes, 18 de marzo de 2025, 23:59 (hora del centro de México)',
    );
  });

  it('rejects an instant without an offset, an unknown zone and an unknown locale', () => {
    expect(() => formatDeadline({ at: '2025-03-14T23:59:59', locale: 'en' })).toThrow(AppError);
    expect(() => formatDeadline({ at: '2025-03-14T23:59:59', locale: 'en' })).toThrow('at must be an ISO instant with an offset');
    expect(() => formatDeadline({ at, zone: 'Mars/Olympus_Mons', locale: 'en' })).toThrow('"Mars/Olympus_Mons" is not a valid IANA time zone');
    expect(() => formatDeadline({ at, locale: 'fr' as 'en' })).toThrow('locale must be one of es-MX, en; got "fr"');
  });
});
