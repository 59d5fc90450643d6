import type { ConsistencyReport } from './consistency-report';

/**
 * The report as a person reads it in a terminal or a failed test: one line saying what was checked, then
 * (when there are problems) a table with one row per problem, columns padded to the widest kind and
 * workflow id, details unwrapped. A clean run reads `consistent: N open requests checked (…)`.
 */
export function formatConsistencyReport({ report }: { report: ConsistencyReport }): string {
  const scope = [`${report.cycles} ${report.cycles === 1 ? 'cycle' : 'cycles'}`, ...(report.checkedEnded ? [`${report.checkedEnded} ended requests`] : [])].join(', ');
  const requests = `${report.checked} open ${report.checked === 1 ? 'request' : 'requests'} checked (${scope})`;
  if (report.problems.length === 0) return `consistent: ${requests}`;
  const rows = [['KIND', 'WORKFLOW', 'DETAIL'], ...report.problems.map((p) => [p.kind, p.workflowId, p.detail])];
  const kindWidth = Math.max(...rows.map((r) => r[0].length));
  const idWidth = Math.max(...rows.map((r) => r[1].length));
  const table = rows.map(([kind, id, detail]) => `${kind.padEnd(kindWidth)}  ${id.padEnd(idWidth)}  ${detail}`);
  const count = `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}`;
  return [`inconsistent: ${count}; ${requests}`, ...table].join('\n');
}
