import { z } from 'zod';
import { Breakdown } from './submission';

/**
 * A goal's target as the plan's text states it, in a form the rules of `goal-status.ts` can judge. Four
 * kinds, because the goals of Annex 3 say four different things:
 *
 * - COUNT: a number of things, counted each plan year (`PER_YEAR`: "60 uniformed women trained per year")
 *   or added up over the plan so far (`CUMULATIVE`: "Formation of 15 Specialized Units"), optionally due
 *   by a plan year (`dueByPlanYear`). `counting: null` only where the text lost the period.
 * - MILESTONES: numbers due in given plan years ("one at the beginning of the project and the second in
 *   the third year"): each milestone is judged on the value of its own plan year only, so two campaigns in
 *   year 1 do not meet "the second in the third year".
 * - OCCURRENCE: something to be done, without a number ("Carry out training for public officials per
 *   year", "Promote initiatives on this issue, each year"): met when the value is above zero, each year
 *   (`PER_YEAR`) or once over the plan (`CUMULATIVE`).
 * - SHARE: a percentage, the goal's indicator (numerator) over a denominator. Where no indicator of the
 *   plan records the denominator, `denominator.indicatorCode` is null and `denominator.figure` names what
 *   is missing: the goal is then not evaluable, never estimated.
 *
 * `figure` names what is counted, in the plural and in both languages ("outreach campaigns"), so the rule
 * applied can be stated in words. The numerator of a SHARE, and what every other kind counts, is the
 * value of the goal's own indicator (`indicatorCode` of the goal).
 */

export const GoalComparator = {
  AT_LEAST: 'AT_LEAST',
  AT_MOST: 'AT_MOST',
  MORE_THAN: 'MORE_THAN',
  LESS_THAN: 'LESS_THAN',
  EXACTLY: 'EXACTLY',
} as const;
export type GoalComparator = (typeof GoalComparator)[keyof typeof GoalComparator];

export const GoalTargetKind = { COUNT: 'COUNT', MILESTONES: 'MILESTONES', OCCURRENCE: 'OCCURRENCE', SHARE: 'SHARE' } as const;
export type GoalTargetKind = (typeof GoalTargetKind)[keyof typeof GoalTargetKind];

/** Whether a value is judged on each plan year alone, or added up over plan years 1..n. */
export const GoalCounting = { PER_YEAR: 'PER_YEAR', CUMULATIVE: 'CUMULATIVE' } as const;
export type GoalCounting = (typeof GoalCounting)[keyof typeof GoalCounting];

/**
 * Period of a target in the first plan-file format (formatVersion 1) and in the database's summary
 * columns: each year, the first three years, or the whole plan.
 */
export const GoalPeriod = { PER_YEAR: 'PER_YEAR', BY_YEAR_3: 'BY_YEAR_3', WHOLE_PLAN: 'WHOLE_PLAN' } as const;
export type GoalPeriod = (typeof GoalPeriod)[keyof typeof GoalPeriod];

/** Unit of a target value in the first plan-file format and the database's summary columns. */
export const TargetUnit = { COUNT: 'COUNT', PERCENTAGE: 'PERCENTAGE' } as const;
export type TargetUnit = (typeof TargetUnit)[keyof typeof TargetUnit];

const ZText = z.string().trim().min(1, 'must not be empty');
/** What is counted, plural, as the goal's text says it: `{ en: 'outreach campaigns', es: 'campañas de difusión' }`. */
const ZFigure = z.strictObject({ en: ZText, es: ZText });
const ZPlanYear = z.number().int().min(1, 'plan years start at 1');
const ZBreakdown = z.enum(Breakdown);

const ZCountTarget = z
  .strictObject({
    kind: z.literal(GoalTargetKind.COUNT),
    figure: ZFigure,
    value: z.number().positive(),
    comparator: z.enum(GoalComparator),
    counting: z.enum(GoalCounting).nullable(),
    dueByPlanYear: ZPlanYear.nullable().default(null),
  })
  .refine((t) => t.dueByPlanYear === null || t.counting === GoalCounting.CUMULATIVE, {
    path: ['dueByPlanYear'],
    message: 'dueByPlanYear applies to CUMULATIVE counts only (a PER_YEAR count is due every year)',
  });

const ZMilestone = z.strictObject({ planYear: ZPlanYear, value: z.number().int().positive() });

