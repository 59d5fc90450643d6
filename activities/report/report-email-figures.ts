import type { TAnnualReport } from '../../domain/report/annual-report-model';
import type { ReportEmailFacts } from '../../ui/emails/report-emails';

/** The figures of a version that its emails quote: kept beside the version (`ReportVersion.emailFacts`). */
export type TReportEmailFigures = Pick<ReportEmailFacts, 'goalsByStatus' | 'completeness' | 'goalsBehind' | 'notReporting' | 'openRequests'>;

/** The email's figures from the model (or from a stored JSON file of it: only numbers and codes, the same in both languages). */
export function reportEmailFigures(model: Pick<TAnnualReport, 'summary' | 'cycle'>): TReportEmailFigures {
  return {
    goalsByStatus: model.summary.goalsByStatus,
    completeness: model.summary.completeness,
    goalsBehind: model.summary.attention.goalsBehind.map((g) => g.code),
    notReporting: model.summary.attention.notReporting.map((i) => i.institutionCode),
    openRequests: model.cycle.openRequests.length,
  };
}
