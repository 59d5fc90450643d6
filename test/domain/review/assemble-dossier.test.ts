/**
 * The dossier's pure assembly from plain rows: the round's figures, proposals grouped by item in plan
 * order (new items after the existing ones of their objective, institutions by code), keys in the model's
 * order whatever order the rows gave them, and no crosswalk while undecided.
 */
import { assembleDossier, compareCodes, planItemRefs, synthesisInOrder } from '../../../domain/review/assemble-dossier';
import type { TDossierProposal } from '../../../domain/review/review-model';
import { planV1, reviewDossierFixture } from '../../support/review-dossier-fixture';

const fixture = reviewDossierFixture();
const plan = planV1();
const items = planItemRefs(plan);

function proposal(institutionCode: string, kind: TDossierProposal['kind'], code: string, extra: Partial<TDossierProposal> = {}): TDossierProposal {
  return { key: `${institutionCode}/${kind}/${code}`, institutionCode, kind, code, action: 'KEEP', objectiveCode: null, change: null, justification: 'Sigue vigente.', version: 1, submittedAt: '2027-01-20T17:00:00.000Z', submittedBy: 'a@b.mx', decision: null, ...extra };
}

const assemble = (proposals: TDossierProposal[], requests = [{ institutionCode: 'SRE', answered: true, escalationLevel: 0 }]) =>
  assembleDossier({
    plan: { key: 'MX-NAP-1325', title: fixture.planTitle, version: 1, items },
    review: { workflowId: 'review/MX-NAP-1325/v1', startedAt: fixture.startedAt, synthesis: fixture.synthesis, publishedVersion: null, crosswalk: null },
    requests,
    proposals,
    compiledAt: '2027-03-01T16:00:00.000Z',
  });

it('counts the round by institution code: answered, not answered, escalated', () => {
  const d = assemble([], [
    { institutionCode: 'SSPC', answered: false, escalationLevel: 2 },
    { institutionCode: 'CECOPAM', answered: false, escalationLevel: 0 },
    { institutionCode: 'SRE', answered: true, escalationLevel: 1 },
  ]);
  expect(d.round).toEqual({ requests: 3, answered: 1, notAnswered: ['CECOPAM', 'SSPC'], escalated: ['SRE', 'SSPC'] });
  expect([d.toVersion, d.crosswalk]).toEqual([null, []]);
});

it('orders proposals by objective, then objective, lines, indicators, goals in plan order, new codes after, institutions by code', () => {
  const d = assemble([
    proposal('SRE', 'GOAL', '10.g1'),
    proposal('SRE', 'INDICATOR', '1.c', { action: 'ADD', objectiveCode: '1', change: { text: { es: 'Nuevo', en: 'New' } } }),
    proposal('SSPC', 'INDICATOR', '1.a'),
    proposal('SEMAR', 'INDICATOR', '1.a'),
    proposal('SRE', 'OBJECTIVE', '11', { action: 'ADD', change: { text: { es: 'Nuevo objetivo', en: 'New objective' } } }),
    proposal('INMUJERES', 'GOAL', '2.g1'),
    proposal('SEDENA', 'LINE_OF_ACTION', '1.1'),
    proposal('SEDENA', 'OBJECTIVE', '1'),
    proposal('SRE', 'INDICATOR', '10.a'),
  ]);
  expect(d.proposals.map((p) => p.key)).toEqual([
    'SEDENA/OBJECTIVE/1',
    'SEDENA/LINE_OF_ACTION/1.1',
    'SEMAR/INDICATOR/1.a',
    'SSPC/INDICATOR/1.a',
    'SRE/INDICATOR/1.c',
    'INMUJERES/GOAL/2.g1',
    'SRE/INDICATOR/10.a',
    'SRE/GOAL/10.g1',
    'SRE/OBJECTIVE/11',
  ]);
});

it('puts every key in the model order, whatever order the stored rows gave them', () => {
  const shuffled = JSON.parse(JSON.stringify(fixture.synthesis, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
  expect(JSON.stringify(synthesisInOrder(shuffled))).toBe(JSON.stringify(fixture.synthesis));
  const decided = proposal('SRE', 'GOAL', '2.g1', {
    action: 'MODIFY',
    change: { indicatorCode: '2.a', text: { en: 'Train', es: 'Capacitar' } },
    decision: { stale: false, decidedAt: '2027-03-02T17:00:00.000Z', decidedBy: 's@x.mx', note: 'Con cambios.', change: { text: { en: 'Train officials', es: 'Capacitar' } }, decision: 'ACCEPTED_WITH_CHANGES' },
  });
  const [p] = assemble([decided]).proposals;
  expect(Object.keys(p)).toEqual(Object.keys(fixture.proposals[0]));
  expect(JSON.stringify(p.change)).toBe('{"text":{"es":"Capacitar","en":"Train"},"indicatorCode":"2.a"}');
  expect(Object.keys(p.decision!)).toEqual(['decision', 'change', 'note', 'decidedBy', 'decidedAt', 'stale']);
});

it('compares plan codes as people read them', () => {
  expect(['10', '2', '1'].sort(compareCodes)).toEqual(['1', '2', '10']);
  expect(['4.g10', '4.g2', '4.b'].sort(compareCodes)).toEqual(['4.b', '4.g2', '4.g10']);
});
