import type { Locale } from '../../domain/input-bounds';
import type { FormError } from '../components/error-summary';
import type { RespondMode, RespondPageModel } from './respond-model';

/** Text in both languages, as the plan gives it. */
interface Bilingual {
  es: string;
  en: string;
}

/** An item of the plan the institution proposes on, with what the form shows of it now. */
export interface ReviewFormItem {
  kind: 'OBJECTIVE' | 'LINE_OF_ACTION' | 'INDICATOR' | 'GOAL';
  code: string;
  text: Bilingual;
  /** Indicators: unit and breakdown in force. */
  unit?: string;
  disaggregation?: string;
  /** Goals: the target in force, in the reader's language (null: the plan gives none). */
  targetText?: string | null;
  /** Goals: what the target counts (prefilled in the target fields). */
  figure?: Bilingual;
}

/** The items of one objective the institution is in charge of; the objective itself is one only when `inCharge`. */
export interface ReviewFormGroup {
  objective: { code: string; text: Bilingual; inCharge: boolean };
  items: ReviewFormItem[];
}

/** One proposal as a read-only view or a receipt shows it. */
export interface ReviewProposalRow {
  /** "Indicador 4.b: modificar". */
  head: string;
  /** What it changes, then its justification. */
  lines: string[];
}

/**
 * The contact's page of a plan review's request: the same life as a data request's page (edit, correct
 * with a reason, read only; extension; notices; errors at the top and in place), with a proposal per item
 * in charge and a few rows to add items. Field values (saved, or just sent) are keyed by field name
 * (`a|INDICATOR|4.b`, `j|GOAL|4.g1`, `nk|new|1` …; see ui/components/review-item-inputs.tsx).
 */
export interface ReviewRespondPageModel {
  lang: Locale;
  year: number;
  planVersion: number;
  institution: { code: string; name: Bilingual };
  status: string;
  mode: RespondMode;
  deadlineText: string;
  correctionEndsText?: string;
  endReason?: string;
  latest?: { version: number; kind: 'DRAFT' | 'FINAL' | 'CORRECTION'; atText: string };
  /** The latest version's proposals, for the read-only view. */
  latestRows?: ReviewProposalRow[];
  groups: ReviewFormGroup[];
  /** Objectives new items may go under (those in charge). */
  addObjectives: { code: string; text: Bilingual }[];
  /** How many "add an item" rows the form has. */
  addRows: number;
  fields: Record<string, string>;
  narrative: string;
  reason: string;
  extension?: RespondPageModel['extension'];
  extensionForm?: RespondPageModel['extensionForm'];
  errors: FormError[];
  fieldErrors: Record<string, string>;
  notice?: { kind: 'ok' | 'warning' | 'error'; text: string };
  urls: RespondPageModel['urls'];
  nonce?: string;
}

/** An item key in an element id: `INDICATOR|4.b` → `INDICATOR-4-b`. */
const idPart = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '-');
/** The key of a plan item in field names (`INDICATOR|4.b`) and of an "add" row (`new|2`). */
export const itemKey = (kind: string, code: string) => `${kind}|${code}`;
export const newRowKey = (n: number) => `new|${n}`;
/** The name of one field of an item (`j|INDICATOR|4.b`) and its element id (`j-INDICATOR-4-b`). */
export const reviewFieldName = (field: string, key: string) => `${field}|${key}`;
export const reviewFieldId = (field: string, key: string) => `${field}-${idPart(key)}`;
/** The id of an item's first action radio: where its errors about the proposal as a whole point. */
export const actionInputId = (key: string) => `${reviewFieldId('a', key)}-KEEP`;
