import planJson from '../../../domain/plans/mx-nap-1325.v1.json';
import { parsePlanFile, ZPlanFile, type TPlanFile } from '../../../domain/plan-schema';
import { applyDecisions, type TDecidedProposal } from '../../../domain/review/apply-decisions';
import { planFileText } from '../../../domain/review/plan-file-text';
import { ZReviewProposal, type DecisionKind, type TCrosswalkEntry, type TProposalChange, type TReviewProposal } from '../../../domain/review/review-proposal';

const v1 = parsePlanFile(planJson, 'mx-nap-1325.v1.json');
const ADOPTED = '2027-03-15';

type TProposalInput = Omit<TReviewProposal, 'justification'> & { justification?: string };
function decided(institutionCode: string, proposal: TProposalInput, decision: DecisionKind = 'ACCEPTED', acceptedChange?: TProposalChange): TDecidedProposal {
  return { institutionCode, proposal: ZReviewProposal.parse({ justification: 'Lo acordado en el grupo de trabajo.', ...proposal }), decision, acceptedChange };
}
const text = (es: string, en: string) => ({ text: { es, en } });

function apply(list: TDecidedProposal[], extra: { crosswalk?: TCrosswalkEntry[]; retiredEarlier?: Set<string> } = {}) {
  return applyDecisions({ plan: v1, decided: list, adoptedOn: ADOPTED, ...extra });
}
function published(list: TDecidedProposal[], extra: { crosswalk?: TCrosswalkEntry[]; retiredEarlier?: Set<string> } = {}) {
  const result = apply(list, extra);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result;
}
function refused(list: TDecidedProposal[], extra: { crosswalk?: TCrosswalkEntry[]; retiredEarlier?: Set<string> } = {}) {
  const result = apply(list, extra);
  if (result.ok) throw new Error('expected issues, the plan was published');
  return result.issues;
}
const entryOf = (crosswalk: TCrosswalkEntry[], code: string) => crosswalk.filter((e) => e.from.includes(code) || e.to.includes(code));
const changedEntries = (crosswalk: TCrosswalkEntry[]) => crosswalk.filter((e) => e.change !== 'UNCHANGED');
const codes = (items: readonly { code: string }[]) => items.map((i) => i.code);

