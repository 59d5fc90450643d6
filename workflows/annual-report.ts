import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Compiling renders ten files (PDF with charts, a streamed XLSX): minutes at 10,000 institutions. */
const { compileReportVersion } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8, nonRetryableErrorTypes: ['DataError', 'NotFound'] },
});
const { publishReportVersion, sendReportReadyEmail, sendPublishedReport } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Emails retry for about a day, like a request's (transient SMTP faults); data refusals never.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60, nonRetryableErrorTypes: ['DataError', 'NotFound'] },
});

export interface AnnualReportInput {
  year: number;
  cycleId: string;
  /** "workflow" (at the end of the cycle) or "secretariat:<email>" (on demand). */
  compiledBy: string;
  /** The compilation's idempotency key: a retried or restarted run writes its version once. */
  compilationKey: string;
}

export interface AnnualReportResult {
  version: number;
  reportVersionId: string;
  created: boolean;
  unchanged: boolean;
  openRequests: number;
}

/**
 * `report/<year>` (started by the cycle when every request has ended) and `report/<year>/on-demand/<key>`
 * (started by the secretariat): compiles the next draft version of the year's annual report, and tells
 * the secretariat it is ready — once per version (the email's step is keyed by the version).
 */
export async function annualReport(input: AnnualReportInput): Promise<AnnualReportResult> {
  const compiled = await compileReportVersion({ cycleId: input.cycleId, compiledBy: input.compiledBy, idempotencyKey: input.compilationKey });
  if (!compiled.unchanged) await sendReportReadyEmail({ reportVersionId: compiled.reportVersionId });
  return compiled;
}

export interface ReportPublicationInput {
  year: number;
  reportVersionId: string;
  publishedBy: string;
}

/**
 * `report/<year>/publish/v<n>`: marks version n published (the previous one superseded) and emails it to
 * the working group, each member once per version.
 */
export async function reportPublication(input: ReportPublicationInput): Promise<{ version: number; superseded: number | null; emails: { to: string; outcome: string }[] }> {
  const published = await publishReportVersion({ reportVersionId: input.reportVersionId, publishedBy: input.publishedBy });
  const emails = await sendPublishedReport({ reportVersionId: input.reportVersionId });
  return { version: published.version, superseded: published.superseded, emails };
}
