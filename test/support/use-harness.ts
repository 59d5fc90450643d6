import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { quietRuntime, startHarness, type Harness } from './app-harness';
import { createDevServerEnv } from './temporal';

/**
 * Registers Jest hooks for one harness per test file on the Temporal dev server — started in `beforeAll`
 * (then `prepare` writes what the file needs into its database), closed with the server in `afterAll` —
 * and returns a getter for it. No Worker runs: for tests of routes that read and write the record only.
 * Call at the top level of a test file.
 */
export function useHarness({ secretariatToken, prepare }: { secretariatToken?: string; prepare?: (h: Harness) => Promise<void> } = {}): () => Harness {
  let env: TestWorkflowEnvironment | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    quietRuntime();
    env = await createDevServerEnv();
    h = await startHarness({ env, secretariatToken });
    await prepare?.(h);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
  });
  return () => {
    if (!h) throw new Error('No harness: its start in beforeAll failed (see the first error).');
    return h;
  };
}
