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

  it('reads the numeric goals as machine-readable targets on the right indicator', () => {
    expect(goal('4.g2')).toMatchObject({
      indicatorCode: '4.b',
      target: { value: 60, comparator: 'AT_LEAST', period: 'PER_YEAR', unit: 'COUNT' },
    });
    expect(goal('3.g2')).toMatchObject({ indicatorCode: '3.b', target: { value: 15, comparator: 'AT_LEAST', period: 'WHOLE_PLAN' } });
    expect(indicator('3.b').text.en).toMatch(/Gender Missions/);
    expect(goal('6.g1')).toMatchObject({ indicatorCode: '6.a', target: { value: 50, comparator: 'AT_LEAST', period: 'PER_YEAR' } });
    expect(goal('6.g2')).toMatchObject({ indicatorCode: '6.b', target: { value: 1, period: 'PER_YEAR' } });
    expect(goal('8.g3')).toMatchObject({ indicatorCode: '8.c', target: { value: 8, comparator: 'AT_LEAST', period: 'PER_YEAR' } });
    expect(goal('1.g1')).toMatchObject({ indicatorCode: null, target: { value: 2, period: 'BY_YEAR_3' } });
  });

  it('flags the cells cut in the source instead of guessing', () => {
    expect(goal('5.g1')).toMatchObject({
      needsConfirmation: true,
      target: { value: 15, comparator: 'MORE_THAN', unit: 'PERCENTAGE' },
    });
    expect(goal('5.g1').text.en).toBe('[…] than 15 percent of deployed personnel are women in uniform.');
    expect(goal('5.g1').confirmationNote).toMatch(/than 15 percent/);
    // "Five trainings in …": the value is certain, the period is not.
    expect(goal('8.g4')).toMatchObject({ needsConfirmation: true, target: { value: 5, period: null } });
    // No number in the text: no target.
    expect(goal('2.g1')).toMatchObject({ needsConfirmation: true, target: null });
    expect(goal('8.g1')).toMatchObject({ needsConfirmation: true, target: null });
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
    raw.goals[g].target = { value: 3, comparator: 'AT_LEAST', period: 'PER_YEAR', unit: 'COUNT' };
    expect(messageFor(raw)).toContain('goal 2.g2: has a numeric target but its indicator 2.b is TEXT');

    const ok: TPlanFile = parsePlanFile(rawCopy());
    expect(ok.goals).toHaveLength(21);
  });
});
