import { loadReportSnapshot } from '../../../activities/report/load-report-snapshot';
import { ComplianceStatus, QualityFlagKind, type TAnnualReport, type TReportGoal } from '../../../domain/report/annual-report-model';
import { compileAnnualReport } from '../../../domain/report/compile-annual-report';
import { NotEvaluableReason } from '../../../domain/goal-status';
import type { PrismaClient } from '../../../prisma/client';
import { createTestDatabase, type TTestDatabase } from '../../support/database';
import { addCorrection, CORRECTION_REASON, EXEMPTION_REASON, SECRETARIAT, seedReportYear, type TReportYearSeed } from '../../support/report-scenario';

// One database: the seeded year 2025, then 2026 (plan years counted from the first cycle: 2025 is plan
// year 1), then a later correction. The tests run in order.

const goalsOf = (report: TAnnualReport): TReportGoal[] => report.areas.flatMap((a) => a.objectives.flatMap((o) => o.goals));
const statuses = (report: TAnnualReport) => Object.fromEntries(goalsOf(report).map((g) => [g.code, g.status]));
const compliance = (report: TAnnualReport, code: string) => report.compliance.find((c) => c.institutionCode === code)!;
const indicator = (report: TAnnualReport, code: string) => report.areas.flatMap((a) => a.objectives.flatMap((o) => o.indicators)).find((i) => i.code === code)!;

const EVERY_GOAL_2025 = {
  '1.g1': 'NOT_EVALUABLE',
  '1.g2': 'NOT_EVALUABLE',
  '2.g1': 'MET',
  '2.g2': 'NOT_EVALUABLE',
  '3.g1': 'MET',
  '3.g2': 'ON_TRACK',
  '4.g1': 'MET',
  '4.g2': 'BEHIND',
  '4.g3': 'NO_DATA',
  '5.g1': 'NOT_EVALUABLE',
  '5.g2': 'NOT_EVALUABLE',
  '6.g1': 'BEHIND',
  '6.g2': 'MET',
  '7.g1': 'NOT_EVALUABLE',
  '7.g2': 'NOT_EVALUABLE',
  '8.g1': 'NOT_EVALUABLE',
  '8.g2': 'NOT_STARTED',
  '8.g3': 'MET',
  '8.g4': 'NOT_EVALUABLE',
  '9.g1': 'NOT_EVALUABLE',
  '10.g1': 'NO_DATA',
};

