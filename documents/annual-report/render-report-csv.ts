import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { annexCells, annexHeader } from './annex-columns';

/**
 * The CSV format: the data annex, one row per institution × indicator × breakdown, a header row in
 * `lang`. UTF-8 with a BOM (so spreadsheet programs read the accents), comma-separated, CRLF line ends
 * (RFC 4180, what Excel writes and expects), every field quoted only when needed. `escape_formulas`
 * prefixes a cell starting with `=`, `+`, `-`, `@`, TAB or CR with `'`, so no program runs user text as
 * a formula. "No data" is an empty cell (the comment says why).
 */
export function renderReportCsv(model: TAnnualReport, lang: Locale): Buffer {
  const records = model.annex.rows.map((r) => annexCells(r, lang));
  const text = stringify([annexHeader(lang), ...records], { bom: true, escape_formulas: true, record_delimiter: 'windows'});
  return Buffer.from(text, 'utf8');
}
