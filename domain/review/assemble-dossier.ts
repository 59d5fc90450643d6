import type { TWords } from '../goal-target-text';
import { REVIEW_DOSSIER_FORMAT, type TDossierProposal, type TReviewDossier, type TReviewSynthesis, type TSynthesisGoal, type TSynthesisIndicator } from './review-model';
import { ZCrosswalkEntry, ZProposalChange, type ReviewItemKind, type TCrosswalkEntry, type TProposalChange } from './review-proposal';

// Not for workflows/: uses zod (through review-proposal).

/** A plan item of the version under review, as the plan file lists it (each kind in the file's order). */
export type TPlanItemRef = { kind: ReviewItemKind; code: string; objectiveCode: string };

/** One request of the review's round, as the dossier counts it. */
export type TRoundRequest = { institutionCode: string; answered: boolean; escalationLevel: number };

export interface AssembleDossierInput {
  plan: { key: string; title: TWords; version: number; items: readonly TPlanItemRef[] };
  review: { workflowId: string; startedAt: string; synthesis: TReviewSynthesis; publishedVersion: number | null; crosswalk: readonly TCrosswalkEntry[] | null };
  requests: readonly TRoundRequest[];
  /** The consolidated proposals with their decisions (prisma/review-proposals), in any order. */
  proposals: readonly TDossierProposal[];
  /** The instant the files print: the publication, else the compilation. */
  compiledAt: string;
}

const KIND_RANK: Record<ReviewItemKind, number> = { OBJECTIVE: 0, LINE_OF_ACTION: 1, INDICATOR: 2, GOAL: 3 };

/** Plan codes compared as a person reads them: "2" < "10", "4.b" < "4.c", "4.g2" < "4.g10". */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Where a proposal sits in the dossier: under its item's objective (objectives in plan order, then new
 * objectives by code), the objective itself first, then its lines of action, indicators and goals, each
 * kind in plan order with new codes after the existing ones (by code); within an item, institutions by
 * code.
 */
function proposalOrder(items: readonly TPlanItemRef[]) {
  const objectiveAt = new Map(items.filter((i) => i.kind === 'OBJECTIVE').map((o, n) => [o.code, n]));
  const itemAt = new Map(items.map((i, n) => [`${i.kind}/${i.code}`, { n, objectiveCode: i.objectiveCode }]));
  const place = (p: TDossierProposal) => {
    const known = itemAt.get(`${p.kind}/${p.code}`);
    const objectiveCode = known?.objectiveCode ?? (p.kind === 'OBJECTIVE' ? p.code : (p.objectiveCode ?? p.code.split('.')[0]));
    return { objective: objectiveAt.get(objectiveCode) ?? Number.MAX_SAFE_INTEGER, objectiveCode, rank: KIND_RANK[p.kind], item: known?.n ?? Number.MAX_SAFE_INTEGER };
  };
  return (a: TDossierProposal, b: TDossierProposal): number => {
    const [pa, pb] = [place(a), place(b)];
    return (
      pa.objective - pb.objective ||
      compareCodes(pa.objectiveCode, pb.objectiveCode) ||
      pa.rank - pb.rank ||
      pa.item - pb.item ||
      compareCodes(a.code, b.code) ||
      (a.institutionCode < b.institutionCode ? -1 : a.institutionCode > b.institutionCode ? 1 : 0)
    );
  };
}

const words = (t: TWords): TWords => ({ 'es-MX': t['es-MX'], en: t.en });

function indicatorInOrder(i: TSynthesisIndicator): TSynthesisIndicator {
  return {
    code: i.code,
    objectiveCode: i.objectiveCode,
    text: words(i.text),
    trend: i.trend.map((p) => ({
      planYear: p.planYear,
      cycleYear: p.cycleYear,
      total: p.total,
      bySex: p.bySex === null ? null : { women: p.bySex.women, men: p.bySex.men, sexNotRecorded: p.bySex.sexNotRecorded },
      reported: p.reported,
      withoutData: p.withoutData,
    })),
    neverHadData: i.neverHadData,
    needsConfirmation: i.needsConfirmation,
    derivedReporters: [...i.derivedReporters],
  };
}

function goalInOrder(g: TSynthesisGoal): TSynthesisGoal {
  return {
    code: g.code,
    objectiveCode: g.objectiveCode,
    indicatorCode: g.indicatorCode,
    text: words(g.text),
    statusByYear: g.statusByYear.map((y) => ({ cycleYear: y.cycleYear, planYear: y.planYear, status: y.status })),
    latestStatus: g.latestStatus,
    neverEvaluable: g.neverEvaluable,
    needsConfirmation: g.needsConfirmation,
  };
}

/**
 * The synthesis with every object's keys in the model's order. It is stored as JSON in PostgreSQL, whose
 * jsonb keeps keys in an order of its own; the dossier's JSON file prints keys in the model's order, so
 * the same synthesis gives the same bytes whether it was read back from the database or not.
 */
