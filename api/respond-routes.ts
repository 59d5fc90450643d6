import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { DEFAULT_ZONE, isIsoDate } from '../domain/business-calendar';
import type { SubmitResult } from '../domain/request-types';
import { verifyLinkToken } from '../domain/signed-link';
import { canonicalSubmission, validateSubmission, ZSubmitInput, type IndicatorForValidation } from '../domain/submission';
import type { PrismaClient } from '../prisma/client';
import { requestExtensionUpdate, submitUpdate } from '../workflows';
import { formToSubmission, renderRespondPage } from './respond-page';
import { runUpdate } from './run-update';

export interface RespondRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  linkSigningSecret: string;
  now: () => Date;
}

const ZParams = z.object({ year: z.coerce.number().int().min(2000).max(2100), institution: z.string().min(1).max(64) });
const ZQuery = z.object({ token: z.string().optional(), lang: z.enum(['es-MX', 'en']).optional() });

/**
 * Routes an agency contact reaches from the emailed link, no account needed: the signed token in the
 * query authenticates the link (401 if forged, malformed or expired; 403 if issued for another
 * institution or year). GET shows the form (HTML, or JSON with `Accept: application/json`); POST takes
 * JSON or the form, validates every value (400 naming the field) and hands it to the request's workflow.
 */
export function registerRespondRoutes(app: FastifyInstance, deps: RespondRouteDeps): void {
  const { prisma, temporal, linkSigningSecret, now } = deps;

  async function load(request: FastifyRequest) {
    const params = ZParams.parse(request.params);
    const query = ZQuery.parse(request.query);
    const claims = verifyLinkToken({ token: query.token, secret: linkSigningSecret, now: now(), expect: { year: params.year, institution: params.institution } });
    const dataRequest = await prisma.dataRequest.findUnique({
      where: { id: claims.r },
      include: {
        cycle: true,
        institution: true,
        submissions: { orderBy: { version: 'desc' }, take: 1, include: { values: { include: { indicator: { select: { code: true } } } } } },
      },
    });
    if (!dataRequest || dataRequest.institution.code !== params.institution || dataRequest.cycle.year !== params.year) {
      throw new AppError('FORBIDDEN', 'This link does not belong to this request.');
    }
    const indicators = await prisma.indicator.findMany({
      where: { planId: dataRequest.cycle.planId, reporters: { some: { institutionId: dataRequest.institutionId } } },
      select: { code: true, textEs: true, textEn: true, unit: true, disaggregation: true, objective: { select: { position: true } } },
    });
    indicators.sort((a, b) => a.objective.position - b.objective.position || a.code.localeCompare(b.code, 'en', { numeric: true }));
    const contacts = await prisma.contact.findMany({ where: { institutionId: dataRequest.institutionId, email: claims.c.toLowerCase() } });
    const contact = contacts.find((c) => c.active);
    if (contacts.length > 0 && !contact) {
      throw new AppError('FORBIDDEN', `This link was issued to ${claims.c}, who is no longer a contact of ${params.institution}. Use the link sent to the current contact.`);
    }
    const lang = query.lang ?? (contact?.locale === 'en' ? 'en' : 'es-MX');
    return { params, claims, dataRequest, indicators, lang, contact, token: query.token! };
  }

  function pageModel(ctx: Awaited<ReturnType<typeof load>>, request: FastifyRequest, latest = ctx.dataRequest.submissions[0]) {
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
    const parsed = ZSubmitInput.safeParse(raw ?? {});
    const fail = (message: string, fields: Record<string, string>) => {
      if (isForm) {
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send(renderRespondPage({ ...pageModel(ctx, request), message: { kind: 'error', text: message, fields } }));
      }
      throw new AppError('VALIDATION', message, fields);
    };
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.map(String).join('.').replace(/\.(\d+)\./g, '[$1].') || '(body)', i.message]));
      const first = Object.entries(fields)[0];
      return fail(`Invalid submission: ${first[0]}: ${first[1]}`, fields);
    }
    const input = parsed.data;
    const validation = validateSubmission({ indicators: ctx.indicators as IndicatorForValidation[], input });
    if (!validation.ok) return fail(validation.message, validation.fields);

    let result: SubmitResult;
    try {
      result = await temporal.workflow
        .getHandle(ctx.dataRequest.workflowId)
        .executeUpdate(submitUpdate, { args: [{ input, submittedBy: ctx.claims.c, reason: (request.body as { reason?: string } | null)?.reason }] });
    } catch (err) {
      result = await explainUpdateFailure(err, ctx, canonicalSubmission({ values: validation.values, narrative: input.narrative }));
    }
    if (isForm) {
      const fresh = await load(request);
      const text = ctx.lang === 'en'
        ? `${result.duplicate ? 'Nothing new: these values were already recorded' : result.kind === 'DRAFT' ? 'Draft saved' : 'Report received'} (version ${result.version}).`
        : `${result.duplicate ? 'Sin cambios: estos valores ya estaban registrados' : result.kind === 'DRAFT' ? 'Borrador guardado' : 'Informe recibido'} (versión ${result.version}).`;
      return reply.type('text/html; charset=utf-8').send(renderRespondPage({ ...pageModel(fresh, request), message: { kind: 'ok', text } }));
    }
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });

  /**
   * Maps a failed update to what the contact should read. A request whose workflow has ended still
   * answers an identical resubmission with `duplicate: true` (nothing accepted is lost or doubled).
   */
  async function explainUpdateFailure(err: unknown, ctx: Awaited<ReturnType<typeof load>>, canonical: string): Promise<SubmitResult> {
    const latest = await prisma.submission.findFirst({ where: { dataRequestId: ctx.dataRequest.id }, orderBy: { version: 'desc' } });
    const hash = createHash('sha256').update(canonical).digest('hex');
    if (latest && latest.contentHash === hash && latest.kind !== 'DRAFT') {
      return { status: ctx.dataRequest.status, version: latest.version, duplicate: true, kind: latest.kind };
    }
    return runUpdate(`The ${ctx.params.year} request of ${ctx.params.institution}`, () => Promise.reject(err));
  }

  app.post('/respond/:year/:institution/extension', async (request) => {
    const ctx = await load(request);
    const body = z
      .strictObject({
        deadline: z.string().refine(isIsoDate, 'must be a date written yyyy-MM-dd'),
        reason: z.string().trim().min(1, 'a reason is required').max(2000),
      })
      .parse(request.body ?? {});
    return runUpdate('Extension request', () =>
      temporal.workflow.getHandle(ctx.dataRequest.workflowId).executeUpdate(requestExtensionUpdate, { args: [{ ...body, requestedBy: ctx.claims.c }] }),
    );
  });
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

