import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/app-error';
import type { Locale } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';
import { annualReport, reportPublication } from '../../workflows';
import { findReportCycle, noVersion, openRequestsOf } from '../queries/report-versions';

export interface ReportCommandDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

/** How long an HTTP caller waits for a compilation or a publication before getting 202 (house rule: ≤ 45 s). */
const WAIT_MS = 40_000;

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Compiles a new draft version of the year's report now (`report/<year>/on-demand/<uuid>`), waiting up to
 * 40 s for it. Mid-cycle it says which requests are still open. Data unchanged since the latest version →
 * that version (`created: false`).
 */
export async function compileReportNow(deps: ReportCommandDeps, { year, who, lang = 'en' }: { year: number; who: string; lang?: Locale }) {
  const cycle = await findReportCycle(deps.prisma, year, lang);
  const open = await openRequestsOf(deps.prisma, cycle.id);
  const workflowId = `report/${year}/on-demand/${randomUUID()}`;
  const handle = await deps.temporal.workflow.start(annualReport, {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [{ year, cycleId: cycle.id, compiledBy: who, compilationKey: workflowId }],
  });
  const result = await within(handle.result(), WAIT_MS);
  return { workflowId, result, openRequests: open.map((r) => ({ institution: r.institution.code, status: r.status })) };
}

/**
 * Publishes version n (`report/<year>/publish/v<n>`) and waits up to 40 s for the working group's emails.
 * A version already published → 409; a publication of it already running → 409.
 */
export async function publishReport(deps: ReportCommandDeps, { year, version, who, lang = 'en' }: { year: number; version: number; who: string; lang?: Locale }) {
  const en = lang === 'en';
  const cycle = await findReportCycle(deps.prisma, year, lang);
  const row = await deps.prisma.reportVersion.findUnique({ where: { cycleId_version: { cycleId: cycle.id, version } } });
  if (!row) throw new AppError('NOT_FOUND', noVersion(year, version, lang));
  if (row.status === 'PUBLISHED') {
    throw new AppError('CONFLICT', en ? `Version ${version} of the ${year} report is already published.` : `La versión ${version} del informe ${year} ya está publicada.`, undefined, { reason: 'ALREADY_PUBLISHED' });
  }
  const workflowId = `report/${year}/publish/v${version}`;
  try {
    const handle = await deps.temporal.workflow.start(reportPublication, {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ year, reportVersionId: row.id, publishedBy: who }],
      // A superseded version may be published again; two publications of it at once may not.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    return { workflowId, result: await within(handle.result(), WAIT_MS) };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('CONFLICT', en ? `Version ${version} of the ${year} report is being published.` : `La versión ${version} del informe ${year} se está publicando.`, undefined, { reason: 'PUBLISHING' });
    }
    throw err;
  }
}
