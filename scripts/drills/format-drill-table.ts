import type { DrillFigures } from './run-drill';

/**
 * The drills' figures as a plain-text table, one row per drill: fault, times injected, emails expected /
 * delivered / duplicated, submissions accepted / stored / lost, 503 answers, worker processes, seconds and
 * the verdict; each broken invariant is listed under the table.
 */
export function formatDrillTable(rows: readonly DrillFigures[]): string {
  const header = ['fault', 'injected', 'emails exp', 'delivered', 'duplicated', 'subm accepted', 'stored', 'lost', '503s', '500s', 'workers', 's', 'result'];
  const lines = rows.map((r) => [
    r.fault,
    String(r.injected),
    String(r.emailsExpected),
    String(r.emailsDelivered),
    String(r.emailsDuplicated),
    String(r.submissionsAccepted),
    String(r.submissionsStored),
    String(r.submissionsLost),
    String(r.unavailable),
    String(r.internalErrors),
    String(r.workerProcesses),
    String(r.seconds),
    r.violations.length ? 'FAIL' : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const failures = rows.flatMap((r) => r.violations.map((v) => `  ${r.fault}: ${v}`));
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row), ...(failures.length ? ['', 'Broken invariants:', ...failures] : [])].join('\n');
}
