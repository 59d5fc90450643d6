import type { GoalStatus } from '../goal-status';
import type { TWords } from '../goal-target-text';
import type { TTrendPoint } from '../indicator-trend';
import type { CrosswalkKind, DecisionKind, ProposalAction, ReviewItemKind, TCrosswalkEntry, TProposalChange } from './review-proposal';

/**
 * The plan review's models (issue 10 §2), built by pure code and rendered, like the annual report, into
 * JSON, HTML, PDF, XLSX and CSV in es-MX and English (the dossier). Order is part of the model: items in plan
 * order, institutions by code; renderers never re-sort.
 */
export const REVIEW_DOSSIER_FORMAT = 1;

/** One goal over the plan's years, from the stored annual reports (the latest published, else latest, version per year). */
export type TSynthesisGoal = {
  code: string;
  objectiveCode: string;
  indicatorCode: string | null;
  text: TWords;
  /** Status per cycle year, as the year's report judged it. */
  statusByYear: { cycleYear: number; planYear: number; status: GoalStatus }[];
  /** The last report's status, null when no report judged it. */
  latestStatus: GoalStatus | null;
  /** No report could evaluate it (every year NOT_EVALUABLE, or no report at all). */
  neverEvaluable: boolean;
  needsConfirmation: boolean;
};

export type TSynthesisIndicator = {
  code: string;
  objectiveCode: string;
  text: TWords;
  /** The indicator's totals per cycle year (from the reports' trends). */
  trend: TTrendPoint[];
  /** No report ever held a value for it. */
  neverHadData: boolean;
  needsConfirmation: boolean;
  /** Reporters still derived (not confirmed by the secretariat). */
  derivedReporters: string[];
};

/** An institution that did not report (NOT_REPORTED) in two or more of the plan's cycles. */
export type TChronicNonReporter = { institutionCode: string; name: TWords; years: number[]; cycles: number };

export type TSynthesisObjective = {
  code: string;
  areaCode: string;
  text: TWords;
  institutionsInCharge: string[];
  needsConfirmation: boolean;
  indicators: TSynthesisIndicator[];
  goals: TSynthesisGoal[];
};

/** What the stored annual reports say about the plan version under review. */
export type TReviewSynthesis = {
  planKey: string;
  planVersion: number;
  /** Cycle years whose reports were read, ascending. */
  years: number[];
  /** The report version read for each year (published if any, else the latest draft). */
  reportsRead: { cycleYear: number; version: number; status: 'PUBLISHED' | 'DRAFT' | 'SUPERSEDED' }[];
  objectives: TSynthesisObjective[];
  chronicNonReporters: TChronicNonReporter[];
  /** Items still marked `needsConfirmation` in the plan file: "objective 3", "line 3.2", "indicator 5.b", "goal 1.g1". */
  needsConfirmation: { kind: ReviewItemKind; code: string; note: string | null }[];
  counts: { indicatorsNeverWithData: number; goalsNeverEvaluable: number; chronicNonReporters: number; itemsNeedingConfirmation: number };
};

/** One proposal as the secretariat and the dossier see it, with its decision if any. */
export type TDossierProposal = {
  key: string;
  institutionCode: string;
  kind: ReviewItemKind;
  code: string;
  action: ProposalAction;
  objectiveCode: string | null;
  change: TProposalChange | null;
  justification: string;
  /** The submission version it comes from, and when. */
  version: number;
  submittedAt: string;
  submittedBy: string;
  decision: { decision: DecisionKind; change: TProposalChange | null; note: string | null; decidedBy: string; decidedAt: string; stale: boolean } | null;
};

/** A proposal as loaded from the record: with the SHA-256 of its wording, which a decision records. */
export type TLoadedProposal = TDossierProposal & { hash: string };

/** The review's dossier: synthesis + proposals + decisions + crosswalk. */
export type TReviewDossier = {
  format: typeof REVIEW_DOSSIER_FORMAT;
  planKey: string;
  planTitle: TWords;
  fromVersion: number;
  /** The published version, null while undecided. */
  toVersion: number | null;
  workflowId: string;
  startedAt: string;
  /** The instant printed in every file (publication, else compilation). */
  compiledAt: string;
  round: { requests: number; answered: number; notAnswered: string[]; escalated: string[] };
  synthesis: TReviewSynthesis;
  proposals: TDossierProposal[];
  crosswalk: (TCrosswalkEntry & { change: CrosswalkKind })[];
};
