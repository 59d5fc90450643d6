/**
 * Whether an institution answered a cycle's request in time. Pure: the institution pages and their JSON
 * route read it from the request row.
 */
export const Timeliness = {
  /** The final report arrived by the deadline in force (an extension's, if one was granted). */
  ON_TIME: 'ON_TIME',
  /** The final report arrived after the deadline in force. */
  LATE: 'LATE',
  /** No final report: the cut-off passed, or the cycle was closed before one arrived. */
  NOT_REPORTED: 'NOT_REPORTED',
  /** Exempted by the secretariat: not counted. */
  EXEMPTED: 'EXEMPTED',
  /** Still open and without a final report: not counted yet. */
  OPEN: 'OPEN',
} as const;
export type Timeliness = (typeof Timeliness)[keyof typeof Timeliness];

/**
 * A request's timeliness from its row: a final report (`submittedAt`) is on time when it came no later
 * than the deadline in force, else late, whatever the status since; without one, NOT_REPORTED and CLOSED
 * count as not reported, EXEMPTED as exempted, anything else (pending, requested, draft, overdue) as open.
 */
export function requestTimeliness({ status, deadline, submittedAt }: { status: string; deadline: Date; submittedAt: Date | null }): Timeliness {
  if (submittedAt) return submittedAt.getTime() <= deadline.getTime() ? Timeliness.ON_TIME : Timeliness.LATE;
  if (status === 'NOT_REPORTED' || status === 'CLOSED') return Timeliness.NOT_REPORTED;
  if (status === 'EXEMPTED') return Timeliness.EXEMPTED;
  return Timeliness.OPEN;
}

/** How an institution answered over its cycles. */
export interface TimelinessSummary {
  onTime: number;
  late: number;
  notReported: number;
  /** Requests that count (on time + late + not reported). */
  counted: number;
  /** onTime / counted, from 0 to 1; null when nothing counts yet. */
  shareOnTime: number | null;
}

/** Counts requests by timeliness; exempted and open ones are left out of the share. */
export function summarizeTimeliness(values: readonly Timeliness[]): TimelinessSummary {
  const count = (t: Timeliness) => values.filter((v) => v === t).length;
  const onTime = count(Timeliness.ON_TIME);
  const late = count(Timeliness.LATE);
  const notReported = count(Timeliness.NOT_REPORTED);
  const counted = onTime + late + notReported;
  return { onTime, late, notReported, counted, shareOnTime: counted ? onTime / counted : null };
}
