import { INSTITUTION_KIND_LABELS } from '../institution-kind-labels';
import type { TWords } from '../goal-target-text';
import type { InstitutionKind } from '../plan-schema';
import {
  ComplianceStatus,
  QualityFlagKind,
  type TCapped,
  type TCompliance,
  type TNarrative,
  type TQualityFlag,
  type TReportDigest,
} from './annual-report-model';
import { LISTED_INSTITUTIONS_MAX } from './report-indicator-values';

/** At scale, how many institutions (or flags, narratives) a list of the PDF and HTML names before "and N more". */
export const LISTED_ATTENTION_MAX = 100;

/** The statuses that need the working group's attention (listed by name at scale); on time and after an extension are only counted. */
export const ATTENTION_STATUSES: readonly ComplianceStatus[] = [ComplianceStatus.NOT_REPORTED, ComplianceStatus.LATE, ComplianceStatus.EXEMPTED, ComplianceStatus.OPEN];

/** How each kind of data-quality flag reads where the flags are counted. */
export const QUALITY_FLAG_LABELS: Record<QualityFlagKind, TWords> = {
  NO_DATA_VALUE: { 'es-MX': 'valores dados como «sin datos»', en: 'values given as "no data"' },
  SEX_NOT_RECORDED: { 'es-MX': 'valores por sexo que no alcanzan el total (sexo no registrado)', en: 'values by sex short of the total (sex not recorded)' },
  CORRECTED_AFTER_DEADLINE: { 'es-MX': 'valores de una corrección hecha después del plazo', en: 'values from a correction made after the deadline' },
};

/** The first {@link LISTED_ATTENTION_MAX} items (already in the model's order) and how many are left out. */
export function capped<T>(items: readonly T[], max = LISTED_ATTENTION_MAX): TCapped<T> {
  return { items: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** Whether a cycle of `institutions` institutions is shown in full in the PDF and HTML (the model's one rule). */
export const listedInFull = (institutions: number) => institutions <= LISTED_INSTITUTIONS_MAX;

const KIND_ORDER = Object.keys(INSTITUTION_KIND_LABELS) as InstitutionKind[];
const kindLabelOf = (kind: string): TWords => (INSTITUTION_KIND_LABELS as Record<string, TWords | undefined>)[kind] ?? { 'es-MX': kind, en: kind };
const zeroCounts = (): Record<ComplianceStatus, number> => Object.fromEntries(Object.values(ComplianceStatus).map((s) => [s, 0])) as Record<ComplianceStatus, number>;

/**
 * What the PDF and HTML show instead of per-institution lists when the cycle has more than
 * {@link LISTED_INSTITUTIONS_MAX} institutions (null when it has no more: everything is listed, as before).
 * The full lists stay in the model (`compliance`, `narratives`, `summary.attention`, each indicator's
 * `missing`), hence in the JSON, and the XLSX/CSV carry them:
 * - compliance counted by institution kind (in the order of INSTITUTION_KIND_LABELS, unknown kinds after,
 *   by code) × status, and the institutions needing attention ({@link ATTENTION_STATUSES}) by code, capped;
 * - the institutions that did not report, capped; the data-quality flags counted by kind, then capped;
 * - the narratives, capped; the requests still open, capped.
 */
export function reportDigest({
  compliance,
  notReporting,
  dataQuality,
  narratives,
  openRequests,
}: {
  compliance: readonly TCompliance[];
  notReporting: readonly { institutionCode: string; name: TWords }[];
  dataQuality: readonly TQualityFlag[];
  narratives: readonly TNarrative[];
  openRequests: readonly { institutionCode: string }[];
}): TReportDigest | null {
  if (listedInFull(compliance.length)) return null;
  const byKind = new Map<string, Record<ComplianceStatus, number>>();
  for (const c of compliance) {
    let counts = byKind.get(c.kind);
    if (!counts) byKind.set(c.kind, (counts = zeroCounts()));
    counts[c.status] += 1;
  }
  const known = KIND_ORDER.filter((k) => byKind.has(k));
  const unknown = [...byKind.keys()].filter((k) => !(KIND_ORDER as string[]).includes(k)).sort();
  const total = zeroCounts();
  const complianceByKind = [...known, ...unknown].map((kind) => {
    const byStatus = byKind.get(kind)!;
    for (const s of Object.values(ComplianceStatus)) total[s] += byStatus[s];
    return { kind, label: kindLabelOf(kind), institutions: Object.values(byStatus).reduce((a, n) => a + n, 0), byStatus };
  });
  const flagCounts = Object.values(QualityFlagKind).map((kind) => ({ kind, label: QUALITY_FLAG_LABELS[kind], count: dataQuality.filter((f) => f.kind === kind).length }));
  return {
    institutions: compliance.length,
    complianceByKind,
    complianceByStatus: total,
    complianceAttention: capped(compliance.filter((c) => ATTENTION_STATUSES.includes(c.status))),
    notReporting: capped(notReporting),
    dataQualityByKind: flagCounts.filter((f) => f.count > 0),
    dataQuality: capped(dataQuality),
    narratives: capped(narratives),
    openRequests: capped(openRequests.map((r) => r.institutionCode)),
  };
}
