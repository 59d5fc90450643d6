import type { TGoalTarget } from '../goal-target';

/**
 * Everything the annual report of one cycle is compiled from, read from the record in one go
 * (`activities/report/load-report-snapshot.ts`) and judged by pure code (`compile-annual-report.ts`).
 *
 * Plain JSON data only: instants are ISO strings in UTC (`toISOString()` form), dates `yyyy-MM-dd`, numbers
 * are numbers (never Decimal), so the snapshot hashes the same wherever it is serialised
 * (`snapshot-hash.ts`). Every list has a stable order (stated on its field), so reading unchanged data twice
 * gives an identical snapshot.
 *
 * Texts people wrote (plan wording, narratives, comments, reasons) are kept as written.
 */
export type TReportSnapshot = {
  /** The latest instant of any row the snapshot read (cycle, requests, submissions, audit, messages, holidays). */
  asOf: string;
  plan: TSnapshotPlan;
  cycle: TSnapshotCycle;
  /** Thematic areas in plan order, each with its objectives in plan order. */
  areas: TSnapshotArea[];
  /** The institutions the plan and the cycle name, by code. */
  institutions: TSnapshotInstitution[];
  /** One per data request of the cycle, by institution code. */
  requests: TSnapshotRequest[];
  /**
   * This cycle's values: one row per institution × indicator of the request's latest FINAL or CORRECTION
   * submission, by institution code then indicator position.
   */
  values: TSnapshotValue[];
  /**
   * Earlier cycles of the same plan version, aggregated per cycle × indicator (in SQL: the rows would be
   * institutions × indicators × years), by cycle year then indicator position.
   */
  history: TSnapshotHistoryPoint[];
  /**
   * The secretariat's extra rest days (`yyyy-MM-dd`) from the cycle's opening to the latest instant recorded
   * (those lateness can depend on), ascending; statutory ones are computed in domain/.
   */
  extraHolidays: string[];
};

export type TSnapshotPlan = {
  key: string;
  version: number;
  title: { es: string; en: string };
  /** The plan's short name, as the report's title uses it ("PNA-1325" / "NAP-1325"). */
  shortTitle: { es: string; en: string };
  /** ISO date or null (plan years then count from `firstCycleYear`). */
  adoptedOn: string | null;
  /** The calendar year of the first cycle run under this plan version. */
  firstCycleYear: number;
  spanishOfficial: boolean;
  conventions: string[];
};

export type TSnapshotCycle = {
  year: number;
  status: string;
  openedAt: string;
  /** The cycle's default deadline (each request may have its own, see `TSnapshotRequest.deadline`). */
  deadline: string;
  closedAt: string | null;
};

/** Confirmation flags and remarks an item of the plan may carry (footnotes of the report). */
export type TSnapshotNotes = { needsConfirmation: boolean; confirmationNote: string | null; notes: string | null };

export type TSnapshotArea = { code: string; name: { es: string; en: string }; objectives: TSnapshotObjective[] };

export type TSnapshotObjective = TSnapshotNotes & {
  code: string;
  text: { es: string; en: string };
  /** Institutions in charge, by code. */
  institutions: string[];
  /** In plan order. */
  linesOfAction: (TSnapshotNotes & { code: string; text: { es: string; en: string } })[];
  /** In plan order. */
  indicators: TSnapshotIndicator[];
  /** In plan order. */
  goals: TSnapshotGoal[];
};

export type TSnapshotIndicator = TSnapshotNotes & {
  code: string;
  /** Position across the plan (1..n). */
  position: number;
  text: { es: string; en: string };
  unit: 'COUNT' | 'PERCENTAGE' | 'YES_NO' | 'TEXT';
  disaggregation: 'NONE' | 'SEX';
  /** Who reports it, by institution code; `derived`: our reading of the plan, not confirmed. */
  reporters: { institutionCode: string; derived: boolean; basis: string | null }[];
};

export type TSnapshotGoal = TSnapshotNotes & {
  code: string;
  text: { es: string; en: string };
  indicatorCode: string | null;
  /** Parsed (domain/stored-goal-target.ts); null when the plan gives none. */
  target: TGoalTarget | null;
};

export type TSnapshotInstitution = { code: string; name: { es: string; en: string }; kind: string };

/** An extension's facts, from the audit rows of the request (in order of `at`). */
export type TSnapshotExtensionEvent = {
  action: 'EXTENSION_REQUESTED' | 'EXTENSION_APPROVED' | 'EXTENSION_REJECTED' | 'EXTENSION_GRANTED';
  at: string;
  /** As recorded: `contact:<email>`, `secretariat:<email>`. */
  actor: string;
  /** Requested: the date asked for (`yyyy-MM-dd`); approved / granted: the new deadline instant; rejected: the date refused. */
  deadline: string | null;
  /** Approved / granted: the deadline before the move (instant). */
  previousDeadline: string | null;
};

export type TSnapshotRequest = {
  institutionCode: string;
  status: string;
  /** The deadline in force (moved by an approved or granted extension). */
  deadline: string;
  /** When the first final report arrived. */
  submittedAt: string | null;
  closedReason: string | null;
  /** Highest escalation level reached: the row's and any recorded by an ESCALATED audit row (a moved deadline resets the row's). */
  highestEscalationLevel: number;
  /** Extension requests and decisions, in order. */
  extensionEvents: TSnapshotExtensionEvent[];
  /** The EXEMPTED audit row's facts, if exempted. */
  exemption: { at: string; by: string; reason: string | null } | null;
  /** The submission whose values the report uses (latest FINAL or CORRECTION), or null. */
  current: { version: number; kind: 'FINAL' | 'CORRECTION'; at: string; by: string; narrative: string | null } | null;
  /** Every CORRECTION submission, by version. */
  corrections: { version: number; at: string; by: string; reason: string | null }[];
  /** Emails permanently refused (SentMessage FAILED), by creation instant. */
  undeliveredEmails: { at: string; kind: string; to: string[]; error: string | null }[];
};

/** One institution's value of one indicator; `total: null` with a comment is "no data". */
export type TSnapshotValue = {
  institutionCode: string;
  indicatorCode: string;
  /** Version of the submission it comes from. */
  version: number;
  total: number | null;
  /** Null when the submission has no row for that breakdown. */
  women: number | null;
  men: number | null;
  booleanValue: boolean | null;
  textValue: string | null;
  comment: string | null;
};

/** An earlier cycle's indicator: sums over institutions that gave a number (women and men: over those too). */
export type TSnapshotHistoryPoint = {
  cycleYear: number;
  indicatorCode: string;
  /** Null when no institution gave a number. */
  total: number | null;
  women: number | null;
  men: number | null;
  /** Institutions that gave a number. */
  reported: number;
  /** Institutions whose value had no number ("no data", or a yes/no or text indicator). */
  withoutData: number;
};
