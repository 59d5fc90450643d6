import { stringify } from 'csv-stringify/sync';

/** A CSV field: text, a number, or empty (null). */
export type TCsvCell = string | number | null;

/** Rows stringified per batch, so a large table never sits in memory as one array of records and one string at once. */
const CSV_BATCH = 10_000;

/**
 * CSV as the documents write it: UTF-8 with a BOM (so spreadsheet programs read the accents), comma-
 * separated, CRLF line ends (RFC 4180, what Excel writes and expects), every field quoted only when
 * needed. `escape_formulas` prefixes a cell starting with `=`, `+`, `-`, `@`, TAB or CR with `'`, so no
 * program runs user text as a formula. `rows(start, end)` gives the records of that slice of the table
 * (`count` records in all); they are made and written a batch at a time.
 */
export function csvBytes({ header, count, rows }: { header: readonly string[]; count: number; rows: (start: number, end: number) => TCsvCell[][] }): Buffer {
  const options = { escape_formulas: true, record_delimiter: 'windows' } as const;
  const parts = [Buffer.from(stringify([header], { ...options, bom: true }), 'utf8')];
  for (let start = 0; start < count; start += CSV_BATCH) {
    parts.push(Buffer.from(stringify(rows(start, Math.min(count, start + CSV_BATCH)), options), 'utf8'));
  }
  return Buffer.concat(parts);
}
