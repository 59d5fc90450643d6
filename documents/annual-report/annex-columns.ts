import type { Locale } from '../../domain/input-bounds';
import type { TAnnexRow } from '../../domain/report/annual-report-model';
import { BREAKDOWN_LABELS, kindLabel, reportWords } from '../../ui/report/report-labels';

/** A data annex cell as the spreadsheets write it: numbers stay numbers, booleans read Sí/No, empty is null. */
export type TAnnexCell = string | number | null;

/** The annex's column headings in `lang` (CSV and the XLSX annex sheet). */
export function annexHeader(lang: Locale): string[] {
  const w = reportWords(lang);
  return [w.institution, w.kind, w.indicator, w.breakdown, w.value, w.comment, w.submissionVersion];
}

/** Kind labels by language, looked up once per kind (the annex asks for one per row: 300,000 at scale). */
const KIND_LABELS: Record<Locale, Map<string, string>> = { 'es-MX': new Map(), en: new Map() };

/** One annex row as cells, in the order of {@link annexHeader}. */
export function annexCells(row: TAnnexRow, lang: Locale): TAnnexCell[] {
  const w = reportWords(lang);
  const value = typeof row.value === 'boolean' ? (row.value ? w.yes : w.no) : row.value;
  const kinds = KIND_LABELS[lang];
  let kind = kinds.get(row.institutionKind);
  if (kind === undefined) kinds.set(row.institutionKind, (kind = kindLabel(row.institutionKind, lang)));
  return [row.institutionCode, kind, row.indicatorCode, BREAKDOWN_LABELS[row.breakdown][lang], value, row.comment, row.submissionVersion];
}
