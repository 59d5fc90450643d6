import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { computeTimeline } from '../domain/compute-timeline';
import { DEFAULT_REPORTING_POLICY, mergePolicy, type TReportingPolicy, type TReportingPolicyOverride } from '../domain/reporting-policy';
import { REQUEST_CODE_VERSION, type InstitutionRequestInput, type ReportingCycleInput } from '../domain/request-types';
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import { businessCalendar } from '../prisma/business-calendar';

/** Workflow id of one institution's request: `request/<year>/<institution code>`. */
export const requestWorkflowId = (year: number, institutionCode: string) => `request/${year}/${institutionCode}`;

/** The workflow type of one institution's request (workflows/institution-request.ts), started by name. */
const INSTITUTION_REQUEST_WORKFLOW = 'institutionRequest';

export function createCycleActivities({ prisma, clock }: ActivityDeps) {
  /** The cycle input with its staged parts (institution list, per-institution policies) read back. */
  async function withStagedOpening<T extends ReportingCycleInput>(input: T): Promise<T> {
    if (!input.stagedOpeningId) return input;
    const staged = await prisma.stagedCycleOpening.findUniqueOrThrow({ where: { id: input.stagedOpeningId } });
    const content = staged.content as { institutionCodes?: string[]; policyOverrides?: Record<string, unknown> };
    return { ...input, institutionCodes: content.institutionCodes, policyOverrides: content.policyOverrides };
  }

  /** One page of a cycle's requests in the stable order (workflow id) that both listings page over. */
  const cyclePage = ({ cycleId, offset, limit }: { cycleId: string; offset: number; limit: number }) =>
    prisma.dataRequest.findMany({
      where: { cycleId },
      orderBy: { workflowId: 'asc' },
      skip: offset,
      take: limit,
      select: { id: true, workflowId: true, endedAt: true, institution: { select: { code: true } } },
    });

  return {
    /**
     * Records the cycle and one data request per institution. Idempotent: a retry (or a second run of
     * the cycle workflow) finds the rows already there and creates nothing twice.
     */
    async prepareCycle(cycleInput: ReportingCycleInput & { workflowId: string }): Promise<{ cycleId: string; total: number }> {
      const input = await withStagedOpening(cycleInput);
      const plan = await prisma.plan.findFirst({ orderBy: [{ key: 'asc' }, { version: 'desc' }] });
      if (!plan) throw ApplicationFailure.nonRetryable('No plan is loaded: run the seed step first', 'NoPlan');
      let policy: TReportingPolicy;
      try {
        policy = mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: (input.policy ?? null) as TReportingPolicyOverride | null });
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidPolicy');
      }

      const institutions = input.institutionCodes?.length
        ? await prisma.institution.findMany({ where: { code: { in: input.institutionCodes } }, orderBy: { code: 'asc' } })
        : await prisma.institution.findMany({
            where: { active: true, reportedIndicators: { some: { indicator: { planId: plan.id } } } },
            orderBy: { code: 'asc' },
          });
      const known = new Set(institutions.map((i) => i.code));
      const unknown = (input.institutionCodes ?? []).filter((c) => !known.has(c));
      if (unknown.length) throw ApplicationFailure.nonRetryable(`Unknown institution codes: ${unknown.join(', ')}`, 'UnknownInstitution');

      const now = clock();
      const timeline = computeTimeline({
        policy,
        openedAt: now.toISOString(),
        deadlineDate: input.deadlineDate,
        calendar: await businessCalendar(prisma),
      });

      const cycle = await prisma.reportingCycle.upsert({
        where: { planId_year_kind: { planId: plan.id, year: input.year, kind: 'DATA' } },
        create: {
          planId: plan.id,
          year: input.year,
          workflowId: input.workflowId,
          openedAt: now,
          deadline: new Date(timeline.deadlineAt),
          policy: policy as object,
          openedBy: input.openedBy,
        },
        update: {},
      });
      // Bulk insert with ON CONFLICT DO NOTHING: 10,000 requests in a few statements, safe to repeat.
      const rows = institutions.map((i) => ({
        cycleId: cycle.id,
        institutionId: i.id,
        workflowId: requestWorkflowId(input.year, i.code),
        deadline: new Date(timeline.deadlineAt),
        ...(input.policyOverrides?.[i.code] ? { policyOverride: input.policyOverrides[i.code] as object } : {}),
      }));
      for (let i = 0; i < rows.length; i += 2_000) {
        await prisma.dataRequest.createMany({ data: rows.slice(i, i + 2_000), skipDuplicates: true });
      }
      await writeAudit(prisma, {
        actor: input.openedBy,
        action: 'CYCLE_OPENED',
        cycleId: cycle.id,
        data: { year: input.year, deadline: timeline.deadlineAt, institutions: institutions.length },
        idempotencyKey: `${input.workflowId}/opened`,
      });
      const total = await prisma.dataRequest.count({ where: { cycleId: cycle.id } });
      return { cycleId: cycle.id, total };
    },

    /** One page of a cycle's requests, in a stable order, for the cycle workflow to start. */
    async listCycleRequests(page: { cycleId: string; offset: number; limit: number }) {
      const rows = await cyclePage(page);
      return rows.map((r) => ({ dataRequestId: r.id, workflowId: r.workflowId, institutionCode: r.institution.code }));
    },

    /**
     * Starts one page of a cycle's request workflows (same stable order as {@link listCycleRequests}) with
     * the worker's client, all of the page at once, on the worker's task queue, and returns how many the
     * page held. Each request is told the cycle's workflow id so it can say when it ends, and the code
     * version it starts under (its patches then cost no history events). Never twice: a
     * request already started (by an earlier attempt, or an earlier run of the cycle) is left alone, so a
     * retry of the activity only starts what the failed attempt had not.
     *
     * This replaces child workflows for cycles opened after `start-requests-from-activity`: a parent
     * records each child's start in its own history, one at a time under its lock, and that was what paced
     * a 10,000-entity fan-out (issue 11).
     */
    async startCycleRequests({ cycleId, offset, limit, year, cycleWorkflowId }: { cycleId: string; offset: number; limit: number; year: number; cycleWorkflowId: string }): Promise<{ scanned: number; started: number }> {
      const rows = await cyclePage({ cycleId, offset, limit });
      const { client, info } = Context.current();
      const outcomes = await Promise.all(
        rows.map(async (r) => {
          const input: InstitutionRequestInput = { dataRequestId: r.id, year, institutionCode: r.institution.code, cycleWorkflowId, codeVersion: REQUEST_CODE_VERSION };
          try {
            await client.workflow.start(INSTITUTION_REQUEST_WORKFLOW, { workflowId: r.workflowId, taskQueue: info.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
            return 1;
          } catch (err) {
            if (err instanceof WorkflowExecutionAlreadyStartedError) return 0;
            throw err;
          }
        }),
      );
      return { scanned: rows.length, started: outcomes.reduce<number>((a, b) => a + b, 0) };
    },

    /**
     * Scans one page of a cycle's requests (same stable order as {@link listCycleRequests}) and returns
     * those not yet ended, so that closing the cycle signals only open requests.
     */
    async listOpenRequests(page: { cycleId: string; offset: number; limit: number }) {
      const rows = await cyclePage(page);
      return { scanned: rows.length, open: rows.filter((r) => r.endedAt === null).map((r) => ({ workflowId: r.workflowId })) };
    },

    /** Records that the secretariat is closing the cycle early (audit), before the requests are told. */
    async recordCycleClosing({ cycleId, reason, closedBy, idempotencyKey }: { cycleId: string; reason: string; closedBy: string; idempotencyKey: string }) {
      await writeAudit(prisma, { actor: `secretariat:${closedBy}`, action: 'CYCLE_CLOSING', cycleId, data: { reason }, idempotencyKey });
    },

    /** How many of a cycle's requests are still open (not ended), read from the record. */
    async cycleProgress({ cycleId }: { cycleId: string }): Promise<{ total: number; open: number }> {
      const [total, ended] = await Promise.all([
        prisma.dataRequest.count({ where: { cycleId } }),
        prisma.dataRequest.count({ where: { cycleId, endedAt: { not: null } } }),
      ]);
      return { total, open: total - ended };
    },

    async closeCycleRecord({ cycleId, idempotencyKey }: { cycleId: string; idempotencyKey: string }): Promise<void> {
      await prisma.reportingCycle.updateMany({ where: { id: cycleId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: clock() } });
      await writeAudit(prisma, { actor: 'workflow', action: 'CYCLE_CLOSED', cycleId, idempotencyKey });
    },
  };
}
