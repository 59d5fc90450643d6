import planJson from '../../domain/plans/mx-nap-1325.v1.json';
import { parsePlanFile } from '../../domain/plan-schema';
import { goalTargetColumns, storedGoalTarget } from '../../domain/stored-goal-target';

const plan = parsePlanFile(planJson);
const target = (code: string) => plan.goals.find((g) => g.code === code)?.target ?? null;

describe('goalTargetColumns: what the seed writes for a target', () => {
  it('stores the target itself, its kind, and the first-format summary for that format\'s readers', () => {
    expect(goalTargetColumns(target('4.g2'))).toEqual({
      targetKind: 'COUNT',
      target: target('4.g2'),
      targetValue: 60,
      targetUnit: 'COUNT',
      comparator: 'AT_LEAST',
      period: 'PER_YEAR',
    });
    expect(goalTargetColumns(target('3.g2'))).toMatchObject({ targetKind: 'COUNT', targetValue: 15, period: 'WHOLE_PLAN' });
    expect(goalTargetColumns(target('5.g1'))).toMatchObject({ targetKind: 'SHARE', targetValue: 15, targetUnit: 'PERCENTAGE', comparator: 'MORE_THAN', period: 'WHOLE_PLAN' });
    expect(goalTargetColumns(target('8.g4'))).toMatchObject({ targetKind: 'COUNT', targetValue: 5, period: null });
  });

  it('summarises milestones by their total and last year, and gives an occurrence no number', () => {
    expect(goalTargetColumns(target('1.g1'))).toMatchObject({ targetKind: 'MILESTONES', targetValue: 2, targetUnit: 'COUNT', comparator: 'AT_LEAST', period: 'BY_YEAR_3' });
    expect(goalTargetColumns(target('10.g1'))).toEqual({
      targetKind: 'OCCURRENCE',
      target: target('10.g1'),
      targetValue: null,
      targetUnit: null,
      comparator: null,
      period: null,
    });
    expect(goalTargetColumns(null)).toEqual({ targetKind: null, target: null, targetValue: null, targetUnit: null, comparator: null, period: null });
  });
});

describe('storedGoalTarget: reading a goal row back', () => {
  it('reads the stored target, as written', () => {
    for (const goal of plan.goals) {
      const row = { ...goalTargetColumns(goal.target), target: goal.target === null ? null : JSON.parse(JSON.stringify(goal.target)) };
      expect({ code: goal.code, target: storedGoalTarget(row) }).toEqual({ code: goal.code, target: goal.target });
    }
  });

  it('reads a row written before target kinds from its summary columns', () => {
    const old = { target: null, targetValue: 2, targetUnit: 'COUNT', comparator: 'AT_LEAST', period: 'BY_YEAR_3' };
    expect(storedGoalTarget(old)).toEqual({
      kind: 'COUNT',
      figure: { en: 'value of the indicator', es: 'valor del indicador' },
      value: 2,
      comparator: 'AT_LEAST',
      counting: 'CUMULATIVE',
      dueByPlanYear: 3,
    });
    expect(storedGoalTarget({ ...old, targetUnit: 'PERCENTAGE', period: 'PER_YEAR' })).toMatchObject({
      kind: 'SHARE',
      counting: 'PER_YEAR',
      denominator: { indicatorCode: null },
    });
    // Without a unit (rows older than the unit column) or a comparator, nothing is guessed.
    expect(storedGoalTarget({ ...old, targetUnit: null })).toBeNull();
    expect(storedGoalTarget({ ...old, comparator: null })).toBeNull();
    expect(storedGoalTarget({ target: null, targetValue: null, targetUnit: null, comparator: null, period: null })).toBeNull();
  });

  it('refuses a malformed stored target, naming the field', () => {
    const row = { target: { kind: 'COUNT', figure: { en: 'x', es: 'x' }, value: -1, comparator: 'AT_LEAST', counting: 'PER_YEAR' }, targetValue: null, targetUnit: null, comparator: null, period: null };
    expect(() => storedGoalTarget(row)).toThrow(/value/);
  });
});
