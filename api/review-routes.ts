import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZPublishPlanVersionInput, ZReviewDecisionInput } from '../domain/review/review-proposal';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { REQUEST_ACTIONS, runReviewRequestAction } from './commands/request-command';
import { publishReviewedPlan, recordReviewDecision } from './commands/review-commands';
import { startPlanReview, ZStartPlanReviewBody } from './commands/start-plan-review';
import { type DOSSIER_FORMATS, dossierFile, listPlanReviews, planReviewDetail } from './queries/plan-reviews';
import { requestLanguage } from './request-language';
import { REQUEST_ACTION_ROUTES, ZCommandResult } from './request-routes';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, LOCATION, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

const STATUS = z.enum(['ROUND_OPEN', 'DECIDING', 'PUBLISHED']);

const ZReviewSummary = z
  .strictObject({
    planKey: z.string(),
    version: z.number().int(),
    workflowId: z.string(),
    status: STATUS,
    startedAt: zInstant(),
    startedBy: z.string(),
    deadline: zInstant().nullable(),
    requests: z.number().int(),
    answered: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    publishedAt: zInstant().nullable(),
  })
  .meta({ id: 'PlanReviewSummary' });

const ZReviewDetail = z
  .strictObject({
    planKey: z.string(),
    version: z.number().int(),
    workflowId: z.string(),
    status: STATUS,
    startedAt: zInstant(),
    startedBy: z.string(),
    roundEndedAt: zInstant().nullable(),
    publishedVersion: z.number().int().nullable(),
    publishedAt: zInstant().nullable(),
    publishedBy: z.string().nullable(),
    requests: z.array(
      z.strictObject({
        institution: z.string(),
        name: z.string(),
        workflowId: z.string(),
        status: z.string(),
        escalationLevel: z.number().int(),
        deadline: zInstant(),
        submittedAt: zInstant().nullable(),
        ended: z.boolean(),
        extensionRequestedAt: zInstant().nullable(),
        deliveryFailedAt: zInstant().nullable(),
      }),
    ),
    synthesis: z.looseObject({}).meta({ description: 'What the stored annual reports say of each objective, indicator and goal (TReviewSynthesis).' }),
    proposals: z.array(z.looseObject({ key: z.string(), institutionCode: z.string(), kind: z.string(), code: z.string(), action: z.string() })).meta({ description: 'Every proposal of the latest final or corrected answers, with its decision (null: undecided; `stale`: changed after the decision).' }),
    itemTexts: z.record(z.string(), z.strictObject({ es: z.string(), en: z.string() })).meta({ description: 'The version\'s wording of every item, by `KIND/code` (`INDICATOR/4.b`).' }),
    crosswalk: z.array(z.looseObject({})).nullable().meta({ description: 'Published: the crosswalk. Deciding: what publishing now would give (null when issues stop it).' }),
    publicationIssues: z.array(z.strictObject({ item: z.string(), path: z.string(), code: z.string(), message: z.string() })),
    files: z.array(z.strictObject({ format: z.string(), lang: z.string(), contentType: z.string(), sha256: z.string(), size: z.number().int(), url: z.string() })),
  })
  .meta({ id: 'PlanReview' });

const ZReviewParams = z.strictObject({
  planKey: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'must be a plan key such as MX-NAP-1325').max(64),
  version: z.coerce.number().int().min(1).max(10_000),
});

const ZReviewRequestParams = ZReviewParams.extend({ institution: z.string().regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'must be an institution code such as SRE') });

const ZDossierParams = ZReviewParams.extend({ file: z.string().regex(/^dossier\.(json|html|pdf|xlsx|csv)$/, 'must be dossier.<format>: json, html, pdf, xlsx or csv') });

export interface ReviewRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  auth: Auth;
}

const ATTACH = new Set(['xlsx', 'csv']);
const DOSSIER_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The plan review (`review/<planKey>/v<version>`): list and start reviews, read one (round, synthesis,
 * proposals with decisions, crosswalk), record decisions, publish the next plan version, download the
 * dossier. Starting and publishing go through the Temporal client; decisions are rows of the record.
 */
