/**
 * What each email says, as the person who receives it reads it: the subject line (unchanged: tests and
 * people's mail filters match it), the recipient's language first and the other below, the same words in
 * the HTML and in the plain text, and everything anyone typed escaped.
 */
import type { EmailContext, EmailReceipt } from '../../../ui/emails/email-model';
import { renderEmail } from '../../../ui/emails/render-email';

const common = {
  locale: 'es-MX' as const,
  institution: { code: 'SEMAR', nameEs: 'Secretaría de Marina (SEMAR)', nameEn: 'Secretariat of the Navy (SEMAR)' },
  year: 2026,
  deadlineAt: '2027-01-30T05:59:59.999Z',
  zone: 'America/Mexico_City',
};
const link = 'http://localhost:3000/respond/2026/SEMAR?token=abc.def';
const requestApiUrl = 'http://localhost:3000/api/cycles/2026/requests/SEMAR';
const indicators = [
  { code: '8.a', textEs: 'Número de personal uniformado capacitado', textEn: 'Number of uniformed staff trained', unit: 'COUNT', disaggregation: 'SEX' },
  { code: '9.b', textEs: 'Porcentaje de mujeres en misiones', textEn: 'Share of women in missions', unit: 'PERCENTAGE', disaggregation: 'NONE' },
];
const receipt: EmailReceipt = {
  version: 2,
  kind: 'FINAL',
  receivedAt: '2027-01-20T18:04:00.000Z',
  submittedBy: 'enlace@semar.gob.mx',
  correctionEndsAt: '2027-02-04T05:59:59.999Z',
  narrative: 'Informe anual.\nCon dos líneas.',
  indicators: [
    { code: '1.a', textEs: 'Número de campañas', textEn: 'Number of campaigns', unit: 'COUNT', disaggregation: 'NONE', values: [{ breakdown: 'TOTAL', value: { type: 'NUMBER', value: '3' } }], comments: [] },
    {
      code: '8.a',
      textEs: 'Número de personal uniformado capacitado',
      textEn: 'Number of uniformed staff trained',
      unit: 'COUNT',
      disaggregation: 'SEX',
      values: [
        { breakdown: 'MEN', value: { type: 'NUMBER', value: '12' } },
        { breakdown: 'TOTAL', value: { type: 'NUMBER', value: '30' } },
        { breakdown: 'WOMEN', value: { type: 'NUMBER', value: '18' } },
      ],
      comments: [],
    },
    { code: '2.b', textEs: '¿Existe un protocolo?', textEn: 'Is there a protocol?', unit: 'YES_NO', disaggregation: 'NONE', values: [{ breakdown: 'TOTAL', value: { type: 'YES_NO', value: false } }], comments: [] },
    { code: '9.b', textEs: 'Porcentaje de mujeres en misiones', textEn: 'Share of women in missions', unit: 'PERCENTAGE', disaggregation: 'NONE', values: [{ breakdown: 'TOTAL', value: { type: 'NUMBER', value: '17.5' } }], comments: [] },
    { code: '5.a', textEs: 'Acciones realizadas', textEn: 'Actions taken', unit: 'TEXT', disaggregation: 'NONE', values: [{ breakdown: 'TOTAL', value: { type: 'TEXT', value: 'Dos campañas.' } }], comments: [] },
    { code: '7.b', textEs: 'Número de denuncias', textEn: 'Number of complaints', unit: 'COUNT', disaggregation: 'NONE', values: [{ breakdown: 'TOTAL', value: { type: 'NO_DATA' } }], comments: ['El registro aún no está disponible'] },
  ],
};

