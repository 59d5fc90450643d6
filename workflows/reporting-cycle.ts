import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineUpdate,
  executeChild,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CloseRequestCommand, ReportingCycleInput, ReportingCycleState } from '../domain/request-types';
import { closeRequestSignal, cycleStatusQuery, requestEndedSignal } from './cycle-messages';
import { annualReport } from './annual-report';
import { startRequestChildren } from './start-request-children';

const CYCLE_ACTIVITY_RETRY = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['DataError', 'NotFound'] };
const { prepareCycle, listCycleRequests, listOpenRequests, cycleProgress, closeCycleRecord, recordCycleClosing } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: CYCLE_ACTIVITY_RETRY,
});
/**
 * A page of 200 starts took about 1 s at 10,000 entities on one 2-core machine; a worker killed in the middle
 * of one holds the fan-out only this long before the page is retried (and its retry starts only what is left).
 */
const { startCycleRequests } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: CYCLE_ACTIVITY_RETRY });

/** Requests started per activity page. */
const BATCH_SIZE = 200;
/**
 * Children started per run before continue-as-new. Each child costs about three events in the run that
 * started it (initiated, started, and completed if the run is still open), so 1,000 keeps a run well
 * under 10,000 events.
 */
const CHILDREN_PER_RUN = 1_000;
/** Close signals sent per run before continue-as-new (each costs two events). */
const SIGNALS_PER_RUN = 2_000;

/**
 * Cycles opened before it started their requests as children, a page of `listCycleRequests` at a time;
 * after it, one `startCycleRequests` activity per page starts them through the worker's client (issue 11:
 * a parent records each child's start in its own history, one at a time, and that paced the fan-out).
 */
const START_FROM_ACTIVITY_PATCH = 'start-requests-from-activity';

/** Cycles run before the annual report existed end without starting one (recorded histories replay). */
const ANNUAL_REPORT_PATCH = 'annual-report';

/**
 * Every request has ended: `report/<year>` compiles version 1 of the annual report as a draft and tells the
 * secretariat. The cycle waits for it (a child, not a fire-and-forget start), so the cycle's end is the
 * report's; a report that cannot be compiled does not fail the cycle (the secretariat compiles on demand).
 * Started once: a second start of the id is refused and ignored.
 */
async function compileAnnualReport(year: number, cycleId: string): Promise<void> {
  await executeChild(annualReport, {
    workflowId: `report/${year}`,
    args: [{ year, cycleId, compiledBy: 'workflow', compilationKey: `report/${year}/cycle-end` }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  }).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return undefined;
    log.warn('the annual report could not be compiled at the end of the cycle', { year, error: err instanceof Error ? err.message : String(err) });
    return undefined;
  });
}

/** Starts one page of the cycle's requests from an activity; returns how many the page held (0: none left). */
async function startRequestPage(cycleId: string, offset: number, year: number): Promise<number> {
  const { scanned } = await startCycleRequests({ cycleId, offset, limit: BATCH_SIZE, year, cycleWorkflowId: workflowInfo().workflowId });
  return scanned;
}

/** Starts one page of the cycle's requests as children (cycles opened before the patch). */
async function startChildPage(cycleId: string, offset: number, year: number): Promise<number> {
  const page = await listCycleRequests({ cycleId, offset, limit: BATCH_SIZE });
  if (page.length > 0) await startRequestChildren(page, year);
  return page.length;
}

/** Secretariat closes the cycle early: every request still open is closed (submitted ones keep their data). */
export const closeCycleUpdate = defineUpdate<{ message: string }, [CloseRequestCommand]>('closeCycle');



/**
 * The yearly reporting cycle (workflow id `cycle/<year>`): records the cycle and one data request per
 * institution (idempotently), starts one `institutionRequest` child per request in batches, then watches
 * the record until every request has ended, and closes the cycle. Progress for dashboards is read from the
 * database, never by querying the children.
 */
