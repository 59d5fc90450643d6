import { DateTime } from 'luxon';
import type { TPlanFile } from '../plan-schema';
import { applyDecisions, type TApplyDecisionsResult, type TDecidedProposal } from './apply-decisions';
import { itemIssue, type TPublicationIssue } from './publication-issue';
import type { TDossierProposal } from './review-model';
import { ProposalAction, type TPublishPlanVersionInput, type TReviewProposal } from './review-proposal';

/** A proposal's action as a verb, for a sentence a person reads (never the code: "MODIFY"). */
const ACTION_VERBS: Record<TDossierProposal['action'], { 'es-MX': string; en: string }> = {
  KEEP: { 'es-MX': 'conservar', en: 'keep' },
  MODIFY: { 'es-MX': 'modificar', en: 'modify' },
  RETIRE: { 'es-MX': 'retirar', en: 'retire' },
  ADD: { 'es-MX': 'agregar', en: 'add' },
};

/** The zone of a plan's dates (adoption, publication). */
const PLAN_ZONE = 'America/Mexico_City';

/** The day of an instant in Mexico City (ISO date): a version published at 23:30 UTC on 5 May is adopted on 5 May. */
export function publicationDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PLAN_ZONE }).toISODate()!;
}

/**
 * What publishing the review's decisions would give, without writing anything: the API answers 400 with
 * these issues before starting the publication, and the publication activity runs the same function on
 * the same inputs. Beyond {@link applyDecisions}'s rules, a proposal that changes something (modify,
 * retire, add) must have a decision, and that decision must not be stale (taken on a wording the
 * institution corrected since): both name the item. Undecided KEEP proposals change nothing and are
 * ignored. `adoptedOn` defaults to the day of `now` in Mexico City.
 */
export function previewPlanVersion({
  plan,
  proposals,
  input,
  now,
  retiredEarlier,
}: {
  plan: TPlanFile;
  proposals: readonly TDossierProposal[];
  input: TPublishPlanVersionInput;
  now: Date;
  retiredEarlier?: ReadonlySet<string>;
}): TApplyDecisionsResult {
  const issues: TPublicationIssue[] = [];
  const decided: TDecidedProposal[] = [];
  for (const p of proposals) {
    const path = `decisions[${p.key}]`;
    if (p.decision === null) {
      if (p.action !== ProposalAction.KEEP) {
        issues.push(
          itemIssue(p.kind, p.code, path, {
            es: (item) => `la propuesta de ${p.institutionCode} de ${ACTION_VERBS[p.action]['es-MX']} ${item} no tiene decisión`,
            en: (item) => `${p.institutionCode}'s proposal to ${ACTION_VERBS[p.action].en} ${item} has no decision`,
          }),
        );
      }
      continue;
    }
    if (p.decision.stale) {
      issues.push(
        itemIssue(p.kind, p.code, path, {
          es: (item) => `${p.institutionCode} corrigió su propuesta sobre ${item} después de la decisión: decida de nuevo`,
          en: (item) => `${p.institutionCode} corrected its proposal on ${item} after the decision: decide again`,
        }),
      );
      continue;
    }
    const proposal: TReviewProposal = {
      kind: p.kind,
      code: p.code,
      action: p.action,
      ...(p.objectiveCode === null ? {} : { objectiveCode: p.objectiveCode }),
      ...(p.change === null ? {} : { change: p.change }),
      justification: p.justification,
    };
    decided.push({ institutionCode: p.institutionCode, proposal, decision: p.decision.decision, acceptedChange: p.decision.change });
  }
  if (issues.length > 0) return { ok: false, issues };
  return applyDecisions({ plan, decided, crosswalk: input.crosswalk, adoptedOn: input.adoptedOn ?? publicationDay(now), retiredEarlier });
}
