import { z, type ZodType } from 'zod';
import { ZProblem } from './problem';

/**
 * The words every route uses to describe itself in its `schema` (fastify-type-provider-zod): what it
 * answers for each status, in which media type, under which tag and security scheme. @fastify/swagger turns
 * these into the OpenAPI document (api/openapi.ts); Fastify serializes each answer with the schema of its
 * status and media type (zod's `encode`: a schema there must encode, so a value the handler hands over as
 * a `Date` is written with {@link zInstant}, a codec, never with a `.transform()`, which cannot encode).
 */

/** The document's tags, in the order /docs shows them. */
export const Tag = {
  CYCLES: 'cycles',
  REPORTS: 'reports',
  REQUESTS: 'requests',
  SUBMISSIONS: 'submissions',
  AUDIT: 'audit',
  HOLIDAYS: 'holidays',
  PEOPLE: 'people',
  INSTITUTIONS: 'institutions',
  PLANS: 'plans',
  CONTACT: 'contact',
  OPERATIONS: 'operations',
  SCHEDULES: 'schedules',
  REVIEWS: 'reviews',
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

/** What each tag covers, for the document. */
export const TAG_DESCRIPTIONS: Record<Tag, string> = {
  cycles: 'Yearly reporting cycles: open one, read its status per institution (paged, filtered), close it early.',
  reports: 'The annual report of a cycle: versions compiled from the record (drafts, the published one, superseded ones), compiling and publishing, and each version in JSON, HTML, PDF, XLSX and CSV, es-MX or English.',
  requests: "One institution's data request in a cycle: its state, and the secretariat's actions on it (each a Temporal update).",
  submissions: 'The values an institution sent, version by version (drafts, final report, corrections), with who sent each and why.',
  audit: 'Who did what, when: every change of the record, newest first.',
  holidays: 'The business calendar: statutory rest days and the extra days the secretariat declares.',
  people: 'Who signs in (users and roles) and the tokens of automation.',
  institutions: 'The institutions that report: their contacts of every role (the escalation ladder), the indicators each is in charge of, their requests and timeliness.',
  plans: 'The plan versions loaded (objectives, lines of action, indicators, goals), as a tree.',
  contact: "The agency contact's side, reached from the signed link in the email (no account): JSON for programs.",
  operations: 'Probes and metrics for whoever runs the service.',
  schedules: 'The Temporal Schedules that open the yearly cycle and start plan reviews (created by the worker at start-up): next runs, pause and resume, run now, backfill a missed year.',
  reviews: "The plan review three years after adoption: the synthesis of the annual reports, each institution's proposals (keep, modify, retire, add), the secretariat's decisions, the next plan version with its crosswalk, and the dossier in every format.",
};

/** Names of the security schemes declared in the document (api/openapi.ts). */
export const Security = {
  /** `Authorization: Bearer <token>`: the secretariat's token, an API token, or (for /metrics) the metrics token. */
  BEARER: 'bearerToken',
  /** The session cookie a person gets by signing in (`/sign-in`). */
  SESSION: 'sessionCookie',
  /** The signed token of a contact's emailed link, in the `token` query parameter. */
  LINK: 'linkToken',
} as const;

/** Secretariat and working-group routes: a Bearer token or a signed-in session. */
export const SIGNED_IN: Record<string, string[]>[] = [{ [Security.BEARER]: [] }, { [Security.SESSION]: [] }];
/** Contact routes: the link's token. */
export const LINK_TOKEN: Record<string, string[]>[] = [{ [Security.LINK]: [] }];
/** /metrics: the metrics or secretariat token, once one is configured. */
export const BEARER_ONLY: Record<string, string[]>[] = [{ [Security.BEARER]: [] }];
/** Probes: no credentials. */
export const OPEN: Record<string, string[]>[] = [];

/**
 * An instant as the API writes it: an ISO 8601 string in UTC (`2026-11-30T18:00:00.000Z`). The handler
 * hands over a `Date` (what Prisma reads); the codec encodes it. `null` where a column is nullable:
 * `zInstant().nullable()`.
 */
export const zInstant = () =>
  z.codec(z.iso.datetime(), z.date(), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  });

/** A calendar date `yyyy-MM-dd` as the API writes it (a deadline date, a holiday). */
export const zDay = () => z.string().meta({ format: 'date', examples: ['2026-12-28'] });

/** A response header as the document describes it. */
export interface HeaderSpec {
  type: 'string' | 'integer';
  description: string;
}

/** One status's answer: its description, its media types and their schemas, its headers. */
export interface ResponseSpec {
  description: string;
  content: Record<string, { schema: ZodType }>;
  headers?: Record<string, HeaderSpec>;
}

