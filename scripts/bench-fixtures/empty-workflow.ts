/**
 * The benchmark's baseline (scripts/bench.ts): a workflow that does nothing, so starting and awaiting it
 * measures only what Temporal itself costs per workflow (one workflow task, five history events). Bundled
 * on its own, apart from workflows/.
 */
export async function emptyWorkflow(): Promise<void> {
  // Nothing: the cost of a workflow is the point.
}
