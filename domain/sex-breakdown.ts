/** A value broken down by sex, as shown in the report: women, men, and the part whose sex was not recorded. */
export type TSexBreakdown = {
  total: number;
  /** Women recorded; 0 when the institution gave no figure for women. */
  women: number;
  /** Men recorded; 0 when the institution gave no figure for men. */
  men: number;
  /**
   * total − women − men: people counted in the total whose sex was not recorded. Shown as such, never
   * spread over women and men (nothing in the data says how they divide).
   */
  sexNotRecorded: number;
};

/**
 * Splits a stored total into women, men and "sex not recorded". A missing (null or absent) figure for
 * women or men counts as not recorded, so a total given alone is all "sex not recorded". Submissions
 * refuse women + men above the total, so the remainder is never negative for stored values; a negative
 * one (a row written around the validation) is a RangeError rather than a silent correction.
 */
export function sexBreakdown({ total, women, men }: { total: number; women?: number | null; men?: number | null }): TSexBreakdown {
  const recordedWomen = women ?? 0;
  const recordedMen = men ?? 0;
  const sexNotRecorded = total - recordedWomen - recordedMen;
  if (sexNotRecorded < 0) {
    throw new RangeError(`women (${recordedWomen}) + men (${recordedMen}) exceed the total (${total})`);
  }
  return { total, women: recordedWomen, men: recordedMen, sexNotRecorded };
}
