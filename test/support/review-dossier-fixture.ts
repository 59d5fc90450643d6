/**
 * A realistic review dossier (domain/review TReviewDossier) for the renderers' tests, built from the v1
 * plan file (domain/plans/mx-nap-1325.v1.json): a synthesis over three cycles (2024–2026) with trends,
 * goals judged per year, indicators that never had data, goals never evaluable, chronic non-reporters and
 * the plan's own "needs confirmation" items; proposals of five institutions on objectives, lines, indicators
 * and goals (keep, modify, retire, add; two institutions on one indicator), decided in every way (accepted,
 * accepted with changes, rejected, one stale, one undecided); hostile text in a justification; and, once
 * decided, the crosswalk to version 2 (every old code once, a split, a merge, an addition, a retirement).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GoalStatus } from '../../domain/goal-status';
import type { TWords } from '../../domain/goal-target-text';
import type { TTrendPoint } from '../../domain/indicator-trend';
import { ZPlanFile, type TPlanFile } from '../../domain/plan-schema';
import { assembleDossier, planItemRefs } from '../../domain/review/assemble-dossier';
import type { TDossierProposal, TReviewDossier, TReviewSynthesis, TSynthesisGoal, TSynthesisIndicator } from '../../domain/review/review-model';
import { proposalKey, type TCrosswalkEntry } from '../../domain/review/review-proposal';
import { HOSTILE } from './annual-report-fixture';

export { HOSTILE } from './annual-report-fixture';

/** The v1 plan file, parsed by the plan's own schema. */
export function planV1(): TPlanFile {
  const file = path.join(__dirname, '..', '..', 'domain', 'plans', 'mx-nap-1325.v1.json');
  return ZPlanFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const words = (t: { es: string; en: string }): TWords => ({ 'es-MX': t.es, en: t.en });
const YEARS = [2024, 2025, 2026];
/** Indicators of this list never had a value in any report. */
const NEVER_WITH_DATA = new Set(['2.b', '6.b', '7.b', '9.a']);
const STATUS_CYCLE: GoalStatus[] = [GoalStatus.ON_TRACK, GoalStatus.BEHIND, GoalStatus.MET, GoalStatus.NOT_STARTED, GoalStatus.NO_DATA];

function trendOf(code: string, n: number, bySex: boolean): TTrendPoint[] {
  return YEARS.map((cycleYear, y) => {
    if (NEVER_WITH_DATA.has(code)) return { planYear: y + 1, cycleYear, total: null, bySex: null, reported: 0, withoutData: 2 };
    // A gap in the middle year for every third indicator: a year without a number is not a zero.
    if (n % 3 === 1 && y === 1) return { planYear: y + 1, cycleYear, total: null, bySex: null, reported: 0, withoutData: 3 };
    const total = (n + 1) * 10 + y * (n % 4) * 5;
    const women = Math.floor(total * 0.4);
    const men = Math.floor(total * 0.5);
    return { planYear: y + 1, cycleYear, total, bySex: bySex ? { women, men, sexNotRecorded: total - women - men } : null, reported: 3, withoutData: y === 2 ? 1 : 0 };
  });
}

function synthesisOf(plan: TPlanFile): TReviewSynthesis {
  let indicatorN = 0;
  let goalN = 0;
  const objectives = plan.objectives.map((o) => {
    const indicators: TSynthesisIndicator[] = plan.indicators
      .filter((i) => i.objectiveCode === o.code)
      .map((i) => {
        const trend = trendOf(i.code, indicatorN++, i.disaggregation === 'SEX');
        return {
          code: i.code,
          objectiveCode: o.code,
          text: words(i.text),
          trend,
          neverHadData: trend.every((p) => p.total === null),
          needsConfirmation: i.needsConfirmation === true,
          derivedReporters: i.reporters.filter((r) => r.derived).map((r) => r.institutionCode),
        };
      });
    const goals: TSynthesisGoal[] = plan.goals
      .filter((g) => g.objectiveCode === o.code)
      .map((g) => {
        const judged = g.target !== null && g.indicatorCode !== null && !NEVER_WITH_DATA.has(g.indicatorCode);
        const n = goalN++;
        const statusByYear = YEARS.map((cycleYear, y) => ({ cycleYear, planYear: y + 1, status: judged ? STATUS_CYCLE[(n + y) % STATUS_CYCLE.length] : GoalStatus.NOT_EVALUABLE }));
        return {
          code: g.code,
          objectiveCode: o.code,
          indicatorCode: g.indicatorCode,
          text: words(g.text),
          statusByYear,
          latestStatus: statusByYear[statusByYear.length - 1].status,
          neverEvaluable: !judged,
          needsConfirmation: g.needsConfirmation === true,
        };
      });
    return { code: o.code, areaCode: o.thematicAreaCode, text: words(o.text), institutionsInCharge: [...o.institutionsInCharge], needsConfirmation: o.needsConfirmation === true, indicators, goals };
  });
  const name = (code: string) => words(plan.institutions.find((i) => i.code === code)!.name);
  const chronicNonReporters = [
    { institutionCode: 'CECOPAM', name: name('CECOPAM'), years: [2024, 2025, 2026], cycles: 3 },
    { institutionCode: 'SEMAR', name: name('SEMAR'), years: [2025, 2026], cycles: 2 },
  ];
  const needsConfirmation = [
    ...plan.objectives.filter((o) => o.needsConfirmation).map((o) => ({ kind: 'OBJECTIVE' as const, code: o.code, note: o.confirmationNote ?? null })),
    ...plan.linesOfAction.filter((l) => l.needsConfirmation).map((l) => ({ kind: 'LINE_OF_ACTION' as const, code: l.code, note: l.confirmationNote ?? null })),
    ...plan.indicators.filter((i) => i.needsConfirmation).map((i) => ({ kind: 'INDICATOR' as const, code: i.code, note: i.confirmationNote ?? null })),
    ...plan.goals.filter((g) => g.needsConfirmation).map((g) => ({ kind: 'GOAL' as const, code: g.code, note: g.confirmationNote ?? null })),
  ];
  const all = objectives.flatMap((o) => [...o.indicators, ...o.goals]);
  return {
    planKey: plan.key,
    planVersion: plan.version,
    years: YEARS,
    reportsRead: [
      { cycleYear: 2024, version: 2, status: 'PUBLISHED' },
      { cycleYear: 2025, version: 1, status: 'PUBLISHED' },
      { cycleYear: 2026, version: 3, status: 'DRAFT' },
    ],
    objectives,
    chronicNonReporters,
    needsConfirmation,
    counts: {
      indicatorsNeverWithData: all.filter((i) => 'neverHadData' in i && i.neverHadData).length,
      goalsNeverEvaluable: all.filter((g) => 'neverEvaluable' in g && g.neverEvaluable).length,
      chronicNonReporters: chronicNonReporters.length,
      itemsNeedingConfirmation: needsConfirmation.length,
    },
  };
}

type TProposalRow = Omit<TDossierProposal, 'key' | 'version' | 'submittedAt' | 'submittedBy' | 'decision' | 'objectiveCode' | 'change'> &
  Partial<Pick<TDossierProposal, 'objectiveCode' | 'change'>> & { decision?: TDossierProposal['decision'] };

const SUBMITTED: Record<string, { version: number; at: string; by: string }> = {
  INMUJERES: { version: 1, at: '2027-01-20T17:10:00.000Z', by: 'enlace@inmujeres.gob.mx' },
  SEDENA: { version: 1, at: '2027-01-22T16:00:00.000Z', by: 'enlace.pna@sedena.gob.mx' },
  SEMAR: { version: 2, at: '2027-02-03T19:45:00.000Z', by: 'genero@semar.gob.mx' },
  SRE: { version: 1, at: '2027-01-28T15:30:00.000Z', by: 'dgdh@sre.gob.mx' },
  SSPC: { version: 1, at: '2027-01-30T23:05:00.000Z', by: 'igualdad@sspc.gob.mx' },
};

const decided = (decision: NonNullable<TDossierProposal['decision']>['decision'], extra: Partial<NonNullable<TDossierProposal['decision']>> = {}): TDossierProposal['decision'] => ({
  decision,
  change: null,
  note: null,
  decidedBy: 'secretaria@inmujeres.gob.mx',
  decidedAt: '2027-03-02T17:00:00.000Z',
  stale: false,
  ...extra,
});

/** The proposals, deliberately not in the dossier's order (the assembly orders them by item). */
const PROPOSALS: TProposalRow[] = [
  { institutionCode: 'SRE', kind: 'LINE_OF_ACTION', code: '1.1', action: 'RETIRE', justification: 'La campaña ya se realizó en 2024; la línea de acción no agrega nada.', decision: decided('REJECTED', { note: 'La campaña debe repetirse en el tercer año, como dice la meta 1.g1.' }) },
  {
    institutionCode: 'SEMAR',
    kind: 'INDICATOR',
    code: '1.a',
    action: 'MODIFY',
    change: { text: { es: 'Número de cursos de capacitación impartidos a mujeres uniformadas antes de un despliegue en Operaciones de Paz.', en: 'Number of training courses given to uniformed women before a deployment in Peace Operations.' }, disaggregation: 'SEX' },
    justification: 'Contar solo los cursos previos al despliegue evita contar dos veces los cursos del CECOPAM.',
    decision: decided('ACCEPTED_WITH_CHANGES', {
      change: { text: { es: 'Número de cursos de capacitación previos al despliegue impartidos a mujeres uniformadas.', en: 'Number of pre-deployment training courses given to uniformed women.' } },
      note: 'Se acepta la nueva redacción; el desglose por sexo no aplica a un número de cursos.',
      stale: true,
    }),
  },
  { institutionCode: 'SSPC', kind: 'INDICATOR', code: '1.a', action: 'KEEP', justification: 'El indicador se informa sin dificultad.', decision: decided('ACCEPTED') },
  { institutionCode: 'SEDENA', kind: 'OBJECTIVE', code: '1', action: 'KEEP', justification: 'El objetivo sigue vigente.', decision: decided('ACCEPTED') },
  {
    institutionCode: 'INMUJERES',
    kind: 'GOAL',
    code: '2.g1',
    action: 'MODIFY',
    change: { target: { kind: 'COUNT', figure: { es: 'personas servidoras públicas capacitadas', en: 'public officials trained' }, value: 200, comparator: 'AT_LEAST', counting: 'PER_YEAR', dueByPlanYear: null } },
    justification: 'La meta no tenía número; 200 por año es lo que se capacitó en promedio en 2024–2026.',
    decision: decided('ACCEPTED'),
  },
  { institutionCode: 'INMUJERES', kind: 'GOAL', code: '1.g2', action: 'RETIRE', justification: `Ningún indicador la mide. ${HOSTILE.script} ${HOSTILE.hyperlink} ${HOSTILE.rtl}`, decision: decided('ACCEPTED') },
  {
    institutionCode: 'SRE',
    kind: 'INDICATOR',
    code: '1.c',
    action: 'ADD',
    objectiveCode: '1',
    change: { text: { es: 'Número de campañas de difusión realizadas en las regiones militares y navales.', en: 'Number of outreach campaigns carried out in the military and naval regions.' }, unit: 'COUNT', disaggregation: 'NONE' },
    justification: 'Permite evaluar las metas 1.g1 y 1.g2, que hoy no tienen indicador.',
  },
  { institutionCode: 'SRE', kind: 'INDICATOR', code: '6.b', action: 'MODIFY', change: { text: { es: 'Número de mujeres en delegaciones de negociación.', en: 'Number of women in negotiating delegations.' } }, justification: 'Separar delegaciones de negociación y de mediación.', decision: decided('ACCEPTED') },
  { institutionCode: 'SEMAR', kind: 'GOAL', code: '7.g2', action: 'RETIRE', justification: 'Duplica la meta 7.g1.', decision: decided('ACCEPTED') },
];

/** The crosswalk to version 2: every v1 code once; overrides by item, everything else unchanged. */
function crosswalkOf(plan: TPlanFile): TCrosswalkEntry[] {
  const special: Record<string, TCrosswalkEntry | null> = {
    'LINE_OF_ACTION/3.2': { kind: 'LINE_OF_ACTION', change: 'REWORDED', from: ['3.2'], to: ['3.2'], note: 'Redacción aclarada por la Secretaría.' },
    'INDICATOR/1.a': { kind: 'INDICATOR', change: 'REWORDED', from: ['1.a'], to: ['1.a'] },
    'INDICATOR/6.b': { kind: 'INDICATOR', change: 'SPLIT', from: ['6.b'], to: ['6.b', '6.c'], note: 'Delegaciones de negociación (6.b) y de mediación (6.c).' },
    'GOAL/1.g2': { kind: 'GOAL', change: 'RETIRED', from: ['1.g2'], to: [] },
    'GOAL/2.g1': { kind: 'GOAL', change: 'RETARGETED', from: ['2.g1'], to: ['2.g1'] },
    'GOAL/7.g1': { kind: 'GOAL', change: 'MERGED', from: ['7.g1', '7.g2'], to: ['7.g1'], note: 'Las dos metas medían lo mismo.' },
    'GOAL/7.g2': null,
  };
  const entries: TCrosswalkEntry[] = [];
  for (const item of planItemRefs(plan)) {
    const key = `${item.kind}/${item.code}`;
    if (key in special) {
      const entry = special[key];
      if (entry) entries.push(entry);
      continue;
    }
    entries.push({ kind: item.kind, change: 'UNCHANGED', from: [item.code], to: [item.code] });
  }
  entries.push({ kind: 'INDICATOR', change: 'ADDED', from: [], to: ['1.c'] });
  return entries;
}

/**
 * The dossier of the review of v1. `decided: true` (default): published as version 2 on 15 March 2027 with
 * its crosswalk; `false`: the round over, nothing published (version "undecided", no crosswalk).
 */
export function reviewDossierFixture({ decided: published = true }: { decided?: boolean } = {}): TReviewDossier {
  const plan = planV1();
  const proposals: TDossierProposal[] = PROPOSALS.map(({ decision, objectiveCode, change, ...p }) => {
    const s = SUBMITTED[p.institutionCode];
    return { key: proposalKey(p.institutionCode, p), ...p, objectiveCode: objectiveCode ?? null, change: change ?? null, version: s.version, submittedAt: s.at, submittedBy: s.by, decision: decision ?? null };
  });
  return assembleDossier({
    plan: { key: plan.key, title: words(plan.title), version: plan.version, items: planItemRefs(plan) },
    review: { workflowId: 'review/MX-NAP-1325/v1', startedAt: '2027-01-04T15:00:00.000Z', synthesis: synthesisOf(plan), publishedVersion: published ? 2 : null, crosswalk: published ? crosswalkOf(plan) : null },
    requests: plan.institutions.map((i) => ({ institutionCode: i.code, answered: i.code in SUBMITTED, escalationLevel: i.code === 'CECOPAM' ? 2 : i.code === 'SEMAR' ? 1 : 0 })),
    proposals,
    compiledAt: published ? '2027-03-15T18:30:05.000Z' : '2027-03-01T16:00:00.000Z',
  });
}
