import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fieldsOf, issueMessage, type FieldIssue } from './field-issues';
import { isStorableCount, isStorablePercentage, LIMITS, Locale, normalizeText, textProblem, zLine, zOptionalText } from './input-bounds';

// Not for workflows/: uses zod and node:crypto.

/** Breakdown of a value: the total, or by sex where the indicator is disaggregated. */
export const Breakdown = { TOTAL: 'TOTAL', WOMEN: 'WOMEN', MEN: 'MEN' } as const;
export type Breakdown = (typeof Breakdown)[keyof typeof Breakdown];

export const IndicatorUnit = { COUNT: 'COUNT', PERCENTAGE: 'PERCENTAGE', YES_NO: 'YES_NO', TEXT: 'TEXT' } as const;
export type IndicatorUnit = (typeof IndicatorUnit)[keyof typeof IndicatorUnit];

/**
 * One value as an agency contact sends it. `value: null` means "no data", and then a comment is required.
 * A string value is read by the indicator's unit ({@link validateSubmission}); its length and characters
 * are checked there, where the unit is known.
 */
export const ZSubmissionValueInput = z.strictObject({
  indicator: zLine(LIMITS.indicatorCode),
  breakdown: z.enum(['TOTAL', 'WOMEN', 'MEN']).default('TOTAL'),
  value: z.union([z.number(), z.boolean(), z.string(), z.null()]),
  comment: zOptionalText(LIMITS.comment).optional(),
});
export type TSubmissionValueInput = z.input<typeof ZSubmissionValueInput>;

/**
 * What a contact submits through the signed link. `final: false` saves a draft; `reason` explains a
 * correction (a final submission after the report was submitted). Unknown fields are refused, so a typo
 * ("narative") is an error, not a silently lost text.
 */
export const ZSubmitInput = z.strictObject({
  values: z.array(ZSubmissionValueInput).max(LIMITS.values),
  narrative: zOptionalText(LIMITS.narrative).optional(),
  final: z.boolean().default(true),
  reason: zOptionalText(LIMITS.reason).optional(),
});
export type TSubmitInput = z.infer<typeof ZSubmitInput>;

/** A value after validation: typed by the indicator's unit. */
export interface NormalizedValue {
  indicator: string;
  breakdown: Breakdown;
  numberValue: number | null;
  booleanValue: boolean | null;
  textValue: string | null;
  comment: string | null;
}

export interface IndicatorForValidation {
  code: string;
  unit: IndicatorUnit;
  disaggregation: 'NONE' | 'SEX';
}

export type ValidationResult =
  | { ok: true; values: NormalizedValue[] }
  | { ok: false; message: string; fields: Record<string, string>; issues: FieldIssue[] };

/** Digits grouped in threes by commas or points: "1,000", "1,234,567", "10.000". */
const GROUPED_THOUSANDS = /^[+-]?\d{1,3}([.,]\d{3})+$/;
const yes = new Set(['true', 'yes', 'sí', 'si', '1']);
const no = new Set(['false', 'no', '0']);

type Problem = { code: string; params: Record<string, unknown> };

/**
 * Checks submitted values against the indicators this institution reports:
 * known indicator codes only; COUNT a whole number from 0 to 2^53 − 1 (larger numbers lose digits in JSON
 * and are refused, never rounded; a string with thousands separators, "1,000", is refused, never read as 1);
 * PERCENTAGE 0–100 with at most six decimals; YES_NO a boolean (also "sí"/"no"/"yes"/"true"/"false"); TEXT non-empty, ≤ 5,000 characters, no control characters; WOMEN/MEN
 * breakdowns only on indicators disaggregated by sex, and WOMEN + MEN ≤ TOTAL when all three are given;
 * each (indicator, breakdown) once; `null` only with a comment saying why there is no data.
 * A final submission (`final: true`) must carry a value or a justified `null` for every indicator.
 * Field names in errors are the JSON paths of the input (`values[2].value`) so forms can point at them;
 * messages are in `lang` (default English), each with a stable code.
 */
