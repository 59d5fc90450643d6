import type { TGoalTarget } from '../goal-target';
import type { Disaggregation, IndicatorUnit } from '../plan-schema';
import type { ReviewItemKind } from './review-proposal';
import type { TBothTexts, TReviewPlan } from './review-plan';

/** One item of the plan an institution proposes on in a review. */
export interface TItemInCharge {
  kind: ReviewItemKind;
  code: string;
  /** The objective it belongs to (its own code for an objective). */
  objectiveCode: string;
  text: TBothTexts;
  /** Indicators: the unit and breakdown in force. */
  unit?: IndicatorUnit;
  disaggregation?: Disaggregation;
  /** Goals: the indicator measured and the target in force (null where the text gives none). */
  indicatorCode?: string | null;
  target?: TGoalTarget | null;
}

/** The items of one objective an institution is in charge of, under the objective (shown for context even when not in charge of it). */
export interface TObjectiveInCharge {
  objective: { code: string; thematicAreaCode: string; text: TBothTexts; inCharge: boolean };
  items: TItemInCharge[];
}

/**
 * The items an institution is in charge of in a plan version, grouped by objective, in plan order
 * (objective, then its lines of action, indicators and goals as the plan lists them). The rules (issue
 * 10, review design): in charge of an objective when listed among its institutions in charge, and then of
 * its lines of action and goals too; of an indicator when one of its reporters or in charge of its
 * objective. An objective appears when anything under it is in charge (its own fieldset only when the
 * objective itself is). An institution in charge of nothing gets an empty list.
 */
export function itemsInCharge({ plan, institutionCode }: { plan: TReviewPlan; institutionCode: string }): TObjectiveInCharge[] {
  const groups: TObjectiveInCharge[] = [];
  for (const o of plan.objectives) {
    const inCharge = o.institutionsInCharge.includes(institutionCode);
    const items: TItemInCharge[] = [];
    if (inCharge) items.push({ kind: 'OBJECTIVE', code: o.code, objectiveCode: o.code, text: o.text });
    if (inCharge) {
      for (const l of plan.linesOfAction) if (l.objectiveCode === o.code) items.push({ kind: 'LINE_OF_ACTION', code: l.code, objectiveCode: o.code, text: l.text });
    }
    for (const i of plan.indicators) {
      if (i.objectiveCode !== o.code) continue;
      if (!inCharge && !i.reporters.some((r) => r.institutionCode === institutionCode)) continue;
      items.push({ kind: 'INDICATOR', code: i.code, objectiveCode: o.code, text: i.text, unit: i.unit, disaggregation: i.disaggregation });
    }
    if (inCharge) {
      for (const g of plan.goals) {
        if (g.objectiveCode === o.code) items.push({ kind: 'GOAL', code: g.code, objectiveCode: o.code, text: g.text, indicatorCode: g.indicatorCode, target: g.target });
      }
    }
    if (items.length) groups.push({ objective: { code: o.code, thematicAreaCode: o.thematicAreaCode, text: o.text, inCharge }, items });
  }
  return groups;
}

/** The items of {@link itemsInCharge}, one flat list in plan order. */
export function flatItemsInCharge(args: { plan: TReviewPlan; institutionCode: string }): TItemInCharge[] {
  return itemsInCharge(args).flatMap((g) => g.items);
}

/** Whether an institution is in charge of anything in the plan version (it then gets a review request). */
export function hasItemsInCharge(args: { plan: TReviewPlan; institutionCode: string }): boolean {
  return itemsInCharge(args).length > 0;
}