/** One email of each kind, as the workflows send them. */
const every: EmailContext[] = [
  { ...common, kind: 'REQUEST', link, indicators },
  { ...common, kind: 'REMINDER', link, indicators },
  { ...common, kind: 'ESCALATION', link, indicators, level: 2, overdueSince: common.deadlineAt },
  { ...common, kind: 'RECEIPT', link, receipt },
  { ...common, kind: 'DELIVERY_FAILURE', failure: { to: ['enlace@semar.gob.mx'], error: '550 5.1.1 mailbox unavailable' } },
  { ...common, kind: 'EXTENSION_REQUESTED', requestApiUrl, extension: { requestedBy: 'enlace@semar.gob.mx', deadline: '2027-02-15', reason: 'Cierre del ejercicio fiscal' } },
  { ...common, kind: 'EXTENSION_DECISION', link, decision: { approved: true, requested: '2027-02-15', by: 'coordinacion@example.gob.mx', reason: 'Cierre del ejercicio fiscal' } },
  { ...common, kind: 'EXEMPTED', decision: { reason: 'Sin actividades este año', by: 'coordinacion@example.gob.mx' } },
  { ...common, kind: 'CLOSED', decision: { reason: 'Informe anual adelantado', by: 'coordinacion@example.gob.mx' } },
  { ...common, kind: 'ATTENTION', requestApiUrl, attention: { reason: 'the reminder email (2027-01-20/reminder-10) could not be sent: refused' } },
];

const DUE_ES = 'viernes, 29 de enero de 2027, 23:59 (hora del centro de México)';
const DUE_EN = 'Friday, 29 January 2027, 23:59 (Mexico City time)';
/** The subject lines, as they were before emails were components: people's mail filters match them. */
const SUBJECTS: Record<EmailContext['kind'], [string, string]> = {
  REQUEST: [`PNA-1325 2026: solicitud de información a SEMAR (fecha límite ${DUE_ES})`, `NAP-1325 2026: data request to SEMAR (due ${DUE_EN})`],
  REMINDER: [`Recordatorio PNA-1325 2026: SEMAR, faltan 2 indicador(es) (fecha límite ${DUE_ES})`, `Reminder NAP-1325 2026: SEMAR, 2 indicator(s) missing (due ${DUE_EN})`],
  ESCALATION: ['Escalamiento nivel 2: SEMAR no ha enviado su información PNA-1325 2026', 'Escalation level 2: SEMAR has not reported NAP-1325 2026 data'],
  RECEIPT: ['Acuse de recibo PNA-1325 2026: SEMAR, versión 2', 'Receipt NAP-1325 2026: SEMAR, version 2'],
  DELIVERY_FAILURE: ['Falla de entrega PNA-1325 2026: SEMAR', 'Delivery failure NAP-1325 2026: SEMAR'],
  EXTENSION_REQUESTED: ['PNA-1325 2026: SEMAR solicita una prórroga', 'NAP-1325 2026: SEMAR asks for an extension'],
  EXTENSION_DECISION: ['PNA-1325 2026: prórroga de SEMAR', 'NAP-1325 2026: extension for SEMAR'],
  EXEMPTED: ['PNA-1325 2026: SEMAR queda exenta del ciclo', 'NAP-1325 2026: SEMAR is exempted from the cycle'],
  CLOSED: ['PNA-1325 2026: el ciclo se cerró (SEMAR)', 'NAP-1325 2026: the cycle was closed (SEMAR)'],
  ATTENTION: ['Atención requerida PNA-1325 2026: SEMAR', 'Attention needed NAP-1325 2026: SEMAR'],
};

/** What a person sees of an HTML email: its body's text, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The Spanish block and the English block of a plain-text email (Spanish first). */
const halves = (text: string) => text.split('\n\n— English version below —\n\n');

