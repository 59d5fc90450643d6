/**
 * Runs `run` over `items` with at most `concurrency` calls in flight and returns the results in the
 * items' order. A rejection rejects the whole (callers that must not stop catch inside `run`). Bounded so
 * that checking 10,000 workflows does not open 10,000 RPCs at once against one Temporal frontend.
 */
export async function mapConcurrently<T, R>({
  items,
  concurrency,
  run,
}: {
  items: readonly T[];
  /** At least 1. */
  concurrency: number;
  run: (item: T, index: number) => Promise<R>;
}): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
