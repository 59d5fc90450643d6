import { DateTime } from 'luxon';
import type { Locale } from './input-bounds';

/**
 * Plan years: the clock multi-year goals are judged by ("the second in the third year").
 *
 * A plan year is counted from the plan's adoption date: plan year n runs from the (n−1)-th anniversary of
 * the adoption to the day before the n-th. Reporting cycles, though, report on calendar years; the cycle of
 * calendar year Y is judged as the plan year in which Y ends (its 31 December). That is always
 * Y − (year of adoption) + 1: the year of adoption is plan year 1, however late in that year the plan was
 * adopted, and no calendar year is ever split between two plan years.
 *
 * Until the secretariat records the adoption date, years are counted from the first cycle run under the
 * plan version: the calendar year that cycle reported on is plan year 1. Every result says which basis was
 * used, because the report must say so.
 */

export const PlanYearBasis = {
  /** Counted from the plan's adoption date. */
  ADOPTION_DATE: 'ADOPTION_DATE',
  /** No adoption date recorded: counted from the first cycle run under the plan version. */
  FIRST_CYCLE: 'FIRST_CYCLE',
} as const;
export type PlanYearBasis = (typeof PlanYearBasis)[keyof typeof PlanYearBasis];

/** What plan years are counted from: the adoption date (ISO `yyyy-MM-dd`) when recorded, else the first cycle's year. */
export type TPlanStart = {
  adoptedOn: string | null;
  /** Calendar year the first cycle under this plan version reported on. */
  firstCycleYear: number;
};

export type TPlanYears = {
  basis: PlanYearBasis;
  /** The calendar year that is plan year 1. */
  firstYear: number;
  adoptedOn: string | null;
  /** The basis in words, for the report's first page. */
  text: Record<Locale, string>;
};

/** Zone of the adoption date: a plan is adopted on a day in Mexico. */
const PLAN_ZONE = 'America/Mexico_City';

function adoptionDay(adoptedOn: string): DateTime {
  const day = DateTime.fromISO(adoptedOn, { zone: PLAN_ZONE });
  if (!day.isValid) throw new RangeError(`adoptedOn must be an ISO date (yyyy-MM-dd), got "${adoptedOn}"`);
  return day.startOf('day');
}

/**
 * The plan year a calendar day falls in, counted from the adoption date (day of adoption → 1; the day
 * before → 0; a year before that → −1). Feb 29 anniversaries fall on Feb 28 (luxon's rule).
 */
export function planYearOnDay({ adoptedOn, day }: { adoptedOn: string; day: string }): number {
  const start = adoptionDay(adoptedOn);
  const date = DateTime.fromISO(day, { zone: PLAN_ZONE }).startOf('day');
  return Math.floor(date.diff(start, 'years').years) + 1;
}

/**
 * Plan year 1 and its basis: from `adoptedOn` when set, else from `firstCycleYear`. Throws a RangeError
 * for an `adoptedOn` that is not an ISO date (it comes from the database, which stores dates only).
 */
export function planYears({ adoptedOn, firstCycleYear }: TPlanStart): TPlanYears {
  if (adoptedOn === null) {
    return {
      basis: PlanYearBasis.FIRST_CYCLE,
      firstYear: firstCycleYear,
      adoptedOn: null,
      text: {
        'es-MX': `El plan no tiene fecha de adopción registrada: los años del plan se cuentan desde el primer ciclo, el de ${firstCycleYear}, que es el año 1 del plan.`,
        en: `The plan has no recorded adoption date: plan years are counted from the first cycle, the one for ${firstCycleYear}, which is plan year 1.`,
      },
    };
  }
  const firstYear = adoptionDay(adoptedOn).year;
  return {
    basis: PlanYearBasis.ADOPTION_DATE,
    firstYear,
    adoptedOn,
    text: {
      'es-MX': `Los años del plan se cuentan desde su adopción (${adoptedOn}): el año 1 del plan es ${firstYear}; cada ciclo anual se juzga como el año del plan en que termina.`,
      en: `Plan years are counted from the plan's adoption (${adoptedOn}): plan year 1 is ${firstYear}; each yearly cycle is judged as the plan year in which it ends.`,
    },
  };
}

/**
 * The plan year a cycle's calendar year is judged as: the plan year of its 31 December (see the module
 * comment). Below 1 when the cycle reported on a year before the plan took effect.
 */
export function planYearOfCycle({ years, cycleYear }: { years: TPlanYears; cycleYear: number }): number {
  if (years.adoptedOn === null) return cycleYear - years.firstYear + 1;
  return planYearOnDay({ adoptedOn: years.adoptedOn, day: `${String(cycleYear).padStart(4, '0')}-12-31` });
}

/** The calendar year (cycle year) judged as plan year `planYear`. */
export function cycleYearOfPlanYear({ years, planYear }: { years: TPlanYears; planYear: number }): number {
  return years.firstYear + planYear - 1;
}
