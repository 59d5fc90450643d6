/**
 * Real Temporal servers for tests, from binaries provided by scripts/temporal-binaries.ts (never the SDK's
 * download, which needs temporal.download). A server that cannot be had is an Error with the reason: tests
 * that need Temporal fail loudly instead of being skipped.
 */
import {
  TestWorkflowEnvironment,
  type LocalTestWorkflowEnvironmentOptions,
  type TimeSkippingTestWorkflowEnvironmentOptions,
} from '@temporalio/testing';
import { ensureTemporalCli, ensureTestServer } from '../../scripts/temporal-binaries';

/**
 * Starts a Temporal CLI dev server (`temporal server start-dev`: in-memory SQLite, headless, namespace
 * `default`, a random free port on 127.0.0.1) and connects to it. Real time, full feature set: schedules,
 * updates, search attributes. `options` go to `createLocal()`; only `server.executable` is always ours.
 * Call `env.teardown()` when done.
 */
export async function createDevServerEnv(options: LocalTestWorkflowEnvironmentOptions = {}): Promise<TestWorkflowEnvironment> {
  const path = await ensureTemporalCli().catch((error: unknown) => {
    throw new Error(`Cannot run the Temporal dev server: ${errorMessage(error)}`, { cause: error });
  });
  try {
    return await TestWorkflowEnvironment.createLocal({
      ...options,
      server: { ...options.server, executable: { type: 'existing-path', path } },
    });
  } catch (error) {
    throw new Error(`The Temporal dev server (${path}) did not start: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Starts the Java time-skipping test server on a random free port and connects to it: timers jump ahead
 * whenever the test waits on a workflow result or calls `env.sleep()`. No schedules, no UI. The SDK gives
 * the JVM about 5 s to accept a connection (it takes ~0.5 s here). `options` go to `createTimeSkipping()`;
 * only `server.executable` is always ours. Call `env.teardown()` when done.
 */
export async function createTimeSkippingEnv(
  options: TimeSkippingTestWorkflowEnvironmentOptions = {},
): Promise<TestWorkflowEnvironment> {
  const path = await ensureTestServer().catch((error: unknown) => {
    throw new Error(`Cannot run the Temporal time-skipping test server: ${errorMessage(error)}`, { cause: error });
  });
  try {
    return await TestWorkflowEnvironment.createTimeSkipping({
      ...options,
      server: { ...options.server, executable: { type: 'existing-path', path } },
    });
  } catch (error) {
    throw new Error(`The Temporal test server (${path}) did not start: ${errorMessage(error)}`, { cause: error });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
