import { checkProposals } from '../../../domain/review/check-proposals';
import { proposalIssueMessage } from '../../../domain/review/proposal-issue-text';
import { proposalsContentHash } from '../../../domain/review/proposals-content-hash';
import { ZReviewProposals, type TReviewProposal } from '../../../domain/review/review-proposal';
import { PLAN } from './review-plan-fixture';

const why = 'Según el informe anual.';
const keep = (kind: TReviewProposal['kind'], code: string): TReviewProposal => ({ kind, code, action: 'KEEP', justification: why });
const parse = (proposals: unknown[]) => ZReviewProposals.parse({ proposals }).proposals;
const check = (institutionCode: string, proposals: unknown[], extra: { final?: boolean; retiredCodes?: Set<string> } = {}) =>
  checkProposals({ plan: PLAN, institutionCode, proposals: parse(proposals), ...extra });

describe('checkProposals', () => {
  it('takes keep, modify and retire on items in charge, and additions under an objective in charge', () => {
    const issues = check('SRE', [
      keep('OBJECTIVE', '1'),
      { kind: 'INDICATOR', code: '1.b', action: 'MODIFY', change: { text: { es: 'Protocolo aprobado y publicado' }, unit: 'COUNT' }, justification: why },
      { kind: 'LINE_OF_ACTION', code: '1.2', action: 'RETIRE', justification: why },
      { kind: 'GOAL', code: '1.g1', action: 'MODIFY', change: { target: { kind: 'COUNT', figure: { es: 'mujeres', en: 'women' }, value: 80, comparator: 'AT_LEAST', counting: 'PER_YEAR' } }, justification: why },
      { kind: 'INDICATOR', code: '1.c', action: 'ADD', objectiveCode: '1', change: { text: { es: 'Nuevo', en: 'New' }, unit: 'COUNT', disaggregation: 'SEX' }, justification: why },
      { kind: 'OBJECTIVE', code: '4', action: 'ADD', objectiveCode: '2', change: { text: { es: 'Nuevo objetivo', en: 'New objective' } }, justification: why },
    ]);
    expect(issues).toEqual([]);
  });

  it('NOT_IN_CHARGE: an item, or an objective to add under, the institution is not in charge of', () => {
    const issues = check('SEMAR', [
      keep('INDICATOR', '2.a'),
      keep('INDICATOR', '1.a'),
      { kind: 'GOAL', code: '3.g1', action: 'ADD', objectiveCode: '3', change: { text: { es: 'x', en: 'x' } }, justification: why },
      { kind: 'OBJECTIVE', code: '9', action: 'ADD', objectiveCode: '3', change: { text: { es: 'x', en: 'x' } }, justification: why },
    ]);
    expect(issues.map((i) => [i.code, i.field, i.itemCode])).toEqual([
      ['NOT_IN_CHARGE', 'proposals[1]', '1.a'],
      ['NOT_IN_CHARGE', 'proposals[2].objectiveCode', '3.g1'],
      ['NOT_IN_CHARGE', 'proposals[3].objectiveCode', '9'],
    ]);
    expect(proposalIssueMessage(issues[0], 'es-MX')).toBe('Indicador 1.a (proposals[1]): la institución no está a cargo de este elemento');
    expect(proposalIssueMessage(issues[1], 'en')).toBe('Goal 3.g1 (proposals[2]): the institution is not in charge of objective 3');
  });

  it('a reporter of one indicator may propose on it, and on nothing else of the objective', () => {
    expect(check('CECOPAM', [keep('INDICATOR', '2.b')])).toEqual([]);
    expect(check('CECOPAM', [keep('LINE_OF_ACTION', '2.1')]).map((i) => i.code)).toEqual(['NOT_IN_CHARGE']);
  });

  it('UNKNOWN_ITEM, CODE_EXISTS and CODE_FORM name the item', () => {
    const issues = check('SRE', [
      keep('INDICATOR', '1.z'),
      { kind: 'INDICATOR', code: '1.a', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' }, unit: 'COUNT' }, justification: why },
      { kind: 'INDICATOR', code: '2.c', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' }, unit: 'COUNT' }, justification: why },
      keep('INDICATOR', '1.2'),
      { kind: 'LINE_OF_ACTION', code: '7.1', action: 'ADD', objectiveCode: '7', change: { text: { es: 'x', en: 'x' } }, justification: why },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['UNKNOWN_ITEM', 'proposals[0].code'],
      ['CODE_EXISTS', 'proposals[1].code'],
      ['CODE_FORM', 'proposals[2].code'],
      ['CODE_FORM', 'proposals[3].code'],
      ['UNKNOWN_ITEM', 'proposals[4].objectiveCode'],
    ]);
    expect(proposalIssueMessage(issues[0], 'es-MX')).toBe('Indicador 1.z (proposals[0]): el código 1.z no existe en esta versión del plan');
    expect(proposalIssueMessage(issues[2], 'en')).toBe('Indicator 2.c (proposals[2]): the code must start with its objective (1.)');
  });

  it('WRONG_FIELD_FOR_KIND: a unit on a goal, a target on an indicator', () => {
    const issues = check('SRE', [
      { kind: 'GOAL', code: '1.g1', action: 'MODIFY', change: { unit: 'COUNT' }, justification: why },
      { kind: 'INDICATOR', code: '1.a', action: 'MODIFY', change: { target: null }, justification: why },
      { kind: 'LINE_OF_ACTION', code: '1.1', action: 'MODIFY', change: { disaggregation: 'SEX' }, justification: why },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['WRONG_FIELD_FOR_KIND', 'proposals[0].change.unit'],
      ['WRONG_FIELD_FOR_KIND', 'proposals[1].change.target'],
      ['WRONG_FIELD_FOR_KIND', 'proposals[2].change.disaggregation'],
    ]);
    expect(proposalIssueMessage(issues[0], 'es-MX')).toBe('Meta 1.g1 (proposals[0]): no admite una unidad: solo los indicadores la tienen');
    expect(proposalIssueMessage(issues[1], 'en')).toBe('Indicator 1.a (proposals[1]): takes no target: only goals have one');
  });

  it('RETIRED_EARLIER: a retired code cannot be kept, modified or reused', () => {
    const issues = check('SRE', [keep('LINE_OF_ACTION', '1.2'), { kind: 'LINE_OF_ACTION', code: '1.3', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' } }, justification: why }], {
      retiredCodes: new Set(['1.2', '1.3']),
    });
    expect(issues.map((i) => [i.code, i.itemCode])).toEqual([
      ['RETIRED_EARLIER', '1.2'],
      ['RETIRED_EARLIER', '1.3'],
    ]);
  });

  it('TARGET_REJECTED: a numeric target on a yes/no indicator, a share of women on an indicator not broken down by sex; a unit changed in the same proposals counts', () => {
    const count = { kind: 'COUNT', figure: { es: 'x', en: 'x' }, value: 3, comparator: 'AT_LEAST', counting: 'PER_YEAR' };
    const share = { kind: 'SHARE', figure: { es: 'x', en: 'x' }, breakdown: 'WOMEN', value: 30, comparator: 'AT_LEAST', counting: 'PER_YEAR', denominator: { indicatorCode: null, figure: { es: 'y', en: 'y' } } };
    const issues = check('SRE', [
      { kind: 'GOAL', code: '1.g1', action: 'MODIFY', change: { indicatorCode: '1.b', target: count }, justification: why },
      { kind: 'GOAL', code: '1.g2', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' }, indicatorCode: '1.a', target: share }, justification: why },
      { kind: 'GOAL', code: '1.g3', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' }, indicatorCode: '2.a', target: count }, justification: why },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['TARGET_REJECTED', 'proposals[0].change.target'],
      ['TARGET_REJECTED', 'proposals[1].change.target.breakdown'],
      ['WRONG_OBJECTIVE', 'proposals[2].change.indicatorCode'],
    ]);
    expect(proposalIssueMessage(issues[0], 'es-MX')).toBe('Meta 1.g1 (proposals[0]): una meta numérica se mide en un indicador de tipo número, y el indicador 1.b es YES_NO');
    const withUnit = check('SRE', [
      { kind: 'INDICATOR', code: '1.b', action: 'MODIFY', change: { unit: 'COUNT' }, justification: why },
      { kind: 'GOAL', code: '1.g1', action: 'MODIFY', change: { indicatorCode: '1.b', target: count }, justification: why },
    ]);
    expect(withUnit).toEqual([]);
  });

  it('a final submission needs a proposal on every item in charge; a draft does not', () => {
    expect(check('CECOPAM', [], { final: false })).toEqual([]);
    const issues = check('SEMAR', [keep('OBJECTIVE', '2'), keep('LINE_OF_ACTION', '2.1')], { final: true });
    expect(issues.map((i) => `${i.code} ${i.itemCode}`)).toEqual(['MISSING_PROPOSAL 2.a', 'MISSING_PROPOSAL 2.b', 'MISSING_PROPOSAL 2.g1']);
    expect(proposalIssueMessage(issues[0], 'es-MX')).toBe('Indicador 2.a: falta su propuesta (conservar, modificar o retirar, con su justificación)');
  });

  it('a new indicator needs its unit', () => {
    const issues = check('SRE', [{ kind: 'INDICATOR', code: '1.c', action: 'ADD', objectiveCode: '1', change: { text: { es: 'x', en: 'x' } }, justification: why }]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([['UNIT_REQUIRED', 'proposals[0].change.unit']]);
  });
});

describe('proposalsContentHash', () => {
  it('is the same for the same proposals in another order or key order, and differs with any change', () => {
    const a = ZReviewProposals.parse({ proposals: [keep('OBJECTIVE', '1'), keep('INDICATOR', '1.a')], narrative: 'N' });
    const b = ZReviewProposals.parse({ narrative: 'N', proposals: [{ justification: why, action: 'KEEP', code: '1.a', kind: 'INDICATOR' }, keep('OBJECTIVE', '1')] });
    expect(proposalsContentHash(a)).toBe(proposalsContentHash(b));
    expect(proposalsContentHash({ ...a, narrative: 'M' })).not.toBe(proposalsContentHash(a));
    expect(proposalsContentHash({ proposals: [keep('OBJECTIVE', '1')] })).not.toBe(proposalsContentHash({ proposals: [{ ...keep('OBJECTIVE', '1'), justification: 'Otra.' }] }));
  });
});
