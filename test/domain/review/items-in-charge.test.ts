import { flatItemsInCharge, hasItemsInCharge, itemsInCharge } from '../../../domain/review/items-in-charge';
import { PLAN } from './review-plan-fixture';

const codes = (institutionCode: string) => flatItemsInCharge({ plan: PLAN, institutionCode }).map((i) => `${i.kind}/${i.code}`);

describe('itemsInCharge', () => {
  it('an institution in charge of an objective gets it, its lines, its indicators and its goals, in plan order', () => {
    expect(codes('SRE')).toEqual(['OBJECTIVE/1', 'LINE_OF_ACTION/1.1', 'LINE_OF_ACTION/1.2', 'INDICATOR/1.a', 'INDICATOR/1.b', 'GOAL/1.g1']);
  });

  it('objectives come in plan order, each with its items', () => {
    const groups = itemsInCharge({ plan: PLAN, institutionCode: 'SEDENA' });
    expect(groups.map((g) => g.objective.code)).toEqual(['1', '3']);
    expect(codes('SEDENA')).toEqual(['OBJECTIVE/1', 'LINE_OF_ACTION/1.1', 'LINE_OF_ACTION/1.2', 'INDICATOR/1.a', 'INDICATOR/1.b', 'GOAL/1.g1', 'OBJECTIVE/3', 'LINE_OF_ACTION/3.1', 'INDICATOR/3.a']);
  });

  it('a reporter not in charge of the objective gets only its indicator, under the objective shown for context', () => {
    const groups = itemsInCharge({ plan: PLAN, institutionCode: 'CECOPAM' });
    expect(groups).toHaveLength(1);
    expect(groups[0].objective).toMatchObject({ code: '2', inCharge: false });
    expect(groups[0].items.map((i) => i.code)).toEqual(['2.b']);
  });

  it('carries what the form shows: an indicator\'s unit and breakdown, a goal\'s indicator and target', () => {
    const items = flatItemsInCharge({ plan: PLAN, institutionCode: 'SEMAR' });
    expect(items.find((i) => i.code === '2.a')).toMatchObject({ unit: 'COUNT', disaggregation: 'SEX' });
    expect(items.find((i) => i.code === '2.g1')).toMatchObject({ indicatorCode: null, target: null });
  });

  it('an institution in charge of nothing gets nothing (and no review request)', () => {
    expect(itemsInCharge({ plan: PLAN, institutionCode: 'INMUJERES' })).toEqual([]);
    expect(hasItemsInCharge({ plan: PLAN, institutionCode: 'INMUJERES' })).toBe(false);
    expect(hasItemsInCharge({ plan: PLAN, institutionCode: 'CECOPAM' })).toBe(true);
  });
});
