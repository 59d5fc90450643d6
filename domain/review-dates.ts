import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from './business-calendar';

/** One plan review's start: its local date and the instant of its local time. */
export interface TReviewDate {
  /** `yyyy-MM-dd`, America/Mexico_City. */
  date: string;
  /** ISO UTC instant of `date` at the review's local time. */
  at: string;
}

/**
 * When the reviews of a plan version adopted on `adoptedOn` (`yyyy-MM-dd`) start: adoption + `offsetYears`,
 * then every `intervalYears`, each at `time` (`HH:mm`) in `zone`; the first `count` of them, in order.
 * Defaults: 3 and 3 years (the plan: its structure and scope "will be reviewed three years after its
 * adoption"), 09:00 America/Mexico_City, 10 reviews (30 years). Years are added on the calendar: an
 * adoption on 29 February is reviewed on 28 February of a common year. Reviews do not move to a business
 * day: the review workflow waits for business days itself (its requests' timelines count them).
 * Example: adopted 2021-10-15 → 2024-10-15T15:00:00.000Z, 2027-10-15T15:00:00.000Z, …
 */
export function reviewDates({
  adoptedOn,
  offsetYears = 3,
  intervalYears = 3,
  time = '09:00',
  zone = DEFAULT_ZONE,
  count = 10,
}: {
  adoptedOn: string;
  offsetYears?: number;
  intervalYears?: number;
  time?: string;
  zone?: string;
  count?: number;
}): TReviewDate[] {
  const adopted = DateTime.fromISO(adoptedOn, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(adoptedOn) || !adopted.isValid) throw new RangeError(`adoptedOn must be a date yyyy-MM-dd; got ${JSON.stringify(adoptedOn)}`);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:mm; got ${JSON.stringify(time)}`);
  return Array.from({ length: count }, (_, i) => {
    const day = adopted.plus({ years: offsetYears + i * intervalYears });
    const at = day.set({ hour: Number(match[1]), minute: Number(match[2]), second: 0, millisecond: 0 });
    return { date: day.toISODate()!, at: at.toUTC().toISO()! };
  });
}
