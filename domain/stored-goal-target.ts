import {
  GoalComparator,
  GoalCounting,
  GoalPeriod,
  GoalTargetKind,
  TargetUnit,
  ZGoalTarget,
  ZLegacyGoalTarget,
  upgradeLegacyTarget,
  type TGoalTarget,
} from './goal-target';

/**
 * A goal's target as the `Goal` row stores it. `target` (JSON, {@link ZGoalTarget}) and `targetKind` are
 * what the rules read. `targetValue`, `targetUnit`, `comparator` and `period` are the one-line summary the
 * first format stored, still written for readers of that format (the plan browser): exact for counts and
 * shares, a summary for milestones (their total, AT_LEAST, BY_YEAR_3 when the last one falls in year 3),
 * empty for occurrences (no number).
 */
export type TGoalTargetColumns = {
  targetKind: GoalTargetKind | null;
  target: TGoalTarget | null;
  targetValue: number | null;
  targetUnit: TargetUnit | null;
  comparator: GoalComparator | null;
  period: GoalPeriod | null;
};

function summaryPeriod(counting: GoalCounting | null, dueByPlanYear: number | null): GoalPeriod | null {
  if (counting === GoalCounting.PER_YEAR) return GoalPeriod.PER_YEAR;
  if (counting === null) return null;
  if (dueByPlanYear === null) return GoalPeriod.WHOLE_PLAN;
  return dueByPlanYear === 3 ? GoalPeriod.BY_YEAR_3 : null;
}

type TSummary = Omit<TGoalTargetColumns, 'targetKind' | 'target'>;
const NO_SUMMARY: TSummary = { targetValue: null, targetUnit: null, comparator: null, period: null };

function summaryOf(target: TGoalTarget): TSummary {
  switch (target.kind) {
    case GoalTargetKind.COUNT:
      return { targetValue: target.value, targetUnit: TargetUnit.COUNT, comparator: target.comparator, period: summaryPeriod(target.counting, target.dueByPlanYear) };
    case GoalTargetKind.SHARE:
      return { targetValue: target.value, targetUnit: TargetUnit.PERCENTAGE, comparator: target.comparator, period: summaryPeriod(target.counting, null) };
    case GoalTargetKind.MILESTONES: {
      const last = target.milestones[target.milestones.length - 1].planYear;
      const total = target.milestones.reduce((n, m) => n + m.value, 0);
      return { targetValue: total, targetUnit: TargetUnit.COUNT, comparator: GoalComparator.AT_LEAST, period: summaryPeriod(GoalCounting.CUMULATIVE, last) };
    }
    case GoalTargetKind.OCCURRENCE:
      return NO_SUMMARY;
  }
}

/** The columns the seed writes for a target (null: a goal without target). */
export function goalTargetColumns(target: TGoalTarget | null): TGoalTargetColumns {
  if (target === null) return { targetKind: null, target: null, ...NO_SUMMARY };
  return { targetKind: target.kind, target, ...summaryOf(target) };
}

/**
 * The target of a stored goal: its `target` JSON, checked with {@link ZGoalTarget} (a malformed one
 * throws a ZodError naming the field); for a row written before target kinds existed, its summary
 * columns read as a first-format target ({@link upgradeLegacyTarget}); null when neither is there.
 */
export function storedGoalTarget(row: {
  target: unknown;
  targetValue: number | null;
  targetUnit: string | null;
  comparator: string | null;
  period: string | null;
}): TGoalTarget | null {
  if (row.target !== null && row.target !== undefined) return ZGoalTarget.parse(row.target);
  if (row.targetValue === null) return null;
  const legacy = ZLegacyGoalTarget.safeParse({ value: row.targetValue, comparator: row.comparator, period: row.period, unit: row.targetUnit });
  return legacy.success ? upgradeLegacyTarget(legacy.data) : null;
}
