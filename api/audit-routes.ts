import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS, zInstitutionCode, zLine, zPageLimit, zYearParam } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { AUTH_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

/**
 * A position in the audit log, newest first: the instant and id of the last event seen, written
 * `2026-11-30T18:00:00.000Z_<id>` (what `nextCursor` gives).
 */
const zAuditCursor = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[a-z0-9]{1,40}$/)
    .transform((cursor) => ({ at: new Date(cursor.slice(0, 24)), id: cursor.slice(25) }))
    .refine(({ at }) => !Number.isNaN(at.getTime()), { message: 'is not a position in the audit log' })
    .meta({ description: 'The previous page\'s `nextCursor`.', examples: ['2026-11-30T18:00:00.000Z_cm3x0y1z20000abcd1234efgh'] });

const cursorOf = (event: { at: Date; id: string }) => `${event.at.toISOString()}_${event.id}`;

const ZAuditQuery = z.object({
  limit: zPageLimit(100),
  cursor: zAuditCursor().optional(),
  year: zYearParam().optional().meta({ description: "Only events of this year's cycle (and its requests)." }),
  institution: zInstitutionCode().optional().meta({ description: "Only events of this institution's requests." }),
  actor: zLine(LIMITS.actor).optional().meta({ description: 'Only events whose actor starts with this: `contact:`, `secretariat:ana@sre.gob.mx`, `workflow`.' }),
  action: z
    .string()
    .regex(/^[A-Z][A-Z_]{0,39}$/)
    .optional()
    .meta({ description: 'Only events of this action: `SUBMITTED`, `EMAIL_SENT`, `EXTENSION_APPROVED`, `NEEDS_ATTENTION`, `TOKEN_CREATED`, …' }),
});

const ZAuditEvent = z
  .strictObject({
    id: z.string(),
    at: zInstant(),
    actor: z.string().meta({ description: '`workflow`, `secretariat:<who>`, `contact:<email>`, a user\'s email, `token:<name>`.' }),
    action: z.string(),
    year: z.number().int().nullable().meta({ description: "The cycle's year, when the event belongs to one." }),
    institution: z.string().nullable(),
    workflowId: z.string().nullable().meta({ description: "The request's workflow, when the event belongs to one." }),
    data: z.unknown().meta({ description: 'What the event records (JSON; depends on the action).' }),
  })
  .meta({ id: 'AuditEvent' });

/**
 * The audit log, for the secretariat and the working group (READ): every change of the record, newest
 * first, filtered by cycle year, institution, actor (prefix) and action, paged by a cursor on
 * (instant, id) — stable while new events are written.
 */
export function registerAuditRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.AUDIT],
        summary: 'The audit log',
        description: 'Who did what, when, newest first: cycle openings and closings, emails sent or failed, submissions, extensions, contact changes, exemptions, attention flags, users and tokens. Paged by `cursor`; filtered by `year`, `institution`, `actor` (a prefix) and `action`.',
        security: SIGNED_IN,
        querystring: ZAuditQuery,
        response: responses({ 200: json(z.strictObject({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() }), 'One page of events.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const { limit, cursor, year, institution, actor, action } = request.query;
      const cycleIds = year === undefined ? [] : (await prisma.reportingCycle.findMany({ where: { year }, select: { id: true } })).map((c) => c.id);
      const where: Prisma.AuditEventWhereInput = {
        AND: [
          ...(year !== undefined ? [{ OR: [{ cycleId: { in: cycleIds } }, { dataRequest: { cycle: { year } } }] }] : []),
          ...(institution ? [{ dataRequest: { institution: { code: institution } } }] : []),
          ...(actor ? [{ actor: { startsWith: actor } }] : []),
          ...(action ? [{ action }] : []),
          // Keyset paging, newest first: the events before the last one seen.
          ...(cursor ? [{ OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }] : []),
        ],
      };
      const rows = await prisma.auditEvent.findMany({
        where,
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        include: { dataRequest: { select: { workflowId: true, institution: { select: { code: true } }, cycle: { select: { year: true } } } } },
      });
      const page = rows.slice(0, limit);
      const orphans = [...new Set(page.filter((e) => !e.dataRequest && e.cycleId).map((e) => e.cycleId!))];
      const years = new Map((await prisma.reportingCycle.findMany({ where: { id: { in: orphans } }, select: { id: true, year: true } })).map((c) => [c.id, c.year]));
      return {
        events: page.map((e) => ({
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          year: e.dataRequest?.cycle.year ?? (e.cycleId ? (years.get(e.cycleId) ?? null) : null),
          institution: e.dataRequest?.institution.code ?? null,
          workflowId: e.dataRequest?.workflowId ?? null,
          data: e.data,
        })),
        nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null,
      };
    },
  );
}