describe('applyDecisions on the real v1 plan', () => {
  it('rejected proposals and accepted keeps change nothing but the version and the adoption date', () => {
    const { plan, crosswalk } = published([
      decided('SRE', { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change: text('Nuevo', 'New') }, 'REJECTED'),
      decided('SEDENA', { kind: 'GOAL', code: '4.g2', action: 'KEEP' }),
    ]);
    expect(plan.version).toBe(2);
    expect(plan.adoptedOn).toBe(ADOPTED);
    expect(plan.adoptedOnNote).toBeUndefined();
    expect({ ...plan, version: 1, adoptedOn: null, adoptedOnNote: v1.adoptedOnNote }).toEqual(v1);
    expect(changedEntries(crosswalk)).toEqual([]);
    // Every old code once (10 objectives, 16 lines, 23 indicators, 21 goals).
    expect(crosswalk).toHaveLength(70);
  });

  it('reword: the indicator gets its new wording (one language may stay) and the crosswalk says REWORDED', () => {
    const { plan, crosswalk } = published([decided('SRE', { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change: { text: { es: 'Número de mujeres uniformadas desplegadas.' } } })]);
    const indicator = plan.indicators.find((i) => i.code === '4.c')!;
    expect(indicator.text).toEqual({ en: v1.indicators.find((i) => i.code === '4.c')!.text.en, es: 'Número de mujeres uniformadas desplegadas.' });
    expect(codes(plan.indicators)).toEqual(codes(v1.indicators));
    expect(changedEntries(crosswalk)).toEqual([{ kind: 'INDICATOR', change: 'REWORDED', from: ['4.c'], to: ['4.c'] }]);
  });

  it("retarget: accepted with changes, the secretariat's target replaces the proposal's; RETARGETED", () => {
    const target = (value: number) => ({ kind: 'COUNT' as const, figure: { en: 'uniformed women trained', es: 'mujeres uniformadas capacitadas' }, value, comparator: 'AT_LEAST' as const, counting: 'PER_YEAR' as const, dueByPlanYear: null });
    const { plan, crosswalk } = published([
      decided('SEDENA', { kind: 'GOAL', code: '4.g2', action: 'MODIFY', change: { target: target(80) } }, 'ACCEPTED_WITH_CHANGES', { target: target(70) }),
    ]);
    expect(plan.goals.find((g) => g.code === '4.g2')!.target).toEqual(target(70));
    expect(changedEntries(crosswalk)).toEqual([{ kind: 'GOAL', change: 'RETARGETED', from: ['4.g2'], to: ['4.g2'] }]);
  });

  it('wording and target together are MODIFIED', () => {
    const { crosswalk } = published([
      decided('SEDENA', { kind: 'GOAL', code: '4.g2', action: 'MODIFY', change: { ...text('80 mujeres uniformadas capacitadas por año.', '80 uniformed women trained per year.'), target: { kind: 'COUNT', figure: { en: 'uniformed women trained', es: 'mujeres uniformadas capacitadas' }, value: 80, comparator: 'AT_LEAST', counting: 'PER_YEAR', dueByPlanYear: null } } }),
    ]);
    expect(changedEntries(crosswalk)).toEqual([{ kind: 'GOAL', change: 'MODIFIED', from: ['4.g2'], to: ['4.g2'] }]);
  });

  it('split, with the explicit crosswalk: 4.b narrowed to CECOPAM, 4.e added after 4.d with the reporters in charge of objective 4', () => {
    const decisions = [
      decided('SEDENA', { kind: 'INDICATOR', code: '4.b', action: 'MODIFY', change: text('Número de mujeres uniformadas capacitadas por el CECOPAM.', 'Number of uniformed women trained by CECOPAM.') }),
      decided('SEDENA', { kind: 'INDICATOR', code: '4.e', action: 'ADD', objectiveCode: '4', change: { ...text('Número de mujeres uniformadas capacitadas en el extranjero.', 'Number of uniformed women trained abroad.'), unit: 'COUNT', disaggregation: 'NONE' } }),
    ];
    const automatic = published(decisions).crosswalk;
    expect(entryOf(automatic, '4.e')).toEqual([{ kind: 'INDICATOR', change: 'ADDED', from: [], to: ['4.e'] }]);
    const crosswalk: TCrosswalkEntry[] = [
      ...automatic.filter((e) => !e.from.includes('4.b') && !e.to.includes('4.e')),
      { kind: 'INDICATOR', change: 'SPLIT', from: ['4.b'], to: ['4.b', '4.e'], note: 'CECOPAM y extranjero por separado' },
    ];
    const { plan, crosswalk: result } = published(decisions, { crosswalk });
    expect(result).toEqual(crosswalk);
    expect(codes(plan.indicators).slice(6, 12)).toEqual(['4.a', '4.b', '4.c', '4.d', '4.e', '5.a']);
    expect(plan.indicators.find((i) => i.code === '4.e')).toEqual({
      code: '4.e',
      objectiveCode: '4',
      text: { en: 'Number of uniformed women trained abroad.', es: 'Número de mujeres uniformadas capacitadas en el extranjero.' },
      unit: 'COUNT',
      disaggregation: 'NONE',
      reporters: ['SRE', 'SEDENA', 'SEMAR', 'SSPC', 'UNWOMEN'].map((institutionCode) => ({ institutionCode, derived: true, basis: 'IN_CHARGE_DEFAULT' })),
      needsConfirmation: false,
    });
  });

  it('merge, with the explicit crosswalk: 5.c retired into 5.a', () => {
    const decisions = [
      decided('SEMAR', { kind: 'INDICATOR', code: '5.a', action: 'MODIFY', change: text('Número de mujeres postuladas y desplegadas.', 'Number of women nominated and deployed.') }),
      decided('SEMAR', { kind: 'INDICATOR', code: '5.c', action: 'RETIRE' }),
    ];
    const automatic = published(decisions).crosswalk;
    expect(entryOf(automatic, '5.c')).toEqual([{ kind: 'INDICATOR', change: 'RETIRED', from: ['5.c'], to: [] }]);
    const crosswalk: TCrosswalkEntry[] = [...automatic.filter((e) => !e.from.includes('5.a') && !e.from.includes('5.c')), { kind: 'INDICATOR', change: 'MERGED', from: ['5.a', '5.c'], to: ['5.a'] }];
    const { plan, crosswalk: result } = published(decisions, { crosswalk });
    expect(codes(plan.indicators.filter((i) => i.objectiveCode === '5'))).toEqual(['5.a', '5.b']);
    expect(entryOf(result, '5.c')).toEqual([{ kind: 'INDICATOR', change: 'MERGED', from: ['5.a', '5.c'], to: ['5.a'] }]);
  });

  it('retire an objective: its lines, activities, indicators and goals go too, each RETIRED in the crosswalk', () => {
    const { plan, crosswalk } = published([decided('SEDENA', { kind: 'OBJECTIVE', code: '9', action: 'RETIRE' })]);
    expect(codes(plan.objectives)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '10']);
    for (const list of [plan.linesOfAction, plan.activities, plan.indicators, plan.goals]) expect(list.some((i) => i.objectiveCode === '9')).toBe(false);
    expect(changedEntries(crosswalk)).toEqual([
      { kind: 'OBJECTIVE', change: 'RETIRED', from: ['9'], to: [] },
      { kind: 'LINE_OF_ACTION', change: 'RETIRED', from: ['9.1'], to: [], note: 'objective 9 retired' },
      { kind: 'INDICATOR', change: 'RETIRED', from: ['9.a'], to: [], note: 'objective 9 retired' },
      { kind: 'GOAL', change: 'RETIRED', from: ['9.g1'], to: [], note: 'objective 9 retired' },
    ]);
  });

  it('retire an indicator: the goal measured on it loses its indicator and is marked needing confirmation (MODIFIED, noted)', () => {
    const { plan, crosswalk } = published([decided('UNWOMEN', { kind: 'INDICATOR', code: '4.d', action: 'RETIRE' })]);
    const goal = plan.goals.find((g) => g.code === '4.g3')!;
    expect(goal).toMatchObject({ indicatorCode: null, needsConfirmation: true, confirmationNote: 'Indicator 4.d was retired in version 2: say which indicator measures this goal.' });
    expect(changedEntries(crosswalk)).toEqual([
      { kind: 'INDICATOR', change: 'RETIRED', from: ['4.d'], to: [] },
      { kind: 'GOAL', change: 'MODIFIED', from: ['4.g3'], to: ['4.g3'], note: 'indicator 4.d retired' },
    ]);
  });

  it('retire an indicator whose goal is re-pointed by another accepted proposal: the goal is not flagged', () => {
    const { plan } = published([
      decided('UNWOMEN', { kind: 'INDICATOR', code: '4.d', action: 'RETIRE' }),
      decided('SRE', { kind: 'GOAL', code: '4.g3', action: 'MODIFY', change: { indicatorCode: '4.c' } }),
    ]);
    expect(plan.goals.find((g) => g.code === '4.g3')).toMatchObject({ indicatorCode: '4.c', needsConfirmation: false });
  });

  it('retire a line of action: its activity is unlinked and marked needing confirmation', () => {
    const { plan, crosswalk } = published([decided('SRE', { kind: 'LINE_OF_ACTION', code: '4.1', action: 'RETIRE' })]);
    expect(plan.activities.find((a) => a.code === '4.i')).toMatchObject({ lineOfActionCode: null, needsConfirmation: true });
    expect(changedEntries(crosswalk)).toEqual([{ kind: 'LINE_OF_ACTION', change: 'RETIRED', from: ['4.1'], to: [] }]);
  });

  it('add a goal: after the last goal of its objective, with a valid code; ADDED', () => {
    const target = { kind: 'COUNT' as const, figure: { en: 'women deployed', es: 'mujeres desplegadas' }, value: 10, comparator: 'AT_LEAST' as const, counting: 'PER_YEAR' as const, dueByPlanYear: null };
    const { plan, crosswalk } = published([
      decided('SRE', { kind: 'GOAL', code: '4.g4', action: 'ADD', objectiveCode: '4', change: { ...text('Diez mujeres desplegadas por año.', 'Ten women deployed per year.'), target, indicatorCode: '4.c' } }),
    ]);
    expect(codes(plan.goals).slice(6, 11)).toEqual(['4.g1', '4.g2', '4.g3', '4.g4', '5.g1']);
    expect(plan.goals.find((g) => g.code === '4.g4')).toEqual({ code: '4.g4', objectiveCode: '4', indicatorCode: '4.c', text: { en: 'Ten women deployed per year.', es: 'Diez mujeres desplegadas por año.' }, target, needsConfirmation: false });
    expect(changedEntries(crosswalk)).toEqual([{ kind: 'GOAL', change: 'ADDED', from: [], to: ['4.g4'] }]);
  });

  it('add an objective with its line and indicator: in charge of its proposer, in the area where it is in charge', () => {
    const { plan, crosswalk } = published([
      decided('CECOPAM', { kind: 'OBJECTIVE', code: '11', action: 'ADD', change: text('Formar instructoras.', 'Train women instructors.') }),
      decided('CECOPAM', { kind: 'LINE_OF_ACTION', code: '11.1', action: 'ADD', objectiveCode: '11', change: text('Cursos de formación de instructoras.', 'Instructor courses.') }),
      decided('CECOPAM', { kind: 'INDICATOR', code: '11.a', action: 'ADD', objectiveCode: '11', change: { ...text('Número de instructoras formadas.', 'Number of women instructors trained.'), unit: 'COUNT', disaggregation: 'NONE' } }),
    ]);
    expect(plan.objectives.at(-1)).toEqual({ code: '11', thematicAreaCode: 'I', text: { en: 'Train women instructors.', es: 'Formar instructoras.' }, institutionsInCharge: ['CECOPAM'], needsConfirmation: false });
    expect(plan.indicators.at(-1)!.reporters).toEqual([{ institutionCode: 'CECOPAM', derived: true, basis: 'IN_CHARGE_DEFAULT' }]);
    expect(changedEntries(crosswalk).map((e) => `${e.change} ${e.to.join()}`)).toEqual(['ADDED 11', 'ADDED 11.1', 'ADDED 11.a']);
  });

  it('the same acceptance from two institutions is applied once', () => {
    const change = text('Nuevo texto.', 'New text.');
    const { plan } = published([
      decided('SRE', { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change }),
      decided('SEMAR', { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change }),
    ]);
    expect(plan.indicators.find((i) => i.code === '4.c')!.text).toEqual({ en: 'New text.', es: 'Nuevo texto.' });
  });

  it('the new version is a valid plan file whose text parses back to it', () => {
    const { plan } = published([decided('SEDENA', { kind: 'OBJECTIVE', code: '9', action: 'RETIRE' })]);
    expect(ZPlanFile.parse(JSON.parse(planFileText(plan)))).toEqual(plan);
    expect(plan.formatVersion).toBe(2);
  });
});

