import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { localizedReport } from './localized-report';

/** Annex rows per piece written: the file is built from pieces, never from one string of the whole report. */
const ROWS_PER_PIECE = 5_000;
/** Stands for the annex rows in the stringified rest of the report. */
const ROWS_MARK = '\u0000annex-rows\u0000';
/** Where the rows sit in the pretty-printed file: `annex` (2 spaces), `rows` (4), each row (6). */
const ROW_INDENT = '      ';

/**
 * The JSON format: {@link localizedReport} pretty-printed (two spaces), keys in the model's order, UTF-8
 * (no escapes for non-ASCII), ending with a newline — byte for byte `JSON.stringify(report, null, 2)`, but
 * written in pieces: the annex rows (300,000 at 10,000 entities) are stringified a few thousand at a time
 * into buffers, so no single string of the whole file (twice its size in memory) is ever made.
 */
export function renderReportJson(model: TAnnualReport, lang: Locale): Buffer {
  const report = localizedReport(model, lang);
  const rows = report.annex.rows;
  if (rows.length === 0) return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
  const rest = JSON.stringify({ ...report, annex: { ...report.annex, rows: ROWS_MARK } }, null, 2);
  const [head, tail] = rest.split(JSON.stringify(ROWS_MARK));
  const pieces: Buffer[] = [Buffer.from(`${head}[\n${ROW_INDENT}`, 'utf8')];
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    const text = rows
      .slice(i, i + ROWS_PER_PIECE)
      .map((row) => JSON.stringify(row, null, 2).replace(/\n/g, `\n${ROW_INDENT}`))
      .join(`,\n${ROW_INDENT}`);
    pieces.push(Buffer.from(i + ROWS_PER_PIECE < rows.length ? `${text},\n${ROW_INDENT}` : text, 'utf8'));
  }
  pieces.push(Buffer.from(`\n    ]${tail}\n`, 'utf8'));
  return Buffer.concat(pieces);
}
