import type { Locale } from '../../domain/input-bounds';

/**
 * What an email of a request is about, as activities read it from the record: plain data, no sentences.
 * ui/emails turns it into the words (es-MX and English), the HTML and the plain text.
 */

/** An indicator as the plan gives it (unit and breakdown are the plan's codes). */
export interface EmailIndicator {
  code: string;
  textEs: string;
  textEn: string;
  /** `COUNT`, `PERCENTAGE`, `YES_NO` or `TEXT`. */
  unit: string;
  /** `NONE` or `SEX` (Total / Women / Men). */
  disaggregation: string;
}

/** One stored value as it was received; `NO_DATA` is a `null` the contact explained in a comment. */
export type ReceivedValue = { type: 'NUMBER'; value: string } | { type: 'YES_NO'; value: boolean } | { type: 'TEXT'; value: string } | { type: 'NO_DATA' };

/** An indicator of a received version, with its values by breakdown and its comments. */
export interface ReceivedIndicator extends EmailIndicator {
  values: { breakdown: 'TOTAL' | 'WOMEN' | 'MEN'; value: ReceivedValue }[];
  /** The comments given with its values, each once, in order. */
  comments: string[];
}

/** What a receipt acknowledges: one stored version of a report. */
export interface EmailReceipt {
  version: number;
  kind: 'DRAFT' | 'FINAL' | 'CORRECTION';
  /** When it was stored (ISO instant). */
  receivedAt: string;
  /** The address the link was issued to. */
  submittedBy: string;
  /** Why a correction was made. */
  reason?: string;
  /**
   * When the correction window ends (ISO instant); `null`: the policy allows no corrections; absent: not
   * applicable (a draft).
   */
  correctionEndsAt?: string | null;
  indicators: ReceivedIndicator[];
  /** A review request's version: the proposals received. */
  proposals?: EmailReceivedProposal[];
  narrative?: string;
}

/** A plan item an institution proposes on in a review (`kind` as domain/review: OBJECTIVE, LINE_OF_ACTION, INDICATOR, GOAL). */
export interface EmailReviewItem {
  kind: 'OBJECTIVE' | 'LINE_OF_ACTION' | 'INDICATOR' | 'GOAL';
  code: string;
  textEs: string;
  textEn: string;
}

/** One received proposal, as a review receipt lists it (the change as proposed: wording, unit, breakdown, target). */
export interface EmailReceivedProposal extends Omit<EmailReviewItem, 'textEs' | 'textEn'> {
  action: 'KEEP' | 'MODIFY' | 'RETIRE' | 'ADD';
  objectiveCode?: string;
  justification: string;
  text?: { es?: string; en?: string };
  unit?: string;
  disaggregation?: string;
  /** The proposed target in words, both languages (domain/goal-target-text); null: no target. */
  target?: Record<Locale, string> | null;
}

/**
 * What an email of a plan review's request knows beyond a data request's: the plan version under review,
 * and the items to propose on (a request lists all those in charge; a reminder or escalation those still
 * without a proposal). A receipt's proposals are in its `receipt.proposals`.
 */
export interface EmailReview {
  planKey: string;
  planVersion: number;
  items: EmailReviewItem[];
}

/** What every email knows: who it is about, the cycle, the deadline in force, the reader's language and zone. */
interface EmailCommon {
  /** Present for a plan review's request (cycle kind REVIEW): its emails speak of proposals, not data. */
  review?: EmailReview;
  /** Language of the recipients; the other language follows below. */
  locale: Locale;
  institution: { code: string; nameEs: string; nameEn: string };
  year: number;
  /** The deadline in force (ISO instant). */
  deadlineAt: string;
  /** Zone instants are written in (the first recipient's). */
  zone: string;
}

/** The contact's signed link to the form (the same in every email of one send). */
interface WithLink {
  link: string;
}

/** The request's resource in the secretariat's API (`<PUBLIC_BASE_URL>/api/cycles/<year>/requests/<code>`). */
interface WithRequestApi {
  requestApiUrl: string;
}

/** Everything an email says, by kind: each kind carries exactly the facts its words need. */
export type EmailContext = EmailCommon &
  (
    | ({ kind: 'REQUEST'; indicators: EmailIndicator[] } & WithLink)
    | ({ kind: 'REMINDER'; indicators: EmailIndicator[] } & WithLink)
    | ({ kind: 'ESCALATION'; indicators: EmailIndicator[]; level: number; overdueSince: string } & WithLink)
    | ({ kind: 'RECEIPT'; receipt: EmailReceipt } & WithLink)
    | { kind: 'DELIVERY_FAILURE'; failure: { to: string[]; error: string } }
    | ({ kind: 'EXTENSION_REQUESTED'; extension: { requestedBy: string; deadline: string; reason: string } } & WithRequestApi)
    | ({ kind: 'EXTENSION_DECISION'; decision: { approved: boolean; requested?: string; by?: string; reason?: string } } & WithLink)
    | { kind: 'EXEMPTED'; decision: { reason?: string; by?: string } }
    | { kind: 'CLOSED'; decision: { reason?: string; by?: string } }
    | ({ kind: 'ATTENTION'; attention: { reason: string } } & WithRequestApi)
  );

/** The context of one kind of email. */
export type EmailContextOf<K extends EmailContext['kind']> = Extract<EmailContext, { kind: K }>;

/** A piece of a sentence: text, or a link (its address is what both the HTML and the text show). */
export type Inline = string | { href: string };

/**
 * What one language's block of an email says, once, for both renderers: the HTML (ui/emails/email-layout)
 * and the plain text (ui/emails/email-plain-text) are written from it, so they cannot say different things.
 */
export type EmailPart =
  | { type: 'paragraph'; content: Inline[] }
  /** Label–value pairs (a receipt's version, a request's reason). */
  | { type: 'facts'; rows: { label: string; value: Inline[] }[] }
  /** A titled list; each item has a first line and, below it, lines of detail (a value, a comment). */
  | { type: 'list'; title: string; items: { head: string; lines: string[] }[] }
  /** Someone's own text, kept as written (a narrative). */
  | { type: 'quote'; title: string; text: string }
  /** Commands to copy as they are. */
  | { type: 'code'; title: string; code: string };

/** One language's version of an email. */
export interface EmailBlock {
  lang: Locale;
  subject: string;
  parts: EmailPart[];
}

/** An email ready for nodemailer. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