describe('applyDecisions refuses, naming the item', () => {
  const items = (issues: { item: string }[]) => issues.map((i) => i.item);

  it('conflicting accepted proposals of two institutions on one item', () => {
    const issues = refused([
      decided('SRE', { kind: 'INDICATOR', code: '4.c', action: 'MODIFY', change: text('Uno.', 'One.') }),
      decided('SEDENA', { kind: 'INDICATOR', code: '4.c', action: 'RETIRE' }),
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ item: 'indicator 4.c', path: 'decisions[SRE/INDICATOR/4.c] decisions[SEDENA/INDICATOR/4.c]' });
    expect(issues[0].message.en).toContain('SRE (MODIFY), SEDENA (RETIRE)');
    expect(issues[0].message['es-MX']).toContain('indicador 4.c');
  });

  it('modifying or keeping an item retired with its objective', () => {
    const issues = refused([
      decided('SEDENA', { kind: 'OBJECTIVE', code: '9', action: 'RETIRE' }),
      decided('SEMAR', { kind: 'GOAL', code: '9.g1', action: 'MODIFY', change: text('Nuevo.', 'New.') }),
      decided('SSPC', { kind: 'INDICATOR', code: '9.a', action: 'KEEP' }),
    ]);
    expect(items(issues)).toEqual(['goal 9.g1', 'indicator 9.a']);
    expect(issues[0].message.en).toBe('goal 9.g1 is retired by this review (objective 9 retired): it cannot be modified');
    expect(issues[0].message['es-MX']).toBe('meta 9.g1 se retira en esta revisión (se retira el objetivo 9): no se puede modificar');
  });

  it('modifying an item an earlier version retired, or reusing its code', () => {
    const issues = refused(
      [
        decided('SRE', { kind: 'GOAL', code: '4.g9', action: 'MODIFY', change: text('Nuevo.', 'New.') }),
        decided('SRE', { kind: 'INDICATOR', code: '4.f', action: 'ADD', objectiveCode: '4', change: { ...text('Nuevo.', 'New.'), unit: 'COUNT', disaggregation: 'NONE' } }),
      ],
      { retiredEarlier: new Set(['4.g9', '4.f']) },
    );
    expect(items(issues)).toEqual(['goal 4.g9', 'indicator 4.f']);
    expect(issues[0].message.en).toContain('retired by an earlier version');
  });

  it('a target the target schema refuses (a share over 100 %)', () => {
    const share = { kind: 'SHARE', figure: { en: 'women', es: 'mujeres' }, breakdown: 'TOTAL', value: 150, comparator: 'AT_LEAST', counting: 'PER_YEAR', denominator: { indicatorCode: '4.c', breakdown: 'TOTAL', figure: { en: 'all', es: 'todo' } } };
    // Stored JSON that bypassed the API's parse.
    const proposal = { kind: 'GOAL', code: '4.g2', action: 'MODIFY', change: { target: share }, justification: 'x' } as unknown as TReviewProposal;
    const issues = refused([{ institutionCode: 'SEDENA', proposal, decision: 'ACCEPTED' }]);
    expect(issues).toEqual([
      { item: 'goal 4.g2', path: 'decisions[SEDENA/GOAL/4.g2].change.target.value', message: { 'es-MX': 'meta 4.g2: la meta propuesta no es válida: a percentage cannot exceed 100', en: 'goal 4.g2: the target is refused: a percentage cannot exceed 100' } },
    ]);
  });

  it('a target the plan file refuses once applied (a count on a TEXT indicator; a period left out on a goal not needing confirmation)', () => {
    const count = (counting: 'PER_YEAR' | null) => ({ kind: 'COUNT' as const, figure: { en: 'measures', es: 'medidas' }, value: 3, comparator: 'AT_LEAST' as const, counting, dueByPlanYear: null });
    const issues = refused([
      decided('INMUJERES', { kind: 'GOAL', code: '2.g2', action: 'MODIFY', change: { target: count('PER_YEAR') } }),
      decided('SEDENA', { kind: 'GOAL', code: '4.g2', action: 'MODIFY', change: { target: count(null) } }),
    ]);
    expect(items(issues)).toEqual(['goal 2.g2', 'goal 4.g2']);
    expect(issues[0].path).toMatch(/^goals\[\d+\]\.target$/);
    expect(issues[0].message.en).toContain('its indicator 2.b is TEXT');
    expect(issues[1].message.en).toContain('target counting is null');
  });

  it('an explicit crosswalk that leaves an old code unmapped, maps one twice, or maps to a code not in the new plan', () => {
    const decisions = [decided('SEMAR', { kind: 'INDICATOR', code: '5.c', action: 'RETIRE' })];
    const automatic = published(decisions).crosswalk;
    const withoutGoal = automatic.filter((e) => !e.from.includes('4.g2'));
    // Unmapped on both sides: the old code in no "from", the new one in no "to".
    expect(refused(decisions, { crosswalk: withoutGoal })).toEqual([
      { item: 'goal 4.g2', path: 'crosswalk', message: { 'es-MX': 'meta 4.g2 de la versión 1 no aparece en la tabla de correspondencia: diga en qué se convirtió (o RETIRED)', en: 'goal 4.g2 of version 1 is left unmapped: say what it became (or RETIRED)' } },
      { item: 'goal 4.g2', path: 'crosswalk', message: { 'es-MX': 'meta 4.g2 de la versión 2 no aparece en ningún destino de la tabla de correspondencia (ADDED, si es nuevo)', en: 'goal 4.g2 of version 2 is in no line\'s "to" (ADDED, if it is new)' } },
    ]);
    const toRetired = automatic.map((e) => (e.from.includes('5.c') ? { kind: 'INDICATOR' as const, change: 'UNCHANGED' as const, from: ['5.c'], to: ['5.c'] } : e));
    const issues = refused(decisions, { crosswalk: toRetired });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ item: 'indicator 5.c', message: { en: 'the crosswalk maps to indicator 5.c, which is not in version 2' } });
    expect(issues[0].path).toMatch(/^crosswalk\[\d+\]\.to\[0\]$/);
    const twice = [...automatic, { kind: 'GOAL' as const, change: 'RETIRED' as const, from: ['4.g2'], to: [] }];
    expect(items(refused(decisions, { crosswalk: twice }))).toEqual(['goal 4.g2']);
  });

  it('a split without the new code in any "to", and lines whose shape does not fit their change', () => {
    const decisions = [
      decided('SEDENA', { kind: 'INDICATOR', code: '4.e', action: 'ADD', objectiveCode: '4', change: { ...text('Nuevo.', 'New.'), unit: 'COUNT', disaggregation: 'NONE' } }),
    ];
    const automatic = published(decisions).crosswalk;
    const noAdded = automatic.filter((e) => !e.to.includes('4.e'));
    expect(refused(decisions, { crosswalk: noAdded }).map((i) => [i.item, i.message.en])).toEqual([['indicator 4.e', 'indicator 4.e of version 2 is in no line\'s "to" (ADDED, if it is new)']]);
    const badSplit = [...noAdded.filter((e) => !e.from.includes('4.b')), { kind: 'INDICATOR' as const, change: 'SPLIT' as const, from: ['4.b'], to: ['4.e'] }];
    expect(refused(decisions, { crosswalk: badSplit }).map((i) => i.item)).toEqual(['indicator 4.b', 'indicator 4.b']);
  });

  it('unknown items, existing codes, codes outside their objective, changes that do not apply, new indicators without unit', () => {
    const issues = refused([
      decided('SRE', { kind: 'INDICATOR', code: '4.z', action: 'MODIFY', change: text('X.', 'X.') }),
      decided('SRE', { kind: 'GOAL', code: '4.g1', action: 'ADD', objectiveCode: '4', change: text('X.', 'X.') }),
      decided('SRE', { kind: 'INDICATOR', code: '5.e', action: 'ADD', objectiveCode: '4', change: { ...text('X.', 'X.'), unit: 'COUNT', disaggregation: 'NONE' } }),
      decided('SRE', { kind: 'LINE_OF_ACTION', code: '4.1', action: 'MODIFY', change: { unit: 'COUNT' } }),
      decided('SEDENA', { kind: 'INDICATOR', code: '4.f', action: 'ADD', objectiveCode: '4', change: text('X.', 'X.') }),
      decided('SEDENA', { kind: 'GOAL', code: '3.g3', action: 'ADD', objectiveCode: '3', change: text('X.', 'X.') }, 'REJECTED'),
    ]);
    expect(issues.map((i) => [i.item, i.message.en])).toEqual([
      ['indicator 4.z', 'indicator 4.z is not in version 1 of the plan'],
      ['goal 4.g1', 'goal 4.g1 already exists: a new item needs a new code'],
      ['indicator 5.e', "indicator 5.e: the code must start with its objective's (4.)"],
      ['indicator 4.f', 'indicator 4.f: a new indicator needs its unit and breakdown'],
      ['line of action 4.1', 'line of action 4.1: "unit" cannot be changed on this kind of item'],
    ]);
  });

  it('a new objective whose area is not one, or that comes without an indicator', () => {
    expect(refused([decided('UNWOMEN', { kind: 'OBJECTIVE', code: '11', action: 'ADD', change: text('X.', 'X.') })]).map((i) => i.item)).toEqual(['objective 11']);
    const issues = refused([
      decided('CECOPAM', { kind: 'OBJECTIVE', code: '11', action: 'ADD', change: text('X.', 'X.') }),
      decided('CECOPAM', { kind: 'LINE_OF_ACTION', code: '11.1', action: 'ADD', objectiveCode: '11', change: text('X.', 'X.') }),
    ]);
    expect(issues.map((i) => [i.item, i.message.en])).toEqual([['objective 11', 'objective 11: objective 11 has no indicator: it could not be monitored']]);
  });

  it('adding under a retired objective', () => {
    const issues = refused([
      decided('SEDENA', { kind: 'OBJECTIVE', code: '9', action: 'RETIRE' }),
      decided('SEMAR', { kind: 'GOAL', code: '9.g2', action: 'ADD', objectiveCode: '9', change: text('X.', 'X.') }),
    ]);
    expect(issues.map((i) => [i.item, i.message.en])).toEqual([['goal 9.g2', 'goal 9.g2: objective 9 is not in the new version']]);
  });
});

// Keeps the fixture honest: the plan the tests read is the real v1 file.
it('reads the real v1 plan', () => {
  const plan: TPlanFile = v1;
  expect([plan.key, plan.version, plan.objectives.length, plan.indicators.length, plan.goals.length]).toEqual(['MX-NAP-1325', 1, 10, 23, 21]);
});
