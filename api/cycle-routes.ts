import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { INSTITUTION_CODE, LIMITS, zInstitutionCode, zIsoDate, zLine, zPageLimit, zYearParam, ZYearParams } from '../domain/input-bounds';
import { RequestStatus } from '../domain/request-types';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { openCycle, ZOpenCycleBody } from './commands/open-cycle';
import { AUTH_PROBLEMS, BODY_PROBLEMS, json, LOCATION, responses, SIGNED_IN, Tag, zDay, zInstant } from './route-schemas';

/** A request's status (the record's, and the workflow's). */
export const ZRequestStatus = z.enum(RequestStatus);
const ZCycleStatus = z.enum(['OPEN', 'CLOSED']);
const ZInstitutionName = z.strictObject({ es: z.string(), en: z.string() });
/** What the workflow will do next and when (for dashboards); null when nothing is scheduled. */
export const ZNextAction = z.strictObject({ kind: z.string(), at: zInstant().nullable() }).nullable();
/** Set while something the request owed exhausted its retries (README: failures); null otherwise. */
export const ZAttention = z.strictObject({ since: zInstant(), reason: z.string().nullable() }).nullable();

/** A cursor over a cycle's requests: the `workflowId` of the last one seen (`request/2026/SEMAR`). */
const zRequestCursor = () =>
  z
    .string()
    .max(64)
    .regex(new RegExp(`^request/[0-9]{4}/${INSTITUTION_CODE.source.slice(1)}`))
    .meta({ description: 'The `workflowId` of the last request of the previous page (its `nextCursor`).', examples: ['request/2026/SEMAR'] });

/** `GET /api/cycles/:year`'s paging and filters. */
const ZCycleStatusQuery = z
  .object({
    offset: z.coerce.number().int().min(0).default(0).meta({ description: 'Rows to skip (offset paging); not with `cursor`.' }),
    limit: zPageLimit(),
    cursor: zRequestCursor().optional(),
    status: ZRequestStatus.optional(),
    institution: zInstitutionCode().optional().meta({ description: 'Only institutions whose code starts with this (`MUN-` for every municipality).' }),
    q: zLine(LIMITS.name).optional().meta({ description: "Only institutions whose code or name (es or en) contains this, whatever the case." }),
    attention: z.enum(['true', 'false']).transform((v) => v === 'true').optional().meta({ description: '`true`: only requests flagged for attention; `false`: only the others.' }),
  })
  .superRefine((query, ctx) => {
    if (query.cursor !== undefined && query.offset > 0) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'use either offset or cursor, not both', params: { code: 'CURSOR_WITH_OFFSET' } });
    }
  });

/** One institution's request in a cycle's status. */
const ZCycleRequest = z
  .strictObject({
    institution: z.string(),
    name: ZInstitutionName,
    workflowId: z.string(),
    status: ZRequestStatus,
    deadline: zInstant(),
    escalationLevel: z.number().int(),
    nextAction: ZNextAction,
    requestedAt: zInstant().nullable(),
    submittedAt: zInstant().nullable(),
    endedAt: zInstant().nullable(),
    attention: ZAttention,
    extensionRequested: z
      .strictObject({ at: zInstant(), deadline: zDay().nullable() })
      .nullable()
      .meta({ description: 'A pending extension request of the contact (when, and the deadline asked); null when none awaits a decision.' }),
    deliveryFailed: z.boolean().meta({ description: "The last email to the institution's contacts was refused (bounced) and none was accepted since." }),
    latestVersion: z.number().int().nullable(),
  })
  .meta({ id: 'CycleRequest' });

const ZCounts = z.record(z.string(), z.number().int()).meta({ description: 'Requests by status (statuses with none are left out).' });

/** A cycle's status: the whole cycle's counts, and one page of its requests. */
const ZCycleStatusAnswer = z
  .strictObject({
    year: z.number().int(),
    status: ZCycleStatus,
    workflowId: z.string(),
    openedAt: zInstant(),
    deadline: zInstant(),
    counts: ZCounts,
    total: z.number().int(),
    needsAttention: z.number().int(),
    page: z.strictObject({
      offset: z.number().int(),
      limit: z.number().int(),
      status: ZRequestStatus.optional(),
      cursor: z.string().optional(),
      institution: z.string().optional(),
      q: z.string().optional(),
      attention: z.boolean().optional(),
    }),
    requests: z.array(ZCycleRequest),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'CycleStatus' });

/** A cycle whose workflow runs but has not written its record yet. */
const ZCycleOpening = z
  .strictObject({ year: z.number().int(), status: z.literal('OPENING'), requests: z.array(z.never()).max(0), counts: z.strictObject({}) })
  .meta({ id: 'CycleOpening', description: 'The cycle was just opened: its workflow is recording the requests.' });

/** `POST /api/cycles`' answer. */
const ZCycleOpened = z.strictObject({ year: z.number().int(), workflowId: z.string(), deadline: zDay(), status: z.literal('OPENING'), statusUrl: z.string() });

