import { checkDecision, itemName } from '../../../domain/review/check-decision';
import type { TDossierProposal } from '../../../domain/review/review-model';

const proposal = (institutionCode: string, kind: TDossierProposal['kind'], code: string, action: TDossierProposal['action'], decision: 'ACCEPTED' | 'REJECTED' | null = null): TDossierProposal => ({
  key: `${institutionCode}/${kind}/${code}`,
  institutionCode,
  kind,
  code,
  action,
  objectiveCode: null,
  change: action === 'MODIFY' ? { text: { es: `Nuevo texto de ${institutionCode}`, en: `New text of ${institutionCode}` } } : null,
  justification: 'Porque sí',
  version: 1,
  submittedAt: '2029-02-01T15:00:00.000Z',
  submittedBy: 'enlace@sre.gob.mx',
  decision: decision ? { decision, change: null, note: null, decidedBy: 'secretariat@inmujeres.gob.mx', decidedAt: '2029-03-01T15:00:00.000Z', stale: false } : null,
});

describe('checkDecision (pure)', () => {
  const retireAccepted = proposal('SRE', 'INDICATOR', '4.b', 'RETIRE', 'ACCEPTED');
  const modify = proposal('SEDENA', 'INDICATOR', '4.b', 'MODIFY');

  it('refuses accepting a change to an item whose retirement is accepted, naming the item', () => {
    const refusal = checkDecision({ proposals: [retireAccepted, modify], input: { proposalKey: modify.key, decision: 'ACCEPTED' }, published: false });
    expect(refusal).toMatchObject({ status: 400, code: 'ITEM_RETIRED', item: 'indicator 4.b' });
    expect(refusal?.message['es-MX']).toContain('indicador 4.b se retira');
  });

  it('lets a change be rejected, and accepted once the retirement is rejected', () => {
    expect(checkDecision({ proposals: [retireAccepted, modify], input: { proposalKey: modify.key, decision: 'REJECTED', note: 'Se retira' }, published: false })).toBeUndefined();
    const retireRejected = { ...retireAccepted, decision: { ...retireAccepted.decision!, decision: 'REJECTED' as const } };
    expect(checkDecision({ proposals: [retireRejected, modify], input: { proposalKey: modify.key, decision: 'ACCEPTED' }, published: false })).toBeUndefined();
  });

  it('refuses accepting a retirement of an item with an accepted modification', () => {
    const modifyAccepted = proposal('SEDENA', 'INDICATOR', '4.b', 'MODIFY', 'ACCEPTED');
    const retire = proposal('SRE', 'INDICATOR', '4.b', 'RETIRE');
    expect(checkDecision({ proposals: [modifyAccepted, retire], input: { proposalKey: retire.key, decision: 'ACCEPTED' }, published: false })).toMatchObject({ code: 'RETIRES_MODIFIED_ITEM', item: 'indicator 4.b' });
  });

  it('refuses two accepted changes to one item', () => {
    const first = proposal('SRE', 'GOAL', '1.g1', 'MODIFY', 'ACCEPTED');
    const second = proposal('SEMAR', 'GOAL', '1.g1', 'MODIFY');
    expect(checkDecision({ proposals: [first, second], input: { proposalKey: second.key, decision: 'ACCEPTED' }, published: false })).toMatchObject({ code: 'CONFLICTING_CHANGE', item: 'goal 1.g1' });
  });

  it('refuses a change beside an accepted keep, and accepts the same proposal from two institutions', () => {
    const keep = proposal('SRE', 'GOAL', '5.g2', 'KEEP', 'ACCEPTED');
    const change = proposal('SEMAR', 'GOAL', '5.g2', 'MODIFY');
    expect(checkDecision({ proposals: [keep, change], input: { proposalKey: change.key, decision: 'ACCEPTED' }, published: false })).toMatchObject({ code: 'CONFLICTING_CHANGE', item: 'goal 5.g2' });
    const sameKeep = proposal('SEMAR', 'GOAL', '5.g2', 'KEEP');
    expect(checkDecision({ proposals: [keep, sameKeep], input: { proposalKey: sameKeep.key, decision: 'ACCEPTED' }, published: false })).toBeUndefined();
  });

  it('refuses changes that do not fit the item, unknown proposals and decisions after publication', () => {
    const goal = proposal('SRE', 'OBJECTIVE', '3', 'MODIFY');
    expect(
      checkDecision({ proposals: [goal], input: { proposalKey: goal.key, decision: 'ACCEPTED_WITH_CHANGES', change: { unit: 'COUNT' }, note: 'Unidad' }, published: false }),
    ).toMatchObject({ status: 400, code: 'WRONG_FIELD_FOR_KIND', field: 'change.unit', item: 'objective 3' });
    const keep = proposal('SRE', 'OBJECTIVE', '2', 'KEEP');
    expect(checkDecision({ proposals: [keep], input: { proposalKey: keep.key, decision: 'ACCEPTED_WITH_CHANGES', change: { text: { es: 'x' } }, note: 'n' }, published: false })).toMatchObject({ code: 'NOTHING_TO_CHANGE' });
    expect(checkDecision({ proposals: [], input: { proposalKey: 'SRE/GOAL/9.g9', decision: 'ACCEPTED' }, published: false })).toMatchObject({ status: 404, code: 'UNKNOWN_PROPOSAL' });
    expect(checkDecision({ proposals: [keep], input: { proposalKey: keep.key, decision: 'ACCEPTED' }, published: true })).toMatchObject({ status: 409, code: 'REVIEW_PUBLISHED' });
  });

  it('names items in both languages', () => {
    expect(itemName({ kind: 'LINE_OF_ACTION', code: '3.2' }, 'es-MX')).toBe('línea de acción 3.2');
    expect(itemName({ kind: 'GOAL', code: '4.g2' }, 'en')).toBe('goal 4.g2');
  });
});
