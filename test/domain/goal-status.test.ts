import planJson from '../../domain/plans/mx-nap-1325.v1.json';
import { GoalStatus, NotEvaluableReason, goalStatus, type TGoalForStatus } from '../../domain/goal-status';
import type { TGoalTarget } from '../../domain/goal-target';
import type { TIndicatorYearValues } from '../../domain/indicator-trend';
import { parsePlanFile } from '../../domain/plan-schema';
import { PlanYearBasis, type TPlanStart } from '../../domain/plan-years';

const plan = parsePlanFile(planJson, 'mx-nap-1325.v1.json');

function goal(code: string): TGoalForStatus {
  const found = plan.goals.find((g) => g.code === code);
  if (!found) throw new Error(`no goal ${code}`);
  return found;
}

/** Adopted on 8 March 2025: cycle 2025 is plan year 1, 2027 is plan year 3. */
const adopted: TPlanStart = { adoptedOn: '2025-03-08', firstCycleYear: 2026 };

/** One institution's total per cycle year (null: "no data", with its comment). */
function yearly(totals: Record<number, number | null>, institutionCode = 'SEDENA'): TIndicatorYearValues[] {
  return Object.entries(totals).map(([year, total]) => ({
    cycleYear: Number(year),
    values: [{ institutionCode, total, comment: total === null ? 'Sin información en el periodo.' : null }],
  }));
}

function judge({ code, cycleYear, values, start = adopted }: { code: string | TGoalForStatus; cycleYear: number; values: Record<string, TIndicatorYearValues[]>; start?: TPlanStart }) {
  return goalStatus({ goal: typeof code === 'string' ? goal(code) : code, planStart: start, cycleYear, values });
}

const statusOf = (args: Parameters<typeof judge>[0]) => judge(args).status;

