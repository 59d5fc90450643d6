import type { TWords } from '../goal-target-text';
import type { GoalStatus, NotEvaluableReason, TGoalYear } from '../goal-status';
import type { PlanYearBasis } from '../plan-years';
import type { TTrendPoint } from '../indicator-trend';

/**
 * The annual report's canonical model (issue 9): everything the report says, built by pure code
 * (`compile-annual-report.ts`) from a snapshot of the record, and rendered from it into JSON, HTML, PDF, XLSX
 * and CSV. Texts the report writes itself are {@link TWords} (es-MX and English); texts people wrote (plan
 * wording, narratives, comments, reasons) are kept as written, in the language received.
 *
 * Order is part of the model: areas, objectives, indicators and goals in plan order; institutions by code;
 * annex rows by institution code, indicator code, breakdown. Renderers never re-sort.
 */
export const ANNUAL_REPORT_FORMAT = 1;

/** How an institution answered the cycle's request (the follow-up of commitments). */
export const ComplianceStatus = {
  ON_TIME: 'ON_TIME',
  LATE: 'LATE',
  /** Submitted by a deadline moved by an extension (on time against the extended deadline). */
  AFTER_EXTENSION: 'AFTER_EXTENSION',
  EXEMPTED: 'EXEMPTED',
  NOT_REPORTED: 'NOT_REPORTED',
  /** Still open when the report was compiled (a mid-cycle draft). */
  OPEN: 'OPEN',
} as const;
export type ComplianceStatus = (typeof ComplianceStatus)[keyof typeof ComplianceStatus];

/** A note on an item whose wording, target or reporter is uncertain; numbered in order of appearance. */
export type TFootnote = {
  n: number;
  /** What it is about: "goal 1.g1", "indicator 5.b", "indicator 4.b / SEDENA". */
  about: TWords;
  /** The note as the plan file or the record states it (plan notes are in English in the plan file). */
  text: string;
  kind: 'NEEDS_CONFIRMATION' | 'NOTE' | 'DERIVED_REPORTER';
};

/** One institution's value of one indicator in the cycle (the latest final or correction). */
export type TReportValue = {
  institutionCode: string;
  /** Number (COUNT, PERCENTAGE); null = "no data" (see comment). */
  total: number | null;
  women: number | null;
  men: number | null;
  /** total − women − men for SEX indicators with a total; null otherwise. Never spread. */
  sexNotRecorded: number | null;
  booleanValue: boolean | null;
  textValue: string | null;
  comment: string | null;
};

/** For thousands of entities, PDF and HTML show aggregates; the full table is in the data annex. */
export type TIndicatorAggregate = {
  byKind: { kind: string; label: TWords; institutions: number; total: number | null; women: number | null; men: number | null }[];
  /** Largest contributors, by total, descending then code. */
  top: TReportValue[];
  /** Institutions not listed in `top`. */
  others: number;
};

export type TReportIndicator = {
  code: string;
  text: TWords;
  unit: 'COUNT' | 'PERCENTAGE' | 'YES_NO' | 'TEXT';
  disaggregation: 'NONE' | 'SEX';
  /** Footnote numbers (see `footnotes`). */
  footnotes: number[];
  /** Every value when there are few (≤ 50 institutions), else empty and `aggregate` is set. */
  values: TReportValue[];
  aggregate: TIndicatorAggregate | null;
  /** Institutions expected to report it that gave no value this cycle. */
  missing: string[];
  /** Over the plan's years so far (domain/indicator-trend.ts). */
  trend: TTrendPoint[];
};

export type TReportGoal = {
  code: string;
  /** The goal in its original wording. */
  text: TWords;
  indicatorCode: string | null;
  /** The target in words, or null when the plan gives none. */
  target: TWords | null;
  status: GoalStatus;
  statusLabel: TWords;
  /** The rule applied and its outcome, in words. */
  rule: TWords;
  notEvaluable: { reason: NotEvaluableReason; missing: TWords } | null;
  years: TGoalYear[];
  footnotes: number[];
};

export type TReportObjective = {
  code: string;
  text: TWords;
  institutions: string[];
  linesOfAction: { code: string; text: TWords }[];
  indicators: TReportIndicator[];
  goals: TReportGoal[];
  footnotes: number[];
};

export type TReportArea = { code: string; name: TWords; objectives: TReportObjective[] };

export type TCompliance = {
  institutionCode: string;
  name: TWords;
  kind: string;
  status: ComplianceStatus;
  statusLabel: TWords;
  /** The deadline in force (an extension's, if granted), ISO instant. */
  deadline: string;
  submittedAt: string | null;
  /** Business days after the deadline in force; 0 when on time or not submitted. */
  businessDaysLate: number;
  extension: { requestedAt: string | null; requestedBy: string | null; newDeadline: string; decidedBy: string } | null;
  exemptionReason: string | null;
  closedReason: string | null;
  highestEscalationLevel: number;
  corrections: { version: number; at: string; by: string; reason: string | null }[];
  undeliveredEmails: { at: string; kind: string; to: string[]; error: string | null }[];
  /** The whole sentence, for the summary and the compliance table. */
  text: TWords;
};

