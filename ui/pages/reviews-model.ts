import type { TDossierProposal, TReviewSynthesis } from '../../domain/review/review-model';
import type { TCrosswalkEntry } from '../../domain/review/review-proposal';
import type { AdminFrame, PageNotice } from './admin-frame';

/** One review in the list (api/queries/plan-reviews' listPlanReviews, dates as text). */
export interface ReviewListRow {
  planKey: string;
  version: number;
  status: string;
  started: string;
  deadline: string | null;
  requests: number;
  answered: number;
  publishedVersion: number | null;
  href: string;
}

export interface ReviewsPageModel {
  frame: AdminFrame;
  reviews: ReviewListRow[];
  notice?: PageNotice;
  /** The start form refused: its value and message. */
  error?: { value: string; message: string };
}

/** A refused decision form, shown in place under its proposal. */
export interface DecisionFormError {
  proposalKey: string;
  /** The input's field (`decision`, `note`, `change.target`…). */
  field: string;
  /** Beside the field. */
  message: string;
  /** In the page's error summary (the field's label and the message, or a sentence naming the item). */
  summary: string;
  values: Record<string, string>;
}

/** A refused publication: the form's values, the errors beside its fields, the issues naming each item. */
export interface PublishFormError {
  values: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** The summary's lines, each linked to the input it is about (a publish field, or a proposal's decision). */
  issues: { fieldId?: string; message: string }[];
}

export interface ReviewPageModel {
  frame: AdminFrame;
  planKey: string;
  version: number;
  workflowId: string;
  status: string;
  started: string;
  publishedVersion: number | null;
  requests: { institution: string; name: string; status: string; escalationLevel: number; deadline: string; extensionRequestedAt: Date | null; deliveryFailedAt: Date | null }[];
  synthesis: TReviewSynthesis | null;
  proposals: TDossierProposal[];
  /** The version's wording of each item proposals are about, by `KIND/code`. */
  itemTexts: Record<string, { es: string; en: string }>;
  crosswalk: TCrosswalkEntry[] | null;
  publicationIssues: string[];
  files: { format: string; lang: string; url: string; size: number }[];
  base: string;
  notice?: PageNotice;
  decisionError?: DecisionFormError;
  publishError?: PublishFormError;
}
