import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { DEFAULT_ZONE } from '../domain/business-calendar';
import { fieldsOf, localizeZodIssues } from '../domain/field-issues';
import { zIsoDate, zReason, ZRequestParams, type Locale } from '../domain/input-bounds';
import type { SubmitResult } from '../domain/request-types';
import { linkProblem, LinkProblem, verifyLinkToken } from '../domain/signed-link';
import { submissionContentHash, validateSubmission, ZSubmitInput, type IndicatorForValidation, type TSubmitInput } from '../domain/submission';
import type { PrismaClient } from '../prisma/client';
import { requestExtensionUpdate, submitUpdate } from '../workflows';
import { requestLanguage, setRequestLanguage } from './request-language';
import { formToSubmission, renderRespondPage } from './respond-page';
import { runUpdate } from './run-update';

export interface RespondRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  linkSigningSecret: string;
  now: () => Date;
}

const ZQuery = z.object({ token: z.string().max(4_096).optional(), lang: z.enum(['es-MX', 'en']).optional() });
export const ZExtensionRequestBody = z.strictObject({ deadline: zIsoDate(), reason: zReason() });

/**
 * Routes an agency contact reaches from the emailed link, no account needed: the signed token in the
 * query authenticates the link (401 if forged, malformed or expired; 403 if issued for another
 * institution or year, or to a replaced contact). GET shows the form (HTML, or JSON with
 * `Accept: application/json`); POST takes JSON or the form, validates every value (400 naming the field,
 * in the contact's language), stores the content, and hands its hash to the request's workflow.
 */
