import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { formatDeadline, formatMoment } from '../domain/deadline-text';
import { fieldsOf, localizeZodIssues, type FieldIssue } from '../domain/field-issues';
import { LIMITS, zIsoDate, zReason, ZRequestParams, type Locale } from '../domain/input-bounds';
import type { SubmitResult } from '../domain/request-types';
import { submissionContentHash, validateSubmission, ZSubmitInput, type IndicatorForValidation, type TSubmitInput } from '../domain/submission';
import type { PrismaClient } from '../prisma/client';
import { LinkProblemPage } from '../ui/pages/link-problem-page';
import { ReceiptPage } from '../ui/pages/receipt-page';
import { RespondPage } from '../ui/pages/respond-page';
import { respondText } from '../ui/pages/respond-text';
import { renderPage } from '../ui/render-page';
import { requestExtensionUpdate, resendRequestUpdate, submitUpdate } from '../workflows';
import { verifyLinkToken } from '../domain/signed-link';
import { requestLanguage } from './request-language';
import { loadRespondContext, respondUrl, ZRespondQuery, type RespondContext } from './respond-context';
import { formToSubmission, placeIssues } from './respond-form';
import { buildRespondPageModel, correctionWindowEnd, valueRows } from './respond-page-model';
import { runUpdate } from './run-update';
import { answerSubmission, submitStaged } from './submit-staged';
import { createRespondReview, ZReviewRespondView } from './respond-review';
import { proposalRows } from './review-respond-page-model';
import { ZRequestStatus } from './cycle-routes';
import { ZCommandResult } from './request-routes';
import { json, LINK_TOKEN, noBody, HIDDEN, problemOrPage, problemsOrPages, responses, Tag, zInstant } from './route-schemas';
import { documentationOnly } from './validator-compiler';

export interface RespondRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  linkSigningSecret: string;
  now: () => Date;
}

export const ZExtensionRequestBody = z.strictObject({ deadline: zIsoDate(), reason: zReason() });
/** The fresh-link form: the token the contact came with (perhaps expired), and the page's language. */
const ZNewLinkBody = z.object({ token: z.string().max(4_096).optional(), lang: z.enum(['es-MX', 'en']).optional() });
const ZNoticeQuery = z.object({ notice: z.enum(['draft', 'submitted', 'corrected', 'duplicate', 'extension']).optional(), v: z.coerce.number().int().min(1).max(LIMITS.versions).optional() });
const ZReceiptQuery = z.object({ v: z.coerce.number().int().min(1).max(LIMITS.versions).optional() });

/** What a program reads behind the link (`Accept: application/json`): the request and its indicators. */
const ZRespondView = z
  .strictObject({
    year: z.number().int(),
    institution: z.strictObject({ code: z.string(), nameEs: z.string(), nameEn: z.string() }),
    status: ZRequestStatus,
    deadline: zInstant(),
    contact: z.string().meta({ description: 'The contact the link was sent to.' }),
    indicators: z.array(
      z.strictObject({
        code: z.string(),
        textEs: z.string(),
        textEn: z.string(),
        unit: z.enum(['COUNT', 'PERCENTAGE', 'YES_NO', 'TEXT']),
        disaggregation: z.enum(['NONE', 'SEX']).meta({ description: 'SEX: send TOTAL, WOMEN and MEN.' }),
      }),
    ),
    latestVersion: z.number().int().nullable(),
  })
  .meta({ id: 'RespondView' });

/** What a submission answers (the workflow's result, its content hash left out). */
const ZSubmitAnswer = z
  .looseObject({ status: ZRequestStatus, version: z.number().int(), duplicate: z.boolean().meta({ description: 'true: the same content was already recorded; nothing new stored.' }), kind: z.enum(['DRAFT', 'FINAL', 'CORRECTION']) })
  .meta({ id: 'SubmitResult' });

