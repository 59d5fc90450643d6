/**
 * Annual report models for the renderers' tests (documents/annual-report): a realistic one for the NAP's
 * seven institutions ({@link annualReportFixture}) and a large one of 10,000 aggregated institutions
 * ({@link largeAnnualReport}) for a performance sanity check.
 *
 * The realistic model has every goal status and every compliance status, a sex breakdown that falls short
 * of its total (sex not recorded > 0), footnotes, a two-year trend, and hostile text from a contact (script
 * tag, spreadsheet formulas, right-to-left text with U+202E) in a narrative and a comment.
 */
import { GOAL_STATUS_LABELS, GoalStatus } from '../../domain/goal-status';
import type { TWords } from '../../domain/goal-target-text';
import { INSTITUTION_KIND_LABELS } from '../../domain/institution-kind-labels';
import type { InstitutionKind } from '../../domain/plan-schema';
import {
  ANNUAL_REPORT_FORMAT,
  ComplianceStatus,
  QualityFlagKind,
  type TAnnexRow,
  type TAnnualReport,
  type TCompliance,
  type TReportIndicator,
  type TReportValue,
} from '../../domain/report/annual-report-model';
import { reportDigest } from '../../domain/report/report-digest';

/** The hostile strings a contact may type, as they must come out: inert, intact. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  hyperlink: '=HYPERLINK("http://x","y")',
  command: "+cmd|' /C calc'!A0",
  rtl: 'مرحبا \u202Eשלום evil.exe',
} as const;

const w = (es: string, en: string): TWords => ({ 'es-MX': es, en });

const INSTITUTIONS: { code: string; name: TWords; kind: InstitutionKind }[] = [
  { code: 'CECOPAM', name: w('Centro de Entrenamiento Conjunto de Operaciones de Paz de México (CECOPAM)', 'Mexican Joint Training Center for Peacekeeping Operations (CECOPAM)'), kind: 'TRAINING_CENTER' },
  { code: 'INMUJERES', name: w('Instituto Nacional de las Mujeres (INMUJERES)', 'National Institute of Women (INMUJERES)'), kind: 'FEDERAL_AGENCY' },
  { code: 'SEDENA', name: w('Secretaría de la Defensa Nacional (SEDENA)', 'Secretariat of National Defense (SEDENA)'), kind: 'FEDERAL_AGENCY' },
  { code: 'SEMAR', name: w('Secretaría de Marina (SEMAR)', 'Secretariat of the Navy (SEMAR)'), kind: 'FEDERAL_AGENCY' },
  { code: 'SRE', name: w('Secretaría de Relaciones Exteriores (SRE)', 'Secretariat of Foreign Affairs (SRE)'), kind: 'FEDERAL_AGENCY' },
  { code: 'SSPC', name: w('Secretaría de Seguridad y Protección Ciudadana (SSPC)', 'Secretariat of Security and Citizen Protection (SSPC)'), kind: 'FEDERAL_AGENCY' },
  { code: 'UNWOMEN', name: w('ONU Mujeres', 'UN Women'), kind: 'INTERNATIONAL_PARTNER' },
];

const nameOf = (code: string): TWords => INSTITUTIONS.find((i) => i.code === code)?.name ?? w(code, code);
const kindOf = (code: string): string => INSTITUTIONS.find((i) => i.code === code)?.kind ?? 'OTHER';

function value(institutionCode: string, total: number | null, extra: Partial<TReportValue> = {}): TReportValue {
  return { institutionCode, total, women: null, men: null, sexNotRecorded: null, booleanValue: null, textValue: null, comment: null, ...extra };
}

function sexValue(institutionCode: string, total: number, women: number, men: number, comment: string | null = null): TReportValue {
  return value(institutionCode, total, { women, men, sexNotRecorded: total - women - men, comment });
}

/** Annex rows of the indicators' values, in the model's order (institution, indicator, breakdown). */
export function annexRowsOf(indicators: readonly TReportIndicator[], kindOfInstitution: (code: string) => string, version: (code: string) => number): TAnnexRow[] {
  const rows: TAnnexRow[] = [];
  for (const indicator of indicators) {
    for (const v of indicator.values) {
      const base = { institutionCode: v.institutionCode, institutionKind: kindOfInstitution(v.institutionCode), indicatorCode: indicator.code, comment: v.comment, submissionVersion: version(v.institutionCode) };
      const total = indicator.unit === 'YES_NO' ? v.booleanValue : indicator.unit === 'TEXT' ? v.textValue : v.total;
      rows.push({ ...base, breakdown: 'TOTAL', value: total });
      if (indicator.disaggregation !== 'SEX' || v.total === null) continue;
      rows.push({ ...base, breakdown: 'WOMEN', value: v.women, comment: null });
      rows.push({ ...base, breakdown: 'MEN', value: v.men, comment: null });
      rows.push({ ...base, breakdown: 'SEX_NOT_RECORDED', value: v.sexNotRecorded, comment: null });
    }
  }
  const order = ['TOTAL', 'WOMEN', 'MEN', 'SEX_NOT_RECORDED'];
  return rows.sort((a, b) => a.institutionCode.localeCompare(b.institutionCode) || a.indicatorCode.localeCompare(b.indicatorCode) || order.indexOf(a.breakdown) - order.indexOf(b.breakdown));
}