describe('goal 1.g1: milestones in given plan years', () => {
  // The plan has no indicator counting campaigns; the rule is tested as if the secretariat added one (1.c).
  const withIndicator: TGoalForStatus = { ...goal('1.g1'), indicatorCode: '1.c' };
  const campaigns = (totals: Record<number, number | null>) => ({ '1.c': yearly(totals) });

  it('is on track, not met, with two campaigns in year 1: the second is due in year 3', () => {
    const result = judge({ code: withIndicator, cycleYear: 2025, values: campaigns({ 2025: 2 }) });
    expect(result).toMatchObject({ status: GoalStatus.ON_TRACK, planYear: 1, planYearBasis: PlanYearBasis.ADOPTION_DATE, notEvaluable: null });
    expect(result.rule['es-MX']).toBe(
      'Meta: campañas de difusión, 1 en el año 1 del plan y 1 en el año 3 del plan (2 en total; indicador 1.c). ' +
        'Año 1 del plan (2025): 2; hito del año 1: cumplido; hito del año 3: aún no vence → en curso.',
    );
    expect(result.rule.en).toBe(
      'Target: outreach campaigns, 1 in plan year 1 and 1 in plan year 3 (2 in total; indicator 1.c). ' +
        'Plan year 1 (2025): 2; plan year 1 milestone: met; plan year 3 milestone: not yet due → on track.',
    );
  });

  it('stays on track in year 2, and is behind in year 3 when the second campaign was held early instead', () => {
    expect(statusOf({ code: withIndicator, cycleYear: 2026, values: campaigns({ 2025: 1, 2026: 0 }) })).toBe(GoalStatus.ON_TRACK);
    const early = judge({ code: withIndicator, cycleYear: 2027, values: campaigns({ 2025: 1, 2026: 1, 2027: 0 }) });
    expect(early.status).toBe(GoalStatus.BEHIND);
    expect(early.rule['es-MX']).toContain('hito del año 3: no cumplido → atrasada.');
  });

  it('is met once each milestone year has its campaign', () => {
    const met = judge({ code: withIndicator, cycleYear: 2027, values: campaigns({ 2025: 1, 2026: 0, 2027: 1 }) });
    expect(met.status).toBe(GoalStatus.MET);
    expect(met.years).toEqual([
      { planYear: 1, cycleYear: 2025, value: 1 },
      { planYear: 2, cycleYear: 2026, value: 0 },
      { planYear: 3, cycleYear: 2027, value: 1 },
    ]);
    // Later cycles judge the same milestones: still met in year 4.
    expect(statusOf({ code: withIndicator, cycleYear: 2028, values: campaigns({ 2025: 1, 2026: 0, 2027: 1 }) })).toBe(GoalStatus.MET);
  });

  it('is behind as soon as year 1 passes without its campaign', () => {
    expect(statusOf({ code: withIndicator, cycleYear: 2025, values: campaigns({ 2025: 0 }) })).toBe(GoalStatus.BEHIND);
  });

  it('has no data when a milestone year was not reported', () => {
    const result = judge({ code: withIndicator, cycleYear: 2026, values: campaigns({ 2025: null, 2026: 3 }) });
    expect(result.status).toBe(GoalStatus.NO_DATA);
    expect(result.rule.en).toContain('Plan year 1 (2025): no data; plan year 2 (2026): 3; plan year 1 milestone: no data');
  });

  it('is not started when nothing is due yet and nothing was done', () => {
    const later: TGoalForStatus = {
      code: 'X.g1',
      indicatorCode: '1.c',
      target: { kind: 'MILESTONES', figure: { en: 'campaigns', es: 'campañas' }, milestones: [{ planYear: 2, value: 1 }] },
    };
    expect(statusOf({ code: later, cycleYear: 2025, values: campaigns({ 2025: 0 }) })).toBe(GoalStatus.NOT_STARTED);
    expect(statusOf({ code: later, cycleYear: 2025, values: campaigns({ 2025: 1 }) })).toBe(GoalStatus.ON_TRACK);
    expect(statusOf({ code: later, cycleYear: 2025, values: campaigns({ 2025: null }) })).toBe(GoalStatus.NO_DATA);
  });

  it('is not started for a cycle before the plan was adopted', () => {
    const result = judge({ code: withIndicator, cycleYear: 2024, values: campaigns({ 2024: 5 }) });
    expect(result).toMatchObject({ status: GoalStatus.NOT_STARTED, planYear: 0, years: [] });
    expect(result.rule['es-MX']).toContain('. El ciclo 2024 informa sobre un año anterior al año 1 del plan (2025) → sin iniciar.');
  });

  it('is not evaluable as the plan stands: no indicator counts the campaigns', () => {
    const result = judge({ code: '1.g1', cycleYear: 2025, values: campaigns({ 2025: 2 }) });
    expect(result.status).toBe(GoalStatus.NOT_EVALUABLE);
    expect(result.notEvaluable).toEqual({
      reason: NotEvaluableReason.NO_INDICATOR,
      missing: { 'es-MX': 'un indicador que registre campañas de difusión', en: 'an indicator that records the outreach campaigns' },
    });
    expect(result.rule['es-MX']).toMatch(/Falta: un indicador que registre campañas de difusión → no evaluable\.$/);
  });
});

