import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { zPageLimit, ZRequestParams, zVersionParam } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import { Breakdown, IndicatorUnit } from '../domain/submission';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { AUTH_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

/** What a version is: a draft, the final report, or a correction of it. */
export const ZSubmissionKind = z.enum(['DRAFT', 'FINAL', 'CORRECTION']);

const ZVersionsQuery = z.object({
  limit: zPageLimit(100),
  cursor: zVersionParam().optional().meta({ description: 'The last version of the previous page (its `nextCursor`).' }),
  kind: ZSubmissionKind.optional(),
});

const ZVersionSummary = z
  .strictObject({
    version: z.number().int(),
    kind: ZSubmissionKind,
    submittedBy: z.string().meta({ description: "The contact's email (from the signed link)." }),
    reason: z.string().nullable().meta({ description: 'Why a correction was made.' }),
    createdAt: zInstant(),
    values: z.number().int().meta({ description: 'How many values it holds.' }),
  })
  .meta({ id: 'SubmissionVersion' });

const ZStoredValue = z.strictObject({
  indicator: z.string(),
  unit: z.enum(IndicatorUnit),
  breakdown: z.enum(Breakdown),
  value: z.union([z.number(), z.boolean(), z.string(), z.null()]).meta({ description: 'A number (COUNT, PERCENTAGE), true/false (YES_NO), a text (TEXT), or null: no data (then `comment` says why).' }),
  comment: z.string().nullable(),
});

const ZSubmission = z
  .strictObject({
    workflowId: z.string(),
    version: z.number().int(),
    kind: ZSubmissionKind,
    submittedBy: z.string(),
    reason: z.string().nullable(),
    createdAt: zInstant(),
    contentHash: z.string().meta({ description: 'SHA-256 of the values and narrative: equal hashes, identical content.' }),
    narrative: z.string().nullable(),
    values: z.array(ZStoredValue),
  })
  .meta({ id: 'Submission' });

const BREAKDOWN_ORDER = ['TOTAL', 'WOMEN', 'MEN'];

/**
 * What institutions sent, for the secretariat and the working group (READ): the versions of a request
 * (drafts, the final report, corrections; each with who sent it and, for a correction, why), paged by
 * version; and one version's values as stored, in the plan's order (objective, then indicator, then total,
 * women, men). Read from the record, never from the workflow.
 */
export function registerSubmissionRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const requestOf = async ({ year, institution }: { year: number; institution: string }) => {
    const row = await prisma.dataRequest.findFirst({ where: { workflowId: `request/${year}/${institution}` }, select: { id: true, workflowId: true, status: true } });
    if (!row) throw new AppError('NOT_FOUND', `No ${year} request for institution ${institution}.`);
    return row;
  };

  api.get(
    '/api/cycles/:year/requests/:institution/submissions',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.SUBMISSIONS],
        summary: "A request's submitted versions",
        description: 'Every version an institution sent, oldest first: kind, author, reason (corrections), when, and how many values. Paged by version (`cursor`); filter by `kind`.',
        security: SIGNED_IN,
        params: ZRequestParams,
        querystring: ZVersionsQuery,
        response: responses(
          { 200: json(z.strictObject({ workflowId: z.string(), status: z.string(), submissions: z.array(ZVersionSummary), nextCursor: z.string().nullable() }), 'One page of versions.') },
          400,
          AUTH_PROBLEMS,
          404,
        ),
      },
    },
    async (request) => {
      const row = await requestOf(request.params);
      const { limit, cursor, kind } = request.query;
      const versions = await prisma.submission.findMany({
        where: { dataRequestId: row.id, ...(kind ? { kind } : {}), ...(cursor !== undefined ? { version: { gt: cursor } } : {}) },
        orderBy: { version: 'asc' },
        take: limit + 1,
        select: { version: true, kind: true, submittedBy: true, reason: true, createdAt: true, _count: { select: { values: true } } },
      });
      const page = versions.slice(0, limit);
      return {
        workflowId: row.workflowId,
        status: row.status,
        submissions: page.map(({ _count, ...v }) => ({ ...v, values: _count.values })),
        nextCursor: versions.length > limit ? String(page[page.length - 1].version) : null,
      };
    },
  );

  api.get(
    '/api/cycles/:year/requests/:institution/submissions/:version',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.SUBMISSIONS],
        summary: 'The values of one version',
        description: 'One version as stored: every value with its indicator, unit and breakdown (null with a comment: no data), the narrative, who sent it, why (a correction), and when.',
        security: SIGNED_IN,
        params: ZRequestParams.extend({ version: zVersionParam() }),
        response: responses({ 200: json(ZSubmission, 'The version.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const { version } = request.params;
      const row = await requestOf(request.params);
      const submission = await prisma.submission.findUnique({
        where: { dataRequestId_version: { dataRequestId: row.id, version } },
        include: { values: { include: { indicator: { select: { code: true, unit: true, position: true, objective: { select: { position: true } } } } } } },
      });
      if (!submission) throw new AppError('NOT_FOUND', `${row.workflowId} has no version ${version}.`);
      const values = [...submission.values].sort(
        (a, b) =>
          a.indicator.objective.position - b.indicator.objective.position ||
          a.indicator.code.localeCompare(b.indicator.code, 'en', { numeric: true }) ||
          BREAKDOWN_ORDER.indexOf(a.breakdown) - BREAKDOWN_ORDER.indexOf(b.breakdown),
      );
      return {
        workflowId: row.workflowId,
        version: submission.version,
        kind: submission.kind,
        submittedBy: submission.submittedBy,
        reason: submission.reason,
        createdAt: submission.createdAt,
        contentHash: submission.contentHash,
        narrative: submission.narrative,
        values: values.map((v) => ({
          indicator: v.indicator.code,
          unit: v.indicator.unit,
          breakdown: v.breakdown,
          // Counts are whole numbers below 2^53, percentages have at most 6 decimals (domain/input-bounds): as JSON numbers they read back as sent.
          value: v.numberValue !== null ? Number(v.numberValue.toString()) : (v.booleanValue ?? v.textValue ?? null),
          comment: v.comment,
        })),
      };
    },
  );
}