function indicator(partial: Partial<TReportIndicator> & Pick<TReportIndicator, 'code' | 'text'>): TReportIndicator {
  return { unit: 'COUNT', disaggregation: 'NONE', footnotes: [], values: [], aggregate: null, missing: [], trend: [], ...partial };
}

const I1A = indicator({
  code: '1.a',
  text: w('Número de cursos de capacitación para mujeres uniformadas que participan en Operaciones de Paz.', 'Number of training courses for women in uniform participating in Peace Operations.'),
  footnotes: [2],
  values: [value('SEDENA', 4), value('SEMAR', 3), value('SRE', 1), value('SSPC', null, { comment: 'El curso se reprogramó para 2027.' })],
  missing: ['INMUJERES'],
  trend: [
    { planYear: 1, cycleYear: 2025, total: 5, bySex: null, reported: 3, withoutData: 0 },
    { planYear: 2, cycleYear: 2026, total: 8, bySex: null, reported: 3, withoutData: 1 },
  ],
});

const I2A = indicator({
  code: '2.a',
  text: w(
    'Número de personas servidoras públicas capacitadas sobre el significado de los procesos de paz con perspectiva de género.',
    'Number of public officials trained on the meaning of gender-responsive peace processes.',
  ),
  disaggregation: 'SEX',
  values: [sexValue('INMUJERES', 1250, 800, 450), sexValue('UNWOMEN', 120, 70, 40, `${HOSTILE.script} ${HOSTILE.hyperlink}`)],
  trend: [
    { planYear: 1, cycleYear: 2025, total: 900, bySex: { women: 500, men: 380, sexNotRecorded: 20 }, reported: 2, withoutData: 0 },
    { planYear: 2, cycleYear: 2026, total: 1370, bySex: { women: 870, men: 490, sexNotRecorded: 10 }, reported: 2, withoutData: 0 },
  ],
});

const I2B = indicator({
  code: '2.b',
  text: w('Promover acciones para mejorar los espacios públicos con base en un enfoque de ciudades seguras para las mujeres.', 'Promote actions to improve public spaces based on an approach of safe cities for women.'),
  unit: 'TEXT',
  values: [value('INMUJERES', null, { textValue: 'Auditorías de seguridad en 12 municipios.' }), value('UNWOMEN', null, { textValue: HOSTILE.command })],
});

const I5B = indicator({
  code: '5.b',
  text: w('Número de mujeres uniformadas desplegadas en operaciones de paz de las Naciones Unidas.', 'Number of women in uniform deployed in United Nations peace operations.'),
  footnotes: [3],
  values: [value('SEDENA', null, { comment: 'Dato en validación.' })],
  missing: ['SEMAR'],
  trend: [
    { planYear: 1, cycleYear: 2025, total: null, bySex: null, reported: 0, withoutData: 1 },
    { planYear: 2, cycleYear: 2026, total: null, bySex: null, reported: 0, withoutData: 1 },
  ],
});

