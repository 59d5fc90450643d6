import type { ActivityDeps } from '../deps';
import { compileReportVersion, type CompileReportInput } from './compile-report-version';
import { publishReportVersion, type PublishReportInput } from './publish-report-version';
import { createReportEmails } from './send-report-emails';

/** The annual report's activities: compile a version, publish one, and their emails. */
export function createReportActivities(deps: ActivityDeps) {
  return {
    compileReportVersion: (input: CompileReportInput) => compileReportVersion(deps, input),
    publishReportVersion: (input: PublishReportInput) => publishReportVersion(deps, input),
    ...createReportEmails(deps),
  };
}
