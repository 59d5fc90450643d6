import { GOAL_STATUS_LABELS, type GoalStatus } from '../../domain/goal-status';
import { goalTargetText, type TWords } from '../../domain/goal-target-text';
import type { Locale } from '../../domain/input-bounds';
import type { TDossierProposal, TReviewDossier } from '../../domain/review/review-model';
import type { ReviewItemKind, TProposalChange } from '../../domain/review/review-proposal';
import { numberText } from '../report/report-text';
import { DISAGGREGATION_LABELS, dossierWords, ITEM_KIND_LABELS, UNIT_LABELS } from './dossier-labels';

/** The proposals on one item, as every format groups them (the model's order kept). */
export type TProposalGroup = { kind: ReviewItemKind; code: string; text: TWords | null; indicatorCode: string | null; proposals: TDossierProposal[] };

/**
 * The model's proposals grouped by item: consecutive proposals on the same kind and code (the model
 * orders them by item), each group with the item's wording where the synthesis has it (objectives,
 * indicators, goals of the version under review; a line of action or a new item has none).
 */
export function proposalGroups(model: TReviewDossier): TProposalGroup[] {
  const texts = new Map<string, TWords>();
  for (const o of model.synthesis.objectives) {
    texts.set(`OBJECTIVE/${o.code}`, o.text);
    for (const i of o.indicators) texts.set(`INDICATOR/${i.code}`, i.text);
    for (const g of o.goals) texts.set(`GOAL/${g.code}`, g.text);
  }
  const groups: TProposalGroup[] = [];
  for (const p of model.proposals) {
    const last = groups[groups.length - 1];
    if (last && last.kind === p.kind && last.code === p.code) last.proposals.push(p);
    else groups.push({ kind: p.kind, code: p.code, text: texts.get(`${p.kind}/${p.code}`) ?? null, indicatorCode: p.kind === 'GOAL' ? (goalIndicators(model).get(p.code) ?? null) : null, proposals: [p] });
  }
  return groups;
}

const GOAL_INDICATORS = new WeakMap<TReviewDossier, Map<string, string | null>>();

/** The indicator each goal of the version under review is measured on (a target's words name it). */
export function goalIndicators(model: TReviewDossier): Map<string, string | null> {
  let map = GOAL_INDICATORS.get(model);
  if (!map) GOAL_INDICATORS.set(model, (map = new Map(model.synthesis.objectives.flatMap((o) => o.goals.map((g) => [g.code, g.indicatorCode] as const)))));
  return map;
}

/** "Indicador 1.a" / "Indicator 1.a". */
export const itemName = (kind: ReviewItemKind, code: string, lang: Locale): string => `${ITEM_KIND_LABELS[kind][lang]} ${code}`;

/**
 * A proposed (or accepted) change as label–value lines, in the order the form asks them: wording in
 * Spanish and English as written, unit, breakdown, target (in words, or "no measurable target"), the
 * indicator a goal is measured on. Parts left as they were are not listed.
 */
export function changeLines(change: TProposalChange | null, lang: Locale, indicatorCode: string | null = null): [string, string][] {
  if (!change) return [];
  const w = dossierWords(lang);
  const lines: [string, string][] = [];
  if (change.text?.es !== undefined) lines.push([w.textEs, change.text.es]);
  if (change.text?.en !== undefined) lines.push([w.textEn, change.text.en]);
  if (change.unit) lines.push([w.unit, UNIT_LABELS[change.unit][lang]]);
  if (change.disaggregation) lines.push([w.disaggregation, DISAGGREGATION_LABELS[change.disaggregation][lang]]);
  if (change.target !== undefined) lines.push([w.target, change.target === null ? w.noTarget : goalTargetText({ target: change.target, indicatorCode: change.indicatorCode ?? indicatorCode })[lang]]);
  if (change.indicatorCode !== undefined) lines.push([w.measuredOn, change.indicatorCode ?? w.noIndicator]);
  return lines;
}

/** A change as one text (spreadsheets, CSV): its lines joined by newlines. */
export const changeText = (change: TProposalChange | null, lang: Locale, indicatorCode: string | null = null): string | null => {
  const lines = changeLines(change, lang, indicatorCode);
  return lines.length === 0 ? null : lines.map(([k, v]) => `${k}: ${v}`).join('\n');
};

/** A goal status word, or "not judged" when no report judged the goal. */
export const statusText = (status: GoalStatus | null, lang: Locale): string => (status === null ? dossierWords(lang).notJudged : GOAL_STATUS_LABELS[status][lang]);

/** The flags of a synthesis item: never had data, never evaluable, needs confirmation. */
export function flagWords(item: { neverHadData?: boolean; neverEvaluable?: boolean; needsConfirmation: boolean }, lang: Locale): string[] {
  const w = dossierWords(lang);
  return [...(item.neverHadData ? [w.neverWithData] : []), ...(item.neverEvaluable ? [w.neverEvaluable] : []), ...(item.needsConfirmation ? [w.needsConfirmation] : [])];
}

/** One point of an indicator's trend: "Año 2 del plan (2025): 1,250". */
export const trendPointText = (p: { planYear: number; cycleYear: number; total: number | null }, lang: Locale): string => `${dossierWords(lang).trendPoint(p.planYear, p.cycleYear)}: ${numberText(p.total, lang)}`;

/** The title page's figures: versions, dates, reports read and the round, label and value, in every format's order. */
export function titleFacts(model: TReviewDossier, lang: Locale, instant: (iso: string) => string): [string, string][] {
  const w = dossierWords(lang);
  const { round, synthesis } = model;
  const list = (codes: string[]) => (codes.length === 0 ? w.none : codes.join(', '));
  return [
    [w.plan, model.planKey],
    [w.versions, w.versionChange(model.fromVersion, model.toVersion)],
    [w.reviewId, model.workflowId],
    [w.startedAt, instant(model.startedAt)],
    [w.compiledAt, instant(model.compiledAt)],
    [w.reportsRead, synthesis.reportsRead.length === 0 ? w.noReports : synthesis.reportsRead.map((r) => w.reportRead(r.cycleYear, r.version, w.reportStatus[r.status])).join('; ')],
    [w.requests, String(round.requests)],
    [w.answered, String(round.answered)],
    [w.notAnswered, `${round.notAnswered.length} · ${list(round.notAnswered)}`],
    [w.escalated, `${round.escalated.length} · ${list(round.escalated)}`],
  ];
}

/** The synthesis's counts of what needs attention, label and count. */
export function attentionCounts(model: TReviewDossier, lang: Locale): [string, number][] {
  const w = dossierWords(lang);
  const c = model.synthesis.counts;
  return [
    [w.indicatorsNeverWithData, c.indicatorsNeverWithData],
    [w.goalsNeverEvaluable, c.goalsNeverEvaluable],
    [w.chronicNonReporters, c.chronicNonReporters],
    [w.itemsNeedingConfirmation, c.itemsNeedingConfirmation],
  ];
}
