import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { quietRuntime, startHarness, type Harness } from './app-harness';
import { createDevServerEnv } from './temporal';

/**
 * Registers Jest hooks for one {@link startHarness} per test file on its own Temporal dev server —
 * started in `beforeAll` (then `setup`, e.g. rows to read), closed in `afterAll` — and returns a getter
 * for it. Call at the top level of a test file.
 */
export function useHarness(options: Omit<Parameters<typeof startHarness>[0], 'env'> = {}, setup?: (h: Harness) => Promise<void>): () => Harness {
  let env: TestWorkflowEnvironment | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    quietRuntime();
    env = await createDevServerEnv();
    harness = await startHarness({ env, ...options });
    await setup?.(harness);
  }, 240_000);
  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });
  return () => {
    if (!harness) throw new Error('No harness: its start in beforeAll failed (see the first error).');
    return harness;
  };
}
