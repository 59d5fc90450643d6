import type { z } from 'zod';
import type { Locale } from './input-bounds';

/**
 * Problems with the fields of a request, in the reader's language. Each problem keeps a stable `code`
 * (for programs) beside its `message` (for people), and the JSON path of the field it names
 * (`values[2].value`, `contacts[0].timeZone`), so a form can put the message beside its input.
 */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
  /** The indicator a submission problem is about, so a form can place it. */
  indicator?: string;
}

type Params = Record<string, unknown>;
type Text = (p: Params) => string;

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v ?? ''));
const shown = (v: unknown) => (typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : JSON.stringify(v) ?? String(v));

/** Every message a person may read about a field, in es-MX and English, by code. */
const CATALOG: Record<string, { 'es-MX': Text; en: Text }> = {
  REQUIRED: { 'es-MX': () => 'es obligatorio', en: () => 'is required' },
  CONTROL_CHARACTER: {
    'es-MX': () => 'contiene un carácter de control no permitido (por ejemplo NUL)',
    en: () => 'contains a control character that cannot be stored (such as NUL)',
  },
  LINE_BREAK: { 'es-MX': () => 'debe escribirse en una sola línea', en: () => 'must be on one line' },
  TOO_LONG: { 'es-MX': (p) => `admite como máximo ${p.max} caracteres`, en: (p) => `must be at most ${p.max} characters` },
  TOO_SHORT: { 'es-MX': (p) => `necesita al menos ${p.min} caracteres`, en: (p) => `must be at least ${p.min} characters` },
  TOO_MANY: { 'es-MX': (p) => `admite como máximo ${p.max} elementos`, en: (p) => `must list at most ${p.max} items` },
  TOO_FEW: { 'es-MX': (p) => `necesita al menos ${p.min} elemento(s)`, en: (p) => `must list at least ${p.min} item(s)` },
  TOO_LARGE: { 'es-MX': (p) => `debe ser como máximo ${p.max}`, en: (p) => `must be at most ${p.max}` },
  TOO_SMALL: { 'es-MX': (p) => `debe ser al menos ${p.min}`, en: (p) => `must be at least ${p.min}` },
  WRONG_TYPE: { 'es-MX': (p) => `debe ser ${typeEs(p.expected)}`, en: (p) => `must be ${typeEn(p.expected)}` },
  NOT_ONE_OF: { 'es-MX': (p) => `debe ser uno de: ${list(p.values)}`, en: (p) => `must be one of: ${list(p.values)}` },
  UNKNOWN_FIELD: { 'es-MX': (p) => `campo desconocido: ${list(p.keys)}`, en: (p) => `unknown field: ${list(p.keys)}` },
  NOT_A_DATE: { 'es-MX': () => 'debe ser una fecha escrita aaaa-mm-dd', en: () => 'must be a date written yyyy-MM-dd' },
  DATE_OUT_OF_RANGE: { 'es-MX': (p) => `debe ser una fecha de ${p.min} a ${p.max}`, en: (p) => `must be a date from ${p.min} to ${p.max}` },
  NOT_A_CURSOR: {
    'es-MX': () => 'no es una posición de esta lista: vuelva a la primera página',
    en: () => 'is not a position in this list: go back to the first page',
  },
  NOT_A_TIME_ZONE: {
    'es-MX': () => 'no es una zona horaria IANA (por ejemplo America/Mexico_City)',
    en: () => 'is not an IANA time zone (e.g. America/Mexico_City)',
  },
  NOT_A_YEAR: { 'es-MX': () => 'debe ser un año de cuatro dígitos', en: () => 'must be a year written with four digits' },
  NOT_A_CODE: { 'es-MX': () => 'debe ser un código como SRE o MUN-09015', en: () => 'must be an institution code such as SRE or MUN-09015' },
  NOT_AN_EMAIL: { 'es-MX': () => 'no es una dirección de correo', en: () => 'is not an email address' },
  CURSOR_WITH_OFFSET: { 'es-MX': () => 'use offset o cursor, no ambos', en: () => 'use either offset or cursor, not both' },
  INVALID: { 'es-MX': () => 'no es un valor válido', en: (p) => (typeof p.detail === 'string' ? p.detail : 'is not a valid value') },
  // Submissions (domain/submission.ts)
  UNKNOWN_INDICATOR: {
    'es-MX': (p) => `${shown(p.indicator)} no es uno de los indicadores solicitados a esta institución (${list(p.known)})`,
    en: (p) => `${shown(p.indicator)} is not one of the indicators requested from this institution (${list(p.known)})`,
  },
  NOT_DISAGGREGATED: {
    'es-MX': (p) => `el indicador ${p.indicator} no se desagrega por sexo: use el total`,
    en: (p) => `indicator ${p.indicator} is not disaggregated by sex: use breakdown TOTAL`,
  },
  DUPLICATE_VALUE: {
    'es-MX': (p) => `el indicador ${p.indicator} (${breakdownEs(p.breakdown)}) aparece más de una vez`,
    en: (p) => `indicator ${p.indicator} (${p.breakdown}) appears more than once`,
  },
  NOT_A_NUMBER: {
    'es-MX': (p) => `el indicador ${p.indicator} necesita un número; se recibió ${shown(p.got)}`,
    en: (p) => `indicator ${p.indicator} needs a number, got ${shown(p.got)}`,
  },
  NOT_A_COUNT: {
    'es-MX': (p) => `el indicador ${p.indicator} cuenta: necesita un número entero de 0 a 9 007 199 254 740 991; se recibió ${shown(p.got)}`,
    en: (p) => `indicator ${p.indicator} counts: it needs a whole number from 0 to 9,007,199,254,740,991, got ${shown(p.got)}`,
  },
  THOUSANDS_SEPARATOR: {
    'es-MX': (p) => `el indicador ${p.indicator} cuenta: escriba el número entero sin separadores de miles (1000, no 1,000); se recibió ${shown(p.got)}`,
    en: (p) => `indicator ${p.indicator} counts: write the whole number without thousands separators (1000, not 1,000), got ${shown(p.got)}`,
  },
  NOT_A_PERCENTAGE: {
    'es-MX': (p) => `el indicador ${p.indicator} es un porcentaje: necesita un número de 0 a 100 con hasta ${p.decimals} decimales; se recibió ${shown(p.got)}`,
    en: (p) => `indicator ${p.indicator} is a percentage: it needs a number from 0 to 100 with at most ${p.decimals} decimals, got ${shown(p.got)}`,
  },
  NOT_YES_NO: {
    'es-MX': (p) => `el indicador ${p.indicator} necesita sí o no; se recibió ${shown(p.got)}`,
    en: (p) => `indicator ${p.indicator} needs yes or no (true/false), got ${shown(p.got)}`,
  },
  TEXT_REQUIRED: { 'es-MX': (p) => `el indicador ${p.indicator} necesita una respuesta de texto`, en: (p) => `indicator ${p.indicator} needs a text answer` },
  NO_DATA_NEEDS_COMMENT: {
    'es-MX': (p) => `indicador ${p.indicator}: "sin dato" necesita un comentario que explique por qué`,
    en: (p) => `indicator ${p.indicator}: a value of null ("no data") needs a comment explaining why`,
  },
  BREAKDOWN_EXCEEDS_TOTAL: {
    'es-MX': (p) => `indicador ${p.indicator}: mujeres (${p.women}) + hombres (${p.men}) superan el total (${p.total})`,
    en: (p) => `indicator ${p.indicator}: women (${p.women}) + men (${p.men}) exceed the total (${p.total})`,
  },
  MISSING_INDICATORS: {
    'es-MX': (p) => `un informe final necesita todos los indicadores; faltan: ${list(p.missing)} (escriba "sin dato" con un comentario donde no haya dato, o guarde un borrador)`,
    en: (p) => `a final submission needs every indicator; missing: ${list(p.missing)} (send null with a comment where there is no data, or save a draft with final: false)`,
  },
  CORRECTION_NEEDS_REASON: {
    'es-MX': () => 'una corrección de un informe ya enviado necesita un motivo',
    en: () => 'a correction of a submitted report needs a reason',
  },
};

