import { auditDataSummary } from '../../ui/audit-data-summary';

describe('auditDataSummary', () => {
  it('says a status change in words, in the reader\'s language, then the other facts', () => {
    const data = { from: 'REQUESTED', to: 'OVERDUE', escalationLevel: 1 };
    expect(auditDataSummary(data, 'es-MX')).toBe('de solicitado, sin respuesta a vencido · nivel: 1');
    expect(auditDataSummary(data, 'en')).toBe('from requested, no answer yet to overdue · level: 1');
    expect(auditDataSummary({ from: 'DRAFT', to: 'DRAFT' }, 'es-MX')).toBe('estado: borrador guardado');
  });

  it('writes instants in Mexico City time, roles in words, lists joined; leaves ids out; cuts long texts', () => {
    expect(auditDataSummary({ year: 2026, deadline: '2026-12-31T05:59:59.999Z', institutions: 3 }, 'es-MX')).toBe('año: 2026 · fecha límite: 30/12/2026 23:59 · instituciones: 3');
    expect(auditDataSummary({ name: 'CLI', role: 'WORKING_GROUP', prefix: 'nap1325_abc' }, 'en')).toBe('name: CLI · role: Working group · prefix: nap1325_abc');
    expect(auditDataSummary({ kind: 'REQUEST', stepKey: 'request', to: ['a@x.mx', 'b@x.mx'], messageId: '<m@x>' }, 'es-MX')).toBe('tipo: REQUEST · para: a@x.mx, b@x.mx');
    expect(auditDataSummary({ userId: 'cm0' }, 'es-MX')).toBe('');
    const long = auditDataSummary({ reason: 'x'.repeat(500) }, 'es-MX');
    expect(long.length).toBeLessThanOrEqual(70);
    expect(long.endsWith('…')).toBe(true);
    expect(auditDataSummary(null, 'es-MX')).toBe('');
    expect(auditDataSummary({ nested: { a: 1 }, flag: true, none: null }, 'en')).toBe('nested: {…} · flag: true · none: —');
  });
});