const I8A = indicator({
  code: '8.a',
  text: w(
    'Número de personal uniformado que participó en capacitación especializada con perspectiva de género en el CECOPAM u otras instituciones.',
    'Number of uniformed staff who participated in specialized, gender-responsive training at CECOPAM or other institutions.',
  ),
  disaggregation: 'SEX',
  values: [sexValue('SEDENA', 300, 90, 200), sexValue('SEMAR', 150, 40, 110)],
  trend: [
    { planYear: 1, cycleYear: 2025, total: 410, bySex: { women: 100, men: 300, sexNotRecorded: 10 }, reported: 2, withoutData: 0 },
    { planYear: 2, cycleYear: 2026, total: 450, bySex: { women: 130, men: 310, sexNotRecorded: 10 }, reported: 2, withoutData: 0 },
  ],
});

const status = (s: GoalStatus) => ({ status: s, statusLabel: GOAL_STATUS_LABELS[s] });

const COMPLIANCE_BASE = { deadline: '2027-01-31T05:59:59.000Z', submittedAt: null, businessDaysLate: 0, extension: null, exemptionReason: null, closedReason: null, highestEscalationLevel: 0, corrections: [], undeliveredEmails: [] };

function compliance(code: string, statusCode: ComplianceStatus, label: TWords, text: TWords, extra: Partial<TCompliance> = {}): TCompliance {
  return { institutionCode: code, name: nameOf(code), kind: kindOf(code), status: statusCode, statusLabel: label, text, ...COMPLIANCE_BASE, ...extra };
}