export type TNarrative = { institutionCode: string; name: TWords; submittedBy: string; submittedAt: string; version: number; text: string };

/**
 * What a data-quality flag is about (domain/report/report-quality-flags.ts):
 * - NO_DATA_VALUE: a value given as "no data" (its comment says why);
 * - SEX_NOT_RECORDED: a value broken down by sex whose women and men fall short of its total;
 * - CORRECTED_AFTER_DEADLINE: the values used come from a correction made after the deadline in force.
 */
export const QualityFlagKind = { NO_DATA_VALUE: 'NO_DATA_VALUE', SEX_NOT_RECORDED: 'SEX_NOT_RECORDED', CORRECTED_AFTER_DEADLINE: 'CORRECTED_AFTER_DEADLINE' } as const;
export type QualityFlagKind = (typeof QualityFlagKind)[keyof typeof QualityFlagKind];

/** A data-quality flag the working group should see. */
export type TQualityFlag = { kind: QualityFlagKind; institutionCode: string; indicatorCode: string | null; text: TWords };

/** One row of the data annex: institution × indicator × breakdown. */
export type TAnnexRow = {
  institutionCode: string;
  institutionKind: string;
  indicatorCode: string;
  breakdown: 'TOTAL' | 'WOMEN' | 'MEN' | 'SEX_NOT_RECORDED';
  value: number | string | boolean | null;
  comment: string | null;
  /** Version of the submission the value comes from. */
  submissionVersion: number;
};

/** The first items of a list in the model's order, and how many more there are (shown as "and N more"). */
export type TCapped<T> = { items: T[]; more: number };

/**
 * For a cycle of more institutions than the PDF and HTML list in full (domain/report/report-digest.ts):
 * counts and the capped lists they show instead; the full lists stay in the model, the JSON and the
 * XLSX/CSV.
 */
export type TReportDigest = {
  institutions: number;
  /** Compliance counted by institution kind × status (every status present, 0 when none). */
  complianceByKind: { kind: string; label: TWords; institutions: number; byStatus: Record<ComplianceStatus, number> }[];
  /** The same counts over every kind. */
  complianceByStatus: Record<ComplianceStatus, number>;
  /** Institutions not reported, late, exempted or still open, by code. */
  complianceAttention: TCapped<TCompliance>;
  notReporting: TCapped<{ institutionCode: string; name: TWords }>;
  /** Data-quality flags counted by kind (kinds without a flag left out). */
  dataQualityByKind: { kind: QualityFlagKind; label: TWords; count: number }[];
  dataQuality: TCapped<TQualityFlag>;
  narratives: TCapped<TNarrative>;
  /** Codes of the requests still open. */
  openRequests: TCapped<string>;
};

export type TAnnualReport = {
  format: typeof ANNUAL_REPORT_FORMAT;
  cycleYear: number;
  /** Report version number (1, 2, …). */
  version: number;
  /** Compilation instant = the snapshot's instant (ISO, UTC). Fixed in every file made from the model. */
  compiledAt: string;
  compiledBy: string;
  /** SHA-256 of the canonical snapshot the model was built from. */
  snapshotHash: string;
  title: TWords;
  plan: {
    key: string;
    version: number;
    title: TWords;
    adoptedOn: string | null;
    planYear: number;
    planYearBasis: PlanYearBasis;
    /** The basis of plan years in words, for the first page. */
    planYearText: TWords;
    spanishOfficial: boolean;
    conventions: string[];
  };
  cycle: {
    openedAt: string;
    deadline: string;
    closedAt: string | null;
    /** Requests still open at compilation (a mid-cycle draft says which). */
    openRequests: { institutionCode: string; status: string }[];
  };
  summary: {
    goalsByStatus: Record<GoalStatus, number>;
    goals: number;
    completeness: {
      institutions: number;
      reported: number;
      onTime: number;
      late: number;
      afterExtension: number;
      exempted: number;
      notReported: number;
      open: number;
    };
    attention: {
      goalsBehind: { code: string; text: TWords }[];
      notReporting: { institutionCode: string; name: TWords }[];
      dataQuality: TQualityFlag[];
    };
  };
  areas: TReportArea[];
  compliance: TCompliance[];
  narratives: TNarrative[];
  footnotes: TFootnote[];
  /** Null up to LISTED_INSTITUTIONS_MAX institutions (the PDF and HTML list everything), else what they show instead. */
  digest: TReportDigest | null;
  annex: {
    rows: TAnnexRow[];
    method: {
      /** How statuses are decided, one paragraph per status/kind. */
      rules: TWords[];
      /** The plan file's conventions (how the source became data). */
      conventions: string[];
    };
  };
};
