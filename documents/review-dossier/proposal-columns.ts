import type { Locale } from '../../domain/input-bounds';
import type { TDossierProposal } from '../../domain/review/review-model';
import { instantText } from '../../ui/report/report-text';
import { ACTION_LABELS, DECISION_LABELS, dossierWords, ITEM_KIND_LABELS } from '../../ui/review/dossier-labels';
import { changeText } from '../../ui/review/dossier-text';
import type { TCsvCell } from '../shared/csv-table';

/** The proposals table's column headings in `lang` (CSV and the XLSX proposals sheet). */
export function proposalHeader(lang: Locale): string[] {
  const w = dossierWords(lang);
  return [
    w.kind,
    w.item,
    w.institution,
    w.action,
    w.objective,
    w.change,
    w.justification,
    w.submissionVersion,
    w.submittedAt,
    w.submittedBy,
    w.decision,
    w.acceptedChange,
    w.decisionNote,
    w.decidedByColumn,
    w.decidedAtColumn,
    w.staleColumn,
  ];
}

/**
 * One proposal as cells, in the order of {@link proposalHeader}: codes, the words of its kind, action and
 * decision in `lang`, texts people wrote as written, instants in Mexico City time, the submission version
 * a number; a goal's target names `goalIndicator` (the indicator the goal is measured on); "not decided" when no decision, "Sí"/"Yes" when the decision is out of date.
 */
export function proposalCells(p: TDossierProposal, lang: Locale, goalIndicator: string | null = null): TCsvCell[] {
  const w = dossierWords(lang);
  const d = p.decision;
  return [
    ITEM_KIND_LABELS[p.kind][lang],
    p.code,
    p.institutionCode,
    ACTION_LABELS[p.action][lang],
    p.objectiveCode,
    changeText(p.change, lang, goalIndicator),
    p.justification,
    p.version,
    instantText(p.submittedAt, lang),
    p.submittedBy,
    d ? DECISION_LABELS[d.decision][lang] : w.notDecided,
    d ? changeText(d.change, lang, goalIndicator) : null,
    d?.note ?? null,
    d?.decidedBy ?? null,
    d ? instantText(d.decidedAt, lang) : null,
    d?.stale ? w.yes : null,
  ];
}