/** The realistic model: cycle 2026 (plan year 2), version 2, seven institutions. */
export function annualReportFixture(): TAnnualReport {
  const indicators = [I1A, I2A, I2B, I5B, I8A];
  const versions: Record<string, number> = { UNWOMEN: 2 };
  return {
    format: ANNUAL_REPORT_FORMAT,
    cycleYear: 2026,
    version: 2,
    compiledAt: '2027-02-03T18:04:05.000Z',
    compiledBy: 'secretaria@inmujeres.gob.mx',
    snapshotHash: 'c0ffee0123456789abcdef0123456789abcdef0123456789abcdef0123456789',
    title: w('Informe anual 2026 del PNA-1325', 'NAP-1325 annual report 2026'),
    plan: {
      key: 'MX-NAP-1325',
      version: 1,
      title: w('Plan Nacional de Acción para el Seguimiento de la Resolución 1325 (2000)', 'National Action Plan to Follow Up on Security Council Resolution 1325 (2000)'),
      adoptedOn: null,
      planYear: 2,
      planYearBasis: 'FIRST_CYCLE',
      planYearText: w(
        'El plan no tiene fecha de adopción registrada: los años del plan se cuentan desde el primer ciclo (2025 = año 1).',
        'The plan has no recorded adoption date: plan years are counted from the first cycle (2025 = year 1).',
      ),
      spanishOfficial: false,
      conventions: ['Texts: English exactly as in the source.', "Cut text: the gap is shown as '[…]'."],
    },
    cycle: { openedAt: '2027-01-05T15:00:00.000Z', deadline: '2027-01-31T05:59:59.000Z', closedAt: null, openRequests: [{ institutionCode: 'CECOPAM', status: 'PENDING' }] },
    summary: {
      goalsByStatus: { MET: 1, ON_TRACK: 1, BEHIND: 1, NOT_STARTED: 1, NO_DATA: 1, NOT_EVALUABLE: 1 },
      goals: 6,
      completeness: { institutions: 7, reported: 4, onTime: 2, late: 1, afterExtension: 1, exempted: 1, notReported: 1, open: 1 },
      attention: {
        goalsBehind: [{ code: '8.g3', text: w('Ocho mujeres instructoras capacitadas por año.', 'Eight women instructors trained per year.') }],
        notReporting: [{ institutionCode: 'INMUJERES', name: nameOf('INMUJERES') }],
        dataQuality: [{ kind: 'SEX_NOT_RECORDED', institutionCode: 'UNWOMEN', indicatorCode: '2.a', text: w('10 personas sin sexo registrado en 2.a.', '10 people without recorded sex in 2.a.') }],
      },
    },
    areas: [
      {
        code: 'I',
        name: w('Prevención', 'Prevention'),
        objectives: [
          {
            code: '1',
            text: w(
              'Difundir y sensibilizar entre el personal militar y policial el papel de las mujeres en la prevención de conflictos y en los procesos de paz.',
              'Disseminate and raise awareness among military and police personnel about the role of women in conflict prevention and peace processes.',
            ),
            institutions: ['SEDENA', 'SEMAR', 'SRE', 'SSPC', 'INMUJERES'],
            linesOfAction: [{ code: '1.1', text: w('Diseñar e implementar una campaña de difusión.', 'Design and implement a dissemination campaign.') }],
            indicators: [I1A],
            goals: [
              {
                code: '1.g1',
                text: w('Realizar dos campañas de difusión (una al inicio del proyecto y la segunda en el tercer año del proyecto).', 'Conduct two outreach campaigns (one at the beginning of the project and the second in the third year).'),
                indicatorCode: null,
                target: w('1 campaña en el año 1 del plan y 1 en el año 3', '1 campaign in plan year 1 and 1 in plan year 3'),
                ...status(GoalStatus.NOT_EVALUABLE),
                rule: w('No evaluable: falta un indicador que registre campañas de difusión.', 'Not evaluable: missing an indicator that records the outreach campaigns.'),
                notEvaluable: { reason: 'NO_INDICATOR', missing: w('un indicador que registre campañas de difusión', 'an indicator that records the outreach campaigns') },
                years: [],
                footnotes: [1],
              },
              {
                code: '1.g2',
                text: w('Impartir 20 cursos de capacitación durante el plan.', 'Deliver 20 training courses over the plan.'),
                indicatorCode: '1.a',
                target: w('al menos 20 cursos en total al año 3 del plan', 'at least 20 courses in total by plan year 3'),
                ...status(GoalStatus.ON_TRACK),
                rule: w('En curso: 13 de 20 cursos a la fecha; el plazo es el año 3.', 'On track: 13 of 20 courses so far; due in plan year 3.'),
                notEvaluable: null,
                years: [
                  { planYear: 1, cycleYear: 2025, value: 5 },
                  { planYear: 2, cycleYear: 2026, value: 8 },
                ],
                footnotes: [],
              },
            ],
            footnotes: [],
          },
          {
            code: '2',
            text: w('Promover la transversalización de la perspectiva de género en las instituciones responsables de la seguridad.', 'Promote gender mainstreaming among the institutions responsible for security.'),
            institutions: ['INMUJERES', 'UNWOMEN'],
            linesOfAction: [{ code: '2.1', text: w('Capacitar a las personas servidoras públicas.', 'Train public officials.') }],
            indicators: [I2A, I2B],
            goals: [
              {
                code: '2.g1',
                text: w('Realizar capacitación para personas servidoras públicas por año.', 'Conduct training for public officials per year.'),
                indicatorCode: '2.a',
                target: w('al menos 50 % de mujeres entre las personas capacitadas cada año', 'at least 50 % women among the people trained each year'),
                ...status(GoalStatus.MET),
                rule: w('Cumplida: 63.5 % de mujeres en 2026.', 'Met: 63.5 % women in 2026.'),
                notEvaluable: null,
                years: [{ planYear: 2, cycleYear: 2026, value: 870, denominator: 1370 }],
                footnotes: [],
              },
              {
                code: '2.g2',
                text: w('Promover medidas específicas orientadas a mejorar los espacios públicos.', 'Promote specific measures to improve public spaces.'),
                indicatorCode: '2.b',
                target: w('algo informado cada año', 'something reported each year'),
                ...status(GoalStatus.NOT_STARTED),
                rule: w('Sin iniciar: nada registrado y nada vencido aún.', 'Not started: nothing recorded and nothing due yet.'),
                notEvaluable: null,
                years: [],
                footnotes: [],
              },
            ],
            footnotes: [],
          },
        ],
      },
      {
        code: 'II',
        name: w('Participación', 'Participation'),
        objectives: [
          {
            code: '5',
            text: w('Asegurar la participación sustantiva de las mujeres uniformadas en las Operaciones de Paz.', 'Ensure the substantive participation of women in uniform in Peace Operations.'),
            institutions: ['SEDENA', 'SEMAR'],
            linesOfAction: [{ code: '5.1', text: w('Postular mujeres uniformadas.', 'Nominate women in uniform.') }],
            indicators: [I5B],
            goals: [
              {
                code: '5.g2',
                text: w('Que al menos 30 mujeres uniformadas se desplieguen cada año.', 'At least 30 women in uniform deployed each year.'),
                indicatorCode: '5.b',
                target: w('al menos 30 por año', 'at least 30 per year'),
                ...status(GoalStatus.NO_DATA),
                rule: w('Sin datos: ninguna institución dio una cifra para 2026.', 'No data: no institution gave a number for 2026.'),
                notEvaluable: null,
                years: [{ planYear: 2, cycleYear: 2026, value: null }],
                footnotes: [3],
              },
            ],
            footnotes: [],
          },
        ],
      },
      {
        code: 'III',
        name: w('Protección', 'Protection'),
        objectives: [
          {
            code: '8',
            text: w('Incorporar la protección de los derechos humanos de las mujeres y las niñas.', 'Incorporate the protection of the human rights of women and girls.'),
            institutions: ['SEDENA', 'SEMAR', 'CECOPAM'],
            linesOfAction: [{ code: '8.1', text: w('Capacitación especializada con perspectiva de género.', 'Specialized gender-responsive training.') }],
            indicators: [I8A],
            goals: [
              {
                code: '8.g3',
                text: w('Ocho mujeres instructoras capacitadas por año.', 'Eight women instructors trained per year.'),
                indicatorCode: '8.a',
                target: w('al menos 200 mujeres por año', 'at least 200 women per year'),
                ...status(GoalStatus.BEHIND),
                rule: w('Atrasada: 130 de 200 en 2026.', 'Behind: 130 of 200 in 2026.'),
                notEvaluable: null,
                years: [
                  { planYear: 1, cycleYear: 2025, value: 100 },
                  { planYear: 2, cycleYear: 2026, value: 130 },
                ],
                footnotes: [],
              },
            ],
            footnotes: [],
          },
        ],
      },
    ],
    compliance: [
      compliance('CECOPAM', ComplianceStatus.OPEN, w('abierta', 'open'), w('Solicitud aún abierta.', 'Request still open.')),
      compliance('INMUJERES', ComplianceStatus.NOT_REPORTED, w('no informó', 'not reported'), w('No informó; escalamiento al nivel 2.', 'Did not report; escalated to level 2.'), {
        highestEscalationLevel: 2,
        undeliveredEmails: [{ at: '2027-01-20T16:00:00.000Z', kind: 'REMINDER', to: ['enlace@inmujeres.gob.mx'], error: '550 mailbox unavailable' }],
      }),
      compliance('SEDENA', ComplianceStatus.LATE, w('con retraso', 'late'), w('Entregó con 3 días hábiles de retraso.', 'Submitted 3 business days late.'), {
        submittedAt: '2027-02-04T17:00:00.000Z',
        businessDaysLate: 3,
        highestEscalationLevel: 1,
      }),
      compliance('SEMAR', ComplianceStatus.AFTER_EXTENSION, w('tras una prórroga', 'after an extension'), w('Entregó a tiempo tras una prórroga.', 'Submitted on time after an extension.'), {
        deadline: '2027-02-14T05:59:59.000Z',
        submittedAt: '2027-02-10T17:00:00.000Z',
        extension: { requestedAt: '2027-01-25T16:00:00.000Z', requestedBy: 'enlace@semar.gob.mx', newDeadline: '2027-02-13', decidedBy: 'secretaria@inmujeres.gob.mx' },
      }),
      compliance('SRE', ComplianceStatus.ON_TIME, w('a tiempo', 'on time'), w('Entregó a tiempo.', 'Submitted on time.'), { submittedAt: '2027-01-20T17:00:00.000Z' }),
      compliance('SSPC', ComplianceStatus.EXEMPTED, w('exenta', 'exempted'), w('Exenta este ciclo.', 'Exempted this cycle.'), { exemptionReason: 'Reestructura institucional; informará en 2027.' }),
      compliance('UNWOMEN', ComplianceStatus.ON_TIME, w('a tiempo', 'on time'), w('Entregó a tiempo y corrigió una vez.', 'Submitted on time and corrected once.'), {
        submittedAt: '2027-01-15T17:00:00.000Z',
        corrections: [{ version: 2, at: '2027-01-28T17:00:00.000Z', by: 'focal@unwomen.org', reason: `Cifra de mujeres corregida ${HOSTILE.hyperlink}` }],
      }),
    ],
    narratives: [
      { institutionCode: 'SRE', name: nameOf('SRE'), submittedBy: 'enlace@sre.gob.mx', submittedAt: '2027-01-20T17:00:00.000Z', version: 1, text: 'Durante 2026 la SRE impartió un curso a personal diplomático.\nSe prevé ampliarlo en 2027.' },
      {
        institutionCode: 'UNWOMEN',
        name: nameOf('UNWOMEN'),
        submittedBy: 'focal@unwomen.org',
        submittedAt: '2027-01-28T17:00:00.000Z',
        version: 2,
        text: `${HOSTILE.script}\n${HOSTILE.hyperlink}\n${HOSTILE.command}\n${HOSTILE.rtl}`,
      },
    ],
    footnotes: [
      { n: 1, about: w('meta 1.g1', 'goal 1.g1'), text: 'No indicator of objective 1 counts outreach campaigns; the goal is not evaluable until the secretariat says how they are reported.', kind: 'NEEDS_CONFIRMATION' },
      { n: 2, about: w('indicador 1.a', 'indicator 1.a'), text: 'Reporters derived from the institutions in charge of objective 1.', kind: 'DERIVED_REPORTER' },
      { n: 3, about: w('indicador 5.b', 'indicator 5.b'), text: 'Counts deployed women only; the plan gives no indicator for all deployed staff.', kind: 'NOTE' },
    ],
    digest: null,
    annex: {
      rows: annexRowsOf(indicators, kindOf, (code) => versions[code] ?? 1),
      method: {
        rules: [
          w('Cumplida: la meta se alcanzó en el año evaluado.', 'Met: the target is reached in the year judged.'),
          w('En curso: aún no se alcanza, pero nada vencido falta.', 'On track: not reached yet, but nothing due is missing.'),
          w('Atrasada: algo vencido falta.', 'Behind: something due is missing.'),
        ],
        conventions: ['Texts: English exactly as in the source.'],
      },
    },
  };
}

