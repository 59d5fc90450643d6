import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { annexCells, annexHeader } from './annex-columns';

const CSV_BATCH = 10_000;

/**
 * The CSV format: the data annex, one row per institution × indicator × breakdown, a header row in
 * `lang`. UTF-8 with a BOM (so spreadsheet programs read the accents), comma-separated, CRLF line ends
 * (RFC 4180, what Excel writes and expects), every field quoted only when needed. `escape_formulas`
 * prefixes a cell starting with `=`, `+`, `-`, `@`, TAB or CR with `'`, so no program runs user text as
 * a formula. "No data" is an empty cell (the comment says why).
 */
export function renderReportCsv(model: TAnnualReport, lang: Locale): Buffer {
  const options = { escape_formulas: true, record_delimiter: 'windows' } as const;
  const parts = [Buffer.from(stringify([annexHeader(lang)], { ...options, bom: true }), 'utf8')];
  // In batches, so 300,000 rows never sit in memory as one array of records and one string at once.
  for (let start = 0; start < model.annex.rows.length; start += CSV_BATCH) {
    const records = model.annex.rows.slice(start, start + CSV_BATCH).map((r) => annexCells(r, lang));
    parts.push(Buffer.from(stringify(records, options), 'utf8'));
  }
  return Buffer.concat(parts);
}