describe('every kind of email, in both languages', () => {
  it.each(every.map((c) => [c.kind, c] as const))('%s: the subject line is unchanged, the recipient’s language comes first, the other below', (_kind, c) => {
    const es = renderEmail(c);
    const en = renderEmail({ ...c, locale: 'en' });
    expect([es.subject, en.subject]).toEqual(SUBJECTS[c.kind]);

    expect(halves(es.text)).toHaveLength(2);
    expect(en.text.split('\n\n— Versión en español abajo —\n\n')).toHaveLength(2);
    // The same two blocks, in the other order.
    const [esFirst, enSecond] = halves(es.text);
    expect(en.text).toBe(`${enSecond}\n\n— Versión en español abajo —\n\n${esFirst}`);

    // Each language block of the HTML says which language it is in, recipient's first.
    expect([...es.html.matchAll(/<section lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['es-MX', 'en']);
    expect([...en.html.matchAll(/<section lang="([^"]+)"/g)].map((m) => m[1])).toEqual(['en', 'es-MX']);
    expect(es.html.startsWith('<!doctype html><html lang="es-MX">')).toBe(true);
    expect(es.html).not.toContain('<link');
  });

  it.each(every.map((c) => [c.kind, c] as const))('%s: the HTML says what the plain text says, line by line', (_kind, c) => {
    for (const email of [renderEmail(c), renderEmail({ ...c, locale: 'en' })]) {
      const seen = visibleText(email.html);
      for (const line of email.text.split('\n').filter((l) => l.trim() !== '')) {
        expect(seen).toContain(squash(line.replace(/^\s*• /, '').replace(/ \\$/, '')));
      }
    }
  });

  it('is deterministic: the same context gives the same bytes (a retried step sends the same email)', () => {
    for (const c of every) expect(renderEmail(c)).toEqual(renderEmail(structuredClone(c)));
  });
});

describe('request, reminder, escalation', () => {
  it('lists each indicator with its unit and breakdown in words, the deadline in the recipient zone, and the link', () => {
    const email = renderEmail(every[0]);
    expect(email.text.startsWith('Estimada persona enlace de Secretaría de Marina (SEMAR):')).toBe(true);
    expect(email.text).toContain(`solicita la información de 2026 sobre los siguientes indicadores, a más tardar el ${DUE_ES}.`);
    expect(email.text).toContain('Indicadores solicitados:\n  • 8.a — Número de personal uniformado capacitado (número, desagregado por sexo)\n  • 9.b — Porcentaje de mujeres en misiones (porcentaje)');
    expect(email.text).toContain('  • 8.a — Number of uniformed staff trained (count, by sex)');
    expect(email.text).toContain(`Responda en este enlace (no necesita cuenta): ${link}\n`);
    expect(email.html).toContain(`<a href="${link}"`);
  });

  it('writes the deadline in an English-speaking contact’s own zone', () => {
    const email = renderEmail({ ...every[1], locale: 'en', zone: 'America/Tijuana' });
    expect(email.subject).toBe('Reminder NAP-1325 2026: SEMAR, 2 indicator(s) missing (due Friday, 29 January 2027, 21:59 (Pacific Time))');
    expect(email.text.startsWith('Dear liaison of Secretariat of the Navy (SEMAR),\n\nA reminder that your 2026 data is due by Friday, 29 January 2027, 21:59 (Pacific Time).')).toBe(true);
  });

  it('says who is overdue, since when, at which level, and what is missing', () => {
    const { text } = renderEmail(every[2]);
    expect(text).toContain(`Secretaría de Marina (SEMAR) no ha enviado su información de 2026; está vencida desde el ${DUE_ES}.`);
    expect(text).toContain('Este aviso es el nivel 2 de escalamiento del Grupo de Trabajo.');
    expect(text).toContain('Indicadores pendientes:\n  • 8.a — ');
    expect(text).toContain(`La persona enlace puede responder en este enlace: ${link}`);
  });
});

describe('the receipt', () => {
  const [es, en] = halves(renderEmail(every[3]).text);

  it('says what was received, in words: version and kind, when, by whom, until when it may be corrected, and the link', () => {
    expect(es).toContain('Recibimos la información de Secretaría de Marina (SEMAR) para 2026 (versión 2, informe final).');
    expect(es).toContain('Versión: 2 (informe final)\nRecibida: miércoles, 20 de enero de 2027, 12:04 (hora del centro de México)\nEnviada por: enlace@semar.gob.mx');
    expect(es).toContain('Puede corregirse hasta: miércoles, 3 de febrero de 2027, 23:59 (hora del centro de México)');
    expect(es).toContain(`use el mismo enlace hasta el miércoles, 3 de febrero de 2027, 23:59 (hora del centro de México) e indique el motivo de la corrección: ${link}`);
    expect(en).toContain('We received the 2026 data of Secretariat of the Navy (SEMAR) (version 2, final report).');
    expect(en).toContain('Version: 2 (final report)\nReceived: Wednesday, 20 January 2027, 12:04 (Mexico City time)\nSent by: enlace@semar.gob.mx');
    expect(en).toContain('May be corrected until: Wednesday, 3 February 2027, 23:59 (Mexico City time)');
    expect(en).toContain(`use the same link until Wednesday, 3 February 2027, 23:59 (Mexico City time) and give the reason for the correction: ${link}`);
    expect(renderEmail(every[3]).html).toContain(`<a href="${link}"`);
  });

  it('lists each indicator by code and name in the block’s language, with its values labelled in that language', () => {
    expect(es).toContain(
      [
        'Valores recibidos:',
        '  • 1.a — Número de campañas',
        '      Valor: 3',
        '  • 8.a — Número de personal uniformado capacitado',
        '      Total: 30 · Mujeres: 18 · Hombres: 12',
        '  • 2.b — ¿Existe un protocolo?',
        '      Valor: No',
        '  • 9.b — Porcentaje de mujeres en misiones',
        '      Valor: 17.5 %',
        '  • 5.a — Acciones realizadas',
        '      Valor: “Dos campañas.”',
        '  • 7.b — Número de denuncias',
        '      Valor: sin dato',
        '      Comentario: El registro aún no está disponible',
      ].join('\n'),
    );
    expect(en).toContain('  • 8.a — Number of uniformed staff trained\n      Total: 30 · Women: 18 · Men: 12');
    expect(en).toContain('  • 7.b — Number of complaints\n      Value: no data\n      Comment: El registro aún no está disponible');
    expect(en).toContain('  • 2.b — Is there a protocol?\n      Value: No');
    expect(halves(renderEmail({ ...every[3], receipt: { ...receipt, indicators: [{ ...receipt.indicators[2], values: [{ breakdown: 'TOTAL', value: { type: 'YES_NO', value: true } }] }] } } as EmailContext).text)[0]).toContain('Valor: Sí');
    expect(es).toContain('Narrativa:\n  Informe anual.\n  Con dos líneas.');
  });

  it('names a correction and its reason; says so when no correction is allowed', () => {
    const correction = renderEmail({ ...every[3], receipt: { ...receipt, version: 3, kind: 'CORRECTION', reason: 'Cifra de 1.a mal capturada' } } as EmailContext);
    expect(correction.subject).toBe('Acuse de recibo PNA-1325 2026: SEMAR, versión 3');
    expect(correction.text).toContain('(versión 3, corrección).');
    expect(correction.text).toContain('Motivo de la corrección: Cifra de 1.a mal capturada');
    expect(correction.text).toContain('(version 3, correction).');
    expect(correction.text).toContain('Reason for the correction: Cifra de 1.a mal capturada');

    const final = renderEmail({ ...every[3], receipt: { ...receipt, correctionEndsAt: null } } as EmailContext);
    expect(final.text).toContain('Correcciones: este ciclo no admite correcciones');
    expect(final.text).toContain(`Gracias. Puede consultar lo recibido en este enlace: ${link}`);
    expect(final.text).not.toContain('Puede corregirse hasta');

    const draft = renderEmail({ ...every[3], receipt: { ...receipt, kind: 'DRAFT', correctionEndsAt: undefined } } as EmailContext);
    expect(draft.text).toContain('(versión 2, borrador).');
    expect(draft.text).toContain(`la fecha límite es el ${DUE_ES}: ${link}`);
  });
});

describe('to the secretariat', () => {
  it('an extension request says who asked, for which day, why, the deadline in force, and how to decide', () => {
    const email = renderEmail(every[5]);
    const [es, en] = halves(email.text);
    expect(es).toContain('Secretaría de Marina (SEMAR) solicita una prórroga para enviar su información de 2026.');
    expect(es).toContain(
      [
        'Solicitada por: enlace@semar.gob.mx',
        'Nueva fecha solicitada: lunes, 15 de febrero de 2027 (2027-02-15)',
        'Motivo: Cierre del ejercicio fiscal',
        `Fecha límite vigente: ${DUE_ES}`,
      ].join('\n'),
    );
    expect(es).toContain(
      [
        'Aprobar (la nueva fecha límite será la solicitada):',
        `    curl -X POST '${requestApiUrl}/extension-decision' \\`,
        "      -H 'Authorization: Bearer <TOKEN_DEL_SECRETARIADO>' \\",
        "      -H 'Content-Type: application/json' \\",
        `      -d '{"approve":true,"decidedBy":"secretariado"}'`,
      ].join('\n'),
    );
    expect(es).toContain(`-d '{"approve":false,"note":"<motivo del rechazo>","decidedBy":"secretariado"}'`);
    expect(en).toContain('Asked by: enlace@semar.gob.mx\nNew date asked for: Monday, 15 February 2027 (2027-02-15)\nReason: Cierre del ejercicio fiscal');
    expect(en).toContain("-H 'Authorization: Bearer <SECRETARIAT_TOKEN>'");
    expect(en).toContain(`-d '{"approve":true,"deadline":"yyyy-mm-dd","decidedBy":"secretariat"}'`);
    // The commands sit in <pre>, as written (escaped once).
    expect(email.html).toContain(`<pre style="`);
    expect(email.html).toContain(`-d '{&quot;approve&quot;:true,&quot;decidedBy&quot;:&quot;secretariado&quot;}'`);
    // No response link: the contact's signed link is not the secretariat's.
    expect(email.text).not.toContain('/respond/');
  });

  it('an attention notice says what failed and what to do', () => {
    const { text } = renderEmail(every[9]);
    expect(text).toContain('Qué falló: the reminder email (2027-01-20/reminder-10) could not be sent: refused');
    expect(text).toContain('Qué hacer: Revise la solicitud');
    expect(text).toContain(`curl -X POST '${requestApiUrl}/resend'`);
    expect(text).toContain('What failed: the reminder email');
  });

  it('a delivery failure names the recipients and the error', () => {
    expect(renderEmail(every[4]).text).toContain('Destinatarios: enlace@semar.gob.mx. Error: 550 5.1.1 mailbox unavailable.');
  });
});

describe('decisions told to the institution', () => {
  it('exemption and early close give the reason and who decided', () => {
    expect(renderEmail(every[7]).text).toContain('Motivo: Sin actividades este año\nDecidió: coordinacion@example.gob.mx');
    expect(renderEmail(every[7]).text).toContain('Reason: Sin actividades este año\nDecided by: coordinacion@example.gob.mx');
    expect(renderEmail(every[8]).text).toContain('Motivo: Informe anual adelantado\nDecidió: coordinacion@example.gob.mx');
  });

  it('an extension decision says what was decided, by whom, and the deadline in force', () => {
    expect(renderEmail(every[6]).text).toContain(`La prórroga fue aprobada (coordinacion@example.gob.mx). Motivo: Cierre del ejercicio fiscal.\n\nLa fecha límite vigente es el ${DUE_ES}.`);
    const rejected = renderEmail({ ...every[6], decision: { approved: false, requested: '2027-02-15', by: 'coordinacion@example.gob.mx', reason: 'El plazo es suficiente.' } } as EmailContext);
    expect(rejected.text).toContain('La solicitud de prórroga hasta el 2027-02-15 fue rechazada (coordinacion@example.gob.mx). Motivo: El plazo es suficiente.\n');
  });
});

describe('escaping: what anyone typed is text, never markup', () => {
  const hostile = '<script>alert("x")</script> "Misiones" & \'Paz\'';
  const contexts: EmailContext[] = [
    { ...every[0], institution: { ...common.institution, nameEs: `Secretaría ${hostile}`, nameEn: `Secretariat ${hostile}` }, indicators: [{ ...indicators[0], textEs: hostile }] } as EmailContext,
    {
      ...every[3],
      receipt: { ...receipt, reason: hostile, narrative: hostile, indicators: [{ ...receipt.indicators[4], values: [{ breakdown: 'TOTAL', value: { type: 'TEXT', value: hostile } }], comments: [hostile] }] },
    } as EmailContext,
    { ...every[5], extension: { requestedBy: 'x@example.org', deadline: '2027-02-15', reason: hostile } } as EmailContext,
    { ...every[7], decision: { reason: hostile, by: hostile } } as EmailContext,
    { ...every[9], attention: { reason: hostile } } as EmailContext,
  ];

  it.each(contexts.map((c) => [c.kind, c] as const))('%s', (_kind, c) => {
    const { html, text, subject } = renderEmail(c);
    expect(html).not.toMatch(/<script/i);
    // preact's escaping of text: `<`, `&` and `"` as entities (enough for text and attributes alike).
    expect(html).toContain(`&lt;script>alert(&quot;x&quot;)&lt;/script> &quot;Misiones&quot; &amp; 'Paz'`);
    // The text part is plain text: it says what was typed, as typed.
    expect(text).toContain(hostile);
    expect(subject).not.toContain('<');
  });
});
