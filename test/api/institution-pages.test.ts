/**
 * The institution pages and the plan browser, as a browser sends them (HTML, urlencoded forms, the session
 * cookie and its CSRF token), on the real server, PostgreSQL and Temporal: the list (filter, pages),
 * one institution (contacts by role, ladder, indicators, requests and timeliness), every secretariat form
 * (accepted: 303 and a notice; refused: the page again, 400/409, the error at the top and in place), the
 * working group reading without forms and refused when it posts (403), forms without a CSRF token refused
 * (403), and the plan by version.
 */
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import type { Harness } from '../support/app-harness';
import { expectMarkup, expectNoText, expectText, fieldError, pageText, textById } from '../support/html-text';
import { PageClient, signedInClient } from '../support/page-client';
import { seedRequestHistory } from '../support/request-history';
import { useHarness } from '../support/use-harness';

const harness = useHarness({}, async ({ prisma }) => {
  await seedRequestHistory(prisma, 'SEMAR');
  await seedSyntheticEntities({ prisma, count: 120 });
});
let h: Harness;
beforeAll(() => {
  h = harness();
});

const contactId = async (code: string, email: string, role = 'PRIMARY') =>
  (await h.prisma.contact.findFirstOrThrow({ where: { institution: { code }, email, role: role as never } })).id;
const audits = (action: string) => h.prisma.auditEvent.findMany({ where: { action }, orderBy: { at: 'asc' } });

describe('the list of institutions', () => {
  it('shows each with its kind, active contacts, indicators and assignments to confirm, in Spanish first', async () => {
    const page = await new PageClient(h.baseUrl).get('/institutions?kind=FEDERAL_AGENCY');
    expect(page.status).toBe(200);
    expectText(page.html, 'Instituciones 1–5 de 5.', 'Dependencia federal', 'Contactos activos', 'Por confirmar');
    // SEMAR: four demo contacts (the ladder's three and the working group's member), eleven indicators of
    // the plan, every one derived.
    expect(pageText(/<tr>(?:(?!<\/tr>)[\s\S])*?>SEMAR<\/a>[\s\S]*?<\/tr>/.exec(page.html)![0])).toMatch(/SEMAR Secretaría de Marina.* Dependencia federal 4 11 11/);
    const english = await new PageClient(h.baseUrl).get('/institutions?lang=en&kind=FEDERAL_AGENCY');
    expectText(english.html, 'Institutions 1–5 of 5.', 'Federal agency', 'To confirm');
  });

  it('pages 10,000 entities as well as a few: by code, 50 at a time, with the way back', async () => {
    const client = new PageClient(h.baseUrl);
    const first = await client.get('/institutions?kind=MUNICIPALITY');
    expectText(first.html, 'Instituciones 1–50 de 120.', 'Siguientes');
    expectNoText(first.html, 'Anteriores');
    const next = /href="(\/institutions\?[^"]*after=MUN-00050[^"]*)"/.exec(first.html)![1].replace(/&amp;/g, '&');
    const second = await client.get(next);
    expectText(second.html, 'Instituciones 51–100 de 120.', 'MUN-00051', 'MUN-00100', 'Anteriores', 'Siguientes');
    const back = /href="(\/institutions\?[^"]*before=MUN-00051[^"]*)"/.exec(second.html)![1].replace(/&amp;/g, '&');
    expectText((await client.get(back)).html, 'Instituciones 1–50 de 120.', 'MUN-00001');
    const last = await client.get('/institutions?kind=MUNICIPALITY&after=MUN-00100');
    expectText(last.html, 'Instituciones 101–120 de 120.');
    expectNoText(last.html, 'Siguientes');
  });

  it('filters by a text in the code or either name, and says when nothing matches', async () => {
    const client = new PageClient(h.baseUrl);
    expectText((await client.get('/institutions?q=marina')).html, 'Instituciones 1–1 de 1.', 'SEMAR');
    expectText((await client.get('/institutions?q=00117')).html, 'MUN-00117');
    expectText((await client.get('/institutions?q=zzz')).html, 'Ninguna institución coincide con el filtro.');
  });

  it('refuses a kind or a cursor that is not one (400, naming the field)', async () => {
    const bad = await new PageClient(h.baseUrl).get('/institutions?kind=PLANET');
    expect(bad.status).toBe(400);
    expectText(bad.html, 'kind');
    expect((await new PageClient(h.baseUrl).get('/institutions?after=lower')).status).toBe(400);
  });
});