describe('a count per year (4.g2: 60 uniformed women trained per year)', () => {
  const trained = (totals: Record<number, number | null>) => ({ '4.b': yearly(totals, 'CECOPAM') });

  it('is met when the year judged reaches the number, whatever earlier years held', () => {
    const result = judge({ code: '4.g2', cycleYear: 2026, values: trained({ 2025: 40, 2026: 61 }) });
    expect(result.status).toBe(GoalStatus.MET);
    expect(result.rule['es-MX']).toBe(
      'Meta: mujeres uniformadas capacitadas, al menos 60 por año (indicador 4.b). ' +
        'Año 2 del plan (2026): 61 (años anteriores: año 1 del plan (2025): 40) → cumplida.',
    );
    expect(result.rule.en).toBe(
      'Target: uniformed women trained, at least 60 per year (indicator 4.b). Plan year 2 (2026): 61 (earlier years: plan year 1 (2025): 40) → met.',
    );
  });

  it('is behind when the year falls short', () => {
    expect(statusOf({ code: '4.g2', cycleYear: 2026, values: trained({ 2025: 70, 2026: 58 }) })).toBe(GoalStatus.BEHIND);
  });

  it('adds up every institution that reported, and has no data when none gave a number', () => {
    const two = {
      '4.b': [
        {
          cycleYear: 2025,
          values: [
            { institutionCode: 'CECOPAM', total: 35 },
            { institutionCode: 'SEDENA', total: 25 },
          ],
        },
      ],
    };
    expect(statusOf({ code: '4.g2', cycleYear: 2025, values: two })).toBe(GoalStatus.MET);
    expect(statusOf({ code: '4.g2', cycleYear: 2025, values: trained({ 2025: null }) })).toBe(GoalStatus.NO_DATA);
    expect(statusOf({ code: '4.g2', cycleYear: 2025, values: {} })).toBe(GoalStatus.NO_DATA);
  });

  it('ignores values of cycles after the one judged', () => {
    expect(statusOf({ code: '4.g2', cycleYear: 2025, values: trained({ 2025: 10, 2026: 500 }) })).toBe(GoalStatus.BEHIND);
  });

  it('is not started for a cycle before the plan, and not evaluable where the period was lost (8.g4)', () => {
    expect(statusOf({ code: '4.g2', cycleYear: 2024, values: trained({ 2024: 80 }) })).toBe(GoalStatus.NOT_STARTED);
    const cut = judge({ code: '8.g4', cycleYear: 2025, values: { '8.d': yearly({ 2025: 9 }) } });
    expect(cut.status).toBe(GoalStatus.NOT_EVALUABLE);
    expect(cut.notEvaluable?.reason).toBe(NotEvaluableReason.NO_PERIOD);
    expect(cut.rule.en).toBe(
      'Target: trainings, at least 5, period not stated (indicator 8.d). Missing: the period of the target (per year or in total over the plan) → not evaluable.',
    );
  });
});

describe('a cumulative count (3.g2: formation of 15 Specialized Units over the plan)', () => {
  const units = (totals: Record<number, number | null>) => ({ '3.b': yearly(totals, 'SSPC') });

  it('adds up the plan years so far: met, on track, not started', () => {
    const met = judge({ code: '3.g2', cycleYear: 2026, values: units({ 2025: 6, 2026: 9 }) });
    expect(met.status).toBe(GoalStatus.MET);
    expect(met.rule['es-MX']).toBe(
      'Meta: Unidades Especializadas en Misiones de Género conformadas, al menos 15 en total durante el plan (indicador 3.b). ' +
        'Total de los años 1 a 2 del plan: 15 (año 1 del plan (2025): 6; año 2 del plan (2026): 9) → cumplida.',
    );
    expect(statusOf({ code: '3.g2', cycleYear: 2026, values: units({ 2025: 6, 2026: 4 }) })).toBe(GoalStatus.ON_TRACK);
    expect(statusOf({ code: '3.g2', cycleYear: 2026, values: units({ 2025: 0, 2026: 0 }) })).toBe(GoalStatus.NOT_STARTED);
  });

  it('needs every year unless the total is reached anyway', () => {
    expect(statusOf({ code: '3.g2', cycleYear: 2026, values: units({ 2025: null, 2026: 4 }) })).toBe(GoalStatus.NO_DATA);
    expect(statusOf({ code: '3.g2', cycleYear: 2026, values: units({ 2025: null, 2026: 15 }) })).toBe(GoalStatus.MET);
    expect(judge({ code: '3.g2', cycleYear: 2025, values: {} }).rule.en).toContain('Total of plan years 1–1: no data');
  });

  it('is behind once its due year has passed short of the number (a first-format BY_YEAR_3 target)', () => {
    const byYear3: TGoalForStatus = {
      code: 'X.g2',
      indicatorCode: '3.b',
      target: { kind: 'COUNT', figure: { en: 'units', es: 'unidades' }, value: 15, comparator: 'AT_LEAST', counting: 'CUMULATIVE', dueByPlanYear: 3 },
    };
    expect(statusOf({ code: byYear3, cycleYear: 2026, values: units({ 2025: 5, 2026: 5 }) })).toBe(GoalStatus.ON_TRACK);
    const late = judge({ code: byYear3, cycleYear: 2027, values: units({ 2025: 5, 2026: 5, 2027: 4 }) });
    expect(late.status).toBe(GoalStatus.BEHIND);
    expect(late.rule['es-MX']).toContain('al menos 15 en total a más tardar en el año 3 del plan');
  });

  it('keeps an upper bound: behind once exceeded, met once its due year came within it', () => {
    const ceiling = (comparator: 'AT_MOST' | 'EXACTLY'): TGoalForStatus => ({
      code: 'X.g3',
      indicatorCode: '3.b',
      target: { kind: 'COUNT', figure: { en: 'incidents', es: 'incidentes' }, value: 5, comparator, counting: 'CUMULATIVE', dueByPlanYear: 2 },
    });
    expect(statusOf({ code: ceiling('AT_MOST'), cycleYear: 2025, values: units({ 2025: 4 }) })).toBe(GoalStatus.ON_TRACK);
    expect(statusOf({ code: ceiling('AT_MOST'), cycleYear: 2026, values: units({ 2025: 4, 2026: 1 }) })).toBe(GoalStatus.MET);
    expect(statusOf({ code: ceiling('AT_MOST'), cycleYear: 2026, values: units({ 2025: null, 2026: 6 }) })).toBe(GoalStatus.BEHIND);
    expect(statusOf({ code: ceiling('EXACTLY'), cycleYear: 2025, values: units({ 2025: 5 }) })).toBe(GoalStatus.MET);
    expect(statusOf({ code: ceiling('EXACTLY'), cycleYear: 2026, values: units({ 2025: 3, 2026: 0 }) })).toBe(GoalStatus.BEHIND);
  });

  it('is not evaluable without an indicator (1.g2), naming what is not recorded', () => {
    const result = judge({ code: '1.g2', cycleYear: 2026, values: {} });
    expect(result.notEvaluable).toEqual({
      reason: NotEvaluableReason.NO_INDICATOR,
      missing: {
        'es-MX': 'un indicador que registre campañas de difusión para fomentar la postulación de mujeres policías',
        en: 'an indicator that records the outreach campaigns to encourage the nomination of women police officers',
      },
    });
  });
});

