import { inBoth } from '../goal-target-text';
import { planYearOfCycle, planYears } from '../plan-years';
import { ANNUAL_REPORT_FORMAT, ComplianceStatus, type TAnnualReport } from './annual-report-model';
import { annexRows } from './report-annex';
import { reportCompliance } from './report-compliance';
import { createFootnotes } from './report-footnotes';
import { REPORT_METHOD_RULES } from './report-method';
import { reportDigest } from './report-digest';
import { reportNarratives } from './report-narratives';
import { reportProgress } from './report-progress';
import { reportQualityFlags } from './report-quality-flags';
import type { TReportSnapshot, TSnapshotIndicator, TSnapshotValue } from './report-snapshot';
import { reportSummary } from './report-summary';
import { yearValuesByIndicator } from './report-year-values';
import { snapshotHash } from './snapshot-hash';

function groupByIndicator(values: readonly TSnapshotValue[]): Map<string, TSnapshotValue[]> {
  const byIndicator = new Map<string, TSnapshotValue[]>();
  for (const v of values) {
    const list = byIndicator.get(v.indicatorCode);
    if (list) list.push(v);
    else byIndicator.set(v.indicatorCode, [v]);
  }
  return byIndicator;
}

/**
 * The annual report of one cycle (issue 9), compiled from a snapshot of the record: pure and
 * deterministic — the same snapshot, version and author give the same model, key for key and in the same
 * order. `compiledAt` is the snapshot's `asOf` (never the clock), `snapshotHash` the SHA-256 of its
 * canonical JSON.
 *
 * Steps, each in its own file: progress by objective with goal statuses, trends and footnotes
 * (report-progress), institutional compliance (report-compliance), data-quality flags
 * (report-quality-flags), summary (report-summary), narratives (report-narratives), the digest the PDF
 * and HTML show at scale (report-digest), data annex
 * (report-annex) and method (report-method).
 */
export function compileAnnualReport({
  snapshot,
  version,
  compiledBy,
  snapshotHash: knownHash,
}: {
  snapshot: TReportSnapshot;
  version: number;
  compiledBy: string;
  /** The snapshot's hash when the caller has computed it already (it is not computed twice). */
  snapshotHash?: string;
}): TAnnualReport {
  const { plan, cycle } = snapshot;
  const planStart = { adoptedOn: plan.adoptedOn, firstCycleYear: plan.firstCycleYear };
  const years = planYears(planStart);
  const institutions = new Map(snapshot.institutions.map((i) => [i.code, i]));
  const indicators = new Map<string, TSnapshotIndicator>(snapshot.areas.flatMap((a) => a.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const))));
  const footnotes = createFootnotes();
  const areas = reportProgress({
    snapshot,
    planStart,
    years,
    values: yearValuesByIndicator(snapshot),
    footnotes,
    institutions,
    valuesByIndicator: groupByIndicator(snapshot.values),
    expected: new Set(snapshot.requests.filter((r) => r.status !== 'EXEMPTED').map((r) => r.institutionCode)),
  });
  const compliance = reportCompliance(snapshot);
  const dataQuality = reportQualityFlags({ snapshot, indicators });
  const summary = reportSummary({ areas, compliance, dataQuality });
  const narratives = reportNarratives(snapshot);
  const openRequests = snapshot.requests.filter((_r, i) => compliance[i].status === ComplianceStatus.OPEN).map((r) => ({ institutionCode: r.institutionCode, status: r.status }));
  return {
    format: ANNUAL_REPORT_FORMAT,
    cycleYear: cycle.year,
    version,
    compiledAt: snapshot.asOf,
    compiledBy,
    snapshotHash: knownHash ?? snapshotHash(snapshot),
    title: { 'es-MX': `Informe anual ${cycle.year} del ${plan.shortTitle.es}`, en: `${cycle.year} Annual report of the ${plan.shortTitle.en}` },
    plan: {
      key: plan.key,
      version: plan.version,
      title: { 'es-MX': plan.title.es, en: plan.title.en },
      adoptedOn: plan.adoptedOn,
      planYear: planYearOfCycle({ years, cycleYear: cycle.year }),
      planYearBasis: years.basis,
      planYearText: inBoth((lang) => years.text[lang]),
      spanishOfficial: plan.spanishOfficial,
      conventions: plan.conventions,
    },
    cycle: {
      openedAt: cycle.openedAt,
      deadline: cycle.deadline,
      closedAt: cycle.closedAt,
      openRequests,
    },
    summary,
    areas,
    compliance,
    narratives,
    footnotes: footnotes.list(),
    digest: reportDigest({ compliance, notReporting: summary.attention.notReporting, dataQuality, narratives, openRequests }),
    annex: {
      rows: annexRows({ snapshot, indicators, institutions }),
      method: { rules: [...REPORT_METHOD_RULES], conventions: plan.conventions },
    },
  };
}
