import { Client, isGrpcDeadlineError, QueryNotRegisteredError, WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import { cycleStatusQuery, statusQuery } from '../workflows';
import { ConsistencyProblemKind, type ConsistencyProblem, type ConsistencyReport } from './consistency-report';
import { executionProblems } from './execution-problems';
import { isQuiescent } from './is-quiescent';
import { mapConcurrently } from './map-concurrently';

export interface CheckConsistencyOptions {
  prisma: PrismaClient;
  client: Client;
  /** Namespace of the workflows; default: the client's. */
  namespace?: string;
  /** Attempts an activity may take before it is reported as retrying (default 3: attempt 4 is reported). */
  maxActivityAttempts?: number;
  /** Describe/query calls in flight at once (default 20). */
  concurrency?: number;
  /** Only this cycle (its `cycle/<year>` workflow and its requests); default: every cycle. */
  cycleYear?: number;
  /** Also describe ended requests (default: only when `cycleYear` is given, to keep a full run cheap). */
  includeEnded?: boolean;
  /** Wait before re-checking what looked wrong, so a transition in flight is not reported (default 1 s). */
  recheckDelayMs?: number;
  /** Deadline of each describe, query or history call (default 5 s). */
  rpcTimeoutMs?: number;
  /** How long a workflow may outlive the end its record shows (default 60 s). */
  endGraceMs?: number;
  /** DataRequest rows read per page (default 500). */
  pageSize?: number;
  /** Now, for the grace arithmetic (default: the wall clock). */
  clock?: () => Date;
}

type RequestRow = { id: string; workflowId: string; status: string; endedAt: Date | null; cycleId: string; attentionAt: Date | null; attentionReason: string | null };
type CycleRow = { id: string; year: number; workflowId: string; status: string; closedAt: Date | null };
type Described = { description: WorkflowExecutionDescription } | { missing: true } | { error: string };
/** A request's problems, and whether it was caught mid-transition (busy and disagreeing: worth a second look). */
type RequestCheck = { problems: ConsistencyProblem[]; unsettled: boolean };

const REQUEST_COLUMNS = { id: true, workflowId: true, status: true, endedAt: true, cycleId: true, attentionAt: true, attentionReason: true } as const;
const CYCLE_COLUMNS = { id: true, year: true, workflowId: true, status: true, closedAt: true } as const;
/**
 * Describes failing one after another (not "not found": errors, deadlines) before the run stops: a
 * Temporal that stopped answering would otherwise make a problem row, and a 5 s wait, of every request.
 */
const MAX_FAILURES_IN_A_ROW = 50;
/** Workflow ends that lose work: an operator must look at each, even when the record says all is done. */
const ENDED_BADLY = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED']);

/**
 * Compares Temporal (the process) with PostgreSQL (the record) and lists where they disagree; see
 * {@link ConsistencyProblemKind} for what each kind means.
 *
 * - Cycles (few): every `ReportingCycle` (or the one of `cycleYear`) has its `cycle/<year>` workflow
 *   described; an OPEN cycle's workflow must run, a CLOSED cycle's must not outlive `closedAt` by more
 *   than `endGraceMs`, and a running one is queried (`cycleStatusQuery`).
 * - Open requests (`endedAt` null): read a page at a time by id (a cycle may hold 10,000+), each workflow
 *   described (pending activities, workflow task) and, if it runs, queried with `statusQuery`; when it is
 *   quiescent (see {@link isQuiescent}) its status must equal `DataRequest.status`. A busy workflow that
 *   disagrees, or has not registered its query handler yet (it does so after its first activity), is
 *   caught mid-transition and only re-checked. A PENDING request whose workflow does not exist yet is not
 *   a problem while its cycle is still starting children (`started < total`).
 * - Ended requests are only described when `includeEnded` (default: when `cycleYear` narrows the run):
 *   their workflow must not have ended badly nor run past the grace. A workflow gone from Temporal
 *   (retention) is fine for ended records.
 *
 * Anything that looks wrong (or mid-transition) is re-read from both sides once more after
 * `recheckDelayMs`, and only what is still wrong is reported: the record is written a moment before the
 * workflow ends, a page read minutes ago may be stale, and a quiescent workflow read just before a timer
 * fired may be busy by the time it is queried.
 * Every call has a deadline (`rpcTimeoutMs`); a failing call is a problem (`QUERY_FAILED`), but 50
 * describes failing in a row reject the whole run (Temporal is down: the report would say nothing), as does
 * a database error. Read-only on both sides.
 */
export async function checkConsistency({
  prisma,
  client,
  namespace,
  maxActivityAttempts = 3,
  concurrency = 20,
  cycleYear,
  includeEnded = cycleYear !== undefined,
  recheckDelayMs = 1_000,
  rpcTimeoutMs = 5_000,
  endGraceMs = 60_000,
  pageSize = 500,
  clock = () => new Date(),
}: CheckConsistencyOptions): Promise<ConsistencyReport> {
  const temporal = namespace && namespace !== client.options.namespace ? new Client({ connection: client.connection, namespace }) : client;
  const within = <T>(call: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + rpcTimeoutMs, call);
  const seconds = `${rpcTimeoutMs / 1000} s`;
  /** Cycles still starting their children: their PENDING requests may not have a workflow yet. */
  const starting = new Set<string>();
  let failuresInARow = 0;

  const cycles = await prisma.reportingCycle.findMany({ where: cycleYear === undefined ? {} : { year: cycleYear }, select: CYCLE_COLUMNS, orderBy: { year: 'asc' } });
  if (cycleYear !== undefined && cycles.length === 0) return { checked: 0, checkedEnded: 0, cycles: 0, problems: [] };
  const inScope = cycleYear === undefined ? {} : { cycleId: { in: cycles.map((c) => c.id) } };

  const suspects = { cycles: new Set<string>(), requests: new Set<string>() };
  for (const [cycle, problems] of await mapConcurrently({ items: cycles, concurrency, run: async (c) => [c, await checkCycle(c)] as const })) {
    if (problems.length) suspects.cycles.add(cycle.id);
  }
  const checked = await pageRequests({ ended: false, onSuspect: (row) => suspects.requests.add(row.id) });
  const checkedEnded = includeEnded ? await pageRequests({ ended: true, onSuspect: (row) => suspects.requests.add(row.id) }) : 0;

  const problems: ConsistencyProblem[] = [];
  if (suspects.cycles.size || suspects.requests.size) {
    await new Promise((resolve) => setTimeout(resolve, recheckDelayMs));
    const freshCycles = await prisma.reportingCycle.findMany({ where: { id: { in: [...suspects.cycles] } }, select: CYCLE_COLUMNS });
    for (const found of await mapConcurrently({ items: freshCycles, concurrency, run: checkCycle })) problems.push(...found);
    const ids = [...suspects.requests];
    for (let i = 0; i < ids.length; i += pageSize) {
      const rows = await prisma.dataRequest.findMany({ where: { id: { in: ids.slice(i, i + pageSize) } }, select: REQUEST_COLUMNS });
      for (const found of await mapConcurrently({ items: rows, concurrency, run: checkRequest })) problems.push(...found.problems);
    }
  }
  problems.sort((a, b) => a.workflowId.localeCompare(b.workflowId, 'en') || a.kind.localeCompare(b.kind, 'en'));
  return { checked, checkedEnded, cycles: cycles.length, problems };

  /** Checks every open (or every ended) request in scope, a page at a time; returns how many. */
  async function pageRequests({ ended, onSuspect }: { ended: boolean; onSuspect: (row: RequestRow) => void }): Promise<number> {
    let count = 0;
    let after: string | undefined;
    for (;;) {
      // Keyset paging on the primary key: rows that end meanwhile do not shift later pages.
      const rows: RequestRow[] = await prisma.dataRequest.findMany({
        where: { ...inScope, endedAt: ended ? { not: null } : null, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: 'asc' },
        take: pageSize,
        select: REQUEST_COLUMNS,
      });
      if (rows.length === 0) return count;
      const found = await mapConcurrently({ items: rows, concurrency, run: checkRequest });
      rows.forEach((row, i) => {
        if (found[i].problems.length || found[i].unsettled) onSuspect(row);
      });
      count += rows.length;
      after = rows[rows.length - 1].id;
    }
  }

  async function checkCycle(cycle: CycleRow): Promise<ConsistencyProblem[]> {
    const { workflowId } = cycle;
    const described = await describe(workflowId);
    if ('error' in described) return [{ workflowId, kind: ConsistencyProblemKind.QUERY_FAILED, detail: described.error }];
    if ('missing' in described) {
      if (cycle.status === 'CLOSED') return [];
      return [{ workflowId, kind: ConsistencyProblemKind.WORKFLOW_NOT_RUNNING, detail: `cycle ${cycle.year} is OPEN in the record but no workflow ${workflowId} exists` }];
    }
    const { description } = described;
    const problems = await pendingWork(workflowId, description);
    const status = description.status.name;
    if (cycle.status === 'CLOSED') {
      if (ENDED_BADLY.has(status)) {
        problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_ENDED_BADLY, detail: `cycle ${cycle.year} is CLOSED in the record; its workflow is ${status}${since(description)}` });
      } else if (status === 'RUNNING' && outlived(cycle.closedAt)) {
        problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_STILL_RUNNING, detail: `cycle ${cycle.year} is CLOSED in the record since ${iso(cycle.closedAt)} but its workflow is still running` });
      }
      return problems;
    }
    if (status !== 'RUNNING') {
      problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_NOT_RUNNING, detail: `cycle ${cycle.year} is OPEN in the record but its workflow is ${status}${since(description)}` });
      return problems;
    }
    try {
      const state = await within(() => temporal.workflow.getHandle(workflowId).query(cycleStatusQuery));
      if (state.total === undefined || state.started < state.total) starting.add(cycle.id);
      else starting.delete(cycle.id);
      if (state.closed) problems.push({ workflowId, kind: ConsistencyProblemKind.STATUS_MISMATCH, detail: `workflow says the cycle is closed, record says ${cycle.status}` });
    } catch (err) {
      problems.push({ workflowId, kind: ConsistencyProblemKind.QUERY_FAILED, detail: failed('status query', err) });
    }
    return problems;
  }

  async function checkRequest(row: RequestRow): Promise<RequestCheck> {
    const { workflowId } = row;
    const settled = (problems: ConsistencyProblem[]): RequestCheck => ({ problems, unsettled: false });
    const described = await describe(workflowId);
    if ('error' in described) return settled([{ workflowId, kind: ConsistencyProblemKind.QUERY_FAILED, detail: described.error }]);
    if ('missing' in described) {
      // Ended: the history may be gone after the namespace's retention. PENDING: its cycle may not have started it yet.
      if (row.endedAt || (row.status === 'PENDING' && starting.has(row.cycleId))) return settled([]);
      return settled([{ workflowId, kind: ConsistencyProblemKind.WORKFLOW_NOT_RUNNING, detail: `record is open (${row.status}) but no workflow ${workflowId} exists` }]);
    }
    const { description } = described;
    const problems = await pendingWork(workflowId, description);
    if (row.attentionAt) {
      problems.push({ workflowId, kind: ConsistencyProblemKind.NEEDS_ATTENTION, detail: `flagged since ${iso(row.attentionAt)}: ${row.attentionReason ?? '(no reason)'}` });
    }
    const status = description.status.name;
    if (row.endedAt) {
      if (ENDED_BADLY.has(status)) {
        problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_ENDED_BADLY, detail: `record ended ${row.status} at ${iso(row.endedAt)}; the workflow is ${status}${since(description)}` });
      } else if (status === 'RUNNING' && outlived(row.endedAt)) {
        problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_STILL_RUNNING, detail: `record ended ${row.status} at ${iso(row.endedAt)} but the workflow is still running` });
      }
      return settled(problems);
    }
    if (status !== 'RUNNING') {
      problems.push({ workflowId, kind: ConsistencyProblemKind.WORKFLOW_NOT_RUNNING, detail: `record is open (${row.status}) but the workflow is ${status}${since(description)}` });
      return settled(problems);
    }
    const quiescent = isQuiescent({ described: description.raw });
    try {
      const state = await within(() => temporal.workflow.getHandle(workflowId).query(statusQuery));
      if (state.status === row.status) return settled(problems);
      if (!quiescent) return { problems, unsettled: true };
      problems.push({ workflowId, kind: ConsistencyProblemKind.STATUS_MISMATCH, detail: `workflow says ${state.status}, record says ${row.status}` });
    } catch (err) {
      // Runs that started before handlers were registered first (v1) answer only after their first activity.
      if (err instanceof QueryNotRegisteredError && !quiescent) return { problems, unsettled: true };
      problems.push({ workflowId, kind: ConsistencyProblemKind.QUERY_FAILED, detail: failed('status query', err) });
    }
    return settled(problems);
  }

  async function describe(workflowId: string): Promise<Described> {
    try {
      const description = await within(() => temporal.workflow.getHandle(workflowId).describe());
      failuresInARow = 0;
      return { description };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        failuresInARow = 0;
        return { missing: true };
      }
      if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        throw new Error(`Temporal is not answering: ${failuresInARow} describes in a row failed; the last: ${failed('describe', err)}`, { cause: err });
      }
      return { error: failed('describe', err) };
    }
  }

  /** Retrying activities and a failing workflow task, with the task's failure read from the history when there is one. */
  async function pendingWork(workflowId: string, description: WorkflowExecutionDescription): Promise<ConsistencyProblem[]> {
    const failing = (description.raw.pendingWorkflowTask?.attempt ?? 0) > 1;
    const workflowTaskFailure = failing ? await lastWorkflowTaskFailure(workflowId, description.runId) : undefined;
    return executionProblems({ workflowId, described: description.raw, maxActivityAttempts, workflowTaskFailure });
  }

  /** Best effort: the message of the run's last `WorkflowTaskFailed` event (the history of a failing run is short). */
  async function lastWorkflowTaskFailure(workflowId: string, runId: string): Promise<string | undefined> {
    try {
      const history = await within(() => temporal.workflow.getHandle(workflowId, runId).fetchHistory());
      const failedTasks = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
      return failedTasks.at(-1)?.workflowTaskFailedEventAttributes?.failure?.message ?? undefined;
    } catch {
      return undefined;
    }
  }

  function outlived(endedAt: Date | null): boolean {
    return endedAt !== null && clock().getTime() - endedAt.getTime() > endGraceMs;
  }

  function failed(what: string, err: unknown): string {
    if (isGrpcDeadlineError(err)) return `${what} did not answer within ${seconds}`;
    return `${what} failed: ${messageOf(err)}`;
  }
}

/** An error's message with its causes' (the client wraps the server's reason: "Failed to query Workflow" alone says little). */
function messageOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.includes(message)) parts.push(message);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ');
}

function since(description: WorkflowExecutionDescription): string {
  return description.closeTime ? ` since ${description.closeTime.toISOString()}` : '';
}

function iso(at: Date | null): string {
  return at ? at.toISOString() : '?';
}