describe('a rhythm without a number (2.g1 per year, 10.g1 each year, 3.g1 over the plan)', () => {
  it('judges each year on whether something was reported (2.g1: training for public officials per year)', () => {
    const officials = (totals: Record<number, number | null>) => ({ '2.a': yearly(totals, 'INMUJERES') });
    const met = judge({ code: '2.g1', cycleYear: 2026, values: officials({ 2025: 0, 2026: 120 }) });
    expect(met.status).toBe(GoalStatus.MET);
    expect(met.rule['es-MX']).toBe(
      'Meta: personas servidoras públicas capacitadas (indicador 2.a) cada año del plan; el texto no da cifra: un año cuenta si su valor es mayor que cero. ' +
        'Año 2 del plan (2026): 120 (años anteriores: año 1 del plan (2025): 0) → cumplida.',
    );
    expect(statusOf({ code: '2.g1', cycleYear: 2026, values: officials({ 2025: 120, 2026: 0 }) })).toBe(GoalStatus.BEHIND);
    expect(statusOf({ code: '2.g1', cycleYear: 2026, values: officials({ 2025: 120, 2026: null }) })).toBe(GoalStatus.NO_DATA);
    expect(statusOf({ code: '2.g1', cycleYear: 2024, values: officials({ 2024: 3 }) })).toBe(GoalStatus.NOT_STARTED);
  });

  it('judges 10.g1 (initiatives each year) year by year', () => {
    const initiatives = { '10.a': yearly({ 2025: 1, 2026: 0, 2027: 2 }, 'SRE') };
    expect([2025, 2026, 2027].map((cycleYear) => statusOf({ code: '10.g1', cycleYear, values: initiatives }))).toEqual([
      GoalStatus.MET,
      GoalStatus.BEHIND,
      GoalStatus.MET,
    ]);
    expect(judge({ code: '10.g1', cycleYear: 2026, values: initiatives }).rule.en).toBe(
      'Target: initiatives promoted by Mexico (indicator 10.a) every plan year; the text gives no number, so a year counts when its value is above zero. ' +
        'Plan year 2 (2026): 0 (earlier years: plan year 1 (2025): 1) → behind.',
    );
  });

  it('is met once anything is recorded when the text gives no rhythm either (3.g1)', () => {
    const trainings = (totals: Record<number, number | null>) => ({ '3.a': yearly(totals, 'SSPC') });
    expect(statusOf({ code: '3.g1', cycleYear: 2026, values: trainings({ 2025: 0, 2026: 2 }) })).toBe(GoalStatus.MET);
    expect(statusOf({ code: '3.g1', cycleYear: 2026, values: trainings({ 2025: 0, 2026: 0 }) })).toBe(GoalStatus.NOT_STARTED);
    expect(statusOf({ code: '3.g1', cycleYear: 2026, values: trainings({ 2025: 0, 2026: null }) })).toBe(GoalStatus.NO_DATA);
    const due: TGoalForStatus = {
      code: 'X.g4',
      indicatorCode: '3.a',
      target: { kind: 'OCCURRENCE', figure: { en: 'trainings', es: 'capacitaciones' }, counting: 'CUMULATIVE', dueByPlanYear: 2 },
    };
    expect(statusOf({ code: due, cycleYear: 2026, values: trainings({ 2025: 0, 2026: 0 }) })).toBe(GoalStatus.BEHIND);
  });
});

