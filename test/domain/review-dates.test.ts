import { reviewDates } from '../../domain/review-dates';

describe('reviewDates', () => {
  it('is adoption + 3 years, then every 3 years, at 09:00 Mexico City', () => {
    expect(reviewDates({ adoptedOn: '2021-10-15', count: 3 })).toEqual([
      { date: '2024-10-15', at: '2024-10-15T15:00:00.000Z' },
      { date: '2027-10-15', at: '2027-10-15T15:00:00.000Z' },
      { date: '2030-10-15', at: '2030-10-15T15:00:00.000Z' },
    ]);
  });

  it('follows the offset, the interval and the time configured', () => {
    expect(reviewDates({ adoptedOn: '2021-10-15', offsetYears: 2, intervalYears: 4, time: '10:30', count: 2 }).map((r) => r.at)).toEqual(['2023-10-15T16:30:00.000Z', '2027-10-15T16:30:00.000Z']);
  });

  it('reviews an adoption of 29 February on 28 February of a common year', () => {
    expect(reviewDates({ adoptedOn: '2024-02-29', count: 2 }).map((r) => r.date)).toEqual(['2027-02-28', '2030-02-28']);
  });

  it('uses the offset Mexico City had on the day (daylight saving time until October 2022)', () => {
    // 1 June 2021 was in CDT (UTC-5): 09:00 local is 14:00 UTC.
    expect(reviewDates({ adoptedOn: '2018-06-01', count: 2 })).toEqual([
      { date: '2021-06-01', at: '2021-06-01T14:00:00.000Z' },
      { date: '2024-06-01', at: '2024-06-01T15:00:00.000Z' },
    ]);
  });

  it('refuses a date or a time it cannot read', () => {
    expect(() => reviewDates({ adoptedOn: '2021-02-30' })).toThrow(RangeError);
    expect(() => reviewDates({ adoptedOn: '2021-10-15', time: '9am' })).toThrow(RangeError);
  });
});