/**
 * The options of a route that is a page, not API (the contact's form and receipt, the start page, the
 * development mail catcher, the pages' assets): left out of the document, where it could only be
 * described as "some HTML". The secretariat's pages and sign-in say `config: PAGE` (api/pages/route-config)
 * instead, which hides them too (api/openapi.ts). test/api/openapi.test.ts lists them all by name.
 */
export const HIDDEN = { schema: { hide: true } } as const;

/** A JSON answer. */
export const json = (schema: ZodType, description: string, headers?: Record<string, HeaderSpec>): ResponseSpec => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

/** An HTML page (the contact's form, a link problem): described as text/html, not as data. */
export const html = (description: string): ResponseSpec => ({ description, content: { 'text/html': { schema: z.string() } } });

/** An answer without a body (a 303 to a page, its address in `Location`). */
export const noBody = (description: string) => z.undefined().describe(description);

const RETRY_AFTER: HeaderSpec = { type: 'integer', description: 'Seconds after which the same request may succeed.' };
export const LOCATION: HeaderSpec = { type: 'string', description: 'Where the resource can be read.' };

/** What each refusal means, whatever the route (a route may add its own words). */
const PROBLEMS: Record<number, string> = {
  400: 'Refused input (`VALIDATION`: `fields` and `errors` name each bad field, with a code), a malformed URL (`BAD_URL`) or body (`FST_ERR_CTP_INVALID_JSON_BODY`).',
  401: 'No credentials, or malformed ones (`NOT_SIGNED_IN`, `NOT_BEARER`, `TOKEN_MISSING`; for a link: `LINK_MALFORMED`, `LINK_INVALID`, `LINK_EXPIRED`).',
  403: 'Credentials that may not do this (`TOKEN_INVALID`, `ROLE`; for a link: issued for another request or to a replaced contact).',
  404: 'Nothing there (`NOT_FOUND`).',
  409: "The record's state does not allow it (`CONFLICT`, `REQUEST_CLOSED`, or the workflow's refusal code, e.g. `PAST_CUTOFF`, `EXTENSION_ALREADY_PENDING`).",
  413: 'The body is over 2 MB (`FST_ERR_CTP_BODY_TOO_LARGE`).',
  414: 'A path parameter over 200 characters (`URI_TOO_LONG`).',
  415: 'Not JSON (`FST_ERR_CTP_INVALID_MEDIA_TYPE`).',
  429: 'Too many requests (`RATE_LIMITED`); `Retry-After` says when to try again.',
  500: 'A fault of ours (`INTERNAL`): logged with its stack; the answer names only the request id.',
  503: 'A dependency did not answer in time, or too many changes at once (`UNAVAILABLE`); `Retry-After` says when to look again.',
};

/** A problem+json answer (RFC 9457) for `status`, with {@link ZProblem} or a route's own extension of it. */
export const problem = (status: number, description = PROBLEMS[status] ?? 'A refusal.', schema: ZodType = ZProblem): ResponseSpec => ({
  description,
  content: { 'application/problem+json': { schema } },
  ...(status === 429 || status === 503 ? { headers: { 'retry-after': RETRY_AFTER } } : {}),
});

/**
 * A refusal on a contact's route: problem+json to a program, the page (a link problem, the form with its
 * errors in place) to a browser or a form post.
 */
export const problemOrPage = (status: number, description = PROBLEMS[status] ?? 'A refusal.'): ResponseSpec => {
  const json = problem(status, description);
  return { ...json, description: `${description} A browser or a form post gets the page instead.`, content: { ...json.content, 'text/html': { schema: z.string() } } };
};

/** {@link problemOrPage} for each status. */
export const problemsOrPages = (...statuses: number[]): Record<number, ResponseSpec> => Object.fromEntries(statuses.map((s) => [s, problemOrPage(s)]));

/** The refusals of a route that takes a JSON body, besides its own: a malformed, too large or non-JSON body. */
export const BODY_PROBLEMS = [400, 413, 415] as const;
/** The refusals of a route behind {@link SIGNED_IN}. */
export const AUTH_PROBLEMS = [401, 403] as const;

/**
 * A route's `response` map: its own answers, and a problem+json answer for each status in `problems`
 * (plus 500, which any route may answer) that `answers` does not describe otherwise; by status.
 */
export function responses(answers: Record<number, ResponseSpec | ZodType>, ...problems: (readonly number[] | number)[]): Record<number, ResponseSpec | ZodType> {
  const all: Record<number, ResponseSpec | ZodType> = { ...Object.fromEntries([...problems.flat(), 500].map((status) => [status, problem(status)])), ...answers };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => Number(a) - Number(b)));
}
