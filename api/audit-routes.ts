import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS, zInstitutionCode, zLine, zYearParam } from '../domain/input-bounds';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { AUDIT_PAGE_SIZE, auditLogPage, zAuditCursor } from './queries/audit-log';
import { AUTH_PROBLEMS, json, responses, SIGNED_IN, Tag, zInstant } from './route-schemas';

const ZAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE.max).default(100),
  cursor: zAuditCursor()
    .optional()
    .meta({ description: "The previous page's `nextCursor` (opaque).", examples: ['MTc2NDUyNTYwMDAwMC5jbTN4MHkxejIwMDAwYWJjZDEyMzRlZmdo'] }),
  year: zYearParam().optional().meta({ description: "Only events of this year's cycle (and its requests)." }),
  institution: zInstitutionCode().optional().meta({ description: "Only events of this institution's requests." }),
  actor: zLine(LIMITS.actor).optional().meta({ description: 'Only events whose actor contains this, whatever the case: `contact:`, `ana@sre.gob.mx`, `workflow`, `token:`.' }),
  action: z
    .string()
    .regex(/^[A-Z][A-Z_]{0,39}$/)
    .optional()
    .meta({ description: 'Only events of this action: `SUBMITTED`, `EMAIL_SENT`, `EXTENSION_APPROVED`, `NEEDS_ATTENTION`, `TOKEN_CREATED`, … (domain/audit-actions.ts).' }),
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
 * first, filtered by cycle year, institution, actor and action, paged by a cursor on (instant, id) —
 * stable while new events are written. The same query as the /audit page (api/queries/audit-log.ts).
 */
export function registerAuditRoutes(app: FastifyInstance, { prisma, auth }: { prisma: PrismaClient; auth: Auth }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      onRequest: auth.requires(Access.READ),
      schema: {
        tags: [Tag.AUDIT],
        summary: 'The audit log',
        description: 'Who did what, when, newest first: cycle openings and closings, emails sent or failed, submissions, extensions, contact changes, exemptions, attention flags, users and tokens. Paged by `cursor`; filtered by `year`, `institution`, `actor` and `action`.',
        security: SIGNED_IN,
        querystring: ZAuditQuery,
        response: responses({ 200: json(z.strictObject({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() }), 'One page of events.') }, 400, AUTH_PROBLEMS),
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await auditLogPage({ prisma, filters, cursor, limit });
      return {
        events: page.entries.map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, year: e.cycleYear, institution: e.institutionCode, workflowId: e.workflowId, data: e.data })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
