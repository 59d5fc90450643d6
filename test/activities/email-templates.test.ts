import { deadlineIcs } from '../../activities/deadline-ics';
import { renderEmail, type EmailContext } from '../../activities/email-templates';

const base: EmailContext = {
  kind: 'REQUEST',
  locale: 'es-MX',
  institution: { code: 'SEMAR', nameEs: 'Secretaría de Marina (SEMAR)', nameEn: 'Secretariat of the Navy (SEMAR)' },
  year: 2026,
  deadlineAt: '2027-01-30T05:59:59.999Z',
  zone: 'America/Mexico_City',
  link: 'http://localhost:3000/respond/2026/SEMAR?token=abc.def',
  indicators: [{ code: '8.a', textEs: 'Número de personal uniformado capacitado', textEn: 'Number of uniformed staff trained', unit: 'COUNT', disaggregation: 'SEX' }],
};

describe('renderEmail', () => {
  it('writes Spanish first, then English, with the deadline in the recipient zone and the link', () => {
    const email = renderEmail(base);
    expect(email.subject).toBe('PNA-1325 2026: solicitud de información a SEMAR (fecha límite viernes, 29 de enero de 2027, 23:59 (hora del centro de México))');
    expect(email.text.indexOf('Estimada persona enlace de Secretaría de Marina (SEMAR):')).toBe(0);
    expect(email.text).toContain('— English version below —');
    expect(email.text).toContain('Dear liaison of Secretariat of the Navy (SEMAR),');
    expect(email.text).toContain('8.a — Número de personal uniformado capacitado (número, desagregado por sexo)');
    expect(email.text).toContain('8.a — Number of uniformed staff trained (count, by sex)');
    expect(email.html).toContain(`<a href="${base.link}">`);
  });

  it('writes English first for an English-speaking contact, in their zone', () => {
    const email = renderEmail({ ...base, kind: 'REMINDER', locale: 'en', zone: 'America/Tijuana' });
    expect(email.subject).toMatch(/^Reminder NAP-1325 2026: SEMAR, 1 indicator\(s\) missing \(due Friday, 29 January 2027, 21:59/);
    expect(email.text).toContain('— Versión en español abajo —');
  });

  it('says who is overdue, since when and what is missing in an escalation', () => {
    const email = renderEmail({ ...base, kind: 'ESCALATION', level: 2, overdueSince: base.deadlineAt });
    expect(email.subject).toBe('Escalamiento nivel 2: SEMAR no ha enviado su información PNA-1325 2026');
    expect(email.text).toContain('está vencida desde el viernes, 29 de enero de 2027');
    expect(email.text).toContain('Indicadores pendientes:');
  });

  it('escapes HTML in texts', () => {
    const email = renderEmail({ ...base, indicators: [{ ...base.indicators[0], textEs: 'Número de "Misiones de Género" <b>' }] });
    expect(email.html).toContain('&quot;Misiones de Género&quot; &lt;b&gt;');
  });
});

describe('deadlineIcs', () => {
  it('is a valid calendar event at the deadline with a stable UID, folded at 75 octets', () => {
    const ics = deadlineIcs({
      uid: 'request-2026-SEMAR@nap1325.test',
      deadlineAt: base.deadlineAt,
      summary: 'Fecha límite PNA-1325 2026 (SEMAR)',
      description: `Responda aquí: ${base.link}, con todos los datos; gracias`,
      url: base.link,
      sequence: 3,
      now: new Date('2026-12-01T10:00:00Z'),
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTEND:20270130T055959Z');
    expect(ics).toContain('UID:request-2026-SEMAR@nap1325.test');
    expect(ics).toContain('SEQUENCE:3');
    expect(ics).toContain('\\, con todos los datos\\; gracias');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