export function synthesisInOrder(s: TReviewSynthesis): TReviewSynthesis {
  return {
    planKey: s.planKey,
    planVersion: s.planVersion,
    years: [...s.years],
    reportsRead: s.reportsRead.map((r) => ({ cycleYear: r.cycleYear, version: r.version, status: r.status })),
    objectives: s.objectives.map((o) => ({
      code: o.code,
      areaCode: o.areaCode,
      text: words(o.text),
      institutionsInCharge: [...o.institutionsInCharge],
      needsConfirmation: o.needsConfirmation,
      indicators: o.indicators.map(indicatorInOrder),
      goals: o.goals.map(goalInOrder),
    })),
    chronicNonReporters: s.chronicNonReporters.map((n) => ({ institutionCode: n.institutionCode, name: words(n.name), years: [...n.years], cycles: n.cycles })),
    needsConfirmation: s.needsConfirmation.map((c) => ({ kind: c.kind, code: c.code, note: c.note })),
    counts: {
      indicatorsNeverWithData: s.counts.indicatorsNeverWithData,
      goalsNeverEvaluable: s.counts.goalsNeverEvaluable,
      chronicNonReporters: s.counts.chronicNonReporters,
      itemsNeedingConfirmation: s.counts.itemsNeedingConfirmation,
    },
  };
}

/** A change in its schema's key order (jsonb reorders the stored decisions' changes). */
const changeInOrder = (change: TProposalChange | null): TProposalChange | null => (change === null ? null : ZProposalChange.parse(change));

function proposalInOrder(p: TDossierProposal): TDossierProposal {
  const d = p.decision;
  return {
    key: p.key,
    institutionCode: p.institutionCode,
    kind: p.kind,
    code: p.code,
    action: p.action,
    objectiveCode: p.objectiveCode,
    change: changeInOrder(p.change),
    justification: p.justification,
    version: p.version,
    submittedAt: p.submittedAt,
    submittedBy: p.submittedBy,
    decision: d === null ? null : { decision: d.decision, change: changeInOrder(d.change), note: d.note, decidedBy: d.decidedBy, decidedAt: d.decidedAt, stale: d.stale },
  };
}

/**
 * The review's dossier from plain rows (pure): the stored synthesis as it is, the round's figures
 * (requests, answered, not answered and escalated by institution code), the proposals grouped by item in
 * plan order ({@link proposalOrder}) with their decisions, and the published crosswalk (empty while the
 * review is undecided). The model's order is the files' order: renderers never re-sort. Every object's
 * keys are put in the model's (or its schema's) order, whatever order the rows gave them in.
 */
export function assembleDossier({ plan, review, requests, proposals, compiledAt }: AssembleDossierInput): TReviewDossier {
  const byCode = [...requests].sort((a, b) => (a.institutionCode < b.institutionCode ? -1 : a.institutionCode > b.institutionCode ? 1 : 0));
  return {
    format: REVIEW_DOSSIER_FORMAT,
    planKey: plan.key,
    planTitle: plan.title,
    fromVersion: plan.version,
    toVersion: review.publishedVersion,
    workflowId: review.workflowId,
    startedAt: review.startedAt,
    compiledAt,
    round: {
      requests: byCode.length,
      answered: byCode.filter((r) => r.answered).length,
      notAnswered: byCode.filter((r) => !r.answered).map((r) => r.institutionCode),
      escalated: byCode.filter((r) => r.escalationLevel > 0).map((r) => r.institutionCode),
    },
    synthesis: synthesisInOrder(review.synthesis),
    proposals: proposals.map(proposalInOrder).sort(proposalOrder(plan.items)),
    crosswalk: (review.crosswalk ?? []).map((e) => ZCrosswalkEntry.parse(e)),
  };
}

/** The plan items of a plan file, each kind in the file's order (objectives, lines of action, indicators, goals). */
export function planItemRefs(plan: {
  objectives: readonly { code: string }[];
  linesOfAction: readonly { code: string; objectiveCode: string }[];
  indicators: readonly { code: string; objectiveCode: string }[];
  goals: readonly { code: string; objectiveCode: string }[];
}): TPlanItemRef[] {
  return [
    ...plan.objectives.map((o) => ({ kind: 'OBJECTIVE' as const, code: o.code, objectiveCode: o.code })),
    ...plan.linesOfAction.map((l) => ({ kind: 'LINE_OF_ACTION' as const, code: l.code, objectiveCode: l.objectiveCode })),
    ...plan.indicators.map((i) => ({ kind: 'INDICATOR' as const, code: i.code, objectiveCode: i.objectiveCode })),
    ...plan.goals.map((g) => ({ kind: 'GOAL' as const, code: g.code, objectiveCode: g.objectiveCode })),
  ];
}
