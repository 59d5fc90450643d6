import type { TWords } from '../goal-target-text';
import type { TFootnote } from './annual-report-model';
import type { TSnapshotIndicator, TSnapshotNotes } from './report-snapshot';

/** Collects footnotes while the report is built, numbering them 1, 2, … in order of appearance. */
export type TFootnotes = {
  /** Notes of a plan item: its confirmation note (when it needs confirmation), then its remarks. */
  ofItem(about: TWords, item: TSnapshotNotes): number[];
  /** "Reporter derived from the plan, not confirmed", for an indicator with derived reporters. */
  ofDerivedReporters(about: TWords, indicator: TSnapshotIndicator): number[];
  /** Every footnote so far, by number. */
  list(): TFootnote[];
};

/**
 * A footnote collector. What gets a footnote:
 * - an item marked `needsConfirmation` (kind NEEDS_CONFIRMATION; its `confirmationNote`, or a plain
 *   "wording or target to be confirmed by the secretariat" when the plan gives none);
 * - an item with `notes` (kind NOTE);
 * - an indicator with at least one reporter that is `derived` (kind DERIVED_REPORTER): who reports it is
 *   our reading of the plan, not confirmed by the secretariat; the note names them and the basis.
 */
export function createFootnotes(): TFootnotes {
  const notes: TFootnote[] = [];
  const add = (about: TWords, text: string, kind: TFootnote['kind']) => {
    notes.push({ n: notes.length + 1, about, text, kind });
    return notes.length;
  };
  return {
    ofItem(about, item) {
      const numbers: number[] = [];
      if (item.needsConfirmation) numbers.push(add(about, item.confirmationNote ?? 'Wording or target to be confirmed by the secretariat.', 'NEEDS_CONFIRMATION'));
      if (item.notes) numbers.push(add(about, item.notes, 'NOTE'));
      return numbers;
    },
    ofDerivedReporters(about, indicator) {
      const derived = indicator.reporters.filter((r) => r.derived);
      if (derived.length === 0) return [];
      const who = derived.map((r) => (r.basis ? `${r.institutionCode} (${r.basis})` : r.institutionCode)).join(', ');
      return [add(about, `Reporter derived from the plan, not confirmed by the secretariat: ${who}.`, 'DERIVED_REPORTER')];
    },
    list: () => notes.slice(),
  };
}