export function registerRespondRoutes(app: FastifyInstance, deps: RespondRouteDeps): void {
  const { prisma, temporal, linkSigningSecret, now } = deps;

  async function load(request: FastifyRequest) {
    const query = ZQuery.parse(request.query);
    const asked = requestLanguage(request, 'es-MX');
    const params = ZRequestParams.parse(request.params);
    const claims = verifyLinkToken({ token: query.token, secret: linkSigningSecret, now: now(), expect: { year: params.year, institution: params.institution }, lang: asked });
    const dataRequest = await prisma.dataRequest.findUnique({
      where: { id: claims.r },
      include: {
        cycle: true,
        institution: true,
        submissions: { orderBy: { version: 'desc' }, take: 1, include: { values: { include: { indicator: { select: { code: true } } } } } },
      },
    });
    if (!dataRequest || dataRequest.institution.code !== params.institution || dataRequest.cycle.year !== params.year) {
      throw linkProblem(LinkProblem.OTHER_REQUEST, asked, { institution: claims.i, year: String(claims.y), askedInstitution: params.institution, askedYear: String(params.year) });
    }
    const indicators = await prisma.indicator.findMany({
      where: { planId: dataRequest.cycle.planId, reporters: { some: { institutionId: dataRequest.institutionId } } },
      select: { code: true, textEs: true, textEn: true, unit: true, disaggregation: true, objective: { select: { position: true } } },
    });
    indicators.sort((a, b) => a.objective.position - b.objective.position || a.code.localeCompare(b.code, 'en', { numeric: true }));
    const contacts = await prisma.contact.findMany({ where: { institutionId: dataRequest.institutionId, email: claims.c.toLowerCase() } });
    const contact = contacts.find((c) => c.active);
    const lang: Locale = query.lang ?? (contact?.locale === 'en' ? 'en' : contact ? 'es-MX' : asked);
    setRequestLanguage(request, lang);
    if (contacts.length > 0 && !contact) throw linkProblem(LinkProblem.REPLACED_CONTACT, lang, { contact: claims.c, institution: params.institution });
    return { params, claims, dataRequest, indicators, lang, contact, token: query.token! };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  function pageModel(ctx: Loaded, request: FastifyRequest, latest = ctx.dataRequest.submissions[0]) {
    const saved: Record<string, string> = {};
    const savedComments: Record<string, string> = {};
    for (const v of latest?.values ?? []) {
      const value = v.numberValue?.toString() ?? (v.booleanValue === null ? undefined : String(v.booleanValue)) ?? v.textValue ?? '';
      saved[`${v.indicator.code}|${v.breakdown}`] = value;
      if (v.comment) savedComments[v.indicator.code] = v.comment;
    }
    return {
      lang: ctx.lang,
      year: ctx.params.year,
      institution: ctx.dataRequest.institution,
      deadlineAt: ctx.dataRequest.deadline.toISOString(),
      zone: ctx.contact?.timeZone ?? DEFAULT_ZONE,
      status: ctx.dataRequest.status,
      indicators: ctx.indicators,
      saved,
      savedComments,
      narrative: latest?.narrative ?? '',
      actionUrl: `${request.url.split('?')[0]}?token=${encodeURIComponent(ctx.token)}`,
    } as const;
  }

  app.get('/respond/:year/:institution', async (request, reply) => {
    const ctx = await load(request);
    if (wantsJson(request)) {
      return {
        year: ctx.params.year,
        institution: { code: ctx.dataRequest.institution.code, nameEs: ctx.dataRequest.institution.nameEs, nameEn: ctx.dataRequest.institution.nameEn },
        status: ctx.dataRequest.status,
        deadline: ctx.dataRequest.deadline,
        contact: ctx.claims.c,
        indicators: ctx.indicators.map(({ objective: _o, ...i }) => i),
        latestVersion: ctx.dataRequest.submissions[0]?.version ?? null,
      };
    }
    return reply.type('text/html; charset=utf-8').send(renderRespondPage(pageModel(ctx, request)));
  });

  app.post('/respond/:year/:institution', async (request, reply) => {
    const ctx = await load(request);
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const raw = isForm ? formToSubmission((request.body ?? {}) as Record<string, unknown>) : request.body;
    const fail = (error: AppError) => {
      if (!isForm) throw error;
      return reply
        .status(error.code === 'VALIDATION' ? 400 : 409)
        .type('text/html; charset=utf-8')
        .send(renderRespondPage({ ...pageModel(ctx, request), message: { kind: 'error', text: error.message, fields: error.fields } }));
    };
    const parsed = ZSubmitInput.safeParse(raw ?? {});
    if (!parsed.success) {
      const issues = localizeZodIssues({ issues: parsed.error.issues, lang: ctx.lang });
      const lead = ctx.lang === 'en' ? 'Invalid submission' : 'Informe no válido';
      return fail(new AppError('VALIDATION', `${lead}: ${issues[0].field}: ${issues[0].message}`, fieldsOf(issues), { issues }));
    }
    const input = parsed.data;
    const validation = validateSubmission({ indicators: ctx.indicators as IndicatorForValidation[], input, lang: ctx.lang });
    if (!validation.ok) return fail(new AppError('VALIDATION', validation.message, validation.fields, { issues: validation.issues }));

    const contentHash = await stageSubmission(ctx.dataRequest.id, input, submissionContentHash({ values: validation.values, narrative: input.narrative }));
    let result: SubmitResult;
    try {
      result = await runUpdate(
        requestName(ctx),
        () =>
          temporal.workflow.getHandle(ctx.dataRequest.workflowId).executeUpdate(submitUpdate, {
            args: [{ contentHash, final: input.final, submittedBy: ctx.claims.c, ...(input.reason ? { reason: input.reason } : {}) }],
          }),
        ctx.lang,
      );
    } catch (err) {
      const duplicate = await duplicateOfLatest(ctx, contentHash);
      if (duplicate) result = duplicate;
      else if (err instanceof AppError) return fail(err);
      else throw err;
    }
    if (isForm) {
      const fresh = await load(request);
      const text =
        ctx.lang === 'en'
          ? `${result.duplicate ? 'Nothing new: these values were already recorded' : result.kind === 'DRAFT' ? 'Draft saved' : 'Report received'} (version ${result.version}).`
          : `${result.duplicate ? 'Sin cambios: estos valores ya estaban registrados' : result.kind === 'DRAFT' ? 'Borrador guardado' : 'Informe recibido'} (versión ${result.version}).`;
      return reply.type('text/html; charset=utf-8').send(renderRespondPage({ ...pageModel(fresh, request), message: { kind: 'ok', text } }));
    }
    const { contentHash: _hash, ...answer } = result;
    return reply.status(result.duplicate ? 200 : 201).send(answer);
  });

  /**
   * Stores what the contact sent before the workflow is asked to record it (content-addressed: the same
   * content is stored once per request), so the update carries only the hash.
   */
  async function stageSubmission(dataRequestId: string, input: TSubmitInput, contentHash: string): Promise<string> {
    await prisma.stagedSubmission.createMany({
      data: [{ dataRequestId, contentHash, content: { values: input.values, ...(input.narrative ? { narrative: input.narrative } : {}) } }],
      skipDuplicates: true,
    });
    return contentHash;
  }

  /**
   * A request whose workflow refuses (or has ended) still answers an identical resubmission with
   * `duplicate: true`: nothing accepted is lost or doubled.
   */
  async function duplicateOfLatest(ctx: Loaded, contentHash: string): Promise<SubmitResult | undefined> {
    const latest = await prisma.submission.findFirst({ where: { dataRequestId: ctx.dataRequest.id }, orderBy: { version: 'desc' } });
    if (latest && latest.contentHash === contentHash && latest.kind !== 'DRAFT') {
      const row = await prisma.dataRequest.findUniqueOrThrow({ where: { id: ctx.dataRequest.id }, select: { status: true } });
      return { status: row.status, version: latest.version, duplicate: true, kind: latest.kind, contentHash };
    }
    return undefined;
  }

  app.post('/respond/:year/:institution/extension', async (request) => {
    const ctx = await load(request);
    const body = ZExtensionRequestBody.parse(request.body ?? {});
    return runUpdate(
      requestName(ctx),
      () => temporal.workflow.getHandle(ctx.dataRequest.workflowId).executeUpdate(requestExtensionUpdate, { args: [{ ...body, requestedBy: ctx.claims.c }] }),
      ctx.lang,
    );
  });
}

function requestName(ctx: { lang: Locale; params: { year: number; institution: string } }): string {
  return ctx.lang === 'en' ? `The ${ctx.params.year} request of ${ctx.params.institution}` : `La solicitud ${ctx.params.year} de ${ctx.params.institution}`;
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