export function registerReviewRoutes(app: FastifyInstance, deps: ReviewRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { prisma, auth } = deps;
  const base = (planKey: string, version: number) => `/api/reviews/${encodeURIComponent(planKey)}/${version}`;

  api.get(
    '/api/reviews',
    {
      onRequest: auth.requires(Access.READ),
      schema: { tags: [Tag.REVIEWS], summary: 'List plan reviews', description: 'Every review, newest first: its phase, round figures and the version it published.', security: SIGNED_IN, response: responses({ 200: json(z.strictObject({ reviews: z.array(ZReviewSummary) }), 'The reviews.') }, AUTH_PROBLEMS) },
    },
    async () => ({ reviews: await listPlanReviews(prisma) }),
  );

  api.post(
    '/api/reviews',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REVIEWS],
        summary: 'Start the review of the plan version in force now',
        description: 'Starts `review/<planKey>/v<version>` (the review schedule does so at adoption + 3 years): synthesis, then a review request to each institution in charge. Once per version: a second start is 409.',
        security: SIGNED_IN,
        body: ZStartPlanReviewBody,
        response: responses({ 202: json(z.strictObject({ workflowId: z.string(), planKey: z.string(), version: z.number().int(), statusUrl: z.string() }), 'Started.', { location: LOCATION }) }, 400, AUTH_PROBLEMS, 404, 409, 503),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const started = await startPlanReview(deps, request.body, who.name, requestLanguage(request, 'en'));
      const statusUrl = base(started.planKey, started.version);
      return reply.status(202).header('location', statusUrl).send({ ...started, statusUrl });
    },
  );

  api.get(
    '/api/reviews/:planKey/:version',
    {
      onRequest: auth.requires(Access.READ),
      schema: { tags: [Tag.REVIEWS], summary: 'One review', description: 'The round (each institution, status, escalation), the synthesis, the proposals with their decisions, the crosswalk (or the issues that stop publishing), the dossier files.', security: SIGNED_IN, params: ZReviewParams, response: responses({ 200: json(ZReviewDetail, 'The review.') }, 400, AUTH_PROBLEMS, 404) },
    },
    async (request) => planReviewDetail(prisma, { ...request.params, lang: requestLanguage(request, 'en') }),
  );

  api.post(
    '/api/reviews/:planKey/:version/decisions',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REVIEWS],
        summary: 'Record the decision on a proposal',
        description: 'ACCEPTED, ACCEPTED_WITH_CHANGES (with the change as accepted) or REJECTED, with a note; can be changed until publication. 400 naming the item for a change to an item whose retirement is accepted, two accepted changes to one item, or a field the item does not have; 404 for an unknown proposal; 409 once published.',
        security: SIGNED_IN,
        params: ZReviewParams,
        body: ZReviewDecisionInput,
        response: responses({ 200: json(z.strictObject({ proposalKey: z.string(), decision: z.string(), decidedBy: z.string(), decidedAt: z.string() }), 'Recorded.') }, 400, AUTH_PROBLEMS, 404, 409),
      },
    },
    async (request) => {
      const who = await auth.guard(request, Access.ACT);
      return recordReviewDecision(deps, { ...request.params, input: request.body, who: who.name, lang: requestLanguage(request, 'en') });
    },
  );

  api.post(
    '/api/reviews/:planKey/:version/publish',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REVIEWS],
        summary: 'Publish the next plan version',
        description:
          'Applies the accepted proposals to the plan file, validates it, and writes version n+1 (its file, its rows) with the crosswalk from old codes to new ones; the next yearly cycle asks for its indicators. `crosswalk`, when given, must map every old code exactly once and only to codes of the new version (splits and merges need it). 400 naming each item otherwise; 409 while the round is open or once published.',
        security: SIGNED_IN,
        params: ZReviewParams,
        body: ZPublishPlanVersionInput,
        response: responses({ 201: json(z.strictObject({ planKey: z.string(), version: z.number().int(), planId: z.string(), changes: z.record(z.string(), z.number().int()) }), 'Published.', { location: LOCATION }) }, 400, AUTH_PROBLEMS, 404, 409, 503),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const result = await publishReviewedPlan(deps, { ...request.params, input: request.body, who: who.name, lang: requestLanguage(request, 'en') });
      return reply.status(201).header('location', `/api/plans/${encodeURIComponent(result.planKey)}`).send(result);
    },
  );

  // The secretariat's actions on one review request: the same updates as a data request's.
  for (const action of REQUEST_ACTION_ROUTES) {
    api.route({
      method: action.method,
      url: `/api/reviews/:planKey/:version/requests/:institution/${action.path}`,
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.REVIEWS],
        summary: `Review request: ${action.summary.charAt(0).toLowerCase()}${action.summary.slice(1)}`,
        description: `${action.description} (On the institution's review request \`review/<planKey>/v<version>/<institution>\`.)`,
        security: SIGNED_IN,
        params: ZReviewRequestParams,
        body: REQUEST_ACTIONS[action.path].body,
        response: responses({ 200: json(ZCommandResult, 'Done: the request after the change.') }, BODY_PROBLEMS, AUTH_PROBLEMS, 404, 409, 503),
      },
      handler: async (request) => {
        const who = await auth.guard(request, Access.ACT);
        const { planKey, version, institution } = request.params;
        return runReviewRequestAction(deps, { planKey, version, institution, action: action.path, body: request.body, who: who.name, lang: requestLanguage(request, 'en') });
      },
    });
  }

  api.get(
    '/api/reviews/:planKey/:version/:file',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.REVIEWS],
        summary: "Download the review's dossier",
        description: '`dossier.json|html|pdf|xlsx|csv` in `lang` es-MX (default) or en: synthesis, proposals, decisions and crosswalk. Compiled when the round ends and again once published.',
        security: SIGNED_IN,
        params: ZDossierParams,
        querystring: z.object({ lang: z.enum(['es-MX', 'en']).default('es-MX') }),
        response: responses({ 200: { description: 'The file.', content: Object.fromEntries(['application/json', 'text/html', 'application/pdf', 'text/csv'].map((t) => [t, { schema: z.string() }])) } }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request, reply) => {
      const format = request.params.file.slice('dossier.'.length) as (typeof DOSSIER_FORMATS)[number];
      const { lang } = request.query;
      const file = await dossierFile(prisma, { planKey: request.params.planKey, version: request.params.version, format, lang, readerLang: requestLanguage(request, 'en') });
      const name = `${lang === 'en' ? 'plan-review-dossier' : 'expediente-revision-plan'}-${request.params.planKey.toLowerCase()}-v${request.params.version}-${lang}.${format}`;
      if (format === 'html') reply.header('content-security-policy', DOSSIER_HTML_CSP);
      return reply
        .header('content-type', file.contentType)
        .header('etag', `"${file.sha256}"`)
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', `${ATTACH.has(format) ? 'attachment' : 'inline'}; filename="${name}"`)
        .send(Buffer.from(file.content));
    },
  );
}
