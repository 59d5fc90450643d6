import { z } from 'zod';
import { ZGoalTarget } from '../goal-target';
import { LIMITS, zLine, zText } from '../input-bounds';

// Not for workflows/: uses zod.

/**
 * What an institution proposes in a plan review (issue 10 §2): for every objective, line of action,
 * indicator and goal it is in charge of, keep / modify / retire, each with a justification; and new items
 * under an objective it is in charge of (add). The one definition of a proposal's bounds: the API stages
 * proposals parsed with {@link ZReviewProposals}, the activity that records them parses them again.
 */

/** The plan's items a review can change (activities and thematic areas stay as they are). */
export const ReviewItemKind = { OBJECTIVE: 'OBJECTIVE', LINE_OF_ACTION: 'LINE_OF_ACTION', INDICATOR: 'INDICATOR', GOAL: 'GOAL' } as const;
export type ReviewItemKind = (typeof ReviewItemKind)[keyof typeof ReviewItemKind];

export const ProposalAction = { KEEP: 'KEEP', MODIFY: 'MODIFY', RETIRE: 'RETIRE', ADD: 'ADD' } as const;
export type ProposalAction = (typeof ProposalAction)[keyof typeof ProposalAction];

export const REVIEW_LIMITS = {
  /** Proposals in one submission (the plan has about 80 items; an institution in charge of all, plus additions). */
  proposals: 400,
  /** A plan item's wording in one language. */
  itemText: 2_000,
  /** An item code ("4", "4.2", "4.b", "4.g2"). */
  itemCode: 16,
} as const;

const zItemCode = () => zLine(REVIEW_LIMITS.itemCode).pipe(z.string().regex(/^[1-9][0-9]*(\.([1-9][0-9]*|[a-z]|g[1-9][0-9]*))?$/, 'must be a plan code such as "4", "4.2", "4.b" or "4.g2"'));

/** New wording in both languages (either may be left as it was by omitting it). */
export const ZProposedText = z.strictObject({ es: zText(REVIEW_LIMITS.itemText).optional(), en: zText(REVIEW_LIMITS.itemText).optional() });

/**
 * What a MODIFY or ADD proposal changes: wording, and for indicators the unit and breakdown, for goals the
 * target (checked by the plan's own target schema, so a target the plan file could not hold is refused
 * here, naming the item) and the indicator it is measured on.
 */
export const ZProposalChange = z.strictObject({
  text: ZProposedText.optional(),
  unit: z.enum(['COUNT', 'PERCENTAGE', 'YES_NO', 'TEXT']).optional(),
  disaggregation: z.enum(['NONE', 'SEX']).optional(),
  target: ZGoalTarget.nullable().optional(),
  indicatorCode: zItemCode().nullable().optional(),
});
export type TProposalChange = z.infer<typeof ZProposalChange>;

export const ZReviewProposal = z
  .strictObject({
    kind: z.enum(ReviewItemKind),
    /** The item's code; for ADD, the code proposed for the new item. */
    code: zItemCode(),
    action: z.enum(ProposalAction),
    /** For ADD of a line, indicator or goal: the objective it goes under. */
    objectiveCode: zItemCode().optional(),
    change: ZProposalChange.optional(),
    justification: zText(LIMITS.reason),
  })
  .superRefine((p, ctx) => {
    const needsChange = p.action === 'MODIFY' || p.action === 'ADD';
    if (needsChange && !p.change) ctx.addIssue({ code: 'custom', path: ['change'], message: `a ${p.action === 'ADD' ? 'new item' : 'modification'} needs the change it proposes` });
    if (!needsChange && p.change) ctx.addIssue({ code: 'custom', path: ['change'], message: `${p.action === 'KEEP' ? 'keeping' : 'retiring'} an item proposes no change` });
    if (p.action === 'ADD' && p.kind !== 'OBJECTIVE' && !p.objectiveCode) ctx.addIssue({ code: 'custom', path: ['objectiveCode'], message: 'a new item needs the objective it goes under' });
    if (p.action === 'ADD' && (!p.change?.text?.es || !p.change?.text?.en)) ctx.addIssue({ code: 'custom', path: ['change', 'text'], message: 'a new item needs its wording in Spanish and English' });
  });
