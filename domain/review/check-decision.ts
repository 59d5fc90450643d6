import { itemName as itemWords } from './publication-issue';
import type { TDossierProposal } from './review-model';
import type { ReviewItemKind, TReviewDecisionInput } from './review-proposal';

/** Why a decision cannot be recorded; `item` names the plan item ("goal 4.g2"), `field` the input's field. */
export type TDecisionRefusal = {
  status: 400 | 404 | 409;
  code: 'UNKNOWN_PROPOSAL' | 'ITEM_RETIRED' | 'RETIRES_MODIFIED_ITEM' | 'CONFLICTING_CHANGE' | 'NOTHING_TO_CHANGE' | 'WRONG_FIELD_FOR_KIND' | 'REVIEW_PUBLISHED';
  field: string;
  item: string | null;
  message: { 'es-MX': string; en: string };
};

/** "indicator 4.b" / "indicador 4.b". */
export function itemName(p: { kind: ReviewItemKind; code: string }, lang: 'es-MX' | 'en'): string {
  return itemWords(p.kind, p.code)[lang];
}

/** The kind alone, for "a goal has no …". */
const kindWord = (kind: ReviewItemKind, lang: 'es-MX' | 'en') => itemWords(kind, '')[lang].trim();

const ACTION_WORDS: Record<TDossierProposal['action'], { 'es-MX': string; en: string }> = {
  KEEP: { 'es-MX': 'conservar', en: 'keep' },
  MODIFY: { 'es-MX': 'modificar', en: 'modify' },
  RETIRE: { 'es-MX': 'retirar', en: 'retire' },
  ADD: { 'es-MX': 'agregar', en: 'add' },
};

/** The same action with the same change (as the institution wrote it). */
const sameProposal = (a: TDossierProposal, b: TDossierProposal) => a.action === b.action && JSON.stringify(a.change) === JSON.stringify(b.change);

const accepted = (p: TDossierProposal) => p.decision !== null && p.decision.decision !== 'REJECTED';
const changes = (p: TDossierProposal) => p.action === 'MODIFY' || p.action === 'KEEP' || p.action === 'ADD';

/** Which fields of a change each kind of item has. */
const FIELDS_OF_KIND: Record<ReviewItemKind, readonly string[]> = {
  OBJECTIVE: ['text'],
  LINE_OF_ACTION: ['text'],
  INDICATOR: ['text', 'unit', 'disaggregation'],
  GOAL: ['text', 'target', 'indicatorCode'],
};

/**
 * Whether the secretariat may record `input` on one of the review's proposals (pure; the API answers the
 * refusal's status, naming the item). A retired item cannot also be modified or kept: accepting a change
 * to an item whose retirement is accepted (or the reverse) is refused, and so is accepting two different
 * changes to one item (accept one with the other's changes merged, reject the other). Decisions can be
 * changed until the new version is published.
 */
export function checkDecision({ proposals, input, published }: { proposals: readonly TDossierProposal[]; input: TReviewDecisionInput; published: boolean }): TDecisionRefusal | undefined {
  const target = proposals.find((p) => p.key === input.proposalKey);
  const refusal = (status: TDecisionRefusal['status'], code: TDecisionRefusal['code'], field: string, es: string, en: string, item: string | null = target ? itemName(target, 'en') : null): TDecisionRefusal => ({
    status,
    code,
    field,
    item,
    message: { 'es-MX': es, en },
  });
  if (published) return refusal(409, 'REVIEW_PUBLISHED', 'proposalKey', 'La nueva versión ya se publicó: las decisiones ya no cambian.', 'The new version is published: decisions no longer change.', null);
  if (!target) return refusal(404, 'UNKNOWN_PROPOSAL', 'proposalKey', `No hay propuesta ${input.proposalKey} en esta revisión.`, `There is no proposal ${input.proposalKey} in this review.`, null);
  const es = itemName(target, 'es-MX');
  const en = itemName(target, 'en');
  if (input.decision === 'ACCEPTED_WITH_CHANGES' && (target.action === 'RETIRE' || target.action === 'KEEP')) {
    return refusal(400, 'NOTHING_TO_CHANGE', 'change', `${es}: la propuesta ${target.action === 'RETIRE' ? 'lo retira' : 'lo conserva'}; no hay cambios que aceptar.`, `${en}: the proposal ${target.action === 'RETIRE' ? 'retires' : 'keeps'} it; there are no changes to accept.`);
  }
  const wrong = Object.keys(input.change ?? {}).find((f) => !FIELDS_OF_KIND[target.kind].includes(f));
  if (wrong) return refusal(400, 'WRONG_FIELD_FOR_KIND', `change.${wrong}`, `${es}: un ${kindWord(target.kind, 'es-MX')} no tiene «${wrong}».`, `${en}: a ${kindWord(target.kind, 'en')} has no "${wrong}".`);
  if (input.decision === 'REJECTED') return undefined;

  const others = proposals.filter((p) => p.key !== target.key && p.kind === target.kind && p.code === target.code && accepted(p));
  if (changes(target)) {
    const retirement = others.find((p) => p.action === 'RETIRE');
    if (retirement) {
      return refusal(400, 'ITEM_RETIRED', 'decision', `${es} se retira (propuesta aceptada de ${retirement.institutionCode}): no puede también modificarse ni conservarse.`, `${en} is retired (accepted proposal of ${retirement.institutionCode}): it cannot also be modified or kept.`);
    }
    // Two institutions proposing the very same thing agree; anything else on one item is a conflict (a
    // change beside a keep, two different changes).
    const rival = others.find((p) => p.action !== 'RETIRE' && !sameProposal(p, target));
    if (rival) {
      return refusal(400, 'CONFLICTING_CHANGE', 'decision', `${es} ya tiene aceptada otra propuesta (${rival.institutionCode}: ${ACTION_WORDS[rival.action]['es-MX']}): acepte una, con los cambios de ambas si hace falta, y rechace la otra.`, `${en} already has another accepted proposal (${rival.institutionCode}: ${ACTION_WORDS[rival.action].en}): accept one, with both changes merged if needed, and reject the other.`);
    }
  } else {
    const modified = others.find((p) => p.action === 'MODIFY' || p.action === 'KEEP');
    if (modified) {
      return refusal(400, 'RETIRES_MODIFIED_ITEM', 'decision', `${es} tiene aceptada una propuesta de ${modified.action === 'KEEP' ? 'conservarlo' : 'modificarlo'} (${modified.institutionCode}): rechácela antes de aceptar su retiro.`, `${en} has an accepted proposal to ${modified.action === 'KEEP' ? 'keep' : 'modify'} it (${modified.institutionCode}): reject it before accepting its retirement.`);
    }
  }
  return undefined;
}
