import { GoalStatus } from '../goal-status';
import { ComplianceStatus, type TAnnualReport, type TCompliance, type TQualityFlag, type TReportArea } from './annual-report-model';

/**
 * The first section: goals by status (every status present, 0 when none), completeness of the cycle
 * (`reported` = on time + late + after an extension), and what needs the working group's attention: goals
 * behind in plan order, institutions that did not report by code, and the data-quality flags.
 */
export function reportSummary({ areas, compliance, dataQuality }: { areas: TReportArea[]; compliance: TCompliance[]; dataQuality: TQualityFlag[] }): TAnnualReport['summary'] {
  const goals = areas.flatMap((a) => a.objectives.flatMap((o) => o.goals));
  const goalsByStatus = Object.fromEntries(Object.values(GoalStatus).map((s) => [s, goals.filter((g) => g.status === s).length])) as Record<GoalStatus, number>;
  const count = (s: ComplianceStatus) => compliance.filter((c) => c.status === s).length;
  const onTime = count(ComplianceStatus.ON_TIME);
  const late = count(ComplianceStatus.LATE);
  const afterExtension = count(ComplianceStatus.AFTER_EXTENSION);
  return {
    goalsByStatus,
    goals: goals.length,
    completeness: {
      institutions: compliance.length,
      reported: onTime + late + afterExtension,
      onTime,
      late,
      afterExtension,
      exempted: count(ComplianceStatus.EXEMPTED),
      notReported: count(ComplianceStatus.NOT_REPORTED),
      open: count(ComplianceStatus.OPEN),
    },
    attention: {
      goalsBehind: goals.filter((g) => g.status === GoalStatus.BEHIND).map((g) => ({ code: g.code, text: g.text })),
      notReporting: compliance.filter((c) => c.status === ComplianceStatus.NOT_REPORTED).map((c) => ({ institutionCode: c.institutionCode, name: c.name })),
      dataQuality,
    },
  };
}