export type TReviewProposal = z.infer<typeof ZReviewProposal>;

/** One institution's proposals, as staged and stored (`Submission.proposals`). */
export const ZReviewProposals = z
  .strictObject({
    proposals: z.array(ZReviewProposal).max(REVIEW_LIMITS.proposals),
    /** A general comment on the plan. */
    narrative: zText(LIMITS.narrative).optional(),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.proposals.forEach((p, i) => {
      const key = `${p.kind}/${p.code}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['proposals', i, 'code'], message: `${p.code}: one proposal per item (also proposals[${first}])` });
      else seen.set(key, i);
    });
  });
export type TReviewProposals = z.infer<typeof ZReviewProposals>;

/** A proposal's stable key across corrections: institution, item kind, item code (`SRE/INDICATOR/4.b`). */
export function proposalKey(institutionCode: string, p: Pick<TReviewProposal, 'kind' | 'code'>): string {
  return `${institutionCode}/${p.kind}/${p.code}`;
}

// ───────────────────────────── decisions and crosswalk ─────────────────────────────

export const DecisionKind = { ACCEPTED: 'ACCEPTED', ACCEPTED_WITH_CHANGES: 'ACCEPTED_WITH_CHANGES', REJECTED: 'REJECTED' } as const;
export type DecisionKind = (typeof DecisionKind)[keyof typeof DecisionKind];

/** The secretariat's decision on one proposal (`POST /api/reviews/…/decisions`). */
export const ZReviewDecisionInput = z
  .strictObject({
    proposalKey: zLine(120),
    decision: z.enum(DecisionKind),
    /** For ACCEPTED_WITH_CHANGES: the change as accepted (replaces the proposal's). */
    change: ZProposalChange.optional(),
    note: zText(LIMITS.note).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'ACCEPTED_WITH_CHANGES' && !d.change) ctx.addIssue({ code: 'custom', path: ['change'], message: 'accepting with changes needs the changes' });
    if (d.decision !== 'ACCEPTED_WITH_CHANGES' && d.change) ctx.addIssue({ code: 'custom', path: ['change'], message: 'only an acceptance with changes carries changes' });
    if (d.decision !== 'ACCEPTED' && !d.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a rejection or an acceptance with changes needs a note' });
  });
export type TReviewDecisionInput = z.infer<typeof ZReviewDecisionInput>;

/** How an old item became new ones. */
export const CrosswalkKind = {
  UNCHANGED: 'UNCHANGED',
  REWORDED: 'REWORDED',
  RETARGETED: 'RETARGETED',
  /** Wording and something else (unit, breakdown, target, indicator) changed. */
  MODIFIED: 'MODIFIED',
  SPLIT: 'SPLIT',
  MERGED: 'MERGED',
  RETIRED: 'RETIRED',
  ADDED: 'ADDED',
} as const;
export type CrosswalkKind = (typeof CrosswalkKind)[keyof typeof CrosswalkKind];

/**
 * One line of the crosswalk: old codes (empty for ADDED) to new codes (empty for RETIRED) of one item kind.
 * SPLIT: one old code to several new; MERGED: several old codes to one new.
 */
export const ZCrosswalkEntry = z.strictObject({
  kind: z.enum(ReviewItemKind),
  change: z.enum(CrosswalkKind),
  from: z.array(zItemCode()).max(50),
  to: z.array(zItemCode()).max(50),
  note: zText(LIMITS.note).optional(),
});
export type TCrosswalkEntry = z.infer<typeof ZCrosswalkEntry>;

/**
 * Publishing a new plan version. `crosswalk`, when given, is the whole crosswalk (every old code of every
 * reviewed kind exactly once in some `from`; every new code in some `to`); without it, the crosswalk
 * follows from the decisions (kept, modified, retired, added). Splits and merges need it.
 */
export const ZPublishPlanVersionInput = z.strictObject({
  crosswalk: z.array(ZCrosswalkEntry).max(2_000).optional(),
  /** Adoption date of the new version (default: the day of publication in the plan's time zone). */
  adoptedOn: z.iso.date().optional(),
  note: zText(LIMITS.note).optional(),
});
export type TPublishPlanVersionInput = z.infer<typeof ZPublishPlanVersionInput>;
