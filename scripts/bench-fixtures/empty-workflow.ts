/**
 * The benchmark's baselines (scripts/bench.ts), bundled on their own, apart from workflows/:
 * - {@link emptyWorkflow} does nothing, so starting and awaiting it measures only what Temporal itself costs
 *   per workflow (one workflow task, five history events);
 * - {@link updatableWorkflow} waits with one update handler that records its argument and returns, so an
 *   update on it measures only what Temporal costs per update (the submissions scenario's baseline).
 */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export async function emptyWorkflow(): Promise<void> {
  // Nothing: the cost of a workflow is the point.
}

/** The baseline's update: takes a content hash, returns the version it became (always 1 here). */
export const benchSubmitUpdate = defineUpdate<number, [string]>('benchSubmit');
/** Ends an {@link updatableWorkflow} (the bench signals it when done, so none is left running). */
export const benchDoneSignal = defineSignal('benchDone');

export async function updatableWorkflow(): Promise<void> {
  let submitted: string | undefined;
  let done = false;
  setHandler(benchSubmitUpdate, (contentHash) => {
    submitted = contentHash;
    return 1;
  });
  setHandler(benchDoneSignal, () => {
    done = true;
  });
  await condition(() => done && submitted !== undefined);
}