describe('a share in percent (5.g1: more than 15 percent of deployed personnel are women in uniform)', () => {
  it('is not evaluable as the plan stands, and names the missing denominator', () => {
    const result = judge({ code: '5.g1', cycleYear: 2026, values: { '5.b': yearly({ 2025: 30, 2026: 40 }, 'SEMAR') } });
    expect(result.status).toBe(GoalStatus.NOT_EVALUABLE);
    expect(result.notEvaluable).toEqual({
      reason: NotEvaluableReason.NO_DENOMINATOR,
      missing: {
        'es-MX': 'el denominador, todo el personal, mujeres y hombres, desplegado en operaciones de paz de las Naciones Unidas (ningún indicador del plan lo registra)',
        en: 'the denominator, all personnel, women and men, deployed in United Nations peace operations (no indicator of the plan records it)',
      },
    });
    expect(result.rule.en).toBe(
      'Target: women in uniform deployed (indicator 5.b) out of all personnel, women and men, deployed in United Nations peace operations (no indicator records it): ' +
        'more than 15 % in total over the plan. Missing: the denominator, all personnel, women and men, deployed in United Nations peace operations ' +
        '(no indicator of the plan records it) → not evaluable.',
    );
    expect(result.years).toEqual([]);
  });

  // As it would be judged if the plan added the denominator (5.d: all personnel deployed).
  const withDenominator = (counting: 'PER_YEAR' | 'CUMULATIVE'): TGoalForStatus => {
    const target = goal('5.g1').target as Extract<TGoalTarget, { kind: 'SHARE' }>;
    return { ...goal('5.g1'), target: { ...target, counting, denominator: { ...target.denominator, indicatorCode: '5.d' } } };
  };
  const deployed = (women: Record<number, number | null>, all: Record<number, number | null>) => ({ '5.b': yearly(women, 'SEMAR'), '5.d': yearly(all, 'SEMAR') });

  it('divides the year judged (PER_YEAR): met above 15 %, behind at or below it', () => {
    const met = judge({ code: withDenominator('PER_YEAR'), cycleYear: 2026, values: deployed({ 2025: 1, 2026: 20 }, { 2025: 100, 2026: 100 }) });
    expect(met.status).toBe(GoalStatus.MET);
    expect(met.rule['es-MX']).toMatch(/: más de 15 % por año\. Año 2 del plan \(2026\): 20 de 100 = 20 % → cumplida\.$/);
    expect(met.years[1]).toEqual({ planYear: 2, cycleYear: 2026, value: 20, denominator: 100 });
    expect(statusOf({ code: withDenominator('PER_YEAR'), cycleYear: 2026, values: deployed({ 2026: 15 }, { 2026: 100 }) })).toBe(GoalStatus.BEHIND);
  });

  it('divides the totals of the plan years so far (CUMULATIVE), and needs every one of them', () => {
    const result = judge({ code: withDenominator('CUMULATIVE'), cycleYear: 2026, values: deployed({ 2025: 10, 2026: 30 }, { 2025: 100, 2026: 150 }) });
    expect(result.status).toBe(GoalStatus.MET);
    expect(result.rule.en).toContain('Total of plan years 1–2: 40 out of 250 = 16 % → met.');
    expect(statusOf({ code: withDenominator('CUMULATIVE'), cycleYear: 2026, values: deployed({ 2025: 10, 2026: 30 }, { 2025: null, 2026: 150 }) })).toBe(
      GoalStatus.NO_DATA,
    );
    expect(statusOf({ code: withDenominator('CUMULATIVE'), cycleYear: 2026, values: deployed({ 2025: 0, 2026: 0 }, { 2025: 0, 2026: 0 }) })).toBe(
      GoalStatus.NO_DATA,
    );
    expect(statusOf({ code: withDenominator('CUMULATIVE'), cycleYear: 2024, values: deployed({ 2024: 9 }, { 2024: 10 }) })).toBe(GoalStatus.NOT_STARTED);
  });

  it("takes a women's share from one indicator broken down by sex, with the sex not recorded left in the total", () => {
    const womensShare: TGoalForStatus = {
      code: 'X.g5',
      indicatorCode: '9.a',
      target: {
        kind: 'SHARE',
        figure: { en: 'women trained', es: 'mujeres capacitadas' },
        breakdown: 'WOMEN',
        value: 40,
        comparator: 'AT_LEAST',
        counting: 'PER_YEAR',
        denominator: { indicatorCode: '9.a', breakdown: 'TOTAL', figure: { en: 'personnel trained', es: 'personal capacitado' } },
      },
    };
    const values = { '9.a': [{ cycleYear: 2025, values: [{ institutionCode: 'SEDENA', total: 100, women: 40, men: 50 }] }] };
    const result = judge({ code: womensShare, cycleYear: 2025, values });
    expect(result.status).toBe(GoalStatus.MET);
    expect(result.rule.en).toContain('Plan year 1 (2025): 40 out of 100 = 40 % → met.');
  });
});