describe('one institution', () => {
  it('shows its contacts by role, the ladder in words, its indicators and its requests with its timeliness', async () => {
    const page = await new PageClient(h.baseUrl).get('/institutions/SEMAR');
    expect(page.status).toBe(200);
    expectText(page.html, 'Secretaría de Marina (SEMAR)', 'Contacto principal', 'Claudia Ivonne Reyes Mora', 'Suplente', 'Titular de la unidad de enlace', 'Grupo de Trabajo');
    const ladder = textById(page.html, 'ladder')!;
    expect(ladder).toMatch(/Nivel 0 — La solicitud, al abrir el ciclo, y los recordatorios: 10, 5 y 1 días hábiles antes de la fecha límite y el mismo día\. Para: contacto principal \(Claudia Ivonne Reyes Mora\); con copia a suplente/);
    expect(ladder).toMatch(/Nivel 1 — 3 días hábiles después de la fecha límite\. Para: contacto principal .*; suplente/);
    expect(ladder).toMatch(/Nivel 2 — 10 días hábiles después .* titular de la unidad de enlace \(Verónica Aguilar Campos\); con copia a contacto principal/);
    expect(ladder).toMatch(/Nivel 3 — 20 días hábiles después .* secretariado \(Secretariado del Grupo de Trabajo Interinstitucional PNA-1325\)/);
    expect(ladder).toMatch(/Corte — 30 días hábiles después/);
    const indicators = textById(page.html, 'indicators')!;
    expect(indicators).toMatch(/MX-NAP-1325 v1/);
    expect(indicators).toMatch(/5\.a .* Por confirmar Origen: la institución está a cargo del objetivo/);
    expect(indicators).toMatch(/Confirmar las 11 asignaciones pendientes/);
    const requests = textById(page.html, 'requests')!;
    expect(requests).toMatch(/33 % a tiempo \(de 3 solicitudes concluidas\)\. A tiempo: 1 · Con retraso: 1 · No reportado: 1/);
    expect(requests).toMatch(/2026 en el tablero solicitado, sin respuesta .* en curso/);
    expect(requests).toMatch(/2024 en el tablero informe enviado .* con retraso/);
    expectMarkup(page.html, /href="\/dashboard\/2023\/SEMAR"/);
  });

  it('reads the same in English', async () => {
    const page = await new PageClient(h.baseUrl).get('/institutions/SEMAR?lang=en');
    expectText(page.html, 'Navy (SEMAR)', 'Primary contact', 'Head of the liaison unit', 'Indicators it reports', 'Requests by cycle');
    expect(textById(page.html, 'ladder')).toMatch(/Level 0 — The request, when the cycle opens, and the reminders: 10, 5 and 1 business days before the deadline and on the day\. To: primary contact/);
    expect(textById(page.html, 'requests')).toMatch(/33 % on time \(of 3 concluded requests\)\. On time: 1 · Late: 1 · Not reported: 1/);
    expectNoText(page.html, 'Contacto principal', 'Escalamiento', 'Por confirmar');
  });

  it('answers an unknown institution with a page saying so (404) and a malformed code with 400', async () => {
    const missing = await new PageClient(h.baseUrl).get('/institutions/NOPE');
    expect(missing.status).toBe(404);
    expectText(missing.html, 'No hay una institución con el código NOPE.');
    expect((await new PageClient(h.baseUrl).get('/institutions/semar')).status).toBe(400);
  });
});

