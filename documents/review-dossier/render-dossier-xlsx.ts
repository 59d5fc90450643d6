import { GOAL_STATUS_LABELS } from '../../domain/goal-status';
import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { instantText } from '../../ui/report/report-text';
import { CROSSWALK_KIND_LABELS, dossierWords, ITEM_KIND_LABELS } from '../../ui/review/dossier-labels';
import { attentionCounts, flagWords, goalIndicators, statusText, titleFacts } from '../../ui/review/dossier-text';
import { addHeader, addRow, type TXlsxBook, xlsxBytes } from '../shared/xlsx-book';
import { proposalCells, proposalHeader } from './proposal-columns';

const FROZEN = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

function writeSummary(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const w = dossierWords(lang);
  const sheet = book.addWorksheet(w.sheetSummary);
  addHeader(sheet, [w.item, w.value], [34, 100]);
  addRow(sheet, [w.title(model.fromVersion), model.planTitle[lang]]);
  for (const row of titleFacts(model, lang, (iso) => instantText(iso, lang))) addRow(sheet, row);
  for (const [label, n] of attentionCounts(model, lang)) addRow(sheet, [label, n]);
  for (const item of model.synthesis.needsConfirmation) addRow(sheet, [`${w.needsConfirmation}: ${ITEM_KIND_LABELS[item.kind][lang]} ${item.code}`, item.note]);
  sheet.commit();
}

function writeIndicators(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const w = dossierWords(lang);
  const years = model.synthesis.years;
  const sheet = book.addWorksheet(w.sheetIndicators, FROZEN);
  addHeader(sheet, [w.objective, w.indicator, w.indicators, ...years.map(String), w.flags, w.derivedReporters], [9, 9, 60, ...years.map(() => 10), 30, 30]);
  for (const o of model.synthesis.objectives) {
    for (const i of o.indicators) {
      const totals = years.map((y) => i.trend.find((p) => p.cycleYear === y)?.total ?? null);
      addRow(sheet, [o.code, i.code, i.text[lang], ...totals, flagWords(i, lang).join(', ') || null, i.derivedReporters.join(', ') || null]);
    }
  }
  sheet.commit();
}

function writeGoals(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const w = dossierWords(lang);
  const years = model.synthesis.years;
  const sheet = book.addWorksheet(w.sheetGoals, FROZEN);
  addHeader(sheet, [w.objective, w.goal, w.goals, w.indicator, ...years.map(String), w.latestStatus, w.flags], [9, 9, 60, 9, ...years.map(() => 14), 14, 30]);
  for (const o of model.synthesis.objectives) {
    for (const g of o.goals) {
      const statuses = years.map((y) => {
        const s = g.statusByYear.find((p) => p.cycleYear === y)?.status;
        return s ? GOAL_STATUS_LABELS[s][lang] : null;
      });
      addRow(sheet, [o.code, g.code, g.text[lang], g.indicatorCode, ...statuses, statusText(g.latestStatus, lang), flagWords(g, lang).join(', ') || null]);
    }
  }
  sheet.commit();
}

function writeNonReporters(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const w = dossierWords(lang);
  const sheet = book.addWorksheet(w.sheetNonReporters);
  addHeader(sheet, [w.institution, w.name, w.years, w.cycles], [14, 60, 24, 8]);
  for (const n of model.synthesis.chronicNonReporters) addRow(sheet, [n.institutionCode, n.name[lang], n.years.join(', '), n.cycles]);
  sheet.commit();
}

function writeProposals(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const sheet = book.addWorksheet(dossierWords(lang).sheetProposals, FROZEN);
  addHeader(sheet, proposalHeader(lang), [14, 8, 12, 12, 9, 50, 60, 8, 18, 28, 18, 40, 50, 28, 18, 10]);
  const goals = goalIndicators(model);
  for (const p of model.proposals) addRow(sheet, proposalCells(p, lang, p.kind === 'GOAL' ? (goals.get(p.code) ?? null) : null));
  sheet.commit();
}

function writeCrosswalk(book: TXlsxBook, model: TReviewDossier, lang: Locale): void {
  const w = dossierWords(lang);
  const sheet = book.addWorksheet(w.sheetCrosswalk, FROZEN);
  addHeader(sheet, [w.kind, w.from, w.to, w.kindOfChange, w.note], [16, 18, 18, 24, 60]);
  for (const e of model.crosswalk) addRow(sheet, [ITEM_KIND_LABELS[e.kind][lang], e.from.join(', ') || null, e.to.join(', ') || null, CROSSWALK_KIND_LABELS[e.change][lang], e.note ?? null]);
  sheet.commit();
}

/**
 * The XLSX format (the annual report's writer, {@link xlsxBytes}: dates and ZIP times fixed to the
 * compilation instant): sheets Summary (title page figures and counts), Indicators (totals per cycle
 * year, flags), Goals (status per cycle year), Non-reporters, Proposals (with decisions) and Crosswalk,
 * headings in `lang`; numbers stay numbers, user text stays text (never a formula).
 */
export async function renderDossierXlsx(model: TReviewDossier, lang: Locale): Promise<Buffer> {
  return xlsxBytes({
    title: dossierWords(lang).title(model.fromVersion),
    at: new Date(model.compiledAt),
    write: (book) => {
      writeSummary(book, model, lang);
      writeIndicators(book, model, lang);
      writeGoals(book, model, lang);
      writeNonReporters(book, model, lang);
      writeProposals(book, model, lang);
      writeCrosswalk(book, model, lang);
    },
  });
}