/** The page's form, as a browser posts it (documented; read by api/respond-form.ts). */
const ZSubmitForm = z
  .object({
    final: z.string().optional().meta({ description: '`false` saves a draft; otherwise the report is submitted.' }),
    narrative: z.string().optional(),
    reason: z.string().optional(),
  })
  .catchall(z.string())
  .meta({ description: 'Fields `v|<indicator>|<TOTAL|WOMEN|MEN>` (a value; empty ones are left out) and `c|<indicator>` (a comment; alone, it means no data because…).' });

/** The extension form, as a browser posts it. */
const ZExtensionForm = z.object({ deadline: z.string(), reason: z.string() });

/** The contact's routes: schemas for the document only (api/validator-compiler.ts says why). */
const CONTACT = { validatorCompiler: documentationOnly } as const;

/** Fresh links a request may send from the link-problem page per hour (the IP limit is the plugin's). */
const NEW_LINKS_PER_REQUEST_PER_HOUR = 3;

/**
 * Routes an agency contact reaches from the emailed link, no account needed (the signed token in the
 * query authenticates it). Browsers get pages (ui/pages: the form, the receipt, a page for a link that
 * cannot be used, with a button for a fresh one); form posts get a page back with the errors in place, or
 * a 303 to the page once accepted. Programs get JSON (`Accept: application/json`, JSON bodies) and
 * problem+json refusals. Submissions are validated (400 naming each field, in the contact's language),
 * stored first, and handed to the request's workflow by their hash.
 */
