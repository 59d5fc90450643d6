import { createHash } from 'node:crypto';
import type { TReportSnapshot } from './report-snapshot';

// Not for workflows/: uses node:crypto (as domain/submission.ts does).

/**
 * JSON with object keys sorted at every level (arrays keep their order), no whitespace, and `undefined`
 * members left out: the same data always gives the same string, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * SHA-256 (hex) of the snapshot's canonical JSON ({@link canonicalJson}). Equal hashes mean the report was
 * compiled from the same data; a report version stores it, and every file made from that version prints it.
 */
export function snapshotHash(snapshot: TReportSnapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}
