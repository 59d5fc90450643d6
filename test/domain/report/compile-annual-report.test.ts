import { GoalStatus, NotEvaluableReason } from '../../../domain/goal-status';
import { ComplianceStatus, QualityFlagKind, type TAnnualReport, type TCompliance, type TReportGoal, type TReportIndicator } from '../../../domain/report/annual-report-model';
import { capped, LISTED_ATTENTION_MAX, reportDigest } from '../../../domain/report/report-digest';
import { compileAnnualReport } from '../../../domain/report/compile-annual-report';
import type { TReportSnapshot, TSnapshotGoal, TSnapshotIndicator } from '../../../domain/report/report-snapshot';
import { canonicalJson, snapshotHash } from '../../../domain/report/snapshot-hash';
import { DEADLINE, plan, request, snapshot, value } from './report-fixture';

const compile = (s: TReportSnapshot) => compileAnnualReport({ snapshot: s, version: 1, compiledBy: 'workflow' });
const goals = (r: TAnnualReport): TReportGoal[] => r.areas.flatMap((a) => a.objectives.flatMap((o) => o.goals));
const goal = (r: TAnnualReport, code: string) => goals(r).find((g) => g.code === code)!;
const indicators = (r: TAnnualReport): TReportIndicator[] => r.areas.flatMap((a) => a.objectives.flatMap((o) => o.indicators));
const indicator = (r: TAnnualReport, code: string) => indicators(r).find((i) => i.code === code)!;
const compliance = (r: TAnnualReport, code: string) => r.compliance.find((c) => c.institutionCode === code)!;

/** The snapshot with one goal of the plan changed (the plan file as the secretariat might amend it). */
function withGoal(s: TReportSnapshot, code: string, change: Partial<TSnapshotGoal>): TReportSnapshot {
  const areas = s.areas.map((a) => ({ ...a, objectives: a.objectives.map((o) => ({ ...o, goals: o.goals.map((g) => (g.code === code ? { ...g, ...change } : g)) })) }));
  return { ...s, areas };
}
function withIndicator(s: TReportSnapshot, code: string, change: Partial<TSnapshotIndicator>): TReportSnapshot {
  const areas = s.areas.map((a) => ({ ...a, objectives: a.objectives.map((o) => ({ ...o, indicators: o.indicators.map((i) => (i.code === code ? { ...i, ...change } : i)) })) }));
  return { ...s, areas };
}

