import { GoalTargetKind } from '../goal-target';
import type { TReviewProposal } from './review-proposal';
import type { ReviewItemKind } from './review-proposal';
import { flatItemsInCharge } from './items-in-charge';
import type { TReviewPlan } from './review-plan';

/**
 * What can be wrong with an institution's proposals that their schema (ZReviewProposals) cannot see: it
 * takes the plan version under review. NOT_IN_CHARGE is the API's 403; every other code its 400.
 */
export const ProposalIssueCode = {
  /** A proposal on an item (or under an objective) the institution is not in charge of. */
  NOT_IN_CHARGE: 'NOT_IN_CHARGE',
  /** KEEP/MODIFY/RETIRE of a code the plan version does not have; an ADD under an unknown objective; an unknown indicator. */
  UNKNOWN_ITEM: 'UNKNOWN_ITEM',
  /** ADD with a code the plan version already has. */
  CODE_EXISTS: 'CODE_EXISTS',
  /** A code not of its kind's form (`4` objective, `4.2` line, `4.b` indicator, `4.g2` goal), or an ADD's code not under its objective. */
  CODE_FORM: 'CODE_FORM',
  /** A change the item's kind cannot take: a unit or breakdown on a non-indicator, a target or indicator on a non-goal. */
  WRONG_FIELD_FOR_KIND: 'WRONG_FIELD_FOR_KIND',
  /** An item retired earlier (an earlier version's crosswalk, or an accepted retirement of this review). */
  RETIRED_EARLIER: 'RETIRED_EARLIER',
  /** A target the plan file would refuse once applied (a numeric target on a non-COUNT indicator…). */
  TARGET_REJECTED: 'TARGET_REJECTED',
  /** A goal's indicator of another objective. */
  WRONG_OBJECTIVE: 'WRONG_OBJECTIVE',
  /** A new indicator without its unit. */
  UNIT_REQUIRED: 'UNIT_REQUIRED',
  /** A final submission without a proposal (keep, modify or retire) on an item in charge. */
  MISSING_PROPOSAL: 'MISSING_PROPOSAL',
} as const;
export type ProposalIssueCode = (typeof ProposalIssueCode)[keyof typeof ProposalIssueCode];

/** One problem, naming the item: its proposal's index (null for a missing proposal), kind and code, and the JSON path of the field. */
export interface TProposalIssue {
  code: ProposalIssueCode;
  index: number | null;
  kind: ReviewItemKind;
  itemCode: string;
  /** `proposals[3]`, `proposals[3].change.unit`, `proposals` (a missing proposal). */
  field: string;
  params?: Record<string, string>;
}

const CODE_FORM: Record<ReviewItemKind, RegExp> = {
  OBJECTIVE: /^[1-9][0-9]*$/,
  LINE_OF_ACTION: /^[1-9][0-9]*\.[1-9][0-9]*$/,
  INDICATOR: /^[1-9][0-9]*\.[a-z]$/,
  GOAL: /^[1-9][0-9]*\.g[1-9][0-9]*$/,
};

const objectiveOf = (code: string) => (code.includes('.') ? code.slice(0, code.indexOf('.')) : code);

/**
 * Checks one institution's proposals (already parsed with ZReviewProposals) against the plan version
 * under review, and returns every problem found, in proposal order (missing proposals last):
 *
 * - KEEP / MODIFY / RETIRE name an item of the version (UNKNOWN_ITEM) the institution is in charge of
 *   (NOT_IN_CHARGE; see {@link flatItemsInCharge}); an item in `retiredCodes` is RETIRED_EARLIER.
 * - ADD of a line, indicator or goal goes under an existing objective (UNKNOWN_ITEM) the institution is in
 *   charge of (NOT_IN_CHARGE), with a new code (CODE_EXISTS, RETIRED_EARLIER: a retired code is never
 *   reused) of its kind's form starting with that objective (CODE_FORM). ADD of an objective: when
 *   `objectiveCode` is given it names an objective of the thematic area the new one joins, and the
 *   institution must be in charge of an objective of that area; otherwise of any objective.
 * - A unit or breakdown is only for indicators, a target or measured indicator only for goals
 *   (WRONG_FIELD_FOR_KIND); a new indicator needs its unit (UNIT_REQUIRED).
 * - A goal's target, once applied, must be one the plan file takes: a numeric target (count, milestones,
 *   share) is measured on a COUNT indicator, a share of women or men on one broken down by sex, a share's
 *   denominator is a COUNT indicator of the plan (TARGET_REJECTED); the goal's indicator exists
 *   (UNKNOWN_ITEM) and is of the goal's objective (WRONG_OBJECTIVE). A unit changed in the same
 *   proposals counts.
 * - With `final`, every item in charge needs a proposal (MISSING_PROPOSAL).
 */