const typeNames: Record<string, [string, string]> = {
  string: ['un texto', 'a text'],
  number: ['un número', 'a number'],
  boolean: ['verdadero o falso', 'true or false'],
  array: ['una lista', 'a list'],
  object: ['un objeto', 'an object'],
};
const typeEs = (t: unknown) => typeNames[String(t)]?.[0] ?? String(t);
const typeEn = (t: unknown) => typeNames[String(t)]?.[1] ?? String(t);
const breakdownEs = (b: unknown) => ({ TOTAL: 'total', WOMEN: 'mujeres', MEN: 'hombres' })[String(b)] ?? String(b);

/** The message for `code` in `lang`; an unknown code falls back to a generic "not valid". */
export function issueMessage({ code, params = {}, lang }: { code: string; params?: Params; lang: Locale }): string {
  return (CATALOG[code] ?? CATALOG.INVALID)[lang](params);
}

/** A field path as the API names it: `values[2].value`, `contacts[0].timeZone`, `(body)` for the whole. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), '') || '(body)';
}

/** Turns zod's issues into {@link FieldIssue}s in `lang`, one per field (the first problem of each). */
export function localizeZodIssues({ issues, lang }: { issues: readonly z.core.$ZodIssue[]; lang: Locale }): FieldIssue[] {
  const out = new Map<string, FieldIssue>();
  for (const issue of issues) {
    for (const { path, code, params } of describe(issue)) {
      const field = fieldPath(path);
      if (!out.has(field)) out.set(field, { field, code, message: issueMessage({ code, params, lang }) });
    }
  }
  return [...out.values()];
}

function describe(issue: z.core.$ZodIssue): { path: PropertyKey[]; code: string; params: Params }[] {
  const path = [...issue.path];
  switch (issue.code) {
    case 'invalid_type':
      return [{ path, code: /received undefined/.test(issue.message) ? 'REQUIRED' : 'WRONG_TYPE', params: { expected: issue.expected } }];
    case 'too_big':
      return [{ path, code: issue.origin === 'string' ? 'TOO_LONG' : issue.origin === 'array' || issue.origin === 'set' ? 'TOO_MANY' : 'TOO_LARGE', params: { max: issue.maximum } }];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return [{ path, code: 'REQUIRED', params: {} }];
      return [{ path, code: issue.origin === 'string' ? 'TOO_SHORT' : issue.origin === 'array' || issue.origin === 'set' ? 'TOO_FEW' : 'TOO_SMALL', params: { min: issue.minimum } }];
    case 'invalid_value':
      return [{ path, code: 'NOT_ONE_OF', params: { values: issue.values } }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], code: 'UNKNOWN_FIELD', params: { keys: [key] } }));
    case 'invalid_format':
      return [{ path, code: issue.format === 'email' ? 'NOT_AN_EMAIL' : issue.format === 'regex' ? 'INVALID' : 'INVALID', params: { detail: issue.message } }];
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'INVALID';
      return [{ path, code, params: { ...issue.params, detail: issue.message } }];
    }
    default:
      return [{ path, code: 'INVALID', params: { detail: issue.message } }];
  }
}

/** `{ field: message }`, the shape of problem+json's `fields`. */
export function fieldsOf(issues: readonly FieldIssue[]): Record<string, string> {
  return Object.fromEntries(issues.map((i) => [i.field, i.message]));
}