describe('compileAnnualReport: goals', () => {
  const year = snapshot({
    values: [
      value('INMUJERES', '2.a', 40, { women: 25, men: 10 }),
      value('SSPC', '3.b', 8),
      value('SEDENA', '4.b', 55),
      value('SRE', '6.a', 20),
      value('SRE', '6.b', 1),
      value('SSPC', '8.b', 0),
      value('SRE', '10.a', null, { comment: 'Sin información.' }),
    ],
  });
  const report = compile(year);

  it('gives each status, with every status counted in the summary', () => {
    expect(goal(report, '2.g1').status).toBe(GoalStatus.MET); // occurrence per year
    expect(goal(report, '3.g2').status).toBe(GoalStatus.ON_TRACK); // cumulative count, 8 of 15
    expect(goal(report, '4.g2').status).toBe(GoalStatus.BEHIND); // per year, 55 < 60
    expect(goal(report, '8.g2').status).toBe(GoalStatus.NOT_STARTED); // cumulative, 0 so far
    expect(goal(report, '10.g1').status).toBe(GoalStatus.NO_DATA); // only "no data" given
    expect(goal(report, '2.g2').status).toBe(GoalStatus.NOT_EVALUABLE); // no target
    expect(report.summary.goalsByStatus).toEqual({ MET: 2, ON_TRACK: 1, BEHIND: 2, NOT_STARTED: 1, NO_DATA: 5, NOT_EVALUABLE: 10 });
    expect(goal(report, '4.g2').rule.en).toBe('Target: uniformed women trained, at least 60 per year (indicator 4.b). Plan year 1 (2025): 55 → behind.');
    expect(goal(report, '4.g2').statusLabel).toEqual({ 'es-MX': 'atrasada', en: 'behind' });
  });

  it('makes 5.g1 not evaluable, naming the denominator no indicator records', () => {
    const share = goal(compile(withGoal(year, '5.g1', {})), '5.g1');
    expect(share.status).toBe(GoalStatus.NOT_EVALUABLE);
    expect(share.notEvaluable).toEqual({
      reason: NotEvaluableReason.NO_DENOMINATOR,
      missing: {
        'es-MX': 'el denominador, todo el personal, mujeres y hombres, desplegado en operaciones de paz de las Naciones Unidas (ningún indicador del plan lo registra)',
        en: 'the denominator, all personnel, women and men, deployed in United Nations peace operations (no indicator of the plan records it)',
      },
    });
    expect(share.rule.en).toContain('Missing: the denominator');
  });

  it('judges a share that has its denominator', () => {
    const target = plan.goals.find((g) => g.code === '5.g1')!.target!;
    if (target.kind !== 'SHARE') throw new Error('5.g1 is a share');
    const s = withGoal(snapshot({ values: [value('SRE', '5.b', 3), value('SRE', '5.a', 10)] }), '5.g1', { target: { ...target, denominator: { ...target.denominator, indicatorCode: '5.a' } } });
    expect(goal(compile(s), '5.g1')).toMatchObject({ status: GoalStatus.MET, years: [{ planYear: 1, cycleYear: 2025, value: 3, denominator: 10 }] });
  });

  it('judges milestones by plan year, with earlier cycles from the history', () => {
    // 1.g1 has no indicator in the plan; as if the secretariat named one (1.a counts them).
    const judged = (cycleYear: number, history: TReportSnapshot['history'], current: number) =>
      goal(
        compile(
          withGoal(snapshot({ cycle: { ...snapshot().cycle, year: cycleYear }, history, values: [value('SRE', '1.a', current)] }), '1.g1', { indicatorCode: '1.a' }),
        ),
        '1.g1',
      );
    const point = (cycleYear: number, total: number) => ({ cycleYear, indicatorCode: '1.a', total, women: null, men: null, reported: 1, withoutData: 0 });
    expect(judged(2025, [], 2).status).toBe(GoalStatus.ON_TRACK); // two in year 1: the second is due in year 3
    expect(judged(2027, [point(2025, 1), point(2026, 0)], 0).status).toBe(GoalStatus.BEHIND);
    const met = judged(2027, [point(2025, 1), point(2026, 0)], 1);
    expect(met.status).toBe(GoalStatus.MET);
    expect(met.years.map((y) => [y.planYear, y.value])).toEqual([
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
  });

  it('shows a trend over the plan years, counting institutions of earlier years from the history', () => {
    const s = snapshot({
      cycle: { ...snapshot().cycle, year: 2026 },
      history: [{ cycleYear: 2025, indicatorCode: '2.a', total: 50, women: 20, men: 20, reported: 2, withoutData: 1 }],
      values: [value('INMUJERES', '2.a', 40, { women: 25, men: 10 })],
    });
    expect(indicator(compile(s), '2.a').trend).toEqual([
      { planYear: 1, cycleYear: 2025, total: 50, bySex: { women: 20, men: 20, sexNotRecorded: 10 }, reported: 2, withoutData: 1 },
      { planYear: 2, cycleYear: 2026, total: 40, bySex: { women: 25, men: 10, sexNotRecorded: 5 }, reported: 1, withoutData: 0 },
    ]);
  });

  it('shows the sex not recorded as such, and only for indicators broken down by sex', () => {
    expect(indicator(report, '2.a').values).toEqual([
      { institutionCode: 'INMUJERES', total: 40, women: 25, men: 10, sexNotRecorded: 5, booleanValue: null, textValue: null, comment: null },
    ]);
    expect(indicator(report, '4.b').values[0].sexNotRecorded).toBeNull();
    expect(report.annex.rows.filter((r) => r.indicatorCode === '2.a').map((r) => [r.breakdown, r.value])).toEqual([
      ['TOTAL', 40],
      ['WOMEN', 25],
      ['MEN', 10],
      ['SEX_NOT_RECORDED', 5],
    ]);
  });
});

describe('compileAnnualReport: footnotes', () => {
  const report = compile(withIndicator(snapshot(), '4.d', { reporters: [{ institutionCode: 'UNWOMEN', derived: false, basis: 'CONFIRMED' }] }));

  it('numbers them in order of appearance, and items refer to them', () => {
    expect(report.footnotes.map((f) => f.n)).toEqual(report.footnotes.map((_f, i) => i + 1));
    const referenced = report.areas.flatMap((a) => a.objectives.flatMap((o) => [...o.footnotes, ...o.indicators.flatMap((i) => i.footnotes), ...o.goals.flatMap((g) => g.footnotes)]));
    expect(new Set(referenced).size).toBe(report.footnotes.length);
    // Within an objective: its own notes, then its indicators', then its goals'.
    const objective5 = report.areas.flatMap((a) => a.objectives).find((o) => o.code === '5')!;
    const order = [...objective5.footnotes, ...objective5.indicators.flatMap((i) => i.footnotes), ...objective5.goals.flatMap((g) => g.footnotes)];
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('marks uncertain wording, plan notes and derived reporters', () => {
    const about = (n: number) => report.footnotes[n - 1];
    const fiveB = indicator(report, '5.b').footnotes.map(about);
    expect(fiveB.map((f) => f.kind)).toEqual(['NOTE', 'DERIVED_REPORTER']);
    expect(fiveB[1].text).toBe('Reporter derived from the plan, not confirmed by the secretariat: SEMAR (IN_CHARGE_DEFAULT), SRE (IN_CHARGE_DEFAULT), SSPC (IN_CHARGE_DEFAULT).');
    expect(fiveB[0].about).toEqual({ 'es-MX': 'indicador 5.b', en: 'indicator 5.b' });
    const g51 = goal(report, '5.g1').footnotes.map(about);
    expect(g51).toEqual([expect.objectContaining({ kind: 'NEEDS_CONFIRMATION', text: plan.goals.find((g) => g.code === '5.g1')!.confirmationNote })]);
    expect(indicator(report, '4.d').footnotes).toEqual([]); // its reporter is confirmed
    expect(goal(report, '4.g2').footnotes).toEqual([]);
  });
});

describe('compileAnnualReport: compliance', () => {
  const extension = [
    { action: 'EXTENSION_REQUESTED' as const, at: '2026-03-12T18:00:00.000Z', actor: 'contact:enlace@sspc.gob.mx', deadline: '2026-03-27', previousDeadline: null },
    { action: 'EXTENSION_APPROVED' as const, at: '2026-03-13T17:00:00.000Z', actor: 'secretariat:secretaria@sre.gob.mx', deadline: '2026-03-28T05:59:59.999Z', previousDeadline: DEADLINE },
  ];
  const report = compile(
    snapshot({
      // Thursday 19 March 2026 is a holiday of the secretariat.
      extraHolidays: ['2026-03-19'],
      requests: [
        request('CECOPAM', { submittedAt: '2026-03-20T18:00:00.000Z' }), // Friday: Mon 16 (statutory) and Thu 19 (extra) do not count
        request('INMUJERES', { submittedAt: '2026-03-14T18:00:00.000Z' }), // Saturday after the Friday deadline
        request('SEDENA', {
          corrections: [{ version: 2, at: '2026-03-20T18:00:00.000Z', by: 'enlace@sedena.gob.mx', reason: 'Cifra corregida.' }],
          current: { version: 2, kind: 'CORRECTION', at: '2026-03-20T18:00:00.000Z', by: 'enlace@sedena.gob.mx', narrative: 'Corregido.' },
        }),
        request('SEMAR', { status: 'NOT_REPORTED', submittedAt: null, current: null, highestEscalationLevel: 3, undeliveredEmails: [{ at: '2026-03-18T15:00:00.000Z', kind: 'ESCALATION', to: ['jefe@semar.gob.mx'], error: '550 no such user' }] }),
        request('SRE', { status: 'OVERDUE', submittedAt: null, current: null, highestEscalationLevel: 1 }),
        request('SSPC', { deadline: '2026-03-28T05:59:59.999Z', submittedAt: '2026-03-25T18:00:00.000Z', extensionEvents: extension, highestEscalationLevel: 1 }),
        request('UNWOMEN', { status: 'EXEMPTED', submittedAt: null, current: null, exemption: { at: '2026-02-20T18:00:00.000Z', by: 'secretaria@sre.gob.mx', reason: 'Sin operaciones.' } }),
      ],
      values: [value('SEDENA', '4.b', 40, { version: 2 })],
    }),
  );

  it('gives each status, late in business days across holidays', () => {
    expect(report.compliance.map((c) => [c.institutionCode, c.status, c.businessDaysLate])).toEqual([
      ['CECOPAM', ComplianceStatus.LATE, 3],
      ['INMUJERES', ComplianceStatus.LATE, 1],
      ['SEDENA', ComplianceStatus.ON_TIME, 0],
      ['SEMAR', ComplianceStatus.NOT_REPORTED, 0],
      ['SRE', ComplianceStatus.OPEN, 0],
      ['SSPC', ComplianceStatus.AFTER_EXTENSION, 0],
      ['UNWOMEN', ComplianceStatus.EXEMPTED, 0],
    ]);
    expect(report.summary.completeness).toEqual({ institutions: 7, reported: 4, onTime: 1, late: 2, afterExtension: 1, exempted: 1, notReported: 1, open: 1 });
    expect(report.cycle.openRequests).toEqual([{ institutionCode: 'SRE', status: 'OVERDUE' }]);
  });

  it('says who asked for the extension and who decided, the exemption, escalation, corrections and refused emails', () => {
    expect(compliance(report, 'SSPC').extension).toEqual({ requestedAt: '2026-03-12T18:00:00.000Z', requestedBy: 'enlace@sspc.gob.mx', newDeadline: '2026-03-28T05:59:59.999Z', decidedBy: 'secretaria@sre.gob.mx' });
    expect(compliance(report, 'SSPC').text.en).toBe(
      'SSPC: reported on 2026-03-25, within an extension to 2026-03-27; extension requested by enlace@sspc.gob.mx, decided by secretaria@sre.gob.mx; escalated to level 1.',
    );
    expect(compliance(report, 'UNWOMEN')).toMatchObject({ exemptionReason: 'Sin operaciones.', text: { 'es-MX': 'UNWOMEN: exenta (Sin operaciones.).' } });
    expect(compliance(report, 'SEMAR').text['es-MX']).toBe('SEMAR: no informó (plazo: 2026-03-13); escalada al nivel 3; 1 correo(s) no entregado(s).');
    expect(compliance(report, 'SEDENA').corrections).toHaveLength(1);
    expect(report.summary.attention.notReporting).toEqual([{ institutionCode: 'SEMAR', name: { 'es-MX': expect.any(String), en: expect.any(String) } }]);
  });

  it('flags a correction made after the deadline', () => {
    expect(report.summary.attention.dataQuality.map((f) => [f.kind, f.institutionCode])).toEqual([['CORRECTED_AFTER_DEADLINE', 'SEDENA']]);
    expect(report.narratives).toEqual([expect.objectContaining({ institutionCode: 'SEDENA', version: 2, text: 'Corregido.', submittedBy: 'enlace@sedena.gob.mx' })]);
  });
});

describe('compileAnnualReport: scale', () => {
  const many = Array.from({ length: 60 }, (_v, i) => ({ code: `MUN-${String(i + 1).padStart(3, '0')}`, name: { es: `Municipio ${i + 1}`, en: `Municipality ${i + 1}` }, kind: i < 40 ? 'MUNICIPALITY' : 'STATE_AGENCY' }));
  const s = withIndicator(
    snapshot({
      institutions: many,
      requests: many.map((m) => request(m.code)),
      values: many.map((m, i) => value(m.code, '2.a', i === 59 ? null : (i % 7) + 1, i === 59 ? { comment: 'Sin datos.' } : { women: 1, men: 0 })),
    }),
    '2.a',
    { reporters: many.map((m) => ({ institutionCode: m.code, derived: false, basis: 'CONFIRMED' })) },
  );
  const report = compile(s);

  it('aggregates above 50 institutions: by kind, the 10 largest, the others; the annex keeps every row', () => {
    const a = indicator(report, '2.a');
    expect(a.values).toEqual([]);
    expect(a.aggregate!.byKind).toEqual([
      { kind: 'STATE_AGENCY', label: { 'es-MX': 'Dependencia estatal', en: 'State agency' }, institutions: 20, total: expect.any(Number), women: 19, men: 0 },
      { kind: 'MUNICIPALITY', label: { 'es-MX': 'Municipio', en: 'Municipality' }, institutions: 40, total: expect.any(Number), women: 40, men: 0 },
    ]);
    expect(a.aggregate!.top.map((v) => [v.institutionCode, v.total])).toEqual([
      ['MUN-007', 7],
      ['MUN-014', 7],
      ['MUN-021', 7],
      ['MUN-028', 7],
      ['MUN-035', 7],
      ['MUN-042', 7],
      ['MUN-049', 7],
      ['MUN-056', 7],
      ['MUN-006', 6],
      ['MUN-013', 6],
    ]);
    expect(a.aggregate!.others).toBe(50);
    expect(a.missing).toEqual([]);
    expect(report.annex.rows.filter((r) => r.indicatorCode === '2.a' && r.breakdown === 'TOTAL')).toHaveLength(60);
    expect(report.annex.rows.map((r) => r.institutionCode)).toEqual([...report.annex.rows.map((r) => r.institutionCode)].sort());
  });

  it('above 50 institutions, gives the PDF and HTML a digest: counts by kind × status and the institutions needing attention; the full lists stay', () => {
    const late = { submittedAt: '2026-03-20T17:00:00.000Z', current: { version: 1, kind: 'FINAL' as const, at: '2026-03-20T17:00:00.000Z', by: 'x@y', narrative: 'Texto.' } };
    const notReported = { status: 'NOT_REPORTED', submittedAt: null, current: null };
    const mixed = compile({ ...s, requests: many.map((m, i) => request(m.code, i % 10 === 0 ? notReported : i % 10 === 1 ? late : {})) });
    const d = mixed.digest!;
    expect(d.institutions).toBe(60);
    expect(d.complianceByKind.map((k) => [k.kind, k.institutions, k.byStatus.ON_TIME, k.byStatus.LATE, k.byStatus.NOT_REPORTED, k.byStatus.OPEN])).toEqual([
      ['STATE_AGENCY', 20, 16, 2, 2, 0],
      ['MUNICIPALITY', 40, 32, 4, 4, 0],
    ]);
    expect(d.complianceByStatus).toEqual({ ON_TIME: 48, LATE: 6, AFTER_EXTENSION: 0, EXEMPTED: 0, NOT_REPORTED: 6, OPEN: 0 });
    expect(d.complianceAttention.items.map((c) => [c.institutionCode, c.status])).toEqual(
      many.flatMap((m, i) => (i % 10 === 0 ? [[m.code, 'NOT_REPORTED']] : i % 10 === 1 ? [[m.code, 'LATE']] : [])),
    );
    expect(d.complianceAttention.more).toBe(0);
    expect(d.notReporting.items.map((i) => i.institutionCode)).toEqual(['MUN-001', 'MUN-011', 'MUN-021', 'MUN-031', 'MUN-041', 'MUN-051']);
    expect(d.narratives.items).toHaveLength(6);
    expect(d.dataQualityByKind.map((f) => [f.kind, f.count])).toEqual([
      ['NO_DATA_VALUE', 1],
      ['SEX_NOT_RECORDED', 50],
    ]);
    expect(d.dataQuality).toEqual({ items: mixed.summary.attention.dataQuality, more: 0 });
    // The model keeps every entry (JSON, XLSX).
    expect(mixed.compliance).toHaveLength(60);
    expect(mixed.summary.attention.notReporting).toHaveLength(6);
  });

  it('lists everything (no digest) up to 50 institutions', () => {
    expect(compile(snapshot()).digest).toBeNull();
    const fifty = many.slice(0, 50);
    expect(compile({ ...s, institutions: fifty, requests: fifty.map((m) => request(m.code)) }).digest).toBeNull();
  });
});

describe('reportDigest', () => {
  const kinds = ['MUNICIPALITY', 'STATE_AGENCY', 'WEIRD_KIND'];
  const entries = Array.from({ length: 1_000 }, (_v, i) => {
    const code = `E${String(i).padStart(4, '0')}`;
    const status = i % 4 === 0 ? ComplianceStatus.NOT_REPORTED : i % 4 === 1 ? ComplianceStatus.EXEMPTED : ComplianceStatus.ON_TIME;
    return { institutionCode: code, name: { 'es-MX': code, en: code }, kind: kinds[i % 3], status } as TCompliance;
  });
  const flags = entries.map((c) => ({ kind: QualityFlagKind.SEX_NOT_RECORDED, institutionCode: c.institutionCode, indicatorCode: '2.a', text: { 'es-MX': 'x', en: 'x' } }));
  const d = reportDigest({ compliance: entries, notReporting: entries.filter((c) => c.status === 'NOT_REPORTED'), dataQuality: flags, narratives: [], openRequests: [] })!;

  it('caps every list at the first 100 (model order) and says how many more', () => {
    expect(LISTED_ATTENTION_MAX).toBe(100);
    expect(d.complianceAttention.items).toHaveLength(100);
    expect(d.complianceAttention.items[0].institutionCode).toBe('E0000');
    expect(d.complianceAttention.items.every((c) => c.status !== 'ON_TIME')).toBe(true);
    expect(d.complianceAttention.more).toBe(400);
    expect(d.notReporting).toEqual({ items: expect.any(Array), more: 150 });
    expect(d.dataQuality.more).toBe(900);
    expect(d.dataQualityByKind).toEqual([{ kind: 'SEX_NOT_RECORDED', label: expect.any(Object), count: 1_000 }]);
    expect(d.narratives).toEqual({ items: [], more: 0 });
  });

  it('counts by kind in the labels order, unknown kinds after, every status present', () => {
    expect(d.complianceByKind.map((k) => k.kind)).toEqual(['STATE_AGENCY', 'MUNICIPALITY', 'WEIRD_KIND']);
    expect(d.complianceByKind.map((k) => k.institutions).reduce((a, n) => a + n, 0)).toBe(1_000);
    expect(d.complianceByKind[2].label).toEqual({ 'es-MX': 'WEIRD_KIND', en: 'WEIRD_KIND' });
    expect(Object.keys(d.complianceByStatus).sort()).toEqual(Object.values(ComplianceStatus).sort());
    expect(d.complianceByStatus).toMatchObject({ NOT_REPORTED: 250, EXEMPTED: 250, ON_TIME: 500 });
  });

  it('is null up to 50 institutions', () => {
    expect(reportDigest({ compliance: entries.slice(0, 50), notReporting: [], dataQuality: [], narratives: [], openRequests: [] })).toBeNull();
    expect(capped([1, 2, 3], 2)).toEqual({ items: [1, 2], more: 1 });
  });
});

describe('compileAnnualReport: determinism', () => {
  it('is the same model for the same snapshot; the hash follows the data, not the key order', () => {
    const s = snapshot({ values: [value('SRE', '6.a', 20)] });
    expect(compile(s)).toEqual(compile(JSON.parse(JSON.stringify(s)) as TReportSnapshot));
    expect(compile(s).compiledAt).toBe(s.asOf);
    expect(compile(s).snapshotHash).toBe(snapshotHash(s));
    expect(snapshotHash(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    expect(snapshotHash(snapshot({ values: [value('SRE', '6.a', 21)] }))).not.toBe(snapshotHash(s));
  });

  it('titles the report after the plan and states the method', () => {
    const report = compile(snapshot());
    expect(report.title).toEqual({ 'es-MX': 'Informe anual 2025 del PNA-1325', en: '2025 Annual report of the NAP-1325' });
    expect(report.plan).toMatchObject({ planYear: 1, planYearBasis: 'FIRST_CYCLE', conventions: plan.conventions });
    expect(report.plan.planYearText.en).toContain('counted from the first cycle');
    expect(report.annex.method.rules.length).toBeGreaterThanOrEqual(5);
    expect(report.annex.method.rules.every((r) => r['es-MX'].length > 0 && r.en.length > 0)).toBe(true);
  });
});
