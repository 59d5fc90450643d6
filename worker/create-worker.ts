import { type NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { ActivityDeps } from '../activities';
import { createActivities } from '../activities';

/**
 * A Worker on `taskQueue` running our workflows and the activities bound to `deps`. Workers must run
 * with TZ=UTC: the host's zone leaks into the workflow sandbox, and workflow code names its zone anyway.
 */
export async function createWorker({
  connection,
  namespace,
  taskQueue,
  deps,
  workflowBundle,
  maxConcurrentActivityTaskExecutions = 50,
  extra,
}: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests bundle once per file); default: bundle workflows/ at start. */
  workflowBundle?: WorkflowBundleOption;
  maxConcurrentActivityTaskExecutions?: number;
  /** Further Worker options (the bench's profiling interceptors, tuning experiments). */
  extra?: Partial<Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'activities' | 'workflowBundle' | 'workflowsPath'>>;
}): Promise<Worker> {
  if (process.env.TZ !== 'UTC') {
    throw new Error(`Workers run with TZ=UTC (found TZ=${process.env.TZ ?? '(unset)'}): start them through npm scripts or set TZ=UTC`);
  }
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    maxConcurrentActivityTaskExecutions,
    ...extra,
  });
}
