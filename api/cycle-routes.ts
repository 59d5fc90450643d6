import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../domain/app-error';
import { createBusinessCalendar, DEFAULT_ZONE } from '../domain/business-calendar';
import { deadlineWindow, LIMITS, zActor, zInstitutionCode, zIsoDate, zYear, ZYearParams } from '../domain/input-bounds';
import { DEFAULT_REPORTING_POLICY, mergePolicy, type TReportingPolicyOverride } from '../domain/reporting-policy';
import type { ReportingCycleInput } from '../domain/request-types';
import { Access } from '../domain/roles';
import type { PrismaClient } from '../prisma/client';
import type { Auth } from './auth/principal';
import { reportingCycle } from '../workflows';

export const ZOpenCycleBody = z.strictObject({
  year: zYear(),
  /** Deadline date (America/Mexico_City), yyyy-MM-dd, within {@link deadlineWindow} of the year. */
  deadline: zIsoDate(),
  /** Institution codes; default: every institution that reports an indicator of the plan. */
  institutions: z.array(zInstitutionCode()).min(1).max(LIMITS.institutions).optional(),
  /** Partial reporting policy laid over the default (validated by domain/reporting-policy: unknown keys refused). */
  policy: z.record(z.string().max(64), z.unknown()).optional(),
  /** Per-institution overrides, laid over the cycle's policy: `{ "SEMAR": { "reminders": { … } } }`. */
  policyOverrides: z.record(zInstitutionCode(), z.record(z.string().max(64), z.unknown())).optional(),
  openedBy: zActor(),
});

export interface CycleRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
  /** Who may: the secretariat opens cycles; the working group reads their status. */
  auth: Auth;
}

/** Stores a cycle opening's large parts (content-addressed) and returns the row's id. */
async function stageCycleOpening(prisma: PrismaClient, content: { institutionCodes?: string[]; policyOverrides?: Record<string, unknown> }): Promise<string> {
  const json = JSON.stringify(content);
  const id = createHash('sha256').update(json).digest('hex');
  await prisma.stagedCycleOpening.createMany({ data: [{ id, content: JSON.parse(json) as object }], skipDuplicates: true });
  return id;
}

/** Secretariat routes: open a reporting cycle, read its status per institution. */
export function registerCycleRoutes(app: FastifyInstance, { prisma, temporal, taskQueue, now, auth }: CycleRouteDeps): void {
  app.post('/api/cycles', async (request, reply) => {
    const who = await auth.guard(request, Access.ACT);
    const body = ZOpenCycleBody.parse(request.body ?? {});
    const cyclePolicy = mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: (body.policy ?? null) as TReportingPolicyOverride | null });
    for (const [code, override] of Object.entries(body.policyOverrides ?? {})) {
      try {
        mergePolicy({ base: cyclePolicy, override: override as TReportingPolicyOverride });
      } catch (err) {
        if (err instanceof AppError) throw new AppError('VALIDATION', `policyOverrides.${code}: ${err.message}`, err.fields);
        throw err;
      }
    }
    const today = DateTime.fromJSDate(now(), { zone: DEFAULT_ZONE }).toISODate()!;
    if (body.deadline <= today) throw new AppError('VALIDATION', `deadline ${body.deadline} must be after today (${today}, Mexico City)`, { deadline: 'must be in the future' });
    const window = deadlineWindow(body.year);
    if (body.deadline < window.from || body.deadline > window.to) {
      throw new AppError('VALIDATION', `deadline ${body.deadline} does not fit the ${body.year} cycle: it must fall between ${window.from} and ${window.to}`, {
        deadline: `must fall between ${window.from} and ${window.to} (the reported year to two years after it)`,
      });
    }
    const calendar = createBusinessCalendar({ zone: DEFAULT_ZONE });
    const effective = calendar.businessDayOnOrAfter(body.deadline);

    const plan = await prisma.plan.findFirst({ orderBy: { version: 'desc' } });
    if (!plan) throw new AppError('UNAVAILABLE', 'No plan is loaded yet: run the seed step (npm run db:seed).');
    const outside = body.institutions ? Object.keys(body.policyOverrides ?? {}).filter((c) => !body.institutions!.includes(c)) : [];
    if (outside.length) {
      throw new AppError('VALIDATION', `policyOverrides names institution(s) not in this cycle: ${outside.join(', ')}`, { policyOverrides: `not in institutions: ${outside.join(', ')}` });
    }
    const named = [...new Set([...(body.institutions ?? []), ...Object.keys(body.policyOverrides ?? {})])];
    if (named.length) {
      const codes = named;
      const found = await prisma.institution.findMany({ where: { code: { in: codes } }, select: { code: true } });
      const known = new Set(found.map((f) => f.code));
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length) throw new AppError('VALIDATION', `Unknown institution code(s): ${unknown.slice(0, 20).join(', ')}`, { institutions: `unknown: ${unknown.slice(0, 20).join(', ')}` });
    }
    const workflowId = `cycle/${body.year}`;
    const input: ReportingCycleInput = {
      year: body.year,
      deadlineDate: body.deadline,
      policy: body.policy,
      openedBy: `secretariat:${body.openedBy ?? who.name}`,
      // The institution list and per-institution policies can be large: stored first, the workflow's
      // input carries the row's id.
      ...(body.institutions || body.policyOverrides
        ? { stagedOpeningId: await stageCycleOpening(prisma, { institutionCodes: body.institutions ? [...new Set(body.institutions)] : undefined, policyOverrides: body.policyOverrides }) }
        : {}),
    };
    try {
      await temporal.workflow.start(reportingCycle, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new AppError('CONFLICT', `The ${body.year} cycle was already opened (workflow ${workflowId}).`);
      }
      throw err;
    }
    return reply
      .status(202)
      .header('location', `/api/cycles/${body.year}`)
      .send({ year: body.year, workflowId, deadline: effective, status: 'OPENING', statusUrl: `/api/cycles/${body.year}` });
  });

  app.get('/api/cycles/:year', async (request) => {
    await auth.guard(request, Access.READ);
    const { year } = ZYearParams.parse(request.params);
    const page = z
      .object({
        offset: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1_000).default(1_000),
        status: z.enum(['PENDING', 'REQUESTED', 'DRAFT', 'SUBMITTED', 'OVERDUE', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED']).optional(),
      })
      .parse(request.query ?? {});
    const cycle = await prisma.reportingCycle.findFirst({ where: { year }, orderBy: { plan: { version: 'desc' } } });
    if (!cycle) {
      const running = await temporal.workflow
        .getHandle(`cycle/${year}`)
        .describe()
        .then((d) => d.status.name === 'RUNNING')
        .catch(() => false);
      if (running) return { year, status: 'OPENING', requests: [], counts: {} };
      throw new AppError('NOT_FOUND', `No reporting cycle for ${year}.`);
    }
    const requests = await prisma.dataRequest.findMany({
      where: { cycleId: cycle.id, ...(page.status ? { status: page.status } : {}) },
      orderBy: { workflowId: 'asc' },
      skip: page.offset,
      take: page.limit,
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
        institution: { select: { code: true, nameEs: true, nameEn: true } },
        submissions: { orderBy: { version: 'desc' }, take: 1, select: { version: true, kind: true } },
      },
    });
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
      page: { offset: page.offset, limit: page.limit, ...(page.status ? { status: page.status } : {}) },
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
        latestVersion: r.submissions[0]?.version ?? null,
      })),
    };
  });
}
