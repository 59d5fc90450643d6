import { z } from 'zod';

/** Breakdown of a value: the total, or by sex where the indicator is disaggregated. */
export const Breakdown = { TOTAL: 'TOTAL', WOMEN: 'WOMEN', MEN: 'MEN' } as const;
export type Breakdown = (typeof Breakdown)[keyof typeof Breakdown];

export const IndicatorUnit = { COUNT: 'COUNT', PERCENTAGE: 'PERCENTAGE', YES_NO: 'YES_NO', TEXT: 'TEXT' } as const;
export type IndicatorUnit = (typeof IndicatorUnit)[keyof typeof IndicatorUnit];

/** One value as an agency contact sends it. `value: null` means "no data", and then a comment is required. */
export const ZSubmissionValueInput = z.object({
  indicator: z.string().trim().min(1, 'indicator code is required'),
  breakdown: z.enum(['TOTAL', 'WOMEN', 'MEN']).default('TOTAL'),
  value: z.union([z.number(), z.boolean(), z.string(), z.null()]),
  comment: z.string().trim().max(2000).optional(),
});
export type TSubmissionValueInput = z.input<typeof ZSubmissionValueInput>;

/** What a contact submits through the signed link. `final: false` saves a draft. */
export const ZSubmitInput = z.object({
  values: z.array(ZSubmissionValueInput).max(1000),
  narrative: z.string().trim().max(20_000).optional(),
  final: z.boolean().default(true),
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
  | { ok: false; message: string; fields: Record<string, string> };

const yes = new Set(['true', 'yes', 'sí', 'si', '1']);
const no = new Set(['false', 'no', '0']);

/**
 * Checks submitted values against the indicators this institution reports:
 * known indicator codes only; COUNT a whole number ≥ 0; PERCENTAGE a number 0–100; YES_NO a boolean
 * (also "sí"/"no"/"yes"/"true"/"false"); TEXT non-empty (≤ 5,000 characters); WOMEN/MEN breakdowns only on
 * indicators disaggregated by sex, and WOMEN + MEN ≤ TOTAL when all three are given; each
 * (indicator, breakdown) once; `null` only with a comment saying why there is no data.
 * A final submission (`final: true`) must carry a value or a justified `null` for every indicator.
 * Field names in errors are the JSON paths of the input (`values[2].value`) so forms can point at them.
 */
export function validateSubmission({
  indicators,
  input,
}: {
  indicators: readonly IndicatorForValidation[];
  input: TSubmitInput;
}): ValidationResult {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const fields: Record<string, string> = {};
  const values: NormalizedValue[] = [];
  const seen = new Set<string>();

  input.values.forEach((v, index) => {
    const path = `values[${index}]`;
    const indicator = byCode.get(v.indicator);
    if (!indicator) {
      fields[`${path}.indicator`] = `"${v.indicator}" is not one of the indicators requested from this institution (${[...byCode.keys()].join(', ')})`;
      return;
    }
    if (indicator.disaggregation === 'NONE' && v.breakdown !== 'TOTAL') {
      fields[`${path}.breakdown`] = `indicator ${indicator.code} is not disaggregated by sex: use breakdown TOTAL`;
      return;
    }
    const key = `${indicator.code}/${v.breakdown}`;
    if (seen.has(key)) {
      fields[`${path}.indicator`] = `indicator ${indicator.code} (${v.breakdown}) appears more than once`;
      return;
    }
    seen.add(key);
    const normalized: NormalizedValue = {
      indicator: indicator.code,
      breakdown: v.breakdown,
      numberValue: null,
      booleanValue: null,
      textValue: null,
      comment: v.comment && v.comment.length > 0 ? v.comment : null,
    };
    const problem = normalizeValue(indicator, v.value, normalized);
    if (problem) {
      fields[`${path}.value`] = problem;
      return;
    }
    if (v.value === null && !normalized.comment) {
      fields[`${path}.comment`] = `indicator ${indicator.code}: a value of null ("no data") needs a comment explaining why`;
      return;
    }
    values.push(normalized);
  });

  for (const indicator of indicators) {
    if (indicator.disaggregation !== 'SEX') continue;
    const get = (b: Breakdown) => values.find((v) => v.indicator === indicator.code && v.breakdown === b)?.numberValue;
    const [total, women, men] = [get('TOTAL'), get('WOMEN'), get('MEN')];
    if (total != null && women != null && men != null && women + men > total) {
      fields[`indicator ${indicator.code}`] = `women (${women}) + men (${men}) exceed the total (${total})`;
    }
  }

  if (input.final) {
    const missing = indicators.filter((i) => !values.some((v) => v.indicator === i.code)).map((i) => i.code);
    if (missing.length > 0 && Object.keys(fields).length === 0) {
      fields.values = `a final submission needs every indicator; missing: ${missing.join(', ')} (send null with a comment where there is no data, or save a draft with final: false)`;
    }
  }

  if (Object.keys(fields).length > 0) {
    const first = Object.entries(fields)[0];
    return { ok: false, message: `Invalid submission: ${first[0]}: ${first[1]}`, fields };
  }
  return { ok: true, values };
}

function normalizeValue(indicator: IndicatorForValidation, raw: unknown, out: NormalizedValue): string | undefined {
  if (raw === null) return undefined;
  switch (indicator.unit) {
    case 'COUNT':
    case 'PERCENTAGE': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(',', '.')) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return `indicator ${indicator.code} needs a number, got ${JSON.stringify(raw)}`;
      if (indicator.unit === 'COUNT' && (!Number.isInteger(n) || n < 0)) {
        return `indicator ${indicator.code} counts: it needs a whole number ≥ 0, got ${JSON.stringify(raw)}`;
      }
      if (indicator.unit === 'PERCENTAGE' && (n < 0 || n > 100)) {
        return `indicator ${indicator.code} is a percentage: it needs a number from 0 to 100, got ${JSON.stringify(raw)}`;
      }
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
      else return `indicator ${indicator.code} needs yes or no (true/false), got ${JSON.stringify(raw)}`;
      return undefined;
    }
    case 'TEXT': {
      if (typeof raw !== 'string' || raw.trim() === '') return `indicator ${indicator.code} needs a text answer`;
      if (raw.length > 5000) return `indicator ${indicator.code}: text longer than 5,000 characters`;
      out.textValue = raw.trim();
      return undefined;
    }
  }
}

/**
 * Canonical text of a submission's content (values sorted, narrative included), so that two
 * submissions with the same data compare equal whatever the order of the fields.
 */
export function canonicalSubmission({ values, narrative }: { values: readonly NormalizedValue[]; narrative?: string | null }): string {
  const sorted = [...values].sort((a, b) => `${a.indicator}/${a.breakdown}`.localeCompare(`${b.indicator}/${b.breakdown}`));
  return JSON.stringify({
    v: sorted.map((v) => [v.indicator, v.breakdown, v.numberValue, v.booleanValue, v.textValue, v.comment]),
    n: narrative ?? null,
  });
}
