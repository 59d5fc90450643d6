import type { Bilingual } from './respond-model';
import type { SignedInPage } from './institution-model';

/** An item of the plan with the secretariat's confirmation note when its text or target is uncertain. */
export interface PlanItemModel {
  code: string;
  text: Bilingual;
  needsConfirmation: boolean;
  /** What is missing or uncertain (English, as the plan file records it). */
  confirmationNote?: string;
}

/** A goal, with its target when machine-readable. */
export interface PlanGoalModel extends PlanItemModel {
  /** The machine-readable target, where the goal's text gives one. */
  target?: { value: string; unit: string | null; comparator: string; period: string | null };
}

/** An indicator: its unit and breakdown, who reports it, and the goals measured on it. */
export interface PlanIndicatorModel extends PlanItemModel {
  unit: string;
  disaggregation: string;
  /** The first reporters (the plan's own institutions first); `reporterCount` counts them all. */
  reporters: { institution: string; derived: boolean }[];
  reporterCount: number;
  goals: PlanGoalModel[];
}

/** An objective and everything under it. */
export interface PlanObjectiveModel extends PlanItemModel {
  institutionsInCharge: string[];
  linesOfAction: (PlanItemModel & { activities: PlanItemModel[] })[];
  /** Activities the annex ties to no line of action. */
  activities: PlanItemModel[];
  indicators: PlanIndicatorModel[];
  /** Goals measured on no indicator. */
  goals: PlanGoalModel[];
  /** Items of this objective (itself included) that need confirmation. */
  pending: number;
}

/** A thematic area and its objectives. */
export interface PlanAreaModel {
  code: string;
  name: Bilingual;
  description: Bilingual;
  objectives: PlanObjectiveModel[];
  pending: number;
}

/** The plan browser's page. */
export interface PlanPageModel extends SignedInPage {
  plan: { key: string; version: number; title: Bilingual; adoptedOn?: string; spanishOfficial: boolean };
  /** Every version loaded, for the select; `selected` is this one. */
  versions: { value: string; label: string; selected: boolean }[];
  areas: PlanAreaModel[];
  pending: number;
}

/** The id of a plan item's element (`item-4-iii`), for links to it. */
export const planItemId = (kind: string, code: string) => `${kind}-${code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
