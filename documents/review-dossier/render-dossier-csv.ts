import type { Locale } from '../../domain/input-bounds';
import type { TReviewDossier } from '../../domain/review/review-model';
import { goalIndicators } from '../../ui/review/dossier-text';
import { csvBytes } from '../shared/csv-table';
import { proposalCells, proposalHeader } from './proposal-columns';

/**
 * The CSV format ({@link csvBytes}: BOM, CRLF, formulas neutralised, as the annual report's): the
 * dossier's table of record, one row per proposal with its decision, in the model's order (by item in
 * plan order, institutions by code), a header row in `lang`. The synthesis and the crosswalk are in the
 * XLSX and JSON files.
 */
export function renderDossierCsv(model: TReviewDossier, lang: Locale): Buffer {
  const rows = model.proposals;
  const goals = goalIndicators(model);
  return csvBytes({ header: proposalHeader(lang), count: rows.length, rows: (start, end) => rows.slice(start, end).map((p) => proposalCells(p, lang, p.kind === 'GOAL' ? (goals.get(p.code) ?? null) : null)) });
}
