import { AppError } from '../domain/app-error';
import type { Locale } from '../domain/input-bounds';
import type { RequestEmail } from '../domain/request-types';
import { goalTargetText } from '../domain/goal-target-text';
import { ZReviewProposals } from '../domain/review/review-proposal';
import type { EmailContext, EmailIndicator, EmailReceipt, EmailReceivedProposal, EmailReview, ReceivedIndicator, ReceivedValue } from '../ui/emails/email-model';

/** A stored value with its indicator, as Prisma returns `submission.values` with `include: { indicator }`. */
export interface StoredValue {
  breakdown: 'TOTAL' | 'WOMEN' | 'MEN';
  numberValue: { toString(): string } | null;
  booleanValue: boolean | null;
  textValue: string | null;
  comment: string | null;
  indicator: EmailIndicator;
}

/** A stored submission (a version of a report), with its values. */
export interface StoredSubmission {
  version: number;
  kind: 'DRAFT' | 'FINAL' | 'CORRECTION';
  createdAt: Date;
  submittedBy: string;
  reason: string | null;
  narrative: string | null;
  values: StoredValue[];
  /** A review request's version: its stored ZReviewProposals. */
  proposals?: unknown;
}

/** A stored value as received: the number as stored (no rounding, no grouping), yes/no, the text, or no data. */
export function receivedValue(v: Pick<StoredValue, 'numberValue' | 'booleanValue' | 'textValue'>): ReceivedValue {
  if (v.numberValue !== null) return { type: 'NUMBER', value: v.numberValue.toString() };
  if (v.booleanValue !== null) return { type: 'YES_NO', value: v.booleanValue };
  if (v.textValue !== null) return { type: 'TEXT', value: v.textValue };
  return { type: 'NO_DATA' };
}

/**
 * A version's values grouped by indicator, in the plan's order (`planOrder`: the institution's indicator
 * codes as the form lists them; codes not in it follow, by code), each comment once.
 */
export function receivedIndicators(values: readonly StoredValue[], planOrder: readonly string[]): ReceivedIndicator[] {
  const byCode = new Map<string, ReceivedIndicator>();
  for (const v of values) {
    const { code, textEs, textEn, unit, disaggregation } = v.indicator;
    const indicator = byCode.get(code) ?? { code, textEs, textEn, unit, disaggregation, values: [], comments: [] };
    byCode.set(code, indicator);
    indicator.values.push({ breakdown: v.breakdown, value: receivedValue(v) });
    if (v.comment && !indicator.comments.includes(v.comment)) indicator.comments.push(v.comment);
  }
  const position = (code: string) => {
    const at = planOrder.indexOf(code);
    return at === -1 ? planOrder.length : at;
  };
  return [...byCode.values()].sort((a, b) => position(a.code) - position(b.code) || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** What a receipt says about one stored version; `correctionEndsAt` as computed by the activity. */
export function emailReceipt(submission: StoredSubmission, { planOrder, correctionEndsAt }: { planOrder: readonly string[]; correctionEndsAt?: string | null }): EmailReceipt {
  return {
    version: submission.version,
    kind: submission.kind,
    receivedAt: submission.createdAt.toISOString(),
    submittedBy: submission.submittedBy,
    ...(submission.reason ? { reason: submission.reason } : {}),
    ...(correctionEndsAt !== undefined ? { correctionEndsAt } : {}),
    indicators: receivedIndicators(submission.values, planOrder),
    ...(submission.proposals ? { proposals: receivedProposals(submission.proposals) } : {}),
    ...(submission.narrative ? { narrative: submission.narrative } : {}),
  };
}

/**
 * A review version's proposals as a receipt lists them (as sent: in the institution's order), a target
 * in words in both languages. Stored content that does not parse (never expected: it was stored through
 * ZReviewProposals) lists nothing.
 */
export function receivedProposals(stored: unknown): EmailReceivedProposal[] {
  const parsed = ZReviewProposals.safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data.proposals.map((p) => ({
    kind: p.kind,
    code: p.code,
    action: p.action,
    ...(p.objectiveCode ? { objectiveCode: p.objectiveCode } : {}),
    justification: p.justification,
    ...(p.change?.text ? { text: p.change.text } : {}),
    ...(p.change?.unit ? { unit: p.change.unit } : {}),
    ...(p.change?.disaggregation ? { disaggregation: p.change.disaggregation } : {}),
    ...(p.change?.target !== undefined ? { target: p.change.target === null ? null : goalTargetText({ target: p.change.target, indicatorCode: p.change.indicatorCode ?? null }) } : {}),
  }));
}

/**
 * The ui's email context for one email of a request, from what the workflow asked (`input`) and what the
 * activity read: the recipients' language and zone, the request, its signed link, the indicators to list,
 * the latest version (a receipt), the request's API address (secretariat emails). Emails to the secretariat
 * never carry the contact's link. A RECEIPT without a stored version cannot be written: it throws an
 * `AppError` (not retried).
 */
export function emailContext({
  input,
  locale,
  zone,
  institution,
  year,
  deadlineAt,
  link,
  indicators,
  receipt,
  requestApiUrl,
  review,
}: {
  input: RequestEmail;
  locale: Locale;
  zone: string;
  institution: { code: string; nameEs: string; nameEn: string };
  year: number;
  deadlineAt: string;
  link: string;
  /** The indicators a request, reminder or escalation lists. */
  indicators: EmailIndicator[];
  receipt?: EmailReceipt;
  requestApiUrl: string;
  /** A plan review's request: the version under review and the items to list. */
  review?: EmailReview;
}): EmailContext {
  const common = { locale, zone, institution: { code: institution.code, nameEs: institution.nameEs, nameEn: institution.nameEn }, year, deadlineAt, ...(review ? { review } : {}) };
  const note = input.note ?? {};
  switch (input.kind) {
    case 'REQUEST':
    case 'REMINDER':
      return { ...common, kind: input.kind, link, indicators };
    case 'ESCALATION':
      return { ...common, kind: 'ESCALATION', link, indicators, level: input.level ?? 1, overdueSince: deadlineAt };
    case 'RECEIPT':
      // Not retried: the same request would be refused again (activities/classify-failure).
      if (!receipt) throw new AppError('NOT_FOUND', 'a receipt needs a stored version');
      return { ...common, kind: 'RECEIPT', link, receipt };
    case 'DELIVERY_FAILURE':
      return { ...common, kind: 'DELIVERY_FAILURE', failure: { to: input.failure?.to ?? [], error: input.failure?.error ?? '' } };
    case 'EXTENSION_REQUESTED':
      return { ...common, kind: 'EXTENSION_REQUESTED', requestApiUrl, extension: { requestedBy: note.by ?? '', deadline: note.requested ?? '', reason: note.reason ?? '' } };
    case 'EXTENSION_DECISION':
      return { ...common, kind: 'EXTENSION_DECISION', link, decision: { approved: note.approved === true, requested: note.requested, by: note.by, reason: note.reason || undefined } };
    case 'EXEMPTED':
    case 'CLOSED':
      return { ...common, kind: input.kind, decision: { reason: note.reason || undefined, by: note.by || undefined } };
    case 'ATTENTION':
      return { ...common, kind: 'ATTENTION', requestApiUrl, attention: { reason: note.reason ?? input.failure?.error ?? '' } };
  }
}
