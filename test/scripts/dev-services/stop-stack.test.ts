import { createStopStack } from '../../../scripts/dev-services/stop-stack';

describe('createStopStack', () => {
  it('stops the most recently started part first, one at a time, and goes on past a part that fails', async () => {
    const stack = createStopStack();
    const events: string[] = [];
    for (const name of ['dev server', 'connection', 'api']) {
      stack.defer({
        name,
        stop: async () => {
          events.push(`stop ${name}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (name === 'connection') throw new Error('already closed');
          events.push(`stopped ${name}`);
        },
      });
    }
    const failures: string[] = [];
    await stack.stopAll((name, error) => failures.push(`${name}: ${(error as Error).message}`));

    expect(events).toEqual(['stop api', 'stopped api', 'stop connection', 'stop dev server', 'stopped dev server']);
    expect(failures).toEqual(['connection: already closed']);
    expect(stack.stopping).toBe(true);
  });

  it('stops a part registered while stopping, and one registered after, and only once each', async () => {
    const stack = createStopStack();
    const stopped: string[] = [];
    stack.defer({
      name: 'first',
      stop: async () => {
        // Its start was under way when the signal came: it registers while another part stops.
        stack.defer({ name: 'late', stop: () => void stopped.push('late') });
        await Promise.resolve();
        stopped.push('first');
      },
    });
    const first = stack.stopAll(() => undefined);
    expect(stack.stopAll(() => undefined)).toBe(first);
    await first;
    stack.defer({ name: 'after', stop: () => void stopped.push('after') });
    await new Promise((resolve) => setImmediate(resolve));

    expect(stopped).toEqual(['first', 'late', 'after']);
  });

  it('kills, synchronously, the parts not yet stopped', async () => {
    const stack = createStopStack();
    const killed: string[] = [];
    stack.defer({ name: 'dev server', stop: () => undefined, killNow: () => killed.push('dev server') });
    stack.defer({ name: 'api', stop: () => undefined });
    stack.killNow();
    expect(killed).toEqual(['dev server']);

    killed.length = 0;
    await stack.stopAll(() => undefined);
    stack.killNow();
    expect(killed).toEqual([]);
  });
});
