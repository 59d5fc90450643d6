import planJson from '../../domain/plans/mx-nap-1325.v1.json';
import { PlanFileError, ZPlanFile, parsePlanFile, type TPlanFile } from '../../domain/plan-schema';
import { indicatorsReportedBy, planStats } from '../../domain/plan-stats';

const plan = parsePlanFile(planJson, 'mx-nap-1325.v1.json');

const goal = (code: string) => {
  const found = plan.goals.find((g) => g.code === code);
  if (!found) throw new Error(`no goal ${code}`);
  return found;
};
const indicator = (code: string) => {
  const found = plan.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
};

/** A deep copy of the raw file to break on purpose. */
const rawCopy = (): Record<string, any> => JSON.parse(JSON.stringify(planJson));

describe('MX-NAP-1325 v1 plan file', () => {
  it('is a valid plan file', () => {
    const result = ZPlanFile.safeParse(planJson);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(plan).toMatchObject({ key: 'MX-NAP-1325', version: 1, countryCode: 'MX', adoptedOn: null, spanishOfficial: false });
    expect(plan.adoptedOnNote).toMatch(/three years after its adoption/);
  });

  it('holds the whole critical path: 4 areas, 10 objectives, 16 lines of action, 23 indicators', () => {
    expect(planStats(plan)).toMatchObject({
      thematicAreas: 4,
      objectives: 10,
      linesOfAction: 16,
      indicators: 23,
      activities: 21,
      goals: 21,
      institutions: 7,
      coordinationTasks: 7,
    });
    expect(plan.thematicAreas.map((a) => `${a.code} ${a.name.en}`)).toEqual([
      'I Prevention',
      'II Participation',
      'III Protection',
      'IV Relief and recovery',
    ]);
  });

  it('has, per objective, the lines and indicators of Annex 3', () => {
    const perObjective = plan.objectives.map((o) => [
      o.code,
      plan.linesOfAction.filter((l) => l.objectiveCode === o.code).length,
      plan.indicators.filter((i) => i.objectiveCode === o.code).length,
    ]);
    expect(perObjective).toEqual([
      ['1', 1, 2],
      ['2', 2, 2],
      ['3', 2, 2],
      ['4', 2, 4],
      ['5', 2, 3],
      ['6', 2, 2],
      ['7', 2, 2],
      ['8', 1, 4],
      ['9', 1, 1],
      ['10', 1, 1],
    ]);
    expect(plan.objectives.map((o) => o.thematicAreaCode)).toEqual(['I', 'I', 'I', 'II', 'II', 'II', 'II', 'III', 'III', 'IV']);
  });

  it('gives every objective an institution in charge and an indicator, and every indicator a reporter', () => {
    for (const o of plan.objectives) {
      expect({ objective: o.code, inCharge: o.institutionsInCharge.length > 0 }).toEqual({ objective: o.code, inCharge: true });
      expect(plan.indicators.some((i) => i.objectiveCode === o.code)).toBe(true);
    }
    for (const i of plan.indicators) {
      expect({ indicator: i.code, reporters: i.reporters.length > 0 }).toEqual({ indicator: i.code, reporters: true });
    }
    expect(plan.objectives.find((o) => o.code === '3')?.institutionsInCharge).toEqual(['SSPC', 'INMUJERES', 'SEDENA', 'CECOPAM', 'UNWOMEN']);
  });

  it('has every text in Spanish, marked as an unofficial translation', () => {
    const texts = [
      plan.title,
      plan.shortTitle,
      ...plan.institutions.map((i) => i.name),
      ...plan.thematicAreas.flatMap((a) => [a.name, a.description]),
      ...[...plan.objectives, ...plan.linesOfAction, ...plan.activities, ...plan.indicators, ...plan.goals].map((x) => x.text),
      ...plan.coordinationTasks.map((t) => t.text),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      expect(text.es.trim()).not.toBe('');
      expect(text.es).not.toBe(text.en);
    }
    expect(plan.spanishOfficial).toBe(false);
    expect(plan.institutions.find((i) => i.code === 'SEDENA')?.name.es).toBe('Secretaría de la Defensa Nacional (SEDENA)');
  });

  it('reads every goal of Annex 3 as the target its text states, on the right indicator', () => {
    expect(goal('4.g2')).toMatchObject({
      indicatorCode: '4.b',
      target: { kind: 'COUNT', value: 60, comparator: 'AT_LEAST', counting: 'PER_YEAR', figure: { en: 'uniformed women trained' } },
    });
    expect(goal('3.g2')).toMatchObject({ indicatorCode: '3.b', target: { kind: 'COUNT', value: 15, comparator: 'AT_LEAST', counting: 'CUMULATIVE', dueByPlanYear: null } });
    expect(indicator('3.b').text.en).toMatch(/Gender Missions/);
    expect(goal('6.g1')).toMatchObject({ indicatorCode: '6.a', target: { kind: 'COUNT', value: 50, comparator: 'AT_LEAST', counting: 'PER_YEAR' } });
    expect(goal('6.g2')).toMatchObject({ indicatorCode: '6.b', target: { value: 1, counting: 'PER_YEAR' } });
    expect(goal('8.g3')).toMatchObject({ indicatorCode: '8.c', target: { value: 8, comparator: 'AT_LEAST', counting: 'PER_YEAR' } });
    // "one at the beginning of the project and the second in the third year": milestones, not "2 by year 3".
    expect(goal('1.g1')).toMatchObject({
      indicatorCode: null,
      target: { kind: 'MILESTONES', milestones: [{ planYear: 1, value: 1 }, { planYear: 3, value: 1 }], figure: { es: 'campañas de difusión' } },
    });
    // "per year" / "each year" without a number: a rhythm.
    expect(goal('2.g1')).toMatchObject({ indicatorCode: '2.a', needsConfirmation: true, target: { kind: 'OCCURRENCE', counting: 'PER_YEAR' } });
    expect(goal('10.g1')).toMatchObject({ indicatorCode: '10.a', target: { kind: 'OCCURRENCE', counting: 'PER_YEAR' } });
    expect(goal('3.g1')).toMatchObject({ indicatorCode: '3.a', target: { kind: 'OCCURRENCE', counting: 'CUMULATIVE' } });
    expect(plan.goals.map((g) => `${g.code}:${g.target?.kind ?? '-'}`)).toEqual([
      '1.g1:MILESTONES', '1.g2:COUNT', '2.g1:OCCURRENCE', '2.g2:-', '3.g1:OCCURRENCE', '3.g2:COUNT', '4.g1:COUNT', '4.g2:COUNT',
      '4.g3:COUNT', '5.g1:SHARE', '5.g2:-', '6.g1:COUNT', '6.g2:COUNT', '7.g1:-', '7.g2:-', '8.g1:-', '8.g2:COUNT', '8.g3:COUNT',
      '8.g4:COUNT', '9.g1:-', '10.g1:OCCURRENCE',
    ]);
  });

  it('flags the cells cut in the source instead of guessing', () => {
    // A share of all deployed personnel, whose denominator no indicator records.
    expect(goal('5.g1')).toMatchObject({
      indicatorCode: '5.b',
      needsConfirmation: true,
      target: {
        kind: 'SHARE',
        value: 15,
        comparator: 'MORE_THAN',
        breakdown: 'TOTAL',
        denominator: { indicatorCode: null, figure: { en: 'all personnel, women and men, deployed in United Nations peace operations' } },
      },
    });
    expect(goal('5.g1').text.en).toBe('[…] than 15 percent of deployed personnel are women in uniform.');
    expect(goal('5.g1').confirmationNote).toMatch(/than 15 percent/);
    // "Five trainings in …": the value is certain, the period is not.
    expect(goal('8.g4')).toMatchObject({ needsConfirmation: true, target: { kind: 'COUNT', value: 5, counting: null } });
    // No number and no rhythm in the text: no target.
    for (const code of ['2.g2', '5.g2', '7.g1', '7.g2', '8.g1', '9.g1']) {
      expect({ code, target: goal(code).target, needsConfirmation: goal(code).needsConfirmation }).toEqual({ code, target: null, needsConfirmation: true });
    }
    expect(indicator('7.b').needsConfirmation).toBe(true);
    expect(indicator('9.a').needsConfirmation).toBe(true);
    for (const code of ['5', '7', '9']) {
      expect(plan.objectives.find((o) => o.code === code)?.needsConfirmation).toBe(true);
    }
    // Every "[…]" gap in a text sits on an item that needs confirmation.
    const items = [...plan.objectives, ...plan.linesOfAction, ...plan.activities, ...plan.indicators, ...plan.goals];
    for (const item of items.filter((x) => x.text.en.includes('[…]'))) {
      expect({ code: item.code, needsConfirmation: item.needsConfirmation }).toEqual({ code: item.code, needsConfirmation: true });
    }
  });

  it('counts people by sex only where the indicator counts people of any sex', () => {
    const bySex = plan.indicators.filter((i) => i.disaggregation === 'SEX').map((i) => i.code);
    expect(bySex).toEqual(['2.a', '8.a', '9.a']);
    expect(indicator('4.b').disaggregation).toBe('NONE'); // uniformed women: women by definition
  });

  it('derives reporters: institutions in charge by default, the one named by the indicator otherwise', () => {
    expect(plan.indicators.flatMap((i) => i.reporters).every((r) => r.derived)).toBe(true);
    expect(indicator('4.a').reporters.map((r) => r.institutionCode)).toEqual(['CECOPAM', 'SEDENA']);
    expect(indicator('8.c').reporters.map((r) => r.institutionCode)).toEqual(['SSPC']);
    expect(indicator('1.a').reporters.map((r) => r.institutionCode)).toEqual(['SEDENA', 'SEMAR', 'SRE', 'SSPC', 'INMUJERES']);
    expect(indicatorsReportedBy(plan, 'SSPC').map((i) => i.code)).toEqual(
      expect.arrayContaining(['1.a', '3.a', '5.b', '8.b', '8.c', '8.d', '9.a']),
    );
    expect(indicatorsReportedBy(plan, 'SSPC').map((i) => i.code)).not.toContain('4.a');
    expect(indicatorsReportedBy(plan, 'NOPE')).toEqual([]);
  });

  it('lists the seven coordination tasks of section V', () => {
    expect(plan.coordinationTasks.map((t) => t.code)).toEqual([
      'PLANNING',
      'INFORMATION_REQUESTS',
      'ANNUAL_REPORT',
      'COMMITMENTS_FOLLOW_UP',
      'PLAN_REVIEW',
      'INDICATORS_REVIEW',
      'DIALOGUE',
    ]);
  });
});

