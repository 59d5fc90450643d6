import { openCycle, ZOpenCycleBody } from './commands/open-cycle';
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

export interface CycleRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  now: () => Date;
  /** Who may: the secretariat opens cycles; the working group reads their status. */
  auth: Auth;
}

/** Secretariat routes: open a reporting cycle, read its status per institution. */
export function registerCycleRoutes(app: FastifyInstance, { prisma, temporal, taskQueue, now, auth }: CycleRouteDeps): void {
  app.post('/api/cycles', async (request, reply) => {
    const who = await auth.guard(request, Access.ACT);
    const body = ZOpenCycleBody.parse(request.body ?? {});
    const opened = await openCycle({ prisma, temporal, taskQueue, now }, body, who.name);
    return reply
      .status(202)
      .header('location', `/api/cycles/${body.year}`)
      .send({ ...opened, status: 'OPENING', statusUrl: `/api/cycles/${body.year}` });
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
        extensionRequestedAt: true,
        extensionRequestedDeadline: true,
        deliveryFailedAt: true,
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
        extensionRequested: r.extensionRequestedAt ? { at: r.extensionRequestedAt, deadline: r.extensionRequestedDeadline } : null,
        deliveryFailed: r.deliveryFailedAt !== null,
        latestVersion: r.submissions[0]?.version ?? null,
      })),
    };
  });
}