export function validateSubmission({
  indicators,
  input,
  lang = Locale.EN,
}: {
  indicators: readonly IndicatorForValidation[];
  input: Pick<TSubmitInput, 'values' | 'final'>;
  lang?: Locale;
}): ValidationResult {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const issues: FieldIssue[] = [];
  const problem = (field: string, indicator: string | undefined, { code, params }: Problem) =>
    issues.push({ field, code, message: issueMessage({ code, params, lang }), ...(indicator ? { indicator } : {}) });
  const values: NormalizedValue[] = [];
  const seen = new Set<string>();
  const totalPath = new Map<string, string>();

  input.values.forEach((v, index) => {
    const path = `values[${index}]`;
    const indicator = byCode.get(v.indicator);
    if (!indicator) {
      return problem(`${path}.indicator`, undefined, { code: 'UNKNOWN_INDICATOR', params: { indicator: v.indicator, known: [...byCode.keys()] } });
    }
    const code = indicator.code;
    if (indicator.disaggregation === 'NONE' && v.breakdown !== 'TOTAL') {
      return problem(`${path}.breakdown`, code, { code: 'NOT_DISAGGREGATED', params: { indicator: code } });
    }
    const key = `${code}/${v.breakdown}`;
    if (seen.has(key)) return problem(`${path}.indicator`, code, { code: 'DUPLICATE_VALUE', params: { indicator: code, breakdown: v.breakdown } });
    seen.add(key);
    if (v.breakdown === 'TOTAL') totalPath.set(code, `${path}.value`);
    const normalized: NormalizedValue = {
      indicator: code,
      breakdown: v.breakdown,
      numberValue: null,
      booleanValue: null,
      textValue: null,
      comment: v.comment && v.comment.length > 0 ? v.comment : null,
    };
    const refused = normalizeValue(indicator, v.value, normalized);
    if (refused) return problem(`${path}.value`, code, refused);
    if (v.value === null && !normalized.comment) return problem(`${path}.comment`, code, { code: 'NO_DATA_NEEDS_COMMENT', params: { indicator: code } });
    values.push(normalized);
  });

  for (const indicator of indicators) {
    if (indicator.disaggregation !== 'SEX') continue;
    const get = (b: Breakdown) => values.find((v) => v.indicator === indicator.code && v.breakdown === b)?.numberValue;
    const [total, women, men] = [get('TOTAL'), get('WOMEN'), get('MEN')];
    if (total != null && women != null && men != null && women + men > total) {
      problem(totalPath.get(indicator.code) ?? `indicator ${indicator.code}`, indicator.code, { code: 'BREAKDOWN_EXCEEDS_TOTAL', params: { indicator: indicator.code, women, men, total } });
    }
  }

  if (input.final && issues.length === 0) {
    const missing = indicators.filter((i) => !values.some((v) => v.indicator === i.code)).map((i) => i.code);
    // The first missing indicator is named, so a form can point at it.
    if (missing.length > 0) problem('values', missing[0], { code: 'MISSING_INDICATORS', params: { missing } });
  }

  if (issues.length > 0) {
    const first = issues[0];
    const lead = lang === Locale.EN ? 'Invalid submission' : 'Informe no válido';
    return { ok: false, message: `${lead}: ${first.field}: ${first.message}`, fields: fieldsOf(issues), issues };
  }
  return { ok: true, values };
}

function normalizeValue(indicator: IndicatorForValidation, raw: unknown, out: NormalizedValue): Problem | undefined {
  if (raw === null) return undefined;
  const params = { indicator: indicator.code, got: raw };
  switch (indicator.unit) {
    case 'COUNT':
    case 'PERCENTAGE': {
      // A comma is read as a decimal comma ("17,5"). For a count, "1,000" or "10.000" groups thousands (as the
      // reports themselves write counts in es-MX), yet read as a decimal it is 1 or 10, a whole number: such a
      // string is refused rather than stored as a number a thousand times smaller.
      if (indicator.unit === 'COUNT' && typeof raw === 'string' && GROUPED_THOUSANDS.test(raw.trim())) return { code: 'THOUSANDS_SEPARATOR', params };
      const n = typeof raw === 'string' && raw.trim() !== '' && raw.length <= 40 ? Number(raw.trim().replace(',', '.')) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { code: 'NOT_A_NUMBER', params };
      if (indicator.unit === 'COUNT' && !isStorableCount(n)) return { code: 'NOT_A_COUNT', params };
      if (indicator.unit === 'PERCENTAGE' && !isStorablePercentage(n)) return { code: 'NOT_A_PERCENTAGE', params: { ...params, decimals: LIMITS.percentageDecimals } };
      out.numberValue = n;
      return undefined;
    }
    case 'YES_NO': {
      if (typeof raw === 'boolean') {
        out.booleanValue = raw;
        return undefined;
      }
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (yes.has(s)) out.booleanValue = true;
      else if (no.has(s)) out.booleanValue = false;
      else return { code: 'NOT_YES_NO', params };
      return undefined;
    }
    case 'TEXT': {
      if (typeof raw !== 'string' || raw.trim() === '') return { code: 'TEXT_REQUIRED', params: { indicator: indicator.code } };
      const text = normalizeText(raw).trim();
      const bad = textProblem(text, { multiline: true });
      if (bad) return { code: bad, params: {} };
      if (text.length > LIMITS.textValue) return { code: 'TOO_LONG', params: { max: LIMITS.textValue } };
      out.textValue = text;
      return undefined;
    }
  }
}

/**
 * Canonical text of a submission's content (values sorted, narrative included), so that two
 * submissions with the same data compare equal whatever the order of the fields.
 */
export function canonicalSubmission({ values, narrative }: { values: readonly NormalizedValue[]; narrative?: string | null }): string {
  // By UTF-16 code units, not localeCompare: the hash must not depend on the machine's locale (under
  // lt_LT "4.j" and "4.y" swap). For the plan's codes (`<n>.<letter>`) both orders agree, so hashes stored
  // before stay valid.
  const key = (v: (typeof values)[number]) => `${v.indicator}/${v.breakdown}`;
  const sorted = [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return JSON.stringify({
    v: sorted.map((v) => [v.indicator, v.breakdown, v.numberValue, v.booleanValue, v.textValue, v.comment]),
    n: narrative || null,
  });
}

/** SHA-256 (hex) of {@link canonicalSubmission}: equal hashes mean the same content. */
export function submissionContentHash(content: { values: readonly NormalizedValue[]; narrative?: string | null }): string {
  return createHash('sha256').update(canonicalSubmission(content)).digest('hex');
}
