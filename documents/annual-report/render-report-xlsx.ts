import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { annexCells, annexHeader, type TAnnexCell } from './annex-columns';
import { COMPLIANCE_STATUS_LABELS, kindLabel, reportWords } from '../../ui/report/report-labels';
import { instantText } from '../../ui/report/report-text';
import { setZipEntryTimes } from './zip-entry-times';

type TSheet = ExcelJS.Worksheet;

/**
 * Deflate level of the XLSX container, fixed (the bytes depend on it). Measured at 10,000 entities: level
 * 1 and 6 take the same time (deflate runs on libuv's threads beside the XML building), 6 is 16 % smaller.
 */
const ZLIB_LEVEL = 6;

/**
 * Adds a row of plain values. A string is always written as a string value, so exceljs stores it as a
 * text cell (never a formula: that takes `{ formula }`, which nothing here writes); a spreadsheet program
 * does not evaluate a text cell, so user text starting with `=`, `+`, `-` or `@` stays inert and intact.
 */
function addRow(sheet: TSheet, cells: readonly TAnnexCell[]): void {
  const row = sheet.addRow(cells.map((c) => c ?? null));
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = PLAIN;
  });
  row.commit();
}

/**
 * The one style of every data cell, shared: exceljs registers a cell's style by object identity (a
 * WeakMap), so one shared object is registered once instead of once per cell (a fresh `{}` per cell made
 * style registration the largest cost of a 300,000-row annex). Frozen: nothing may change it.
 */
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

function addHeader(sheet: TSheet, header: readonly string[], widths: readonly number[]): void {
  sheet.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

function writeAnnex(book: ExcelJS.stream.xlsx.WorkbookWriter, model: TAnnualReport, lang: Locale): void {
  const sheet = book.addWorksheet(reportWords(lang).sheetAnnex, { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(sheet, annexHeader(lang), [14, 22, 10, 18, 14, 40, 10]);
  for (const row of model.annex.rows) addRow(sheet, annexCells(row, lang));
  sheet.commit();
}

function writeGoals(book: ExcelJS.stream.xlsx.WorkbookWriter, model: TAnnualReport, lang: Locale): void {
  const w = reportWords(lang);
  const sheet = book.addWorksheet(w.sheetGoals, { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(sheet, [w.area, w.objectiveCode, w.goal, w.text, w.indicator, w.target, w.status, w.rule, w.missingFigure], [6, 9, 8, 50, 9, 30, 14, 50, 30]);
  for (const area of model.areas) {
    for (const o of area.objectives) {
      for (const g of o.goals) {
        addRow(sheet, [area.code, o.code, g.code, g.text[lang], g.indicatorCode, g.target ? g.target[lang] : null, g.statusLabel[lang], g.rule[lang], g.notEvaluable ? g.notEvaluable.missing[lang] : null]);
      }
    }
  }
  sheet.commit();
}

function writeCompliance(book: ExcelJS.stream.xlsx.WorkbookWriter, model: TAnnualReport, lang: Locale): void {
  const w = reportWords(lang);
  const sheet = book.addWorksheet(w.sheetCompliance, { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(sheet, [w.institution, w.kind, w.status, w.text, w.deadline, w.submittedAt, w.businessDaysLate, w.escalation, w.extension, w.exemption, w.corrections, w.undelivered], [14, 20, 16, 40, 18, 18, 10, 10, 40, 30, 40, 40]);
  for (const c of model.compliance) {
    const e = c.extension;
    addRow(sheet, [
      c.institutionCode,
      kindLabel(c.kind, lang),
      COMPLIANCE_STATUS_LABELS[c.status][lang],
      c.text[lang],
      instantText(c.deadline, lang),
      c.submittedAt ? instantText(c.submittedAt, lang) : null,
      c.businessDaysLate,
      c.highestEscalationLevel,
      e ? w.extensionText(e.requestedAt ? instantText(e.requestedAt, lang) : '—', e.requestedBy, e.newDeadline, e.decidedBy) : null,
      c.exemptionReason,
      c.corrections.length > 0 ? c.corrections.map((r) => `${w.correctionText(r.version, instantText(r.at, lang), r.by)}${r.reason ? ` — ${r.reason}` : ''}`).join('\n') : null,
      c.undeliveredEmails.length > 0 ? c.undeliveredEmails.map((m) => `${instantText(m.at, lang)} ${m.kind} ${m.to.join(', ')}${m.error ? ` ${m.error}` : ''}`).join('\n') : null,
    ]);
  }
  sheet.commit();
}

function writeNarratives(book: ExcelJS.stream.xlsx.WorkbookWriter, model: TAnnualReport, lang: Locale): void {
  const w = reportWords(lang);
  const sheet = book.addWorksheet(w.sheetNarratives);
  addHeader(sheet, [w.institution, w.submittedBy, w.submittedAt, w.version, w.text], [14, 28, 18, 8, 90]);
  for (const n of model.narratives) addRow(sheet, [n.institutionCode, n.submittedBy, instantText(n.submittedAt, lang), n.version, n.text]);
  sheet.commit();
}

function writeMethod(book: ExcelJS.stream.xlsx.WorkbookWriter, model: TAnnualReport, lang: Locale): void {
  const w = reportWords(lang);
  const sheet = book.addWorksheet(w.sheetMethod);
  addHeader(sheet, [w.item, w.text], [28, 100]);
  const rows: [string, string | number][] = [
    [w.cycleYear, model.cycleYear],
    [w.version, model.version],
    [w.plan, model.plan.key],
    [w.planVersion, model.plan.version],
    [w.compiledAt, instantText(model.compiledAt, lang)],
    [w.snapshotHash, model.snapshotHash],
    [w.planYear, model.plan.planYearText[lang]],
    ...model.annex.method.rules.map((r): [string, string] => [w.method, r[lang]]),
    ...model.annex.method.conventions.map((c): [string, string] => [w.conventions, c]),
  ];
  for (const r of rows) addRow(sheet, r);
  sheet.commit();
}

/**
 * The XLSX format, written by exceljs' streaming writer (rows are committed as they are added, so a
 * 300,000-row annex does not sit in memory as cell objects): sheets Data annex, Goals, Compliance,
 * Narratives, Method, headings in `lang`. Deterministic: creator and dates fixed to the model's
 * compilation instant, and the ZIP entries' times set to it too ({@link setZipEntryTimes}).
 */
export async function renderReportXlsx(model: TAnnualReport, lang: Locale): Promise<Buffer> {
  const compiled = new Date(model.compiledAt);
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
  book.created = compiled;
  book.modified = compiled;
  book.title = model.title[lang];
  writeAnnex(book, model, lang);
  writeGoals(book, model, lang);
  writeCompliance(book, model, lang);
  writeNarratives(book, model, lang);
  writeMethod(book, model, lang);
  await book.commit();
  await ended;
  return setZipEntryTimes(Buffer.concat(chunks), compiled);
}
