import { compileSynthesis, type TStoredReport, type TSynthesisReport } from '../../domain/review/compile-synthesis';
import type { TReviewSynthesis } from '../../domain/review/review-model';
import type { PrismaClient } from '../../prisma/client';
import { planOf } from './plan-file-of';
import { storedFileBytes } from '../../prisma/stored-file';

/** The language of the report file read: the values, statuses and codes the synthesis reads are the same in both. */
const REPORT_FILE_LANG = 'es-MX';

/** The JSON report file's parts the synthesis reads (documents/annual-report/render-report-json.ts: the model, localized). */
type TReportJson = Omit<TSynthesisReport, 'compliance'> & {
  format: number;
  compliance: { institutionCode: string; status: TSynthesisReport['compliance'][number]['status'] }[];
};

/**
 * The synthesis of a plan version's stored annual reports, for its review (domain/review/compile-synthesis):
 * for each DATA cycle of the version, the report version the working group has (the published one, else
 * the latest), read from its stored JSON file. The JSON file is the model localized (every bilingual text
 * turned into one language); what the synthesis reads from it — codes, values, trends, statuses — is not
 * localized, and institution names come from the institutions' rows. A version with no report yet (a fresh
 * install) still gives every item, never with data and never evaluable, so a review can start.
 */
export async function loadReviewSynthesis(prisma: PrismaClient, { planId }: { planId: string }): Promise<TReviewSynthesis> {
  const plan = await planOf(prisma, { planId });
  const cycles = await prisma.reportingCycle.findMany({
    where: { planId, kind: 'DATA' },
    orderBy: { year: 'asc' },
    select: { year: true, reports: { orderBy: { version: 'desc' }, select: { id: true, version: true, status: true } } },
  });
  const institutions = new Map((await prisma.institution.findMany({ select: { code: true, nameEs: true, nameEn: true } })).map((i) => [i.code, { 'es-MX': i.nameEs, en: i.nameEn }]));
  const reports: TStoredReport[] = [];
  for (const cycle of cycles) {
    const chosen = cycle.reports.find((r) => r.status === 'PUBLISHED') ?? cycle.reports[0];
    if (!chosen) continue;
    // One file at a time: at 10,000 entities a year's JSON is tens of megabytes.
    const file = await prisma.reportFile.findUnique({ where: { reportVersionId_format_lang: { reportVersionId: chosen.id, format: 'json', lang: REPORT_FILE_LANG } }, select: { content: true, encoding: true } });
    if (!file) throw new Error(`report ${cycle.year} v${chosen.version} has no JSON file`);
    const json = JSON.parse(storedFileBytes(file).toString('utf8')) as TReportJson;
    const report: TSynthesisReport = {
      cycleYear: json.cycleYear,
      version: json.version,
      plan: { key: json.plan.key, version: json.plan.version, planYear: json.plan.planYear },
      areas: json.areas.map((a) => ({
        objectives: a.objectives.map((o) => ({
          code: o.code,
          indicators: o.indicators.map((i) => ({ code: i.code, trend: i.trend, values: i.values.map((v) => ({ total: v.total, booleanValue: v.booleanValue, textValue: v.textValue })) })),
          goals: o.goals.map((g) => ({ code: g.code, status: g.status })),
        })),
      })),
      compliance: json.compliance.map((c) => ({ institutionCode: c.institutionCode, status: c.status, name: institutions.get(c.institutionCode) ?? { 'es-MX': c.institutionCode, en: c.institutionCode } })),
      // Only what says an indicator had data: one row per indicator is enough.
      annex: { rows: [...new Map(json.annex.rows.filter((r) => r.breakdown === 'TOTAL' && r.value !== null).map((r) => [r.indicatorCode, r])).values()].map((r) => ({ indicatorCode: r.indicatorCode, breakdown: r.breakdown, value: r.value })) },
    };
    reports.push({ status: chosen.status, report });
  }
  return compileSynthesis({ plan, reports });
}