const LARGE_KINDS: InstitutionKind[] = ['MUNICIPALITY', 'STATE_AGENCY', 'CIVIL_SOCIETY', 'FEDERAL_AGENCY'];

/**
 * A model of `institutions` reporting entities (default 10,000) × 12 indicators (6 by sex): indicators
 * carry `aggregate` (by kind, top 10) instead of values, and the annex has one row per institution ×
 * indicator × breakdown (about 300,000 rows at the default). Every entity has a compliance entry (a tenth
 * not reported, some late, exempted or open), a third a data-quality flag, a twentieth a narrative, and the
 * digest the PDF and HTML show instead of those lists. Deterministic (no randomness).
 */
export function largeAnnualReport({ institutions = 10_000 }: { institutions?: number } = {}): TAnnualReport {
  const base = annualReportFixture();
  const codes = Array.from({ length: institutions }, (_, i) => `E${String(i + 1).padStart(5, '0')}`);
  const kindOfLarge = (code: string) => LARGE_KINDS[Number(code.slice(1)) % LARGE_KINDS.length];
  const indicators: TReportIndicator[] = Array.from({ length: 12 }, (_, k) => {
    const bySex = k % 2 === 1;
    const values = codes.map((code, i) => {
      const total = (i * 7 + k * 13) % 97;
      return bySex ? sexValue(code, total, Math.floor(total / 2), Math.floor(total / 3)) : value(code, i % 50 === 0 ? null : total, i % 50 === 0 ? { comment: 'sin dato' } : {});
    });
    return indicator({ code: `${k + 1}.x`, text: w(`Indicador sintético ${k + 1}`, `Synthetic indicator ${k + 1}`), disaggregation: bySex ? 'SEX' : 'NONE', values, trend: [] });
  });
  const annexRows = annexRowsOf(indicators, kindOfLarge, () => 1);
  const aggregated = indicators.map((ind) => {
    const byKind = LARGE_KINDS.map((kind) => {
      const of = ind.values.filter((v) => kindOfLarge(v.institutionCode) === kind);
      const sum = (f: (v: TReportValue) => number | null) => of.reduce((n, v) => n + (f(v) ?? 0), 0);
      return { kind, label: INSTITUTION_KIND_LABELS[kind], institutions: of.length, total: sum((v) => v.total), women: ind.disaggregation === 'SEX' ? sum((v) => v.women) : null, men: ind.disaggregation === 'SEX' ? sum((v) => v.men) : null };
    });
    const top = [...ind.values].sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.institutionCode.localeCompare(b.institutionCode)).slice(0, 10);
    const trend = [
      { planYear: 1, cycleYear: 2025, total: byKind.reduce((n, k) => n + (k.total ?? 0), 0) - 1000, bySex: null, reported: institutions, withoutData: 0 },
      { planYear: 2, cycleYear: 2026, total: byKind.reduce((n, k) => n + (k.total ?? 0), 0), bySex: null, reported: institutions, withoutData: 0 },
    ];
    return { ...ind, values: [], aggregate: { byKind, top, others: institutions - top.length }, trend };
  });
  const [area] = base.areas;
  // Every 10th entity did not report, every 7th was late, every 50th (from the 49th) exempted, every 97th still open; the rest on time.
  const statusOfLarge = (i: number): ComplianceStatus =>
    i % 10 === 9 ? ComplianceStatus.NOT_REPORTED : i % 97 === 96 ? ComplianceStatus.OPEN : i % 50 === 48 ? ComplianceStatus.EXEMPTED : i % 7 === 6 ? ComplianceStatus.LATE : ComplianceStatus.ON_TIME;
  const complianceLarge = codes.map((code, i) => {
    const status = statusOfLarge(i);
    const label = COMPLIANCE_STATUS_WORDS[status];
    return {
      ...COMPLIANCE_BASE,
      institutionCode: code,
      name: w(`Municipio ${code}`, `Municipality ${code}`),
      kind: kindOfLarge(code),
      status,
      statusLabel: label,
      submittedAt: status === ComplianceStatus.ON_TIME || status === ComplianceStatus.LATE ? '2027-01-20T17:00:00.000Z' : null,
      businessDaysLate: status === ComplianceStatus.LATE ? 2 : 0,
      text: w(`${code}: ${label['es-MX']}.`, `${code}: ${label.en}.`),
    };
  });
  const notReporting = complianceLarge.filter((c) => c.status === ComplianceStatus.NOT_REPORTED).map((c) => ({ institutionCode: c.institutionCode, name: c.name }));
  const dataQuality = codes
    .filter((_c, i) => i % 3 === 0)
    .map((code) => ({ kind: QualityFlagKind.SEX_NOT_RECORDED, institutionCode: code, indicatorCode: '2.x', text: w(`${code}, 2.x: sexo no registrado`, `${code}, 2.x: sex not recorded`) }));
  const narratives = codes
    .filter((_c, i) => i % 20 === 0)
    .map((code) => ({ institutionCode: code, name: w(`Municipio ${code}`, `Municipality ${code}`), submittedBy: `enlace@${code.toLowerCase()}.gob.mx`, submittedAt: '2027-01-20T17:00:00.000Z', version: 1, text: `Narrativa de ${code}.` }));
  const openRequests = complianceLarge.filter((c) => c.status === ComplianceStatus.OPEN).map((c) => ({ institutionCode: c.institutionCode, status: 'AWAITING_DATA' }));
  const count = (s: ComplianceStatus) => complianceLarge.filter((c) => c.status === s).length;
  return {
    ...base,
    cycle: { ...base.cycle, openRequests },
    summary: {
      ...base.summary,
      completeness: {
        institutions: institutions,
        reported: count(ComplianceStatus.ON_TIME) + count(ComplianceStatus.LATE),
        onTime: count(ComplianceStatus.ON_TIME),
        late: count(ComplianceStatus.LATE),
        afterExtension: 0,
        exempted: count(ComplianceStatus.EXEMPTED),
        notReported: count(ComplianceStatus.NOT_REPORTED),
        open: count(ComplianceStatus.OPEN),
      },
      attention: { ...base.summary.attention, notReporting, dataQuality },
    },
    areas: [{ ...area, objectives: [{ ...area.objectives[0], code: 'X', institutions: [], indicators: aggregated, goals: area.objectives[0].goals }] }],
    compliance: complianceLarge,
    narratives,
    digest: reportDigest({ compliance: complianceLarge, notReporting, dataQuality, narratives, openRequests }),
    annex: { ...base.annex, rows: annexRows },
  };
}

const COMPLIANCE_STATUS_WORDS: Record<ComplianceStatus, TWords> = {
  ON_TIME: w('a tiempo', 'on time'),
  LATE: w('con retraso', 'late'),
  AFTER_EXTENSION: w('tras una prórroga', 'after an extension'),
  EXEMPTED: w('exenta', 'exempted'),
  NOT_REPORTED: w('no informó', 'not reported'),
  OPEN: w('abierta', 'open'),
};
