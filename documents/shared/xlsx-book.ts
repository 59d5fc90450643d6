import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { setZipEntryTimes } from './zip-entry-times';

/** A workbook being written by exceljs' streaming writer. */
export type TXlsxBook = ExcelJS.stream.xlsx.WorkbookWriter;
type TSheet = ExcelJS.Worksheet;

/** A cell as the spreadsheets write it: numbers stay numbers, text stays text, empty is null. */
export type TXlsxCell = string | number | null;

/**
 * Deflate level of the XLSX container, fixed (the bytes depend on it). Measured at 10,000 entities: level
 * 1 and 6 take the same time (deflate runs on libuv's threads beside the XML building), 6 is 16 % smaller.
 */
const ZLIB_LEVEL = 6;

/**
 * The one style of every data cell, shared: exceljs registers a cell's style by object identity (a
 * WeakMap), so one shared object is registered once instead of once per cell (a fresh `{}` per cell made
 * style registration the largest cost of a 300,000-row annex). Frozen: nothing may change it.
 */
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * Adds a row of plain values. A string is always written as a string value, so exceljs stores it as a
 * text cell (never a formula: that takes `{ formula }`, which nothing here writes); a spreadsheet program
 * does not evaluate a text cell, so user text starting with `=`, `+`, `-` or `@` stays inert and intact.
 */
export function addRow(sheet: TSheet, cells: readonly TXlsxCell[]): void {
  const row = sheet.addRow(cells.map((c) => c ?? null));
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = PLAIN;
  });
  row.commit();
}

/** Rows added between two turns of the event loop by {@link addRows}. */
const ROWS_PER_TURN = 1_000;

/**
 * Adds many rows ({@link addRow}), giving the event loop a turn every thousand rows: the streaming writer
 * hands each committed row's XML to the ZIP's deflate stream, which compresses on libuv's threads, and
 * only between turns does the compressed output flow out and the XML already compressed get freed.
 * Written in one synchronous loop, a 300,000-row annex sat whole in the writer's buffers (some 150 MB).
 */
export async function addRows<T>(sheet: TSheet, items: Iterable<T>, cells: (item: T) => readonly TXlsxCell[]): Promise<void> {
  let n = 0;
  for (const item of items) {
    addRow(sheet, cells(item));
    if (++n % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The sheet's column headings (row 1, bold) and widths (16 where none is given). */
export function addHeader(sheet: TSheet, header: readonly string[], widths: readonly number[]): void {
  sheet.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

/**
 * An XLSX file written by exceljs' streaming writer (rows are committed as they are added, so a large
 * sheet does not sit in memory as cell objects); `write` adds and commits the sheets. Deterministic:
 * creator and dates fixed to `at` (the document's compilation instant), and the ZIP entries' times set
 * to it too ({@link setZipEntryTimes}).
 */
export async function xlsxBytes({ title, at, write }: { title: string; at: Date; write: (book: TXlsxBook) => void | Promise<void> }): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: ZLIB_LEVEL } } });
  book.creator = 'nap1325';
  book.lastModifiedBy = 'nap1325';
  book.created = at;
  book.modified = at;
  book.title = title;
  await write(book);
  await book.commit();
  await ended;
  return setZipEntryTimes(Buffer.concat(chunks), at);
}
