import { IANAZone } from 'luxon';

/** Answers remembered, at most this many (a hostile caller cannot grow the memory without bound). */
const MAX_REMEMBERED = 1_000;
const remembered = new Map<string, boolean>();

/**
 * `IANAZone.isValidZone`, remembered per name: luxon builds an `Intl.DateTimeFormat` for every check, about
 * 0.3 ms, and every email and timeline checks the same few zones (a tenth of a 1,000-request fan-out's CPU
 * spent on it before, issue 11).
 */
export function isValidZoneName(zone: string): boolean {
  const known = remembered.get(zone);
  if (known !== undefined) return known;
  const valid = IANAZone.isValidZone(zone);
  if (remembered.size < MAX_REMEMBERED) remembered.set(zone, valid);
  return valid;
}
