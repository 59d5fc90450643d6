import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { localizedReport } from './localized-report';

/** Annex rows per piece written: the file is built from pieces, never from one string of the whole report. */
const ROWS_PER_PIECE = 2_000;
/** Stands for the annex rows in the stringified rest of the report. */
const ROWS_MARK = '\u0000annex-rows\u0000';
/** Where the rows sit in the pretty-printed file: `annex` (2 spaces), `rows` (4), each row (6). */
const ROW_INDENT = '      ';

/**
 * The JSON format as pieces of text: {@link localizedReport} pretty-printed (two spaces), keys in the
 * model's order, UTF-8 (no escapes for non-ASCII), ending with a newline — joined, byte for byte
 * `JSON.stringify(report, null, 2)`. The annex rows (300,000 at 10,000 entities) are stringified a few
 * thousand at a time, so no single string of the whole file (68 MB at that size, twice that as a string) is
 * ever made: the activity compresses the pieces as they come (prisma/stored-file.ts).
 */
export function* reportJsonPieces(model: TAnnualReport, lang: Locale): Generator<string> {
  const report = localizedReport(model, lang);
  const rows = report.annex.rows;
  if (rows.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  const rest = JSON.stringify({ ...report, annex: { ...report.annex, rows: ROWS_MARK } }, null, 2);
  const [head, tail] = rest.split(JSON.stringify(ROWS_MARK));
  yield `${head}[\n${ROW_INDENT}`;
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    const text = rows
      .slice(i, i + ROWS_PER_PIECE)
      .map((row) => JSON.stringify(row, null, 2).replace(/\n/g, `\n${ROW_INDENT}`))
      .join(`,\n${ROW_INDENT}`);
    yield i + ROWS_PER_PIECE < rows.length ? `${text},\n${ROW_INDENT}` : text;
  }
  yield `\n    ]${tail}\n`;
}

/**
 * The JSON format as one buffer ({@link reportJsonPieces}): the pieces are made twice — once to count their
 * bytes, once to write them into the one buffer of that size — so the file is held once, not once as
 * pieces and once more as their concatenation.
 */
export function renderReportJson(model: TAnnualReport, lang: Locale): Buffer {
  let size = 0;
  for (const piece of reportJsonPieces(model, lang)) size += Buffer.byteLength(piece, 'utf8');
  const file = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of reportJsonPieces(model, lang)) at += file.write(piece, at, 'utf8');
  if (at !== size) throw new Error(`JSON report: wrote ${at} bytes of ${size}`);
  return file;
}
