import { emailContext, emailReceipt, receivedIndicators, receivedValue, type StoredValue } from '../../activities/email-context';
import type { RequestEmail } from '../../domain/request-types';

const decimal = (s: string) => ({ toString: () => s });
const count = { code: '1.a', textEs: 'Número de campañas', textEn: 'Number of campaigns', unit: 'COUNT', disaggregation: 'NONE' };
const bySex = { code: '8.a', textEs: 'Personal capacitado', textEn: 'Staff trained', unit: 'COUNT', disaggregation: 'SEX' };
const none = { numberValue: null, booleanValue: null, textValue: null, comment: null };
const row = (indicator: StoredValue['indicator'], over: Partial<StoredValue>): StoredValue => ({ breakdown: 'TOTAL', ...none, indicator, ...over });

describe('receivedValue', () => {
  it('keeps each value as stored: the number as written, false as "no", the text, and null as no data', () => {
    expect(receivedValue({ ...none, numberValue: decimal('1234.5') })).toEqual({ type: 'NUMBER', value: '1234.5' });
    expect(receivedValue({ ...none, numberValue: decimal('0') })).toEqual({ type: 'NUMBER', value: '0' });
    expect(receivedValue({ ...none, booleanValue: false })).toEqual({ type: 'YES_NO', value: false });
    expect(receivedValue({ ...none, textValue: '' })).toEqual({ type: 'TEXT', value: '' });
    expect(receivedValue(none)).toEqual({ type: 'NO_DATA' });
  });
});

describe('receivedIndicators', () => {
  it('groups values by indicator in the plan’s order, each comment once', () => {
    const values = [
      row(bySex, { breakdown: 'WOMEN', numberValue: decimal('18'), comment: 'Cifra preliminar' }),
      row({ ...count, code: 'Z.9' }, { numberValue: decimal('1') }),
      row(count, { comment: 'Sin registro' }),
      row(bySex, { breakdown: 'TOTAL', numberValue: decimal('30'), comment: 'Cifra preliminar' }),
    ];
    const grouped = receivedIndicators(values, ['1.a', '8.a']);
    expect(grouped.map((i) => i.code)).toEqual(['1.a', '8.a', 'Z.9']);
    expect(grouped[0]).toMatchObject({ values: [{ breakdown: 'TOTAL', value: { type: 'NO_DATA' } }], comments: ['Sin registro'] });
    expect(grouped[1]).toMatchObject({ disaggregation: 'SEX', comments: ['Cifra preliminar'] });
    expect(grouped[1].values.map((v) => v.breakdown)).toEqual(['WOMEN', 'TOTAL']);
  });
});

describe('emailReceipt', () => {
  const submission = {
    version: 3,
    kind: 'CORRECTION' as const,
    createdAt: new Date('2027-01-20T18:04:00Z'),
    submittedBy: 'enlace@semar.gob.mx',
    reason: 'Cifra mal capturada',
    narrative: null,
    values: [row(count, { numberValue: decimal('4') })],
  };

  it('carries the version, kind, time, sender, reason and window end; leaves out what is absent', () => {
    expect(emailReceipt(submission, { planOrder: ['1.a'], correctionEndsAt: '2027-02-03T05:59:59.999Z' })).toEqual({
      version: 3,
      kind: 'CORRECTION',
      receivedAt: '2027-01-20T18:04:00.000Z',
      submittedBy: 'enlace@semar.gob.mx',
      reason: 'Cifra mal capturada',
      correctionEndsAt: '2027-02-03T05:59:59.999Z',
      indicators: [{ ...count, values: [{ breakdown: 'TOTAL', value: { type: 'NUMBER', value: '4' } }], comments: [] }],
    });
    expect(emailReceipt(submission, { planOrder: [], correctionEndsAt: null }).correctionEndsAt).toBeNull();
    expect(emailReceipt({ ...submission, kind: 'DRAFT', reason: null }, { planOrder: [] })).not.toHaveProperty('correctionEndsAt');
  });
});

describe('emailContext', () => {
  const read = {
    locale: 'es-MX' as const,
    zone: 'America/Mexico_City',
    institution: { code: 'SEMAR', nameEs: 'Secretaría de Marina', nameEn: 'Secretariat of the Navy', timeZone: 'America/Mexico_City' },
    year: 2026,
    deadlineAt: '2027-01-30T05:59:59.999Z',
    link: 'http://localhost:3000/respond/2026/SEMAR?token=t',
    indicators: [count],
    requestApiUrl: 'http://localhost:3000/api/cycles/2026/requests/SEMAR',
  };
  const input = (over: Partial<RequestEmail>): RequestEmail => ({ dataRequestId: 'r1', workflowId: 'request/2026/SEMAR', kind: 'REQUEST', stepKey: 'request', ...over });

  it('gives the contact’s link to the institution’s emails and the API address to the secretariat’s, never the other way', () => {
    const request = emailContext({ ...read, input: input({}) });
    expect(request).toMatchObject({ kind: 'REQUEST', link: read.link, indicators: [count], institution: { code: 'SEMAR', nameEs: 'Secretaría de Marina', nameEn: 'Secretariat of the Navy' } });
    expect(request.institution).not.toHaveProperty('timeZone');
    const asked = emailContext({ ...read, input: input({ kind: 'EXTENSION_REQUESTED', note: { requested: '2027-02-15', reason: 'Cierre', by: 'enlace@semar.gob.mx' } }) });
    expect(asked).toEqual(expect.objectContaining({ kind: 'EXTENSION_REQUESTED', requestApiUrl: read.requestApiUrl, extension: { requestedBy: 'enlace@semar.gob.mx', deadline: '2027-02-15', reason: 'Cierre' } }));
    expect(asked).not.toHaveProperty('link');
    expect(emailContext({ ...read, input: input({ kind: 'ATTENTION', note: { reason: 'reminder refused' } }) })).toMatchObject({ attention: { reason: 'reminder refused' } });
    expect(emailContext({ ...read, input: input({ kind: 'DELIVERY_FAILURE', failure: { to: ['a@b.mx'], error: '550', stepKey: 'request' } }) })).toMatchObject({ failure: { to: ['a@b.mx'], error: '550' } });
  });

  it('passes who decided and why; an empty reason is no reason', () => {
    expect(emailContext({ ...read, input: input({ kind: 'EXEMPTED', note: { reason: 'Sin actividades', by: 'coordinacion' } }) })).toMatchObject({ decision: { reason: 'Sin actividades', by: 'coordinacion' } });
    expect(emailContext({ ...read, input: input({ kind: 'EXTENSION_DECISION', note: { approved: false, requested: '2027-02-15', reason: '', by: 'coordinacion' } }) })).toMatchObject({
      link: read.link,
      decision: { approved: false, requested: '2027-02-15', by: 'coordinacion', reason: undefined },
    });
    expect(emailContext({ ...read, input: input({ kind: 'ESCALATION', level: 2 }) })).toMatchObject({ level: 2, overdueSince: read.deadlineAt });
  });

  it('refuses a receipt without a stored version', () => {
    expect(() => emailContext({ ...read, input: input({ kind: 'RECEIPT', stepKey: 'receipt-v1' }) })).toThrow('a receipt needs a stored version');
  });
});
