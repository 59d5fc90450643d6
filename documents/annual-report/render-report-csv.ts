import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { csvBytes } from '../shared/csv-table';
import { annexCells, annexHeader } from './annex-columns';

/**
 * The CSV format ({@link csvBytes}: BOM, CRLF, formulas neutralised): the data annex, one row per
 * institution × indicator × breakdown, a header row in `lang`. "No data" is an empty cell (the comment
 * says why).
 */
export function renderReportCsv(model: TAnnualReport, lang: Locale): Buffer {
  const rows = model.annex.rows;
  return csvBytes({ header: annexHeader(lang), count: rows.length, rows: (start, end) => rows.slice(start, end).map((r) => annexCells(r, lang)) });
}