describe("the secretariat's contact forms", () => {
  it('adds a contact of any role, audited, and reactivates a deactivated one', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEMAR');
    const added = await client.post('/institutions/SEMAR/contacts', { role: 'WORKING_GROUP', name: 'Irma Solís', email: 'Irma.Solis@example.gob.mx', locale: 'en', timeZone: 'America/Cancun' });
    expect(added.status).toBe(303);
    expect(added.location).toMatch(/^\/institutions\/SEMAR\?notice=contact-added#contact-/);
    const page = await client.get(added.location!);
    expectText(page.html, 'Contacto agregado.', 'Irma Solís', 'irma.solis@example.gob.mx', 'English · America/Cancun');
    const audit = (await audits('CONTACTS_CHANGED')).at(-1)!;
    expect(audit.actor).toBe('secretariat:secretariat');
    expect(audit.data).toMatchObject({ institution: 'SEMAR', change: 'ADD', after: expect.arrayContaining([{ role: 'WORKING_GROUP', email: 'irma.solis@example.gob.mx', name: 'Irma Solís', locale: 'en', timeZone: 'America/Cancun' }]) });
    expect((audit.data as { before: unknown[] }).before).toHaveLength(4);

    const id = await contactId('SEMAR', 'irma.solis@example.gob.mx', 'WORKING_GROUP');
    expect((await client.post(`/institutions/SEMAR/contacts/${id}/deactivate`, {})).location).toBe('/institutions/SEMAR?notice=contact-deactivated#contacts');
    expectText((await client.get('/institutions/SEMAR')).html, 'Contactos desactivados (1)');
    expect((await client.post(`/institutions/SEMAR/contacts/${id}/reactivate`, {})).location).toBe(`/institutions/SEMAR?notice=contact-reactivated#contact-${id}`);
    expect((await h.prisma.contact.findUniqueOrThrow({ where: { id } })).active).toBe(true);
  });

  it('shows bad values again in place, with a summary at the top, in the reader language (400)', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEMAR');
    const refused = await client.post('/institutions/SEMAR/contacts', { role: 'PRIMARY', name: '', email: 'not-an-address', locale: 'es-MX', timeZone: 'Mars/Olympus' });
    expect(refused.status).toBe(400);
    expect(textById(refused.html, 'errors')).toMatch(/Hay un problema .*Nombre completo: es obligatorio.*Correo electrónico: no es una dirección de correo.*Zona horaria: no es una zona horaria IANA/);
    expect(fieldError(refused.html, 'new-contact-name')).toBe('es obligatorio');
    expect(fieldError(refused.html, 'new-contact-email')).toBe('no es una dirección de correo');
    expect(fieldError(refused.html, 'new-contact-timeZone')).toMatch(/no es una zona horaria IANA/);
    expectMarkup(refused.html, /id="new-contact-email" name="email" value="not-an-address"/);
    expectMarkup(refused.html, /<details class="add-form" open/);

    await client.get('/institutions/SEMAR?lang=en');
    const english = await client.post('/institutions/SEMAR/contacts', { role: 'BOSS', name: 'X', email: 'x@example.org', locale: 'fr', timeZone: 'UTC' });
    expect(english.status).toBe(400);
    expect(fieldError(english.html, 'new-contact-role')).toMatch(/must be one of: PRIMARY, ALTERNATE/);
    expect(fieldError(english.html, 'new-contact-locale')).toMatch(/must be one of: es-MX, en/);
  });

  it('refuses an address already active in that role (409), beside the email', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEMAR');
    const refused = await client.post('/institutions/SEMAR/contacts', { role: 'PRIMARY', name: 'Otra', email: 'enlace.semar@example.gob.mx', locale: 'es-MX', timeZone: 'America/Mexico_City' });
    expect(refused.status).toBe(409);
    expect(fieldError(refused.html, 'new-contact-email')).toBe('enlace.semar@example.gob.mx ya es un contacto activo de la institución con el rol «Contacto principal».');
  });

  it('changes a contact, and keeps the last primary contact of an institution with a request under way', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEMAR');
    const primary = await contactId('SEMAR', 'enlace.semar@example.gob.mx');
    const base = { role: 'PRIMARY', email: 'enlace.semar@example.gob.mx', locale: 'es-MX', timeZone: 'America/Mexico_City' };
    const changed = await client.post(`/institutions/SEMAR/contacts/${primary}`, { ...base, name: 'Claudia I. Reyes Mora' });
    expect(changed.location).toBe(`/institutions/SEMAR?notice=contact-changed#contact-${primary}`);
    expect((await client.post(`/institutions/SEMAR/contacts/${primary}`, { ...base, name: 'Claudia I. Reyes Mora' })).location).toMatch(/notice=unchanged/);

    const demoted = await client.post(`/institutions/SEMAR/contacts/${primary}`, { ...base, name: 'Claudia I. Reyes Mora', role: 'ALTERNATE' });
    expect(demoted.status).toBe(409);
    expect(fieldError(demoted.html, `contact-${primary}-role`)).toMatch(/una solicitud en curso y se quedaría sin contacto principal activo/);
    expectMarkup(demoted.html, /<details open><summary>Editar<span class="vh">: Claudia I. Reyes Mora/);

    const deactivated = await client.post(`/institutions/SEMAR/contacts/${primary}/deactivate`, {});
    expect(deactivated.status).toBe(409);
    expect(textById(deactivated.html, `contact-${primary}`)).toMatch(/se quedaría sin contacto principal activo/);
    expect((await h.prisma.contact.findUniqueOrThrow({ where: { id: primary } })).active).toBe(true);

    // With a second primary contact first, the first may go.
    await client.post('/institutions/SEMAR/contacts', { ...base, name: 'Nueva Enlace', email: 'nueva.enlace@example.gob.mx' });
    expect((await client.post(`/institutions/SEMAR/contacts/${primary}/deactivate`, {})).status).toBe(303);
    const audit = (await audits('CONTACTS_CHANGED')).at(-1)!;
    expect(audit.data).toMatchObject({ change: 'DEACTIVATE' });
    expect(JSON.stringify((audit.data as { after: unknown[] }).after)).not.toContain('enlace.semar@');
  });

  it('refuses a form without its CSRF token (403) and changes nothing', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEMAR');
    const before = await h.prisma.contact.count();
    const refused = await client.post('/institutions/SEMAR/contacts', { role: 'ALTERNATE', name: 'Sin Token', email: 'sin.token@example.gob.mx', locale: 'es-MX', timeZone: 'America/Mexico_City' }, { csrf: false });
    expect(refused.status).toBe(403);
    expectText(refused.html, 'El formulario venció o no vino de esta página');
    expect(await h.prisma.contact.count()).toBe(before);
  });
});

