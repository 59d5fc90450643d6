import { z } from 'zod';
import { isIsoDate } from './iso-date';
import { isValidZoneName } from './valid-zone';

// Not for workflows/: uses zod and luxon.

/**
 * What may be stored: the one definition of the bounds of every value that reaches the database or a
 * workflow's history. Every route parses its input with these schemas, so a value the columns cannot
 * hold (a NUL byte in `text`, a count beyond 2^53, a decimal the column would round, an unknown time zone)
 * is refused at the edge as a 400 naming the field, before any workflow or activity sees it.
 *
 * Lengths count UTF-16 code units (what JavaScript and zod count); PostgreSQL `text` has no limit of its
 * own, so these are ours, chosen for what people write: a name fits 200, a reason 2,000, a narrative
 * 20,000. Failing refinements carry a stable `code` in their params (see domain/field-issues.ts), so the
 * message can be written in the reader's language.
 */
export const LIMITS = {
  /** A person's or an institution's name. */
  name: 200,
  /** RFC 5321's longest usable address. */
  email: 254,
  /** Who did something (`decidedBy`, `grantedBy`…): a name or an email. */
  actor: 200,
  /** Why: an extension, exemption, correction, early close. */
  reason: 2_000,
  /** A secretariat's note on a decision. */
  note: 2_000,
  /** A comment beside a value. */
  comment: 2_000,
  /** A TEXT indicator's answer. */
  textValue: 5_000,
  /** The narrative of a submission. */
  narrative: 20_000,
  /** An indicator code as sent by a contact ("4.b"). */
  indicatorCode: 16,
  /** Institution codes: "SRE", "MUN-09015". */
  institutionCode: 32,
  /** Values in one submission (far above indicators × 3 breakdowns). */
  values: 1_000,
  /** Contacts replaced at once. */
  contacts: 20,
  /** Institutions named when opening a cycle. */
  institutions: 20_000,
  /** Decimal places a percentage keeps (the column, Decimal(65,30), would keep 30; people use 1–2). */
  percentageDecimals: 6,
  /** Rows one page of a list may hold (`limit`). */
  pageSize: 1_000,
  /** The highest submission version a query or path may name. */
  versions: 100_000,
} as const;

/** Codes of the refinements below; translated by domain/field-issues.ts. */
export const BoundCode = {
  CONTROL_CHARACTER: 'CONTROL_CHARACTER',
  LINE_BREAK: 'LINE_BREAK',
  NOT_A_DATE: 'NOT_A_DATE',
  DATE_OUT_OF_RANGE: 'DATE_OUT_OF_RANGE',
  NOT_A_TIME_ZONE: 'NOT_A_TIME_ZONE',
  NOT_A_YEAR: 'NOT_A_YEAR',
  NOT_A_CODE: 'NOT_A_CODE',
  NOT_AN_EMAIL: 'NOT_AN_EMAIL',
  REQUIRED: 'REQUIRED',
} as const;
export type BoundCode = (typeof BoundCode)[keyof typeof BoundCode];

/**
 * Characters no stored text may hold: C0 controls but tab and newline (NUL above all: PostgreSQL `text`
 * cannot store it), DEL, C1 controls, lone UTF-16 surrogates (not encodable as UTF-8: the driver would
 * silently store U+FFFD) and the noncharacters U+FFFE/U+FFFF. Carriage returns are not refused: they
 * are folded into newlines by {@link normalizeText}.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Surrogate}/u;
const LINE_BREAKS = /[\n\t\u2028\u2029]/;

/** `\r\n` and lone `\r` become `\n` (form posts send CRLF); nothing else changes. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** The first reason `value` may not be stored as text, or undefined when it may. */
export function textProblem(value: string, { multiline }: { multiline: boolean }): BoundCode | undefined {
  if (FORBIDDEN.test(value)) return BoundCode.CONTROL_CHARACTER;
  if (!multiline && LINE_BREAKS.test(value)) return BoundCode.LINE_BREAK;
  return undefined;
}