const ZMilestonesTarget = z.strictObject({
  kind: z.literal(GoalTargetKind.MILESTONES),
  figure: ZFigure,
  milestones: z
    .array(ZMilestone)
    .min(1, 'give at least one milestone')
    .refine((ms) => ms.every((m, i) => i === 0 || m.planYear > ms[i - 1].planYear), 'milestones must be in increasing plan years, one per year'),
});

const ZOccurrenceTarget = z
  .strictObject({
    kind: z.literal(GoalTargetKind.OCCURRENCE),
    figure: ZFigure,
    counting: z.enum(GoalCounting),
    dueByPlanYear: ZPlanYear.nullable().default(null),
  })
  .refine((t) => t.dueByPlanYear === null || t.counting === GoalCounting.CUMULATIVE, {
    path: ['dueByPlanYear'],
    message: 'dueByPlanYear applies to CUMULATIVE occurrences only',
  });

const ZShareTarget = z.strictObject({
  kind: z.literal(GoalTargetKind.SHARE),
  /** The numerator: the goal's indicator, in this breakdown. */
  figure: ZFigure,
  breakdown: ZBreakdown.default(Breakdown.TOTAL),
  /** Percent, 0–100. */
  value: z.number().positive().max(100, 'a percentage cannot exceed 100'),
  comparator: z.enum(GoalComparator),
  counting: z.enum(GoalCounting).nullable(),
  denominator: z.strictObject({
    /** Null where no indicator of the plan records the denominator: the goal is then not evaluable. */
    indicatorCode: z.string().nullable(),
    breakdown: ZBreakdown.default(Breakdown.TOTAL),
    figure: ZFigure,
  }),
});

const ZGoalTargetKinds = z.discriminatedUnion('kind', [ZCountTarget, ZMilestonesTarget, ZOccurrenceTarget, ZShareTarget]);

/**
 * A target of the first plan-file format: `{ value: 60, comparator: 'AT_LEAST', period: 'PER_YEAR', unit:
 * 'COUNT' }`. Still read (see {@link upgradeLegacyTarget}) so that older plan files stay valid.
 */
export const ZLegacyGoalTarget = z.strictObject({
  value: z.number().positive(),
  comparator: z.enum(GoalComparator),
  period: z.enum(GoalPeriod).nullable(),
  unit: z.enum(TargetUnit),
});
export type TLegacyGoalTarget = z.infer<typeof ZLegacyGoalTarget>;

const legacyFigure = { en: 'value of the indicator', es: 'valor del indicador' };
const legacyDenominator = { en: 'the total the percentage is taken of', es: 'el total sobre el que se calcula el porcentaje' };

/**
 * The target kind a first-format target meant: PER_YEAR → a per-year count; WHOLE_PLAN → a cumulative
 * count; BY_YEAR_3 → a cumulative count due by plan year 3; `period: null` → counting unknown; unit
 * PERCENTAGE → a SHARE whose denominator was never stated (not evaluable until it is).
 */
export function upgradeLegacyTarget(legacy: TLegacyGoalTarget): TGoalTarget {
  const counting = legacy.period === null ? null : legacy.period === GoalPeriod.PER_YEAR ? GoalCounting.PER_YEAR : GoalCounting.CUMULATIVE;
  const { value, comparator } = legacy;
  if (legacy.unit === TargetUnit.PERCENTAGE) {
    const denominator = { indicatorCode: null, breakdown: Breakdown.TOTAL, figure: legacyDenominator };
    return { kind: GoalTargetKind.SHARE, figure: legacyFigure, breakdown: Breakdown.TOTAL, value, comparator, counting, denominator };
  }
  const dueByPlanYear = legacy.period === GoalPeriod.BY_YEAR_3 ? 3 : null;
  return { kind: GoalTargetKind.COUNT, figure: legacyFigure, value, comparator, counting, dueByPlanYear };
}

function upgradeIfLegacy(raw: unknown): unknown {
  const legacy = ZLegacyGoalTarget.safeParse(raw);
  return legacy.success ? upgradeLegacyTarget(legacy.data) : raw;
}

/** A goal's target, in either file format; always parsed to one of the four kinds. */
export const ZGoalTarget = z.preprocess(upgradeIfLegacy, ZGoalTargetKinds);
export type TGoalTarget = z.infer<typeof ZGoalTargetKinds>;
export type TCountTarget = z.infer<typeof ZCountTarget>;
export type TMilestonesTarget = z.infer<typeof ZMilestonesTarget>;
export type TOccurrenceTarget = z.infer<typeof ZOccurrenceTarget>;
export type TShareTarget = z.infer<typeof ZShareTarget>;
export type TBilingualFigure = z.infer<typeof ZFigure>;
