import { activityLog } from '../activity-log';
import type { ActivityDeps } from '../deps';
import { compileReportVersionInProcess } from './compile-in-process';
import { compileReportVersion, type CompileReportInput, type CompileReportResult } from './compile-report-version';
import { publishReportVersion, type PublishReportInput } from './publish-report-version';
import { createReportEmails } from './send-report-emails';

/** Compiles in a process of its own when the deps say so (activities/deps.ts `reportProcess`), else in-process. */
async function compileReport(deps: ActivityDeps, input: CompileReportInput): Promise<CompileReportResult> {
  if (!deps.reportProcess) return compileReportVersion(deps, input);
  const { figures, ...result } = await compileReportVersionInProcess(deps.reportProcess, input, { now: deps.clock() });
  activityLog('info', 'annual report compilation process', { version: result.version, created: result.created, peakRssMiB: Math.round(figures.peakMiB) });
  return result;
}

/** The annual report's activities: compile a version, publish one, and their emails. */
export function createReportActivities(deps: ActivityDeps) {
  return {
    compileReportVersion: (input: CompileReportInput) => compileReport(deps, input),
    publishReportVersion: (input: PublishReportInput) => publishReportVersion(deps, input),
    ...createReportEmails(deps),
  };
}
