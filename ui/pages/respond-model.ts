import type { Locale } from '../../domain/input-bounds';
import type { FormError } from '../components/error-summary';
import type { ValueRow } from '../components/values-table';

/** Text in both languages, as the plan gives it. */
export interface Bilingual {
  es: string;
  en: string;
}

/** One indicator of the form, with what was saved and what the institution reported last cycle. */
export interface RespondIndicator {
  code: string;
  text: Bilingual;
  unit: 'COUNT' | 'PERCENTAGE' | 'YES_NO' | 'TEXT';
  disaggregation: 'NONE' | 'SEX';
  /** The plan's wording is cut or ambiguous: the secretariat's note (English) says why. */
  confirmationNote?: string;
  /** Values of the previous cycle's report, by breakdown (TOTAL/WOMEN/MEN), as text. */
  previous?: { year: number; values: Partial<Record<'TOTAL' | 'WOMEN' | 'MEN', string>>; comment?: string };
}

/** The indicators of one objective, under the objective's text. */
export interface RespondGroup {
  objective: { code: string; text: Bilingual; confirmationNote?: string };
  indicators: RespondIndicator[];
}

/**
 * What the contact may do on the page: fill and submit (`EDIT`), correct a submitted report while the
 * window is open (`CORRECT`, a reason required), or only read (`READ_ONLY`: submitted and the window has
 * closed, exempted, closed early, not reported).
 */
export type RespondMode = 'EDIT' | 'CORRECT' | 'READ_ONLY';

export interface RespondPageModel {
  lang: Locale;
  year: number;
  institution: { code: string; name: Bilingual };
  status: string;
  mode: RespondMode;
  /** The deadline in force, already written in the reader's zone and language. */
  deadlineText: string;
  /** When the correction window closes (CORRECT), written for the reader. */
  correctionEndsText?: string;
  /** Why the request ended, when the secretariat said so (exemption, early close). */
  endReason?: string;
  latest?: { version: number; kind: 'DRAFT' | 'FINAL' | 'CORRECTION'; atText: string };
  /** The latest version's values as rows, for the read-only view. */
  latestRows?: ValueRow[];
  groups: RespondGroup[];
  /** Values in the inputs: saved ones, or what the contact just sent (after an error), keyed `code|BREAKDOWN`. */
  values: Record<string, string>;
  comments: Record<string, string>;
  narrative: string;
  reason: string;
  /** A pending extension request, or the last decision on one. */
  extension?: { state: 'PENDING' | 'APPROVED' | 'REJECTED' | 'GRANTED'; deadline: string; reason?: string; note?: string; atText: string };
  /** The extension form's own values and errors (after a refused request). */
  extensionForm?: { deadline: string; reason: string; errors: Record<string, string> };
  errors: FormError[];
  /** Errors by input id, shown beside each input. */
  fieldErrors: Record<string, string>;
  notice?: { kind: 'ok' | 'warning' | 'error'; text: string };
  urls: { form: string; extension: string; receipt?: string; switchLanguage: string };
  nonce?: string;
}

/** An indicator code in an element id: `4.b` → `4-b` (a dot in an id would read as a class in CSS selectors). */
const idPart = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '-');
/** The id of the input of one value (`v-4-b-TOTAL`) and of an indicator's comment (`c-4-b`). */
export const valueInputId = (code: string, breakdown: string) => `v-${idPart(code)}-${breakdown}`;
export const commentInputId = (code: string) => `c-${idPart(code)}`;