describe("the secretariat's indicator forms", () => {
  it('confirms one derived assignment, then all, each audited once', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/SEDENA');
    const one = await client.post('/institutions/SEDENA/reporters/confirm', { indicator: '4.b' });
    expect(one.location).toBe('/institutions/SEDENA?notice=reporter-confirmed#reporter-4-b');
    const page = await client.get(one.location!);
    expectText(page.html, 'Asignación confirmada.');
    expect(textById(page.html, 'reporter-4-b')).toMatch(/Confirmada/);
    const audit = (await audits('REPORTER_CONFIRMED')).filter((a) => (a.data as { institution: string }).institution === 'SEDENA');
    expect(audit.map((a) => a.data)).toEqual([{ institution: 'SEDENA', indicator: '4.b', plan: 'MX-NAP-1325 v1', basis: 'NAMED_IN_TEXT' }]);

    expect((await client.post('/institutions/SEDENA/reporters/confirm', {})).location).toBe('/institutions/SEDENA?notice=reporters-confirmed#indicators');
    const rows = await h.prisma.indicatorReporter.findMany({ where: { institution: { code: 'SEDENA' } } });
    expect(rows.every((r) => !r.derived)).toBe(true);
    expect((await audits('REPORTER_CONFIRMED')).filter((a) => (a.data as { institution: string }).institution === 'SEDENA')).toHaveLength(rows.length);
    expect((await client.post('/institutions/SEDENA/reporters/confirm', {})).location).toMatch(/notice=unchanged/);
  });

  it('adds an indicator of the plan and removes one; refusals come back in place', async () => {
    const client = new PageClient(h.baseUrl);
    await client.get('/institutions/CECOPAM');
    const added = await client.post('/institutions/CECOPAM/reporters', { indicator: '2.a' });
    expect(added.location).toBe('/institutions/CECOPAM?notice=reporter-added#reporter-2-a');
    expect(await h.prisma.indicatorReporter.findFirst({ where: { institution: { code: 'CECOPAM' }, indicator: { code: '2.a' } } })).toMatchObject({ derived: false, basis: 'CONFIRMED' });

    const again = await client.post('/institutions/CECOPAM/reporters', { indicator: '2.a' });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'add-reporter-indicator')).toBe('CECOPAM ya informa el indicador 2.a.');
    const none = await client.post('/institutions/CECOPAM/reporters', { indicator: '' });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, 'add-reporter-indicator')).toBe('es obligatorio');
    const unknown = await client.post('/institutions/CECOPAM/reporters', { indicator: '99.z' });
    expect(unknown.status).toBe(400);
    expect(fieldError(unknown.html, 'add-reporter-indicator')).toBe('El plan MX-NAP-1325 v1 no tiene el indicador 99.z.');

    expect((await client.post('/institutions/CECOPAM/reporters/remove', { indicator: '2.a' })).location).toBe('/institutions/CECOPAM?notice=reporter-removed#indicators');
    expect((await audits('REPORTER_REMOVED')).at(-1)!.data).toEqual({ institution: 'CECOPAM', indicator: '2.a', plan: 'MX-NAP-1325 v1', derived: false, basis: 'CONFIRMED' });
    expect((await audits('REPORTER_ADDED')).at(-1)!.actor).toBe('secretariat:secretariat');
    const gone = await client.post('/institutions/CECOPAM/reporters/remove', { indicator: '2.a' });
    expect(gone.status).toBe(404);
    expectText(gone.html, 'CECOPAM no informa el indicador 2.a.');
  });
});