/** `GET /api/cycles`' paging and filter: newest year first. */
const ZCyclesQuery = z.object({
  limit: zPageLimit(100),
  cursor: zYearParam().optional().meta({ description: 'The year of the last cycle of the previous page (its `nextCursor`).' }),
  status: ZCycleStatus.optional(),
});

const ZCycleSummary = z
  .strictObject({
    year: z.number().int(),
    status: ZCycleStatus,
    workflowId: z.string(),
    plan: z.strictObject({ key: z.string(), version: z.number().int() }),
    openedAt: zInstant(),
    openedBy: z.string(),
    deadline: zInstant(),
    closedAt: zInstant().nullable(),
    counts: ZCounts,
    total: z.number().int(),
    needsAttention: z.number().int(),
  })
  .meta({ id: 'CycleSummary' });

export interface CycleRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
  /** Who may: the secretariat opens cycles; the working group reads their status. */
  auth: Auth;
}

/**
 * Secretariat routes: open a reporting cycle (the secretariat), list the cycles and read one's status per
 * institution (the working group too). A cycle's requests are paged by offset or, better for long lists, by
 * cursor (keyset on the unique `workflowId`), and filtered by status, institution code prefix, a search
 * over codes and names, and the attention flag.
 */
export function registerCycleRoutes(app: FastifyInstance, { prisma, temporal, taskQueue, now, auth }: CycleRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/cycles',
    {
      onRequest: auth.requires(Access.ACT),
      schema: {
        tags: [Tag.CYCLES],
        summary: 'Open a reporting cycle',
        description:
          'Starts workflow `cycle/<year>`, which records one request per institution and starts `request/<year>/<code>` for each: a data-request email goes out at once. The deadline is a date in Mexico City, after today, from 1 January of the year to 31 December two years later; on a rest day it moves to the next business day (`deadline` in the answer).',
        security: SIGNED_IN,
        body: ZOpenCycleBody,
        response: responses(
          { 202: json(ZCycleOpened, 'Opening: the workflow started; read the status at `statusUrl`.', { location: LOCATION }) },
          BODY_PROBLEMS,
          AUTH_PROBLEMS,
          409,
          503,
        ),
      },
    },
    async (request, reply) => {
      const who = await auth.guard(request, Access.ACT);
      const body = request.body;
      const opened = await openCycle({ prisma, temporal, taskQueue, now }, body, who.name);
      return reply
        .status(202)
        .header('location', `/api/cycles/${body.year}`)
        .send({ ...opened, status: 'OPENING' as const, statusUrl: `/api/cycles/${body.year}` });
    },
  );

  api.get(
    '/api/cycles',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.CYCLES],
        summary: 'List the cycles',
        description: 'Every cycle recorded, newest year first, with its requests counted by status. Paged by cursor (the year of the last cycle seen). A cycle whose workflow is still recording its requests is listed once its record exists (`GET /api/cycles/:year` shows it as `OPENING` before).',
        security: SIGNED_IN,
        querystring: ZCyclesQuery,
        response: responses({ 200: json(z.strictObject({ cycles: z.array(ZCycleSummary), nextCursor: z.string().nullable() }), 'One page of cycles.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await prisma.reportingCycle.findMany({
        where: { kind: 'DATA', ...(status ? { status } : {}), ...(cursor !== undefined ? { year: { lt: cursor } } : {}) },
        orderBy: { year: 'desc' },
        take: limit + 1,
        include: { plan: { select: { key: true, version: true } } },
      });
      const page = rows.slice(0, limit);
      const ids = page.map((c) => c.id);
      const [grouped, flagged] = await Promise.all([
        prisma.dataRequest.groupBy({ by: ['cycleId', 'status'], where: { cycleId: { in: ids } }, _count: { _all: true } }),
        prisma.dataRequest.groupBy({ by: ['cycleId'], where: { cycleId: { in: ids }, attentionAt: { not: null } }, _count: { _all: true } }),
      ]);
      return {
        cycles: page.map((c) => {
          const own = grouped.filter((g) => g.cycleId === c.id);
          return {
            year: c.year,
            status: c.status,
            workflowId: c.workflowId,
            plan: c.plan,
            openedAt: c.openedAt,
            openedBy: c.openedBy,
            deadline: c.deadline,
            closedAt: c.closedAt,
            counts: Object.fromEntries(own.map((g) => [g.status, g._count._all])),
            total: own.reduce((n, g) => n + g._count._all, 0),
            needsAttention: flagged.find((f) => f.cycleId === c.id)?._count._all ?? 0,
          };
        }),
        nextCursor: rows.length > limit ? String(page[page.length - 1].year) : null,
      };
    },
  );

  api.get(
    '/api/cycles/:year',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.CYCLES],
        summary: "A cycle's status per institution",
        description:
          "From the record (never by querying the workflows): the cycle, its requests counted by status (the whole cycle, whatever the filters), and one page of its requests in `workflowId` order, each with its status, deadline, escalation level, next action and when, attention flag and latest submission version. Page with `cursor` (the previous page's `nextCursor`: keyset, stable while requests change) or with `offset`; filter with `status`, `institution` (a code prefix), `q` (code or name) and `attention`. A cycle just opened, whose record is not written yet, answers `OPENING`.",
        security: SIGNED_IN,
        params: ZYearParams,
        querystring: ZCycleStatusQuery,
        response: responses({ 200: json(z.union([ZCycleStatusAnswer, ZCycleOpening]), 'The cycle and one page of its requests; or `OPENING`.') }, 400, AUTH_PROBLEMS, 404),
      },
    },
    async (request) => {
      const { year } = request.params;
      const page = request.query;
      const cycle = await prisma.reportingCycle.findFirst({ where: { year, kind: 'DATA' }, orderBy: { plan: { version: 'desc' } } });
      if (!cycle) {
        const running = await temporal.workflow
          .getHandle(`cycle/${year}`)
          .describe()
          .then((d) => d.status.name === 'RUNNING')
          .catch(() => false);
        if (running) return { year, status: 'OPENING' as const, requests: [], counts: {} };
        throw new AppError('NOT_FOUND', `No reporting cycle for ${year}.`);
      }
      const institution = {
        ...(page.institution ? { code: { startsWith: page.institution } } : {}),
        ...(page.q
          ? {
              OR: [
                { code: { contains: page.q, mode: 'insensitive' as const } },
                { nameEs: { contains: page.q, mode: 'insensitive' as const } },
                { nameEn: { contains: page.q, mode: 'insensitive' as const } },
              ],
            }
          : {}),
      };
      const rows = await prisma.dataRequest.findMany({
        where: {
          cycleId: cycle.id,
          ...(page.status ? { status: page.status } : {}),
          ...(page.attention === undefined ? {} : { attentionAt: page.attention ? { not: null } : null }),
          ...(Object.keys(institution).length ? { institution } : {}),
          // Keyset paging: the requests after the last one seen, in the order of the unique workflowId.
          ...(page.cursor ? { workflowId: { gt: page.cursor } } : {}),
        },
        orderBy: { workflowId: 'asc' },
        skip: page.offset,
        take: page.limit + 1,
        select: {
          workflowId: true,
          status: true,
          deadline: true,
          escalationLevel: true,
          nextActionKind: true,
          nextActionAt: true,
          requestedAt: true,
          submittedAt: true,
          endedAt: true,
          attentionAt: true,
          attentionReason: true,
          extensionRequestedAt: true,
          extensionRequestedDeadline: true,
          deliveryFailedAt: true,
          institution: { select: { code: true, nameEs: true, nameEn: true } },
          submissions: { orderBy: { version: 'desc' }, take: 1, select: { version: true, kind: true } },
        },
      });
      const requests = rows.slice(0, page.limit);
      const [grouped, needsAttention] = await Promise.all([
        prisma.dataRequest.groupBy({ by: ['status'], where: { cycleId: cycle.id }, _count: { _all: true } }),
        prisma.dataRequest.count({ where: { cycleId: cycle.id, attentionAt: { not: null } } }),
      ]);
      return {
        year: cycle.year,
        status: cycle.status,
        workflowId: cycle.workflowId,
        openedAt: cycle.openedAt,
        deadline: cycle.deadline,
        counts: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])),
        total: grouped.reduce((n, g) => n + g._count._all, 0),
        needsAttention,
        page: {
          offset: page.offset,
          limit: page.limit,
          ...(page.status ? { status: page.status } : {}),
          ...(page.cursor ? { cursor: page.cursor } : {}),
          ...(page.institution ? { institution: page.institution } : {}),
          ...(page.q ? { q: page.q } : {}),
          ...(page.attention === undefined ? {} : { attention: page.attention }),
        },
        requests: requests.map((r) => ({
          institution: r.institution.code,
          name: { es: r.institution.nameEs, en: r.institution.nameEn },
          workflowId: r.workflowId,
          status: r.status,
          deadline: r.deadline,
          escalationLevel: r.escalationLevel,
          nextAction: r.nextActionKind ? { kind: r.nextActionKind, at: r.nextActionAt } : null,
          requestedAt: r.requestedAt,
          submittedAt: r.submittedAt,
          endedAt: r.endedAt,
          attention: r.attentionAt ? { since: r.attentionAt, reason: r.attentionReason } : null,
          extensionRequested: r.extensionRequestedAt ? { at: r.extensionRequestedAt, deadline: r.extensionRequestedDeadline } : null,
          deliveryFailed: r.deliveryFailedAt !== null,
          latestVersion: r.submissions[0]?.version ?? null,
        })),
        nextCursor: rows.length > page.limit ? requests[requests.length - 1].workflowId : null,
      };
    },
  );
}
