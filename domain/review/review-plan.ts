import type { TGoalTarget } from '../goal-target';
import type { Disaggregation, IndicatorUnit } from '../plan-schema';

/**
 * What a plan review reads of one plan version: its objectives (with their thematic area and the
 * institutions in charge), lines of action, indicators (with their reporters) and goals (with their
 * target), each list in plan order. A parsed plan file (`TPlanFile`) is one; the database loader
 * (activities/review/load-review-plan) builds the same from the stored version.
 */
export interface TReviewPlan {
  objectives: readonly { code: string; thematicAreaCode: string; text: TBothTexts; institutionsInCharge: readonly string[] }[];
  linesOfAction: readonly { code: string; objectiveCode: string; text: TBothTexts }[];
  indicators: readonly { code: string; objectiveCode: string; text: TBothTexts; unit: IndicatorUnit; disaggregation: Disaggregation; reporters: readonly { institutionCode: string }[] }[];
  goals: readonly { code: string; objectiveCode: string; indicatorCode: string | null; text: TBothTexts; target: TGoalTarget | null }[];
}

/** A plan text in both languages. */
export interface TBothTexts {
  es: string;
  en: string;
}