describe('the working group', () => {
  it('reads the pages without any form, and is refused when it posts one (403)', async () => {
    const client = await signedInClient({ baseUrl: h.baseUrl, prisma: h.prisma, email: 'lectora@example.gob.mx', name: 'Lectora', role: 'WORKING_GROUP' });
    const page = await client.get('/institutions/SEMAR');
    expect(page.status).toBe(200);
    expectText(page.html, 'lectora@example.gob.mx · Grupo de Trabajo', 'El Grupo de Trabajo consulta esta página; solo el secretariado puede modificarla.');
    expect(/action="\/institutions\/SEMAR\//.test(page.html)).toBe(false);
    expectNoText(page.html, 'Desactivar', 'Agregar un contacto', 'Confirmar las');
    const refused = await client.post('/institutions/SEMAR/reporters/confirm', {});
    expect(refused.status).toBe(403);
    expectText(refused.html, 'solo el secretariado puede modificarla');
    expect((await client.get('/plan')).status).toBe(200);
  });
});

describe('the plan browser', () => {
  it('shows the current plan by area and objective, marking what needs confirmation', async () => {
    const page = await new PageClient(h.baseUrl).get('/plan');
    expect(page.status).toBe(200);
    expectText(page.html, 'Área I. Prevención', 'Objetivo 1', 'Instituciones a cargo', 'Líneas de acción', 'Indicadores', 'traducción no oficial', '29 elementos');
    expect(page.html.match(/<details class="objective"/g)).toHaveLength(10);
    expect(page.html.match(/<p class="confirmation">/g)).toHaveLength(29);
    expect(textById(page.html, 'goal-1-g1')).toMatch(/Meta cuantificable: al menos 2 para el tercer año Por confirmar \(nota en inglés\) No indicator of objective 1 counts outreach campaigns/);
    // SEDENA's assignments were confirmed above: the others are marked one by one.
    expect(textById(page.html, 'indicator-1-a')).toMatch(/número · Informan: INMUJERES \(por confirmar\), SEDENA ?, SEMAR \(por confirmar\)/);
    expect(textById(page.html, 'indicator-4-d')).toMatch(/Informan: UNWOMEN — asignaciones por confirmar/);
    // 120 municipalities report 2.a: the plan's own institutions are named first, the rest counted.
    expect(textById(page.html, 'indicator-2-a')).toMatch(/Informan: INMUJERES , UNWOMEN , MUN-00001 , .* MUN-00010 y 110 más — asignaciones por confirmar/);
  });

  it('chooses a version by its select, answers an unknown one with 404 and a malformed one with 400', async () => {
    const client = new PageClient(h.baseUrl);
    const chosen = await client.get('/plan?version=MX-NAP-1325/1');
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe('/plan/MX-NAP-1325/1');
    const english = await client.get('/plan/MX-NAP-1325/1?lang=en');
    expectText(english.html, 'Area I. Prevention', '29 items', 'To confirm');
    const missing = await client.get('/plan/MX-NAP-1325/9');
    expect(missing.status).toBe(404);
    expectText(missing.html, 'There is no plan MX-NAP-1325 version 9.');
    expect((await client.get('/plan/MX-NAP-1325/01')).status).toBe(400);
  });
});
