/**
 * The two Temporal servers the test suite relies on, started from our own binaries
 * (scripts/temporal-binaries.ts): the Java time-skipping test server and the Temporal CLI dev server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createDevServerEnv, createTimeSkippingEnv } from '../support/temporal';
import { sleepyWorkflow } from './fixtures/sleepy-workflow';

const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;

let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/sleepy-workflow'), logger: new DefaultLogger('WARN') });
});

describe('time-skipping test server (Java)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('finishes a workflow that sleeps 3 days within seconds, with server time 3 days later', async () => {
    const taskQueue = `sleepy-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
    const serverTimeBefore = await env.currentTimeMs();
    const wallBefore = Date.now();

    const result = await worker.runUntil(
      env.client.workflow.execute(sleepyWorkflow, { args: [{ duration: '3 days' }], taskQueue, workflowId: `sleepy-${randomUUID()}` }),
    );

    expect(result).toBe('slept 3 days');
    expect(Date.now() - wallBefore).toBeLessThan(15_000);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(THREE_DAYS_MS);
  });
});

describe('dev server (Temporal CLI)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createDevServerEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow on real timers', async () => {
    const taskQueue = `sleepy-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
    const wallBefore = Date.now();

    const result = await worker.runUntil(
      env.client.workflow.execute(sleepyWorkflow, { args: [{ duration: '1 second' }], taskQueue, workflowId: `sleepy-${randomUUID()}` }),
    );

    expect(result).toBe('slept 1 second');
    expect(env.supportsTimeSkipping).toBe(false);
    expect(Date.now() - wallBefore).toBeGreaterThanOrEqual(1_000);
  });

  it('creates a schedule, describes it, and starts its workflow on trigger', async () => {
    const taskQueue = `sleepy-${randomUUID()}`;
    const handle = await env.client.schedule.create({
      scheduleId: `sleepy-hourly-${randomUUID()}`,
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: sleepyWorkflow, args: [{ duration: '1 second' }], taskQueue },
    });
    try {
      const description = await handle.describe();
      expect(description.spec.intervals?.[0]?.every).toBe(60 * 60 * 1000);
      expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'sleepyWorkflow', taskQueue });
      expect(description.state.paused).toBe(false);
      expect(description.info.nextActionTimes.length).toBeGreaterThan(0);

      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
      const result = await worker.runUntil(async () => {
        await handle.trigger();
        const { workflow } = (await waitFor(async () => (await handle.describe()).info.recentActions[0])).action;
        return env.client.workflow.getHandle(workflow.workflowId, workflow.firstExecutionRunId).result();
      });
      expect(result).toBe('slept 1 second');
    } finally {
      await handle.delete();
    }
  });
});

/** Polls `probe` every 200 ms until it returns a value; fails after 10 s. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