export async function reportingCycle(input: ReportingCycleInput): Promise<ReportingCycleState> {
  const state: ReportingCycleState = { year: input.year, cycleId: input.cycleId, started: input.started ?? 0, closed: false };
  let endedSignals = 0;
  /** Bumped when the secretariat starts closing the cycle, to wake the watch loop at once. */
  let pokes = 0;
  let closing = input.closing;
  setHandler(cycleStatusQuery, () => ({ ...state, closing: closing ? { reason: closing.reason, closedBy: closing.closedBy } : undefined }));
  setHandler(requestEndedSignal, () => {
    endedSignals++;
  });
  setHandler(
    closeCycleUpdate,
    async (command) => {
      closing = { ...command, signalled: 0 };
      await recordCycleClosing({ cycleId: state.cycleId!, reason: command.reason, closedBy: command.closedBy, idempotencyKey: `${workflowInfo().workflowId}/closing` });
      pokes++; // wake the watch loop
      return { message: `The ${input.year} cycle is closing: open requests are being closed.` };
    },
    {
      validator: (command) => {
        if (closing) throw new Error(`The ${input.year} cycle is already closing (${closing.reason}).`);
        if (state.closed) throw new Error(`The ${input.year} cycle is already closed.`);
        if (!command.reason?.trim()) throw new Error('Closing a cycle early needs a reason.');
        if (!state.cycleId) throw new Error(`The ${input.year} cycle is still being opened; try again in a moment.`);
      },
    },
  );

  if (!state.cycleId) {
    const prepared = await prepareCycle({ ...input, workflowId: workflowInfo().workflowId });
    state.cycleId = prepared.cycleId;
    state.total = prepared.total;
  }
  const cycleId = state.cycleId;

  let startedThisRun = 0;
  const startFromActivity = patched(START_FROM_ACTIVITY_PATCH);
  for (;;) {
    const scanned = startFromActivity ? await startRequestPage(cycleId, state.started, input.year) : await startChildPage(cycleId, state.started, input.year);
    if (scanned === 0) break;
    state.started += scanned;
    startedThisRun += scanned;
    if (startedThisRun >= (input.childrenPerRun ?? CHILDREN_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof reportingCycle>({ ...input, institutionCodes: undefined, policyOverrides: undefined, cycleId, started: state.started, closing });
    }
  }

  // Watch the record (not the children) until every request has ended.
  let signalledThisRun = 0;
  for (let checks = 0; ; checks++) {
    if (closing && closing.signalled < (state.total ?? Number.MAX_SAFE_INTEGER)) {
      // Tell every open request to close, a page at a time, resuming where an earlier run stopped.
      for (;;) {
        // Pages over all requests in a stable order (offsets stay valid as requests end); only the open
        // ones of each page are signalled.
        const page = await listOpenRequests({ cycleId, offset: closing.signalled, limit: BATCH_SIZE });
        if (page.scanned === 0) break;
        const command = { reason: closing.reason, closedBy: closing.closedBy };
        await Promise.all(page.open.map((r) => getExternalWorkflowHandle(r.workflowId).signal(closeRequestSignal, command).catch(() => undefined)));
        closing.signalled += page.scanned;
        signalledThisRun += page.open.length;
        if (signalledThisRun >= SIGNALS_PER_RUN || workflowInfo().continueAsNewSuggested) {
          await condition(allHandlersFinished);
          await continueAsNew<typeof reportingCycle>({ ...input, institutionCodes: undefined, policyOverrides: undefined, cycleId, started: state.started, closing });
        }
      }
    }
    // Taken before reading the record: a request that ends during the read still counts.
    const seenEnded = endedSignals;
    const seenPokes = pokes;
    const progress = await cycleProgress({ cycleId });
    if (progress.open === 0) break;
    // Re-read the record only once as many requests have reported their end as were open (signals are
    // best effort, so the record is also re-read every 6 hours), or when closing starts: 10,000 endings
    // cost about one event each, not a database count each.
    await condition(() => pokes !== seenPokes || endedSignals - seenEnded >= progress.open, '6 hours');
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 8_000 || checks > 2_000) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof reportingCycle>({ ...input, institutionCodes: undefined, policyOverrides: undefined, cycleId, started: state.started, closing });
    }
  }
  await closeCycleRecord({ cycleId, idempotencyKey: `${workflowInfo().workflowId}/closed` });
  state.closed = true;
  if (patched(ANNUAL_REPORT_PATCH)) await compileAnnualReport(input.year, cycleId);
  await condition(allHandlersFinished);
  return state;
}