export function checkProposals({
  plan,
  institutionCode,
  proposals,
  retiredCodes = new Set<string>(),
  final = false,
}: {
  plan: TReviewPlan;
  institutionCode: string;
  proposals: readonly TReviewProposal[];
  retiredCodes?: ReadonlySet<string>;
  final?: boolean;
}): TProposalIssue[] {
  const issues: TProposalIssue[] = [];
  const inCharge = flatItemsInCharge({ plan, institutionCode });
  const inChargeKeys = new Set(inCharge.map((i) => `${i.kind}/${i.code}`));
  const objectives = new Map(plan.objectives.map((o) => [o.code, o]));
  const existing: Record<ReviewItemKind, Set<string>> = {
    OBJECTIVE: new Set(plan.objectives.map((o) => o.code)),
    LINE_OF_ACTION: new Set(plan.linesOfAction.map((l) => l.code)),
    INDICATOR: new Set(plan.indicators.map((i) => i.code)),
    GOAL: new Set(plan.goals.map((g) => g.code)),
  };
  const chargedObjective = (code: string) => objectives.get(code)?.institutionsInCharge.includes(institutionCode) ?? false;
  // Units as they would be after these proposals (a unit changed in the same round counts for targets).
  const units = new Map(plan.indicators.map((i) => [i.code, { unit: i.unit, disaggregation: i.disaggregation, objectiveCode: i.objectiveCode }]));
  for (const p of proposals) {
    if (p.kind !== 'INDICATOR' || !(p.action === 'MODIFY' || p.action === 'ADD')) continue;
    const before = units.get(p.code);
    const unit = p.change?.unit ?? before?.unit;
    if (unit) units.set(p.code, { unit, disaggregation: p.change?.disaggregation ?? before?.disaggregation ?? 'NONE', objectiveCode: p.objectiveCode ?? before?.objectiveCode ?? objectiveOf(p.code) });
  }

  proposals.forEach((p, index) => {
    const at = `proposals[${index}]`;
    const issue = (code: ProposalIssueCode, field = at, params?: Record<string, string>) => issues.push({ code, index, kind: p.kind, itemCode: p.code, field, ...(params ? { params } : {}) });

    if (!CODE_FORM[p.kind].test(p.code)) return issue('CODE_FORM', `${at}.code`);
    if (retiredCodes.has(p.code)) return issue('RETIRED_EARLIER', `${at}.code`);
    if (p.action === 'ADD') {
      if (existing[p.kind].has(p.code)) return issue('CODE_EXISTS', `${at}.code`);
      if (p.kind === 'OBJECTIVE') {
        if (p.objectiveCode !== undefined) {
          const beside = objectives.get(p.objectiveCode);
          if (!beside) return issue('UNKNOWN_ITEM', `${at}.objectiveCode`, { code: p.objectiveCode });
          const area = plan.objectives.filter((o) => o.thematicAreaCode === beside.thematicAreaCode);
          if (!area.some((o) => o.institutionsInCharge.includes(institutionCode))) return issue('NOT_IN_CHARGE', `${at}.objectiveCode`, { area: beside.thematicAreaCode });
        } else if (!plan.objectives.some((o) => o.institutionsInCharge.includes(institutionCode))) {
          return issue('NOT_IN_CHARGE', at);
        }
      } else {
        const objectiveCode = p.objectiveCode!;
        if (!objectives.has(objectiveCode)) return issue('UNKNOWN_ITEM', `${at}.objectiveCode`, { code: objectiveCode });
        if (!chargedObjective(objectiveCode)) return issue('NOT_IN_CHARGE', `${at}.objectiveCode`, { objective: objectiveCode });
        if (objectiveOf(p.code) !== objectiveCode) return issue('CODE_FORM', `${at}.code`, { objective: objectiveCode });
      }
      if (p.kind === 'INDICATOR' && !p.change?.unit) issue('UNIT_REQUIRED', `${at}.change.unit`);
    } else {
      if (!existing[p.kind].has(p.code)) return issue('UNKNOWN_ITEM', `${at}.code`, { code: p.code });
      if (!inChargeKeys.has(`${p.kind}/${p.code}`)) return issue('NOT_IN_CHARGE', at);
    }

    const change = p.change;
    if (!change) return;
    if (p.kind !== 'INDICATOR') {
      if (change.unit !== undefined) issue('WRONG_FIELD_FOR_KIND', `${at}.change.unit`, { field: 'unit' });
      if (change.disaggregation !== undefined) issue('WRONG_FIELD_FOR_KIND', `${at}.change.disaggregation`, { field: 'disaggregation' });
    }
    if (p.kind !== 'GOAL') {
      if (change.target !== undefined) issue('WRONG_FIELD_FOR_KIND', `${at}.change.target`, { field: 'target' });
      if (change.indicatorCode !== undefined) issue('WRONG_FIELD_FOR_KIND', `${at}.change.indicatorCode`, { field: 'indicatorCode' });
      return;
    }
    const goal = plan.goals.find((g) => g.code === p.code);
    const goalObjective = p.objectiveCode ?? goal?.objectiveCode ?? objectiveOf(p.code);
    if (change.indicatorCode) {
      const measured = units.get(change.indicatorCode);
      if (!measured) return issue('UNKNOWN_ITEM', `${at}.change.indicatorCode`, { code: change.indicatorCode });
      if (measured.objectiveCode !== goalObjective) return issue('WRONG_OBJECTIVE', `${at}.change.indicatorCode`, { indicator: change.indicatorCode, objective: goalObjective });
    }
    const target = change.target;
    if (!target) return;
    const indicatorCode = change.indicatorCode !== undefined ? change.indicatorCode : (goal?.indicatorCode ?? null);
    const measured = indicatorCode === null ? undefined : units.get(indicatorCode);
    if (measured && target.kind !== GoalTargetKind.OCCURRENCE && measured.unit !== 'COUNT') {
      return issue('TARGET_REJECTED', `${at}.change.target`, { rule: 'COUNT_ONLY', indicator: indicatorCode!, unit: measured.unit });
    }
    if (target.kind !== GoalTargetKind.SHARE) return;
    if (measured && target.breakdown !== 'TOTAL' && measured.disaggregation !== 'SEX') {
      return issue('TARGET_REJECTED', `${at}.change.target.breakdown`, { rule: 'NOT_BY_SEX', indicator: indicatorCode! });
    }
    const denominatorCode = target.denominator.indicatorCode;
    if (denominatorCode === null) return;
    const denominator = units.get(denominatorCode);
    if (!denominator) return issue('UNKNOWN_ITEM', `${at}.change.target.denominator.indicatorCode`, { code: denominatorCode });
    if (denominator.unit !== 'COUNT') return issue('TARGET_REJECTED', `${at}.change.target.denominator.indicatorCode`, { rule: 'COUNT_ONLY', indicator: denominatorCode, unit: denominator.unit });
    if (target.denominator.breakdown !== 'TOTAL' && denominator.disaggregation !== 'SEX') {
      issue('TARGET_REJECTED', `${at}.change.target.denominator.breakdown`, { rule: 'NOT_BY_SEX', indicator: denominatorCode });
    }
  });

  if (final) {
    const proposed = new Set(proposals.map((p) => `${p.kind}/${p.code}`));
    for (const item of inCharge) {
      if (!proposed.has(`${item.kind}/${item.code}`)) issues.push({ code: 'MISSING_PROPOSAL', index: null, kind: item.kind, itemCode: item.code, field: 'proposals' });
    }
  }
  return issues;
}