describe('plan years counted from the first cycle while no adoption date is recorded', () => {
  it('says which basis was used', () => {
    const start: TPlanStart = { adoptedOn: null, firstCycleYear: 2026 };
    const result = judge({ code: '4.g2', cycleYear: 2027, values: { '4.b': yearly({ 2026: 10, 2027: 65 }) }, start });
    expect(result).toMatchObject({ status: GoalStatus.MET, planYear: 2, planYearBasis: PlanYearBasis.FIRST_CYCLE });
    expect(result.rule['es-MX']).toContain('Año 2 del plan (2027): 65 (años anteriores: año 1 del plan (2026): 10)');
  });
});

describe('every goal of the plan file', () => {
  const starts: TPlanStart[] = [adopted, { adoptedOn: null, firstCycleYear: 2025 }];

  it('yields a status without data, in words in both languages: no data, or not evaluable with the reason', () => {
    for (const start of starts) {
      for (const cycleYear of [2025, 2026, 2027, 2030]) {
        for (const g of plan.goals) {
          const result = judge({ code: g, cycleYear, values: {}, start });
          expect({ goal: g.code, status: result.status }).toEqual({
            goal: g.code,
            status: expect.stringMatching(/^(NO_DATA|NOT_EVALUABLE)$/),
          });
          expect(result.rule['es-MX']).toMatch(/→ (sin datos|no evaluable)\.$/);
          expect(result.rule.en).toMatch(/→ (no data|not evaluable)\.$/);
          expect(result.notEvaluable === null).toBe(result.status !== GoalStatus.NOT_EVALUABLE);
        }
      }
    }
  });

  it('names what the plan lacks for each goal it cannot judge', () => {
    const reasons = Object.fromEntries(
      plan.goals.flatMap((g) => {
        const { notEvaluable } = judge({ code: g, cycleYear: 2026, values: {} });
        return notEvaluable ? [[g.code, notEvaluable.reason]] : [];
      }),
    );
    expect(reasons).toEqual({
      '1.g1': 'NO_INDICATOR',
      '1.g2': 'NO_INDICATOR',
      '2.g2': 'NO_TARGET',
      '5.g1': 'NO_DENOMINATOR',
      '5.g2': 'NO_TARGET',
      '7.g1': 'NO_TARGET',
      '7.g2': 'NO_TARGET',
      '8.g1': 'NO_TARGET',
      '8.g4': 'NO_PERIOD',
      '9.g1': 'NO_TARGET',
    });
    expect(judge({ code: '7.g1', cycleYear: 2026, values: {} }).rule['es-MX']).toBe(
      'Falta: una meta medible (el texto de la meta no da cifra ni ritmo) → no evaluable.',
    );
  });
});
