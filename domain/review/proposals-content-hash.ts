import { createHash } from 'node:crypto';
import type { TReviewProposals } from './review-proposal';

// Not for workflows/: uses node:crypto.

/** A JSON value with object keys sorted (UTF-16 code units), arrays as they are. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

const KIND_ORDER = ['OBJECTIVE', 'LINE_OF_ACTION', 'INDICATOR', 'GOAL'];

/**
 * Canonical text of an institution's proposals (as parsed by ZReviewProposals): proposals sorted by item
 * (kind, then code by code units, never by the machine's locale), keys sorted, absent fields left out, the
 * narrative included. The same proposals in another order, or with keys in another order, give the same
 * text, so a resubmission is recognised as a duplicate.
 */
export function canonicalProposals({ proposals, narrative }: TReviewProposals): string {
  const key = (p: TReviewProposals['proposals'][number]) => `${KIND_ORDER.indexOf(p.kind)}/${p.code}`;
  const sorted = [...proposals].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return JSON.stringify({ p: sorted.map(canonical), n: narrative || null });
}

/** SHA-256 (hex) of {@link canonicalProposals}: `Submission.contentHash` of a review request's version. */
export function proposalsContentHash(content: TReviewProposals): string {
  return createHash('sha256').update(canonicalProposals(content)).digest('hex');
}
