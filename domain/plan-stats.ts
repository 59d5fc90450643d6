import type { TPlanFile, TPlanIndicator } from './plan-schema';

/** Counts of a plan file, as printed by `npm run db:seed` and checked by the tests. */
export type TPlanStats = {
  institutions: number;
  thematicAreas: number;
  objectives: number;
  linesOfAction: number;
  activities: number;
  indicators: number;
  goals: number;
  /** Goals with a machine-readable target (the rest keep only their wording). */
  goalsWithTarget: number;
  /** (indicator, institution) pairs: one per institution that reports an indicator. */
  reporterAssignments: number;
  /** Reporter assignments still derived by rule, awaiting the secretariat's confirmation. */
  derivedReporterAssignments: number;
  /** Objectives, lines, activities, indicators and goals marked needsConfirmation. */
  needsConfirmation: number;
  coordinationTasks: number;
};

/** Counts everything in a parsed plan file. Pure; no defaults. */
export function planStats(plan: TPlanFile): TPlanStats {
  const reporters = plan.indicators.flatMap((i) => i.reporters);
  const flagged = [...plan.objectives, ...plan.linesOfAction, ...plan.activities, ...plan.indicators, ...plan.goals].filter(
    (item) => item.needsConfirmation,
  );
  return {
    institutions: plan.institutions.length,
    thematicAreas: plan.thematicAreas.length,
    objectives: plan.objectives.length,
    linesOfAction: plan.linesOfAction.length,
    activities: plan.activities.length,
    indicators: plan.indicators.length,
    goals: plan.goals.length,
    goalsWithTarget: plan.goals.filter((g) => g.target !== null).length,
    reporterAssignments: reporters.length,
    derivedReporterAssignments: reporters.filter((r) => r.derived).length,
    needsConfirmation: flagged.length,
    coordinationTasks: plan.coordinationTasks.length,
  };
}

/**
 * The indicators an institution reports, in plan order — what the data-request email lists as "the
 * institution's indicators". Includes derived assignments (the plan never says who reports what; see
 * `ReporterBasis`). An unknown code, or an institution that reports nothing, gives an empty list.
 */
export function indicatorsReportedBy(plan: TPlanFile, institutionCode: string): TPlanIndicator[] {
  return plan.indicators.filter((indicator) => indicator.reporters.some((r) => r.institutionCode === institutionCode));
}