export function registerRespondRoutes(app: FastifyInstance, deps: RespondRouteDeps): void {
  const { prisma, temporal, linkSigningSecret, now } = deps;
  const review = createRespondReview({ prisma, temporal, now });
  const load = (request: FastifyRequest, token?: string) => loadRespondContext(prisma, request, { now: now(), linkSigningSecret, token });
  const html = (reply: FastifyReply, page: Parameters<typeof renderPage>[0], status = 200) => reply.status(status).type('text/html; charset=utf-8').send(renderPage(page));
  const nonceOf = (reply: FastifyReply) => (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;

  /** A browser is answered with a page; a program (JSON accepted and not HTML, or a JSON body) with JSON. */
  const wantsPage = (request: FastifyRequest) => {
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('application/x-www-form-urlencoded')) return true;
    if (request.method !== 'GET') return false;
    const accept = request.headers.accept ?? '';
    return !(accept.includes('application/json') && !accept.includes('text/html'));
  };

  /** A link that cannot be used, answered to a browser as a page that explains it and offers a new one. */
  const linkProblemPage = (request: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof AppError) || !err.extra.reason?.startsWith('LINK_') || !wantsPage(request)) throw err;
    const lang = requestLanguage(request, 'es-MX');
    const params = ZRequestParams.safeParse(request.params);
    const token = (request.query as { token?: string } | undefined)?.token;
    const base = params.success ? `/respond/${params.data.year}/${params.data.institution}` : undefined;
    const switchTo = lang === 'en' ? 'es-MX' : 'en';
    return html(
      reply,
      LinkProblemPage({
        lang,
        problem: err.message,
        ...(base ? { newLinkAction: `${base}/new-link`, switchLanguageHref: `${base}?${new URLSearchParams({ ...(token ? { token } : {}), lang: switchTo })}` } : {}),
        ...(token && token.length < 2_048 ? { token } : {}),
      }),
      err.code === 'FORBIDDEN' ? 403 : 401,
    );
  };

  app.get(
    '/respond/:year/:institution',
    {
      ...CONTACT,
      schema: {
        tags: [Tag.CONTACT],
        summary: 'The request behind a link',
        description:
          "With `Accept: application/json`: the request (status, deadline), the contact, and the indicators to report (code, texts, unit, whether broken down by sex), with the latest version sent. A browser gets the form page. Refusals are in the contact's language.",
        security: LINK_TOKEN,
        params: ZRequestParams,
        querystring: ZRespondQuery,
        response: responses(
          {
            200: {
              description: 'The request (JSON: a data request, or a plan review request with the items in charge), or the form page (HTML).',
              content: { 'application/json': { schema: z.union([ZRespondView, ZReviewRespondView]) }, 'text/html': { schema: z.string() } },
            },
            401: problemOrPage(401),
            403: problemOrPage(403),
          },
          400,
        ),
      },
    },
    async (request, reply) => {
      let ctx: RespondContext;
      try {
        ctx = await load(request);
      } catch (err) {
        return linkProblemPage(request, reply, err);
      }
      if (ctx.dataRequest.cycle.kind === 'REVIEW') {
        if (!wantsPage(request)) return review.view(ctx);
        const { notice, v } = ZNoticeQuery.catch({}).parse(request.query ?? {});
        return review.page(reply, ctx, notice ? { key: notice, v: v ?? 0 } : undefined);
      }
      if (!wantsPage(request)) {
        const latest = await prisma.submission.findFirst({ where: { dataRequestId: ctx.dataRequest.id }, orderBy: { version: 'desc' }, select: { version: true } });
        return {
          year: ctx.params.year,
          institution: { code: ctx.dataRequest.institution.code, nameEs: ctx.dataRequest.institution.nameEs, nameEn: ctx.dataRequest.institution.nameEn },
          status: ctx.dataRequest.status,
          deadline: ctx.dataRequest.deadline,
          contact: ctx.claims.c,
          indicators: ctx.indicators.map((i) => ({ code: i.code, textEs: i.textEs, textEn: i.textEn, unit: i.unit, disaggregation: i.disaggregation })),
          latestVersion: latest?.version ?? null,
        };
      }
      const { notice, v } = ZNoticeQuery.catch({}).parse(request.query ?? {});
      const t = respondText(ctx.lang);
      const model = await buildRespondPageModel({
        prisma,
        ctx,
        now: now(),
        nonce: nonceOf(reply),
        ...(notice ? { notice: { kind: notice === 'duplicate' ? 'warning' : 'ok', text: t.notices[notice](v ?? 0) } } : {}),
      });
      return html(reply, RespondPage(model));
    },
  );

  app.post(
    '/respond/:year/:institution',
    {
      ...CONTACT,
      schema: {
        tags: [Tag.CONTACT],
        summary: 'Send values: a draft, the final report, or a correction',
        description:
          '`final: false` saves a draft; `final: true` submits: every indicator needs a value, or `null` with a comment. After submission, a different `final` is a correction and needs a `reason`. Each value is checked against its indicator (a COUNT is a whole number below 2^53, a PERCENTAGE 0–100 with at most 6 decimals…); a refusal names each field, in the contact\'s language. The page\'s form is taken too: it is answered with the page (errors in place), or 303 to the page once accepted.',
        security: LINK_TOKEN,
        params: ZRequestParams,
        querystring: ZRespondQuery,
        body: { content: { 'application/json': { schema: ZSubmitInput }, 'application/x-www-form-urlencoded': { schema: ZSubmitForm } } },
        response: responses(
          {
            201: json(ZSubmitAnswer, 'A new version was recorded.'),
            200: json(ZSubmitAnswer, 'The same content was already recorded (`duplicate: true`): nothing new.'),
            303: noBody('The form was accepted: to the page (`Location`), which says so.'),
            ...problemsOrPages(400, 401, 403, 409, 503),
          },
          413,
          415,
        ),
      },
    },
    async (request, reply) => {
      const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      let ctx: RespondContext;
      try {
        ctx = await load(request);
      } catch (err) {
        return linkProblemPage(request, reply, err);
      }
      // A plan review's request takes proposals (api/respond-review.ts).
      if (ctx.dataRequest.cycle.kind === 'REVIEW') return review.submit(request, reply, ctx, isForm);
      const form = isForm ? formToSubmission((request.body ?? {}) as Record<string, unknown>) : undefined;
      /** A refusal: JSON callers get problem+json; the form gets its page back, errors in place, what was sent kept. */
      const refuse = async (error: AppError, issues: readonly FieldIssue[] = error.extra.issues ?? []) => {
        if (!form) throw error;
        const placed = placeIssues(issues, form.origins);
        const errors = placed.errors.length ? placed.errors : [{ message: error.message }];
        const model = await buildRespondPageModel({ prisma, ctx, now: now(), echo: form.echo, errors, fieldErrors: placed.fieldErrors, nonce: nonceOf(reply) });
        return html(reply, RespondPage(model), error.code === 'VALIDATION' ? 400 : error.code === 'UNAVAILABLE' ? 503 : 409);
      };

      const parsed = ZSubmitInput.safeParse(form ? form.body : (request.body ?? {}));
      if (!parsed.success) {
        const issues = localizeZodIssues({ issues: parsed.error.issues, lang: ctx.lang });
        const lead = ctx.lang === 'en' ? 'Invalid submission' : 'Informe no válido';
        return refuse(new AppError('VALIDATION', `${lead}: ${issues[0].field}: ${issues[0].message}`, fieldsOf(issues), { issues }));
      }
      const input = parsed.data;
      const validation = validateSubmission({ indicators: ctx.indicators as IndicatorForValidation[], input, lang: ctx.lang });
      if (!validation.ok) return refuse(new AppError('VALIDATION', validation.message, validation.fields, { issues: validation.issues }));

      const contentHash = await stageSubmission(ctx.dataRequest.id, input, submissionContentHash({ values: validation.values, narrative: input.narrative }));
      let result: SubmitResult;
      try {
        result = await submitStaged({ prisma, temporal }, { ctx, name: requestName(ctx), contentHash, final: input.final, reason: input.reason });
      } catch (err) {
        if (err instanceof AppError) return refuse(err);
        throw err;
      }
      return answerSubmission(reply, ctx, result, { form: Boolean(form) });
    },
  );

  app.get('/respond/:year/:institution/receipt', HIDDEN, async (request, reply) => {
    let ctx: RespondContext;
    try {
      ctx = await load(request);
    } catch (err) {
      return linkProblemPage(request, reply, err);
    }
    const { v } = ZReceiptQuery.parse(request.query ?? {});
    const submission = await prisma.submission.findFirst({
      where: { dataRequestId: ctx.dataRequest.id, kind: { not: 'DRAFT' }, ...(v ? { version: v } : {}) },
      orderBy: { version: 'desc' },
      include: { values: { include: { indicator: { select: { code: true, textEs: true, textEn: true } } } } },
    });
    if (!submission) throw new AppError('NOT_FOUND', ctx.lang === 'en' ? 'No report has been received yet.' : 'Aún no se ha recibido ningún informe.');
    const when = (at: Date) => formatDeadline({ at: at.toISOString(), zone: ctx.zone, locale: ctx.lang });
    const windowEnds = ctx.dataRequest.endedAt ? null : await correctionWindowEnd(prisma, ctx);
    return html(
      reply,
      ReceiptPage({
        lang: ctx.lang,
        year: ctx.params.year,
        institution: { code: ctx.dataRequest.institution.code, name: { es: ctx.dataRequest.institution.nameEs, en: ctx.dataRequest.institution.nameEn } },
        version: submission.version,
        kind: submission.kind,
        atText: formatMoment({ at: submission.createdAt.toISOString(), zone: ctx.zone, locale: ctx.lang }),
        submittedBy: submission.submittedBy,
        ...(submission.reason ? { reason: submission.reason } : {}),
        rows: valueRows(submission.values, ctx.indicators.map((i) => i.code), ctx.lang),
        ...(ctx.dataRequest.cycle.kind === 'REVIEW'
          ? { review: { planVersion: (await prisma.plan.findUniqueOrThrow({ where: { id: ctx.dataRequest.cycle.planId }, select: { version: true } })).version, rows: proposalRows(submission.proposals, ctx.lang) } }
          : {}),
        ...(submission.narrative ? { narrative: submission.narrative } : {}),
        ...(windowEnds && windowEnds > now() ? { correctionEndsText: when(windowEnds) } : {}),
        urls: { form: respondUrl(ctx), switchLanguage: respondUrl(ctx, { page: 'receipt', lang: ctx.lang === 'en' ? 'es-MX' : 'en', extra: { v: String(submission.version) } }) },
      }),
    );
  });

  app.post(
    '/respond/:year/:institution/extension',
    {
      ...CONTACT,
      schema: {
        tags: [Tag.CONTACT],
        summary: 'Ask for more time',
        description: 'A new deadline date (Mexico City) and a reason; the secretariat decides (`…/extension-decision`). The page\'s form is taken too: answered with the page (errors in place), or 303 to the page, which shows the request pending.',
        security: LINK_TOKEN,
        params: ZRequestParams,
        querystring: ZRespondQuery,
        body: { content: { 'application/json': { schema: ZExtensionRequestBody }, 'application/x-www-form-urlencoded': { schema: ZExtensionForm } } },
        response: responses(
          {
            200: json(ZCommandResult, 'Asked: the secretariat is told.'),
            303: noBody('The form was accepted: to the page (`Location`), which shows the request pending.'),
            ...problemsOrPages(400, 401, 403, 409),
          },
          413,
          415,
          503,
        ),
      },
    },
    async (request, reply) => {
      const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      let ctx: RespondContext;
      try {
        ctx = await load(request);
      } catch (err) {
        return linkProblemPage(request, reply, err);
      }
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const echo = { deadline: typeof raw.deadline === 'string' ? raw.deadline : '', reason: typeof raw.reason === 'string' ? raw.reason : '' };
      const refuse = async (error: AppError) => {
        if (!isForm) throw error;
        const errors = Object.fromEntries(Object.entries(error.fields ?? {}).filter(([k]) => k === 'deadline' || k === 'reason'));
        if (!Object.keys(errors).length) errors[error.extra.reason?.startsWith('DEADLINE') ? 'deadline' : 'reason'] = error.message;
        const status = error.code === 'VALIDATION' ? 400 : 409;
        if (ctx.dataRequest.cycle.kind === 'REVIEW') return review.extensionRefused(reply, ctx, { ...echo, errors }, status);
        const model = await buildRespondPageModel({
          prisma,
          ctx,
          now: now(),
          nonce: nonceOf(reply),
          errors: Object.entries(errors).map(([k, message]) => ({ fieldId: `extension-${k}`, message })),
          extensionForm: { ...echo, errors },
        });
        return html(reply, RespondPage(model), status);
      };
      const parsed = ZExtensionRequestBody.safeParse(isForm ? echo : raw);
      if (!parsed.success) {
        const issues = localizeZodIssues({ issues: parsed.error.issues, lang: ctx.lang });
        return refuse(new AppError('VALIDATION', `${issues[0].field}: ${issues[0].message}`, fieldsOf(issues), { issues }));
      }
      try {
        const result = await runUpdate(
          requestName(ctx),
          () => temporal.workflow.getHandle(ctx.dataRequest.workflowId).executeUpdate(requestExtensionUpdate, { args: [{ ...parsed.data, requestedBy: ctx.claims.c }] }),
          ctx.lang,
        );
        if (isForm) return reply.redirect(respondUrl(ctx, { extra: { notice: 'extension' } }), 303);
        return result;
      } catch (err) {
        if (err instanceof AppError) return refuse(err);
        throw err;
      }
    },
  );

  app.post(
    '/respond/:year/:institution/new-link',
    {
      ...HIDDEN,
      // Per client address, on top of the per-request limit below.
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      // Too many from one address: the same page, saying so.
      errorHandler: (err, request, reply) => {
        if (!(err instanceof AppError) || err.extra.reason !== 'RATE_LIMITED') throw err;
        const lang = requestLanguage(request, 'es-MX');
        const text = lang === 'en' ? `Too many new links were asked for from this connection; try again in ${err.extra.retryAfterSeconds ?? 60} seconds.` : `Se pidieron demasiados enlaces nuevos desde esta conexión; intente de nuevo en ${err.extra.retryAfterSeconds ?? 60} segundos.`;
        void html(reply, LinkProblemPage({ lang, problem: '', outcome: { kind: 'warning', text } }), 429);
      },
    },
    async (request, reply) => {
      const params = ZRequestParams.parse(request.params);
      const body = ZNewLinkBody.parse(request.body ?? {});
      const lang: Locale = body.lang ?? requestLanguage(request, 'es-MX');
      const outcome = await sendFreshLink({ ...params, lang, token: body.token });
      return html(reply, LinkProblemPage({ lang, problem: '', outcome: outcome.page }), outcome.status);
    },
  );

  /**
   * Emails a fresh link to the institution's current contacts (the request sent again, through its
   * workflow, as the secretariat's resend does), at most three times an hour per request. Whether or not the
   * request exists, the answer says only that its contacts will get a link if it is open: it never reveals
   * addresses, nor which requests exist.
   */
  async function sendFreshLink({ year, institution, lang, token }: { year: number; institution: string; lang: Locale; token?: string }): Promise<{ status: number; page: { kind: 'ok' | 'warning' | 'error'; text: string } }> {
    const sent = {
      status: 200,
      page: {
        kind: 'ok' as const,
        text: lang === 'en'
          ? "If this request is still open, its registered contacts will receive a new link by email within a few minutes."
          : 'Si la solicitud sigue abierta, sus contactos registrados recibirán un enlace nuevo por correo en unos minutos.',
      },
    };
    const row = (await requestOfToken({ year, institution, token })) ?? (await prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/${institution}` }, select: { id: true, workflowId: true, endedAt: true } }));
    if (!row || row.endedAt) return sent;
    const lastHour = await prisma.auditEvent.count({ where: { dataRequestId: row.id, action: 'RESEND_REQUESTED', actor: 'contact:link-page', at: { gte: new Date(now().getTime() - 3_600_000) } } });
    if (lastHour >= NEW_LINKS_PER_REQUEST_PER_HOUR) {
      return {
        status: 429,
        page: {
          kind: 'warning',
          text: lang === 'en' ? 'New links were already sent for this request in the last hour: check the inbox (and spam folder) of its contacts.' : 'Ya se enviaron enlaces nuevos para esta solicitud en la última hora: revise el buzón (y la carpeta de spam) de sus contactos.',
        },
      };
    }
    try {
      await runUpdate('', () => temporal.workflow.getHandle(row.workflowId).executeUpdate(resendRequestUpdate, { args: [{ requestedBy: 'contact', origin: 'contact-link' }] }), lang);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    return sent;
  }

  /**
   * The request an (expired) link was issued for, when its signature is ours and it names this year and
   * institution: a plan review's request shares `/respond/<year>/<institution>` with the data request of
   * the same year. The expiry is not checked (an expired link is why a fresh one is asked for): `now` is
   * the epoch.
   */
  async function requestOfToken({ year, institution, token }: { year: number; institution: string; token?: string }) {
    if (!token) return null;
    let claims: { r: string };
    try {
      claims = verifyLinkToken({ token, secret: linkSigningSecret, now: new Date(0), expect: { year, institution } });
    } catch {
      return null;
    }
    return prisma.dataRequest.findFirst({ where: { id: claims.r, institution: { code: institution }, cycle: { year } }, select: { id: true, workflowId: true, endedAt: true } });
  }

  /** Stores what the contact sent before the workflow records it (content-addressed), so the update carries only the hash. */
  async function stageSubmission(dataRequestId: string, input: TSubmitInput, contentHash: string): Promise<string> {
    await prisma.stagedSubmission.createMany({
      data: [{ dataRequestId, contentHash, content: { values: input.values, ...(input.narrative ? { narrative: input.narrative } : {}) } }],
      skipDuplicates: true,
    });
    return contentHash;
  }

}

function requestName(ctx: { lang: Locale; params: { year: number; institution: string } }): string {
  return ctx.lang === 'en' ? `The ${ctx.params.year} request of ${ctx.params.institution}` : `La solicitud ${ctx.params.year} de ${ctx.params.institution}`;
}