const refuse = (code: BoundCode, message: string, params: Record<string, unknown> = {}) => ({ message, params: { code, ...params } });

function boundedText({ max, multiline, required }: { max: number; multiline: boolean; required: boolean }) {
  return z
    .string()
    .meta({ maxLength: max })
    .transform((s) => normalizeText(s).trim())
    .superRefine((s, ctx) => {
      const problem = textProblem(s, { multiline });
      if (problem) {
        ctx.addIssue({ code: 'custom', ...refuse(problem, problem === 'LINE_BREAK' ? 'must be on one line' : 'contains a control character (such as NUL)') });
      } else if (required && s.length === 0) {
        ctx.addIssue({ code: 'custom', ...refuse(BoundCode.REQUIRED, 'is required') });
      } else if (s.length > max) {
        ctx.addIssue({ code: 'too_big', maximum: max, origin: 'string', inclusive: true, input: s, message: `must be at most ${max} characters` });
      }
    });
}

/** One line of text (a name, an actor), trimmed; at most `max` characters; empty refused unless `optional`. */
export const zLine = (max: number) => boundedText({ max, multiline: false, required: true });
/** Free text that may span lines (reasons, notes, comments, narratives), trimmed; at most `max` characters. */
export const zText = (max: number) => boundedText({ max, multiline: true, required: true });
/** Like {@link zText}, but an empty text is allowed (and kept empty). */
export const zOptionalText = (max: number) => boundedText({ max, multiline: true, required: false });

/** A reason (extension, exemption, correction, early close): required, multi-line, ≤ 2,000 characters. */
export const zReason = () => zText(LIMITS.reason);
/** Who acts (`decidedBy`, `closedBy`…): one line, ≤ 200 characters; absent: whoever is signed in (the route fills it). */
export const zActor = () => zLine(LIMITS.actor).optional();

