import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import { annexCells, annexHeader } from './annex-columns';
import { COMPLIANCE_STATUS_LABELS, kindLabel, reportWords } from '../../ui/report/report-labels';
import { instantText } from '../../ui/report/report-text';
import { addHeader, addRow, addRows, type TXlsxBook, xlsxBytes } from '../shared/xlsx-book';

async function writeAnnex(book: TXlsxBook, model: TAnnualReport, lang: Locale): Promise<void> {
  const sheet = book.addWorksheet(reportWords(lang).sheetAnnex, { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(sheet, annexHeader(lang), [14, 22, 10, 18, 14, 40, 10]);
  await addRows(sheet, model.annex.rows, (row) => annexCells(row, lang));
  sheet.commit();
}

function writeGoals(book: TXlsxBook, model: TAnnualReport, lang: Locale): void {
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

function writeCompliance(book: TXlsxBook, model: TAnnualReport, lang: Locale): void {
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

function writeNarratives(book: TXlsxBook, model: TAnnualReport, lang: Locale): void {
  const w = reportWords(lang);
  const sheet = book.addWorksheet(w.sheetNarratives);
  addHeader(sheet, [w.institution, w.submittedBy, w.submittedAt, w.version, w.text], [14, 28, 18, 8, 90]);
  for (const n of model.narratives) addRow(sheet, [n.institutionCode, n.submittedBy, instantText(n.submittedAt, lang), n.version, n.text]);
  sheet.commit();
}

function writeMethod(book: TXlsxBook, model: TAnnualReport, lang: Locale): void {
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
 * The XLSX format ({@link xlsxBytes}: streaming, dates and ZIP times fixed to the compilation instant):
 * sheets Data annex, Goals, Compliance, Narratives, Method, headings in `lang`.
 */
export async function renderReportXlsx(model: TAnnualReport, lang: Locale): Promise<Buffer> {
  return xlsxBytes({
    title: model.title[lang],
    at: new Date(model.compiledAt),
    write: async (book) => {
      await writeAnnex(book, model, lang);
      writeGoals(book, model, lang);
      writeCompliance(book, model, lang);
      writeNarratives(book, model, lang);
      writeMethod(book, model, lang);
    },
  });
}
