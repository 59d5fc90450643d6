import {
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReportingCycleInput, ReportingCycleState } from '../domain/request-types';
import { cycleStatusQuery, requestEndedSignal } from './cycle-messages';
import { institutionRequest } from './institution-request';

const { prepareCycle, listCycleRequests, cycleProgress, closeCycleRecord } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Requests started per activity page. */
const BATCH_SIZE = 200;
/**
 * Children started per run before continue-as-new. Each child costs about three events in the run that
 * started it (initiated, started, and completed if the run is still open), so 1,000 keeps a run well
 * under 10,000 events.
 */
const CHILDREN_PER_RUN = 1_000;



/**
 * The yearly reporting cycle (workflow id `cycle/<year>`): records the cycle and one data request per
 * institution (idempotently), starts one `institutionRequest` child per request in batches, then watches
 * the record until every request has ended, and closes the cycle. Progress for dashboards is read from the
 * database, never by querying the children.
 */
export async function reportingCycle(input: ReportingCycleInput): Promise<ReportingCycleState> {
  const state: ReportingCycleState = { year: input.year, cycleId: input.cycleId, started: input.started ?? 0, closed: false };
  let endedSignals = 0;
  setHandler(cycleStatusQuery, () => state);
  setHandler(requestEndedSignal, () => {
    endedSignals++;
  });

  if (!state.cycleId) {
    const prepared = await prepareCycle({ ...input, workflowId: workflowInfo().workflowId });
    state.cycleId = prepared.cycleId;
    state.total = prepared.total;
  }
  const cycleId = state.cycleId;

  let startedThisRun = 0;
  for (;;) {
    const page = await listCycleRequests({ cycleId, offset: state.started, limit: BATCH_SIZE });
    if (page.length === 0) break;
    await Promise.all(
      page.map((r) =>
        startChild(institutionRequest, {
          workflowId: r.workflowId,
          args: [{ dataRequestId: r.dataRequestId, year: input.year, institutionCode: r.institutionCode }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // A request already started (by an earlier run of this cycle) is not started twice.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }).catch((err: unknown) => {
          if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return undefined;
          throw err;
        }),
      ),
    );
    state.started += page.length;
    startedThisRun += page.length;
    if (startedThisRun >= CHILDREN_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof reportingCycle>({ ...input, cycleId, started: state.started });
    }
  }

  // Watch the record (not the children) until every request has ended.
  for (let checks = 0; ; checks++) {
    const progress = await cycleProgress({ cycleId });
    if (progress.open === 0) break;
    const seen = endedSignals;
    await condition(() => endedSignals !== seen, '6 hours');
    if (workflowInfo().continueAsNewSuggested || checks > 2_000) {
      await continueAsNew<typeof reportingCycle>({ ...input, cycleId, started: state.started });
    }
  }
  await closeCycleRecord({ cycleId, idempotencyKey: `${workflowInfo().workflowId}/closed` });
  state.closed = true;
  await condition(allHandlersFinished);
  return state;
}