describe('the annual report of a seeded year, from PostgreSQL', () => {
  let db: TTestDatabase;
  let prisma: PrismaClient;
  let first: TReportYearSeed;
  let report: TAnnualReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
    first = await seedReportYear(prisma, { year: 2025 });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loads and compiles the year quickly, judging every goal by the plan', async () => {
    const started = performance.now();
    const snapshot = await loadReportSnapshot(prisma, { cycleId: first.cycleId });
    report = compileAnnualReport({ snapshot, version: 1, compiledBy: 'workflow' });
    const ms = performance.now() - started;
    process.stdout.write(`loadReportSnapshot + compileAnnualReport (seeded year 2025): ${ms.toFixed(0)} ms\n`);

    expect(report.title).toEqual({ 'es-MX': 'Informe anual 2025 del PNA-1325', en: '2025 Annual report of the NAP-1325' });
    expect(report.plan).toMatchObject({ key: 'MX-NAP-1325', version: 1, adoptedOn: null, planYear: 1, planYearBasis: 'FIRST_CYCLE' });
    expect(report.compiledAt).toBe(snapshot.asOf);
    expect(statuses(report)).toEqual(EVERY_GOAL_2025);
    expect(report.summary.goalsByStatus).toEqual({ MET: 5, ON_TRACK: 1, BEHIND: 2, NOT_STARTED: 1, NO_DATA: 2, NOT_EVALUABLE: 10 });
    expect(report.summary.goals).toBe(21);
    expect(report.summary.attention.goalsBehind.map((g) => g.code)).toEqual(['4.g2', '6.g1']);

    const share = goalsOf(report).find((g) => g.code === '5.g1')!;
    expect(share.notEvaluable?.reason).toBe(NotEvaluableReason.NO_DENOMINATOR);
    expect(share.notEvaluable?.missing.en).toContain('all personnel, women and men, deployed in United Nations peace operations');
    expect(goalsOf(report).find((g) => g.code === '8.g4')!.notEvaluable?.reason).toBe(NotEvaluableReason.NO_PERIOD);
    // The correction's values count: SEDENA's 4.b is 40, not the 70 of its first version.
    expect(goalsOf(report).find((g) => g.code === '4.g2')!.years).toEqual([{ planYear: 1, cycleYear: 2025, value: 55 }]);
    expect(indicator(report, '4.b').values.find((v) => v.institutionCode === 'SEDENA')).toMatchObject({ total: 40 });
  });

  it('states every compliance figure', () => {
    expect(report.compliance.map((c) => [c.institutionCode, c.status, c.businessDaysLate, c.highestEscalationLevel])).toEqual([
      ['CECOPAM', ComplianceStatus.LATE, 3, 0],
      ['INMUJERES', ComplianceStatus.ON_TIME, 0, 0],
      ['SEDENA', ComplianceStatus.ON_TIME, 0, 0],
      ['SEMAR', ComplianceStatus.NOT_REPORTED, 0, 3],
      ['SRE', ComplianceStatus.ON_TIME, 0, 0],
      ['SSPC', ComplianceStatus.AFTER_EXTENSION, 0, 1],
      ['UNWOMEN', ComplianceStatus.EXEMPTED, 0, 0],
    ]);
    expect(report.summary.completeness).toEqual({ institutions: 7, reported: 5, onTime: 3, late: 1, afterExtension: 1, exempted: 1, notReported: 1, open: 0 });
    expect(report.summary.attention.notReporting.map((n) => n.institutionCode)).toEqual(['SEMAR']);
    expect(report.cycle.openRequests).toEqual([]);

    expect(compliance(report, 'SSPC')).toMatchObject({
      deadline: first.extendedDeadline,
      extension: { requestedBy: 'enlace@sspc.gob.mx', decidedBy: SECRETARIAT, newDeadline: first.extendedDeadline },
    });
    expect(compliance(report, 'SSPC').text.en).toContain('extension requested by enlace@sspc.gob.mx, decided by secretaria@sre.gob.mx');
    expect(compliance(report, 'UNWOMEN').exemptionReason).toBe(EXEMPTION_REASON);
    expect(compliance(report, 'SEDENA').corrections).toEqual([{ version: 2, at: first.submittedAt.SEDENA[1], by: 'enlace@sedena.gob.mx', reason: CORRECTION_REASON }]);
    expect(compliance(report, 'SEMAR').undeliveredEmails).toEqual([expect.objectContaining({ kind: 'ESCALATION', to: ['jefatura@semar.gob.mx'], error: '550 5.1.1 mailbox unavailable' })]);
    expect(compliance(report, 'CECOPAM').text).toEqual({
      'es-MX': 'CECOPAM: informó con retraso, el 2026-03-20: 3 días hábiles después del plazo del 2026-03-13.',
      en: 'CECOPAM: reported late, on 2026-03-20: 3 business days after the deadline of 2026-03-13.',
    });
  });

  it('shows the sex not recorded, flags data quality, keeps narratives and the annex', () => {
    expect(indicator(report, '2.a').values).toEqual([expect.objectContaining({ institutionCode: 'INMUJERES', total: 40, women: 25, men: 10, sexNotRecorded: 5 })]);
    expect(indicator(report, '4.d').missing).toEqual([]);
    expect(indicator(report, '10.a').missing).toEqual(['SEMAR']);
    expect(report.summary.attention.dataQuality.map((f) => [f.kind, f.institutionCode, f.indicatorCode])).toEqual([
      [QualityFlagKind.SEX_NOT_RECORDED, 'INMUJERES', '2.a'],
      [QualityFlagKind.CORRECTED_AFTER_DEADLINE, 'SEDENA', null],
      [QualityFlagKind.NO_DATA_VALUE, 'SEDENA', '10.a'],
      [QualityFlagKind.NO_DATA_VALUE, 'SRE', '10.a'],
    ]);
    expect(report.narratives.map((n) => [n.institutionCode, n.version])).toEqual([
      ['INMUJERES', 1],
      ['SEDENA', 2],
      ['SRE', 1],
    ]);
    const rows2a = report.annex.rows.filter((r) => r.indicatorCode === '2.a');
    expect(rows2a.map((r) => [r.institutionCode, r.breakdown, r.value])).toEqual([
      ['INMUJERES', 'TOTAL', 40],
      ['INMUJERES', 'WOMEN', 25],
      ['INMUJERES', 'MEN', 10],
      ['INMUJERES', 'SEX_NOT_RECORDED', 5],
    ]);
    expect(report.annex.rows[0]).toMatchObject({ institutionCode: 'CECOPAM', indicatorCode: '3.a', breakdown: 'TOTAL' });
    expect(report.footnotes.length).toBeGreaterThan(20);
    expect(report.footnotes.map((f) => f.n)).toEqual(report.footnotes.map((_f, i) => i + 1));
  });

  it('gives the same snapshot and hash when read twice', async () => {
    const a = await loadReportSnapshot(prisma, { cycleId: first.cycleId });
    const b = await loadReportSnapshot(prisma, { cycleId: first.cycleId });
    expect(b).toEqual(a);
    expect(compileAnnualReport({ snapshot: b, version: 1, compiledBy: 'workflow' })).toEqual(report);
  });

  it('judges the second year as plan year 2, with two-point trends', async () => {
    const second = await seedReportYear(prisma, { year: 2026 });
    const next = compileAnnualReport({ snapshot: await loadReportSnapshot(prisma, { cycleId: second.cycleId }), version: 1, compiledBy: 'workflow' });
    expect(next.plan).toMatchObject({ planYear: 2, planYearBasis: 'FIRST_CYCLE' });
    expect(statuses(next)).toEqual({ ...EVERY_GOAL_2025, '3.g2': 'MET' });
    expect(goalsOf(next).find((g) => g.code === '3.g2')!.years).toEqual([
      { planYear: 1, cycleYear: 2025, value: 8 },
      { planYear: 2, cycleYear: 2026, value: 8 },
    ]);
    expect(indicator(next, '3.b').trend.map((p) => [p.planYear, p.cycleYear, p.total, p.reported])).toEqual([
      [1, 2025, 8, 4],
      [2, 2026, 8, 4],
    ]);
    expect(indicator(next, '2.a').trend.map((p) => p.bySex)).toEqual([
      { women: 25, men: 10, sexNotRecorded: 5 },
      { women: 25, men: 10, sexNotRecorded: 5 },
    ]);
    // The first year's report is unchanged by the second cycle.
    const again = compileAnnualReport({ snapshot: await loadReportSnapshot(prisma, { cycleId: first.cycleId }), version: 1, compiledBy: 'workflow' });
    expect(again.snapshotHash).toBe(report.snapshotHash);
  });

  it('a later correction changes the snapshot, its hash and what it judges', async () => {
    await addCorrection(prisma, { year: 2025, institutionCode: 'CECOPAM', at: '2026-05-04T17:00:00.000Z', reason: 'Cifra de 4.b incompleta.', override: { '4.b': { total: 30 } } });
    const later = compileAnnualReport({ snapshot: await loadReportSnapshot(prisma, { cycleId: first.cycleId }), version: 2, compiledBy: `secretariat:${SECRETARIAT}` });
    expect(later.snapshotHash).not.toBe(report.snapshotHash);
    expect(later.compiledAt).toBe('2026-05-04T17:00:00.000Z');
    expect(statuses(later)['4.g2']).toBe('MET');
    expect(compliance(later, 'CECOPAM').corrections.map((c) => c.version)).toEqual([2]);
  });
});
