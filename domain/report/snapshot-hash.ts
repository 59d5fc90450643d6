import { createHash, type Hash } from 'node:crypto';
import type { TReportSnapshot } from './report-snapshot';

// Not for workflows/: uses node:crypto (as domain/submission.ts does).

/** Text is handed to the hash in pieces of about this many characters (a snapshot can be tens of MB). */
const CHUNK = 1 << 16;

/** Writes the canonical JSON of `value` piece by piece (see {@link canonicalJson}). */
function writeCanonical(value: unknown, write: (text: string) => void): void {
  if (value === null || typeof value !== 'object') {
    write(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    write('[');
    value.forEach((v, i) => {
      if (i > 0) write(',');
      writeCanonical(v === undefined ? null : v, write);
    });
    write(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  write('{');
  keys.forEach((k, i) => {
    write(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
    writeCanonical(record[k], write);
  });
  write('}');
}

/**
 * JSON with object keys sorted at every level (arrays keep their order), no whitespace, and `undefined`
 * members left out: the same data always gives the same string, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonical(value, (text) => parts.push(text));
  return parts.join('');
}

function hashCanonical(value: unknown, hash: Hash): string {
  let pending = '';
  writeCanonical(value, (text) => {
    pending += text;
    if (pending.length >= CHUNK) {
      hash.update(pending);
      pending = '';
    }
  });
  return hash.update(pending).digest('hex');
}

/**
 * SHA-256 (hex) of the snapshot's canonical JSON ({@link canonicalJson}), computed in pieces so a large
 * snapshot is never one string. Equal hashes mean the report was compiled from the same data; a report
 * version stores it, and every file made from that version prints it.
 */
export function snapshotHash(snapshot: TReportSnapshot): string {
  return hashCanonical(snapshot, createHash('sha256'));
}
