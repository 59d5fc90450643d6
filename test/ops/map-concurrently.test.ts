import { mapConcurrently } from '../../ops/map-concurrently';

describe('mapConcurrently', () => {
  it('keeps the items\' order and never runs more than `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrently({
      items: [30, 5, 20, 1, 10, 2, 15],
      concurrency: 3,
      run: async (ms, index) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running--;
        return `${index}:${ms}`;
      },
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2', '6:15']);
    expect(peak).toBe(3);
  });

  it('handles no items, and rejects when a call rejects', async () => {
    expect(await mapConcurrently({ items: [], concurrency: 5, run: () => Promise.resolve(1) })).toEqual([]);
    await expect(mapConcurrently({ items: [1, 2], concurrency: 2, run: (n) => (n === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(n)) })).rejects.toThrow('boom');
  });
});
