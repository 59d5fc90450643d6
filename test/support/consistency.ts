/**
 * The operator's consistency check (ops/check-consistency.ts), as an assertion a test file can make at its
 * end: whatever the story did, every workflow still agrees with its record.
 */
import { checkConsistency, type CheckConsistencyOptions } from '../../ops/check-consistency';
import type { ConsistencyReport } from '../../ops/consistency-report';
import { formatConsistencyReport } from '../../ops/format-consistency-report';
import type { Harness } from './app-harness';

/**
 * Runs the check on a harness's database and Temporal environment (`expectConsistent(h)`), and fails
 * with the problems listed as the operator's table when there are any. Options narrow or tune the check
 * (`cycleYear`, `maxActivityAttempts`…). Returns the report of a clean run.
 */
export async function expectConsistent({
  prisma,
  env,
  ...options
}: Pick<Harness, 'prisma' | 'env'> & Omit<CheckConsistencyOptions, 'prisma' | 'client'>): Promise<ConsistencyReport> {
  const report = await checkConsistency({ prisma, client: env.client, ...options });
  if (report.problems.length) throw new Error(`expected workflows and records to agree:\n${formatConsistencyReport({ report })}`);
  return report;
}
