import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z, ZodError } from 'zod';
import { AppError, appErrorStatus } from '../domain/app-error';
import { isDependencyUnavailable } from './dependency-unavailable';
import { fieldsOf, localizeZodIssues, type FieldIssue } from '../domain/field-issues';
import type { Locale } from '../domain/input-bounds';
import { ErrorPage } from '../ui/pages/error-page';
import { sendPage } from './pages/page-context';
import { pageLanguage } from './pages/page-language';
import './pages/route-config';
import { requestLanguage } from './request-language';

/** Contacts' pages answer in Spanish unless told otherwise; the secretariat's JSON API in English. */
export function defaultLanguage(request: FastifyRequest): Locale {
  return request.url.startsWith('/respond') ? 'es-MX' : 'en';
}

/** Fastify's own client errors, in both languages (its messages are English only). */
const FASTIFY_ERRORS: Record<string, { 'es-MX': string; en: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { 'es-MX': 'Tipo de contenido no admitido: envíe JSON o un formulario.', en: 'Unsupported content type: send JSON or a form.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { 'es-MX': 'El contenido enviado es demasiado grande.', en: 'The request body is too large.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { 'es-MX': 'El cuerpo JSON está vacío.', en: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { 'es-MX': 'El cuerpo no es JSON válido.', en: 'The body is not valid JSON.' },
  FST_CSRF_INVALID_TOKEN: {
    'es-MX': 'El formulario venció o no vino de esta página: vuelva a cargar la página e inténtelo de nuevo.',
    en: 'The form has expired or did not come from this page: reload the page and try again.',
  },
  FST_CSRF_MISSING_SECRET: {
    'es-MX': 'El formulario venció o no vino de esta página: vuelva a cargar la página e inténtelo de nuevo.',
    en: 'The form has expired or did not come from this page: reload the page and try again.',
  },
};

/** Refusals whose detail a page words itself (the API's detail is English). */
const PAGE_DETAILS: Record<string, { 'es-MX': string; en: string }> = {
  ROLE: { 'es-MX': 'El Grupo de Trabajo puede consultar esta información, pero solo el secretariado puede modificarla.', en: 'The working group may read this, but only the secretariat may change it.' },
  TOKEN_INVALID: { 'es-MX': 'La credencial no es válida (desconocida o revocada).', en: 'The credential is not valid (unknown or revoked).' },
  NOT_SIGNED_IN: { 'es-MX': 'Entre con el enlace que le enviamos por correo para continuar.', en: 'Sign in with the link we email you to continue.' },
};

type Problem = Parameters<typeof sendProblem>[1] & { requestId?: string };

/**
 * Answers a problem the way the route speaks: page routes (`config.page`) with an HTML page in the reader's
 * language (nobody signed in: a redirect to /sign-in that comes back here), every other route with
 * problem+json.
 */
function answer(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  if (!request.routeOptions.config?.page) return sendProblem(reply, problem);
  const lang = pageLanguage(request);
  if (problem.status === 401 && request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}&lang=${lang}`, 303);
  }
  if (problem.retryAfterSeconds) reply.header('retry-after', String(problem.retryAfterSeconds));
  const errors = problem.issues?.map(({ field, message }) => ({ field, message }));
  const detail = PAGE_DETAILS[problem.code]?.[lang] ?? problem.detail;
  return sendPage(reply, ErrorPage({ lang, status: problem.status, detail, errors, requestId: problem.status >= 500 ? request.id : undefined }), problem.status);
}

/**
 * Every refusal's body (RFC 9457 problem+json), as the document describes it: `code` is stable (programs
 * branch on it), `detail` is for people, in their language; bad input names each field in `fields`
 * (`{"values[2].value": "…"}`) and in `errors` with a code per field. Further members are allowed (RFC 9457
 * §3.2: /readyz adds `ready` and `checks`), so the schema is loose: every problem any route sends encodes.
 */
export const ZProblem = z
  .looseObject({
    type: z.string().meta({ examples: ['urn:nap1325:problem:validation'] }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.string().meta({ description: 'Stable code: `VALIDATION`, `NOT_FOUND`, `PAST_CUTOFF`, `LINK_EXPIRED`, …' }),
    detail: z.string().meta({ description: "What happened, in the reader's language." }),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each bad field (its JSON path) and what is wrong with it.' }),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Each bad field with a stable code (`REQUIRED`, `TOO_LONG`, `NOT_A_COUNT`, …) and its message.' }),
  })
  .meta({ id: 'Problem', description: 'A refusal (RFC 9457 problem details).' });
export type TProblem = z.output<typeof ZProblem>;

/**
 * A validation failure Fastify reports as a `validation` list (a schema checked by another compiler than
 * api/validator-compiler.ts, e.g. fastify-type-provider-zod's own, whose items carry the zod issue's
 * members in `params` and its path as `/values/2/value`): read back into zod issues, so it is answered
 * like any other. A numeric path segment is taken for an index.
 */
function issuesOfValidation(validation: readonly FastifySchemaValidationError[]): z.core.$ZodIssue[] {
  return validation.map((item) => {
    const path = item.instancePath
      .split('/')
      .slice(1)
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment.replace(/~1/g, '/').replace(/~0/g, '~')));
    return { ...(item.params as object), code: item.keyword, path, message: item.message ?? 'is not valid' } as z.core.$ZodIssue;
  });
}

/**
 * Sends one problem+json answer (RFC 9457) with a stable `code` beside the readable `detail`.
 * `extensions` are further members of the problem (RFC 9457 §3.2), e.g. /readyz's `checks`.
 */
export function sendProblem(
  reply: FastifyReply,
  {
    status,
    code,
    detail,
    fields,
    issues,
    retryAfterSeconds,
    extensions,
  }: { status: number; code: string; detail: string; fields?: Record<string, string>; issues?: readonly FieldIssue[]; retryAfterSeconds?: number; extensions?: Record<string, unknown> },
): FastifyReply {
  if (retryAfterSeconds) reply.header('retry-after', String(retryAfterSeconds));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `urn:nap1325:problem:${code.toLowerCase()}`,
      title: code,
      status,
      code,
      detail,
      ...(fields ? { fields } : {}),
      ...(issues?.length ? { errors: issues.map(({ field, code: c, message }) => ({ field, code: c, message })) } : {}),
      ...extensions,
    });
}

/** What a 503 for an unreachable dependency tells clients to wait: outages of a restart or a failover last seconds. */
const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * Turns every error into an RFC 9457 problem+json answer in the reader's language. AppError codes map to
 * their status; zod errors to 400 naming each field, with a code per field; Fastify's own client errors
 * (bad JSON, wrong content type, too large) keep their 4xx; a dependency that cannot be reached (PostgreSQL,
 * Temporal) is a 503 with `Retry-After`. Refusals are logged as one line; anything
 * else is a 500, logged with its stack and request id, whose detail names only the request id.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError | Error, request, reply) => {
    const lang = request.routeOptions.config?.page ? pageLanguage(request) : requestLanguage(request, defaultLanguage(request));
    if (error instanceof AppError) {
      const status = appErrorStatus[error.code];
      if (status >= 500) request.log.error({ err: error }, `${status} ${error.code}: ${error.message}`);
      else request.log.info({ status, code: error.extra.reason ?? error.code }, error.message);
      return answer(request, reply, {
        status,
        code: error.extra.reason ?? error.code,
        detail: error.message,
        fields: error.fields ?? (error.extra.issues ? fieldsOf(error.extra.issues) : undefined),
        issues: error.extra.issues,
        retryAfterSeconds: error.extra.retryAfterSeconds,
      });
    }
    const validation = (error as FastifyError).validation;
    if (error instanceof ZodError || (Array.isArray(validation) && validation.length > 0)) {
      const issues = localizeZodIssues({ issues: error instanceof ZodError ? error.issues : issuesOfValidation(validation!), lang });
      const first = issues[0];
      const lead = lang === 'en' ? 'Invalid request' : 'Solicitud no válida';
      request.log.info({ status: 400, fields: issues.map((i) => i.field) }, `${lead}: ${first.field}: ${first.message}`);
      return answer(request, reply, { status: 400, code: 'VALIDATION', detail: `${lead}: ${first.field}: ${first.message}`, fields: fieldsOf(issues), issues });
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = (error as FastifyError).code ?? 'BAD_REQUEST';
      request.log.info({ status, code }, error.message);
      return answer(request, reply, { status, code, detail: FASTIFY_ERRORS[code]?.[lang] ?? error.message });
    }
    // PostgreSQL or Temporal down or restarting: it passes, so "try again later", never a 500.
    if (isDependencyUnavailable(error)) {
      request.log.warn({ err: error }, '503 UNAVAILABLE: a dependency cannot be reached');
      const detail = lang === 'en' ? 'The service cannot reach its database or workflow engine right now; try again in a few seconds.' : 'El servicio no puede comunicarse ahora con su base de datos o su motor de flujos; intente de nuevo en unos segundos.';
      return answer(request, reply, { status: 503, code: 'UNAVAILABLE', detail, retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS });
    }
    request.log.error({ err: error }, 'unhandled error');
    const detail = lang === 'en' ? `Internal error; it has been logged (request ${request.id}).` : `Error interno; quedó registrado (solicitud ${request.id}).`;
    return answer(request, reply, { status: 500, code: 'INTERNAL', detail });
  });
  app.setNotFoundHandler((request, reply) => {
    const lang = requestLanguage(request, defaultLanguage(request));
    const path = request.url.split('?')[0].slice(0, 200);
    return sendProblem(reply, { status: 404, code: 'NOT_FOUND', detail: lang === 'en' ? `No route ${request.method} ${path}` : `No existe la ruta ${request.method} ${path}` });
  });
}