/** An email address: one line, ≤ 254 characters, lower-cased (contacts are looked up by address). */
export const zEmailAddress = () =>
  z
    .string()
    .meta({ format: 'email' })
    .trim()
    .max(LIMITS.email)
    .superRefine((s, ctx) => {
      if (textProblem(s, { multiline: false }) || !/^[^\s@"<>()[\],;:\\]+@[^\s@"<>()[\],;:\\]+\.[^\s@"<>()[\],;:\\]+$/.test(s)) {
        ctx.addIssue({ code: 'custom', ...refuse(BoundCode.NOT_AN_EMAIL, 'is not an email address') });
      }
    })
    .transform((s) => s.toLowerCase());

/** Whether `zone` is an IANA time zone luxon (and so every email and page) can render. */
export function isTimeZone(zone: string): boolean {
  return zone.length <= 64 && !textProblem(zone, { multiline: false }) && isValidZoneName(zone);
}

/** An IANA time zone ("America/Mexico_City"), checked against the zone database. */
export const zTimeZone = () =>
  z
    .string()
    .refine(isTimeZone, refuse(BoundCode.NOT_A_TIME_ZONE, 'is not an IANA time zone (e.g. America/Mexico_City)'))
    .meta({ description: 'An IANA time zone.', examples: ['America/Mexico_City'] });

/** The languages we write in. */
export const Locale = { ES_MX: 'es-MX', EN: 'en' } as const;
export type Locale = (typeof Locale)[keyof typeof Locale];
export const zLocale = () => z.enum([Locale.ES_MX, Locale.EN]);

/** A calendar date `yyyy-MM-dd` that exists (no 2025-02-30). */
export const zIsoDate = () => z.string().refine(isIsoDate, refuse(BoundCode.NOT_A_DATE, 'must be a date written yyyy-MM-dd')).meta({ format: 'date' });

/** Years a cycle, holiday list or link may name (the business calendar knows rest days from 2006: domain/mexican-holidays). */
export const YEAR_RANGE = { min: 2006, max: 2100 } as const;

/**
 * A year in a path: exactly four digits (`2026`; not `0x7EA`, `2026.0` or `02026`), within
 * {@link YEAR_RANGE}; parsed to a number.
 */
export const zYearParam = () =>
  z
    .string()
    .refine((s) => /^\d{4}$/.test(s), refuse(BoundCode.NOT_A_YEAR, 'must be a year written with four digits'))
    .transform(Number)
    .pipe(z.number().int().min(YEAR_RANGE.min).max(YEAR_RANGE.max))
    .meta({ pattern: '^[0-9]{4}$', description: `A year, ${YEAR_RANGE.min}–${YEAR_RANGE.max}.`, examples: ['2026'] });

/**
 * A calendar date `yyyy-MM-dd` that exists, in a year of {@link YEAR_RANGE} (a holiday: the business
 * calendar knows no other years).
 */
export const zCalendarDate = () =>
  zIsoDate().refine(
    (s) => Number(s.slice(0, 4)) >= YEAR_RANGE.min && Number(s.slice(0, 4)) <= YEAR_RANGE.max,
    refuse(BoundCode.DATE_OUT_OF_RANGE, `must be a date from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`, { min: YEAR_RANGE.min, max: YEAR_RANGE.max }),
  );

/**
 * A form or query field that may be left blank: an empty or blank value is absent (undefined); any other
 * value must pass `schema`. (An HTML form sends every field, filled or not.)
 */
export const zBlankAsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** A year in a JSON body: an integer within {@link YEAR_RANGE}. */
export const zYear = () => z.number().int().min(YEAR_RANGE.min).max(YEAR_RANGE.max);

/** An institution code: upper-case letters, digits and "-", starting with a letter ("SRE", "MUN-09015"). */
export const INSTITUTION_CODE = /^[A-Z][A-Z0-9-]{0,31}$/;
export const zInstitutionCode = () =>
  z
    .string()
    .refine((s) => INSTITUTION_CODE.test(s), refuse(BoundCode.NOT_A_CODE, 'must be an institution code such as SRE or MUN-09015'))
    .meta({ pattern: INSTITUTION_CODE.source, examples: ['SEMAR'] });

/** A submission's version in a path: a whole number from 1 to {@link LIMITS.versions}, written plainly (`3`, not `03`). */
export const zVersionParam = () =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(LIMITS.versions))
    .meta({ pattern: '^[1-9][0-9]{0,5}$', examples: ['1'] });

/** How many rows a page of a list holds (`?limit=`): 1 to {@link LIMITS.pageSize}; `fallback` when absent. */
export const zPageLimit = (fallback: number = LIMITS.pageSize) => z.coerce.number().int().min(1).max(LIMITS.pageSize).default(fallback);

/** Path parameters of one institution's request in one cycle. */
export const ZRequestParams = z.strictObject({ year: zYearParam(), institution: zInstitutionCode() });
/** Path parameter of one cycle. */
export const ZYearParams = z.strictObject({ year: zYearParam() });

/**
 * Whether a count can be stored exactly: a whole number from 0 to 2^53 − 1. Beyond that a JSON number
 * has already lost digits (9007199254740993 arrives as …992), so it is refused rather than rounded.
 */
export function isStorableCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Whether a percentage fits: 0–100 with at most {@link LIMITS.percentageDecimals} decimals. */
export function isStorablePercentage(n: number): boolean {
  if (!Number.isFinite(n) || n < 0 || n > 100) return false;
  return Number(n.toFixed(LIMITS.percentageDecimals)) === n;
}

/**
 * The dates a cycle's deadline may fall on: from the first day of the reported year to the last day of the
 * second year after it. A cycle reports on year Y; it usually closes late in Y or early in Y+1, and a missed
 * year may be caught up the year after (Y+2). A deadline before Y began (the 2045 cycle due in 2026) or far
 * after it is a typo.
 */
export function deadlineWindow(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year + 2}-12-31` };
}
