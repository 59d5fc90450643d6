/**
 * What `recordSubmission` stores for one version, whatever the request's kind: indicator values (a data
 * request) or proposals (a plan review's request), with the canonical hash that recognises a duplicate
 * and the counts its audit row states.
 */
export interface RecordedContent {
  contentHash: string;
  narrative?: string;
  /** A review request's content (ZReviewProposals: proposals and narrative), stored in `Submission.proposals`. */
  proposals?: object;
  /** A data request's values, ready for `SubmissionValue` (the submission's id is added when it exists). */
  values: {
    indicatorId: string;
    breakdown: 'TOTAL' | 'WOMEN' | 'MEN';
    numberValue: number | null;
    booleanValue: boolean | null;
    textValue: string | null;
    comment: string | null;
  }[];
  /** For the audit row: `{ values: 12 }` or `{ proposals: 9 }`. */
  counts: Record<string, number>;
}
