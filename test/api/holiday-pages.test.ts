/**
 * The holidays page on a real server (PostgreSQL, Temporal): the secretariat reads the year's rest days,
 * adds one (303 and visible, audited), is refused in place for a bad date or a duplicate, removes it; the
 * working group reads without forms and may not post; a form without its CSRF token is refused.
 */
import { DateTime } from 'luxon';
import { errorSummaryOf, fieldErrorOf, PageClient, signedInClient, visibleText } from '../support/page-client';
import { useHarness } from '../support/use-harness';

const harness = useHarness();
const thisYear = DateTime.now().setZone('America/Mexico_City').year;
const year = thisYear + 1;
// A Wednesday in June of next year: no statutory rest day.
const day = DateTime.fromObject({ year, month: 6, day: 1 }).set({ weekday: 3 }).plus({ weeks: 1 }).toISODate()!;

describe('as the secretariat', () => {
  const client = () => new PageClient(harness().baseUrl);

  it('lists the current year in Mexico City by default, statutory days marked, in Spanish then English', async () => {
    const c = client();
    const page = await c.get('/holidays');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = visibleText(page.html);
    expect(text).toContain(`Días inhábiles ${thisYear}`);
    expect(text).toContain('Año Nuevo');
    expect(text).toContain('Ley Federal del Trabajo, art. 74');
    expect(page.html).toContain('action="/holidays"');
    const english = await c.get(`/holidays?year=${year}&lang=en`);
    expect(visibleText(english.html)).toContain(`Holidays ${year}`);
    expect(visibleText(english.html)).toContain("New Year's Day");
  });

  it('adds a day (303 back to its year with a notice), shows it as added, audits it, and the JSON API sees it', async () => {
    const c = client();
    await c.get(`/holidays?year=${year}`);
    const added = await c.post('/holidays', { date: day, nameEs: 'Día de prueba', nameEn: '' });
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/holidays?year=${year}&notice=holiday-added`);
    const page = visibleText((await c.get(added.location!)).html);
    expect(page).toContain('Se agregó el día inhábil.');
    expect(page).toContain('Día de prueba');
    expect(page).toContain('Agregado por el secretariado (secretariat)');
    const audit = await harness().prisma.auditEvent.findFirst({ where: { action: 'HOLIDAY_ADDED', data: { path: ['date'], equals: day } } });
    expect(audit?.actor).toBe('secretariat:secretariat');
    const json = (await (await fetch(`${harness().baseUrl}/api/holidays/${year}`)).json()) as { extra: { date: string; nameEn: string }[] };
    expect(json.extra).toContainEqual(expect.objectContaining({ date: day, nameEn: 'Día de prueba' }));
  });

  it('refuses in place (400): a day already added, a statutory day, a bad date, a missing name, a NUL, repeated fields', async () => {
    const c = client();
    await c.get(`/holidays?year=${year}`);
    const duplicate = await c.post('/holidays', { date: day, nameEs: 'Otra vez', nameEn: 'Again' });
    expect(duplicate.status).toBe(400);
    expect(fieldErrorOf(duplicate.html, 'holiday-date')).toMatch(/ya es un día inhábil agregado/);
    expect(errorSummaryOf(duplicate.html)).toEqual([expect.stringMatching(/^Fecha: El .* ya es un día inhábil agregado/)]);
    expect(duplicate.html).toContain('value="Otra vez"');

    const christmas = await c.post('/holidays', { date: `${year}-12-25`, nameEs: 'Navidad', nameEn: '' });
    expect(christmas.status).toBe(400);
    expect(fieldErrorOf(christmas.html, 'holiday-date')).toMatch(/ya es día de descanso obligatorio \(Navidad\)/);

    const bad = await c.post('/holidays', { date: `${year}-02-30`, nameEs: '', nameEn: 'x\u0000' });
    expect(bad.status).toBe(400);
    expect(fieldErrorOf(bad.html, 'holiday-date')).toBe('debe ser una fecha escrita aaaa-mm-dd');
    expect(fieldErrorOf(bad.html, 'holiday-name-es')).toBe('es obligatorio');
    expect(fieldErrorOf(bad.html, 'holiday-name-en')).toMatch(/carácter de control/);
    expect(errorSummaryOf(bad.html)).toHaveLength(3);

    const english = await c.post('/holidays', { date: '1999-01-04', nameEs: 'x', nameEn: 'x', lang: 'en' });
    expect(english.status).toBe(400);
    const repeated = await c.post('/holidays', { date: [day, day], nameEs: ['a', 'b'] });
    expect(repeated.status).toBe(400);
    expect(fieldErrorOf(repeated.html, 'holiday-date')).toBe('debe ser un texto');
  });

  it('removes an added day (303, gone, audited once); removing it again changes nothing', async () => {
    const c = client();
    const other = DateTime.fromISO(day).plus({ days: 1 }).toISODate()!;
    await c.get(`/holidays?year=${year}`);
    expect((await c.post('/holidays', { date: other, nameEs: 'Para quitar', nameEn: 'To remove' })).status).toBe(303);
    const removed = await c.post(`/holidays/${other}/remove`, {});
    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`/holidays?year=${year}&notice=holiday-removed`);
    expect(visibleText((await c.get(removed.location!)).html)).not.toContain('Para quitar');
    const again = await c.post(`/holidays/${other}/remove`, {});
    expect(again.location).toBe(`/holidays?year=${year}&notice=holiday-not-found`);
    expect(await harness().prisma.auditEvent.count({ where: { action: 'HOLIDAY_REMOVED', data: { path: ['date'], equals: other } } })).toBe(1);
    expect((await c.post('/holidays/2026-13-01/remove', {})).status).toBe(400);
  });

  it('answers an unusable year with the error in place (400)', async () => {
    const page = await client().get('/holidays?year=20x6');
    expect(page.status).toBe(400);
    expect(fieldErrorOf(page.html, 'year')).toBe('debe ser un año de cuatro dígitos');
    expect((await client().get('/holidays?year=1999')).status).toBe(400);
  });

  it('refuses a form without its CSRF token (403)', async () => {
    const c = client();
    await c.get(`/holidays?year=${year}`);
    const refused = await c.post('/holidays', { date: DateTime.fromISO(day).plus({ days: 2 }).toISODate()!, nameEs: 'Sin token' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(visibleText(refused.html)).toContain('El formulario venció');
    const twice = await c.post('/holidays', { date: DateTime.fromISO(day).plus({ days: 2 }).toISODate()!, nameEs: 'Dos tokens', _csrf: [c.csrf!, c.csrf!] });
    expect(twice.status).toBe(403);
  });

  it('removes through the JSON API too', async () => {
    const other = DateTime.fromISO(day).plus({ days: 7 }).toISODate()!;
    const post = (method: string, path: string, body?: unknown) =>
      fetch(`${harness().baseUrl}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    expect((await post('POST', '/api/holidays', { date: other, nameEs: 'JSON', nameEn: 'JSON' })).status).toBe(201);
    expect(await (await post('DELETE', `/api/holidays/${other}`)).json()).toEqual({ date: other, removed: true });
    expect(await (await post('DELETE', `/api/holidays/${other}`)).json()).toEqual({ date: other, removed: false });
    expect((await post('DELETE', '/api/holidays/2026-02-30')).status).toBe(400);
  });
});

describe('as the working group', () => {
  let c: PageClient;
  beforeAll(async () => {
    c = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'gt-holidays@inmujeres.gob.mx', role: 'WORKING_GROUP' });
  });

  it('reads the year, the added days included, without any form', async () => {
    const page = await c.get(`/holidays?year=${year}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Día de prueba');
    expect(text).toContain('Solo el secretariado puede agregar o quitar días inhábiles.');
    expect(page.html).not.toContain('method="post" action="/holidays"');
    expect(page.html).not.toContain('/remove');
  });

  it('may not add or remove (403, a page saying so)', async () => {
    await c.get(`/holidays?year=${year}`);
    const add = await c.post('/holidays', { date: DateTime.fromISO(day).plus({ days: 3 }).toISODate()!, nameEs: 'No' });
    expect(add.status).toBe(403);
    expect(visibleText(add.html)).toContain('solo el secretariado puede modificarla');
    expect((await c.post(`/holidays/${day}/remove`, {})).status).toBe(403);
    expect(await harness().prisma.holiday.count({ where: { date: new Date(`${day}T00:00:00Z`) } })).toBe(1);
  });
});
