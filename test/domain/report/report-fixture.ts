import planJson from '../../../domain/plans/mx-nap-1325.v1.json';
import { parsePlanFile, type TPlanFile } from '../../../domain/plan-schema';
import type { TReportSnapshot, TSnapshotArea, TSnapshotRequest, TSnapshotValue } from '../../../domain/report/report-snapshot';

/** Fixed snapshots for the pure tests of the report: the real plan file, fixed instants, no database. */

export const plan: TPlanFile = parsePlanFile(planJson, 'mx-nap-1325.v1.json');

const notes = (item: { needsConfirmation?: boolean; confirmationNote?: string | null; notes?: string | null }) => ({
  needsConfirmation: item.needsConfirmation ?? false,
  confirmationNote: item.confirmationNote ?? null,
  notes: item.notes ?? null,
});

/** The plan tree as the loader builds it from the seeded database. */
export function planAreas(): TSnapshotArea[] {
  return plan.thematicAreas.map((area) => ({
    code: area.code,
    name: area.name,
    objectives: plan.objectives
      .filter((o) => o.thematicAreaCode === area.code)
      .map((o) => ({
        code: o.code,
        text: o.text,
        ...notes(o),
        institutions: [...o.institutionsInCharge].sort(),
        linesOfAction: plan.linesOfAction.filter((l) => l.objectiveCode === o.code).map((l) => ({ code: l.code, text: l.text, ...notes(l) })),
        indicators: plan.indicators
          .filter((i) => i.objectiveCode === o.code)
          .map((i) => ({
            code: i.code,
            position: plan.indicators.indexOf(i) + 1,
            text: i.text,
            unit: i.unit,
            disaggregation: i.disaggregation,
            ...notes(i),
            reporters: i.reporters.map((r) => ({ institutionCode: r.institutionCode, derived: r.derived, basis: r.basis ?? null })).sort((a, b) => (a.institutionCode < b.institutionCode ? -1 : 1)),
          })),
        goals: plan.goals.filter((g) => g.objectiveCode === o.code).map((g) => ({ code: g.code, text: g.text, indicatorCode: g.indicatorCode, target: g.target, ...notes(g) })),
      })),
  }));
}

/** Cycle 2025: deadline Friday 13 March 2026, end of day in Mexico City (Monday 16 March is a statutory rest day). */
export const DEADLINE = '2026-03-14T05:59:59.999Z';

/** A request that reported on time (override what the test is about). */
export function request(institutionCode: string, over: Partial<TSnapshotRequest> = {}): TSnapshotRequest {
  return {
    institutionCode,
    status: 'SUBMITTED',
    deadline: DEADLINE,
    submittedAt: '2026-03-10T17:00:00.000Z',
    closedReason: null,
    highestEscalationLevel: 0,
    extensionEvents: [],
    exemption: null,
    current: { version: 1, kind: 'FINAL', at: '2026-03-10T17:00:00.000Z', by: `enlace@${institutionCode.toLowerCase()}.gob.mx`, narrative: null },
    corrections: [],
    undeliveredEmails: [],
    ...over,
  };
}

/** A numeric value (other fields empty). */
export function value(institutionCode: string, indicatorCode: string, total: number | null, over: Partial<TSnapshotValue> = {}): TSnapshotValue {
  return { institutionCode, indicatorCode, version: 1, total, women: null, men: null, booleanValue: null, textValue: null, comment: null, ...over };
}

const byInstitutionThenIndicator = (a: TSnapshotValue, b: TSnapshotValue) => {
  const position = (code: string) => plan.indicators.findIndex((i) => i.code === code);
  if (a.institutionCode !== b.institutionCode) return a.institutionCode < b.institutionCode ? -1 : 1;
  return position(a.indicatorCode) - position(b.indicatorCode);
};

/** The seven institutions of the plan, each on time, no values; plan years from the first cycle (2025). */
export function snapshot(over: Partial<TReportSnapshot> = {}): TReportSnapshot {
  const base: TReportSnapshot = {
    asOf: '2026-04-10T18:00:00.000Z',
    plan: {
      key: 'MX-NAP-1325',
      version: 1,
      title: plan.title,
      shortTitle: { es: 'PNA-1325', en: 'NAP-1325' },
      adoptedOn: null,
      firstCycleYear: 2025,
      spanishOfficial: false,
      conventions: plan.conventions,
    },
    cycle: { year: 2025, status: 'CLOSED', openedAt: '2026-02-02T16:00:00.000Z', deadline: DEADLINE, closedAt: '2026-04-10T18:00:00.000Z' },
    areas: planAreas(),
    institutions: plan.institutions.map((i) => ({ code: i.code, name: i.name, kind: i.kind })).sort((a, b) => (a.code < b.code ? -1 : 1)),
    requests: plan.institutions.map((i) => request(i.code)).sort((a, b) => (a.institutionCode < b.institutionCode ? -1 : 1)),
    values: [],
    history: [],
    extraHolidays: [],
  };
  const merged = { ...base, ...over };
  return { ...merged, values: [...merged.values].sort(byInstitutionThenIndicator) };
}