describe('plan file validation', () => {
  const messageFor = (raw: unknown): string => {
    try {
      parsePlanFile(raw, 'broken.json');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanFileError);
      return (error as PlanFileError).message;
    }
    throw new Error('expected the file to be rejected');
  };

  it('names the item and the broken reference', () => {
    const raw = rawCopy();
    const i = raw.indicators.findIndex((x: { code: string }) => x.code === '4.b');
    raw.indicators[i].reporters[0].institutionCode = 'SEDNA';
    const g = raw.goals.findIndex((x: { code: string }) => x.code === '6.g1');
    raw.goals[g].indicatorCode = '6.z';

    const message = messageFor(raw);
    expect(message).toMatch(/^Invalid broken\.json:/);
    expect(message).toContain(`indicators[${i}].reporters[0].institutionCode: indicator 4.b: reporter "SEDNA" is not listed in institutions`);
    expect(message).toContain(`goals[${g}].indicatorCode: goal 6.g1: unknown indicator "6.z"`);
  });

  it('rejects duplicate codes, objective mismatches and cross-objective links', () => {
    const raw = rawCopy();
    raw.indicators[1].code = raw.indicators[0].code; // 1.b → 1.a
    raw.linesOfAction[0].objectiveCode = '2'; // 1.1 under objective 2
    const a = raw.activities.findIndex((x: { code: string }) => x.code === '2.i');
    raw.activities[a].lineOfActionCode = '3.1';

    const message = messageFor(raw);
    expect(message).toContain('indicators[1].code: duplicate code "1.a"');
    expect(message).toContain('line of action 1.1: code does not start with its objective "2."');
    expect(message).toContain('activity 2.i: line of action 3.1 belongs to objective 3, not 2');
  });

  it('rejects a misspelt field and an empty Spanish text', () => {
    const raw = rawCopy();
    raw.goals[1].taget = raw.goals[1].target;
    raw.objectives[0].text.es = '  ';

    const message = messageFor(raw);
    expect(message).toContain('objectives[0].text.es: must not be empty');
    expect(message).toMatch(/goals\[1\]: Unrecognized key: "taget"/);
  });

  it('rejects a flagged item that does not say what is missing', () => {
    const raw = rawCopy();
    expect(raw.goals[0].code).toBe('1.g1');
    delete raw.goals[0].confirmationNote;
    expect(messageFor(raw)).toContain('goals[0].confirmationNote: goal 1.g1 needs confirmation but has no confirmationNote');
  });

  it('rejects a numeric target on a TEXT indicator', () => {
    const raw = rawCopy();
    const g = raw.goals.findIndex((x: { code: string }) => x.code === '2.g2');
    raw.goals[g].target = { kind: 'COUNT', figure: { en: 'measures', es: 'medidas' }, value: 3, comparator: 'AT_LEAST', counting: 'PER_YEAR' };
    expect(messageFor(raw)).toContain('goal 2.g2: has a numeric target but its indicator 2.b is TEXT');

    const ok: TPlanFile = parsePlanFile(rawCopy());
    expect(ok.goals).toHaveLength(21);
  });

  it('rejects targets the rules could not judge as written', () => {
    const raw = rawCopy();
    const at = (code: string) => raw.goals.findIndex((x: { code: string }) => x.code === code);
    // A share without a denominator indicator on a goal that does not ask for confirmation.
    raw.goals[at('5.g1')].needsConfirmation = false;
    delete raw.goals[at('5.g1')].confirmationNote;
    // Milestones out of order.
    raw.goals[at('1.g1')].target.milestones = [{ planYear: 3, value: 1 }, { planYear: 1, value: 1 }];
    // A due year on a per-year count.
    raw.goals[at('4.g2')].target.dueByPlanYear = 3;
    // Women counted on an indicator that is not broken down by sex.
    raw.goals[at('6.g1')].target = { ...raw.goals[at('6.g1')].target, kind: 'SHARE', value: 30, breakdown: 'WOMEN', denominator: { indicatorCode: '6.z', figure: { en: 'x', es: 'x' } } };
    delete raw.goals[at('6.g1')].target.dueByPlanYear;

    const message = messageFor(raw);
    expect(message).toContain(`goals[${at('5.g1')}].target.denominator.indicatorCode: goal 5.g1: a share without a denominator indicator cannot be judged`);
    expect(message).toContain(`goals[${at('1.g1')}].target.milestones: milestones must be in increasing plan years`);
    expect(message).toContain(`goals[${at('4.g2')}].target.dueByPlanYear: dueByPlanYear applies to CUMULATIVE counts only`);
    expect(message).toContain(`goals[${at('6.g1')}].target: goal 6.g1: counts WOMEN on indicator 6.a, which is not broken down by sex`);
    expect(message).toContain(`goals[${at('6.g1')}].target.denominator.indicatorCode: goal 6.g1: unknown denominator indicator "6.z"`);
  });

  it('still reads a first-format file (formatVersion 1): each target as the kind it meant', () => {
    const raw = rawCopy();
    raw.formatVersion = 1;
    const at = (code: string) => raw.goals.findIndex((x: { code: string }) => x.code === code);
    raw.goals[at('1.g1')].target = { value: 2, comparator: 'AT_LEAST', period: 'BY_YEAR_3', unit: 'COUNT' };
    raw.goals[at('4.g2')].target = { value: 60, comparator: 'AT_LEAST', period: 'PER_YEAR', unit: 'COUNT' };
    raw.goals[at('5.g1')].target = { value: 15, comparator: 'MORE_THAN', period: 'WHOLE_PLAN', unit: 'PERCENTAGE' };
    raw.goals[at('8.g4')].target = { value: 5, comparator: 'AT_LEAST', period: null, unit: 'COUNT' };

    const old = parsePlanFile(raw);
    const target = (code: string) => old.goals.find((g) => g.code === code)?.target;
    expect(old.formatVersion).toBe(1);
    expect(target('1.g1')).toMatchObject({ kind: 'COUNT', value: 2, counting: 'CUMULATIVE', dueByPlanYear: 3 });
    expect(target('4.g2')).toMatchObject({ kind: 'COUNT', value: 60, counting: 'PER_YEAR', dueByPlanYear: null });
    expect(target('5.g1')).toMatchObject({ kind: 'SHARE', value: 15, comparator: 'MORE_THAN', counting: 'CUMULATIVE', denominator: { indicatorCode: null } });
    expect(target('8.g4')).toMatchObject({ kind: 'COUNT', counting: null });

    raw.goals[at('4.g2')].target.unit = 'PERCENT';
    // A first-format target with a mistake is not one: the message asks for the kinds of the current format.
    expect(messageFor(raw)).toContain(`goals[${at('4.g2')}].target.kind: Invalid discriminator value. Expected 'COUNT' | 'MILESTONES' | 'OCCURRENCE' | 'SHARE'`);
  });
});
