/**
 * The JSON routes of the institution pages and the plan browser on the real server, PostgreSQL and
 * Temporal, with the secretariat's token required: who may read (the working group's token) and who may
 * change (the secretariat's; the working group 403; nobody 401), the list's pages and filters, one
 * institution, contacts replaced at once (the primary-contact rule, duplicates, bad values naming the
 * field), assignments confirmed, added and removed, the plans, and refusals in the caller's language;
 * last, a bounded fuzz of these routes and pages (no 5xx, every JSON refusal problem+json).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { sha256 } from '../../api/auth/principal';
import { ZPlanFile } from '../../domain/plan-schema';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { seedPlan } from '../../prisma/seed-plan';
import { PLAN_FILE, type Harness } from '../support/app-harness';
import { signedInClient } from '../support/page-client';
import { seedRequestHistory } from '../support/request-history';
import { useHarness } from '../support/use-harness';

const secretariat = 'secretariat-token-0123456789';
const workingGroup = 'nap1325_working-group-token-0123456789';
const harness = useHarness({ secretariatToken: secretariat }, async ({ prisma }) => {
  await prisma.apiToken.create({ data: { name: 'dashboards', role: 'WORKING_GROUP', tokenHash: sha256(workingGroup), prefix: workingGroup.slice(0, 12), createdBy: 'test' } });
  await seedRequestHistory(prisma, 'SSPC');
  await seedSyntheticEntities({ prisma, count: 30 });
});
let h: Harness;
beforeAll(() => {
  h = harness();
});

async function call(method: string, path: string, { body, token = secretariat, lang }: { body?: unknown; token?: string | null; lang?: string } = {}) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(lang ? { 'accept-language': lang } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any };
}

const sspcContacts = [
  { role: 'PRIMARY', name: 'Daniela Guadalupe Torres Lara', email: 'enlace.sspc@example.gob.mx' },
  { role: 'ALTERNATE', name: 'Héctor Manuel Ramírez Soto', email: 'suplente.sspc@example.gob.mx' },
];

describe('who may', () => {
  it('reads with the working group token, changes only with the secretariat one, nothing without a token', async () => {
    expect((await call('GET', '/api/institutions', { token: null })).status).toBe(401);
    expect((await call('GET', '/api/institutions/SSPC', { token: workingGroup })).status).toBe(200);
    expect((await call('GET', '/api/plans', { token: workingGroup })).status).toBe(200);
    const changes = [
      ['PUT', '/api/institutions/SSPC/contacts', { contacts: sspcContacts }],
      ['POST', '/api/institutions/SSPC/reporters/confirm', {}],
      ['POST', '/api/institutions/SSPC/reporters', { indicator: '2.a' }],
      ['DELETE', '/api/institutions/SSPC/reporters/5.a', undefined],
    ] as const;
    for (const [method, path, body] of changes) {
      const refused = await call(method, path, { body, token: workingGroup });
      expect({ path, status: refused.status, code: refused.json.code }).toEqual({ path, status: 403, code: 'ROLE' });
    }
    expect(await h.prisma.auditEvent.count({ where: { action: { in: ['CONTACTS_CHANGED', 'REPORTER_CONFIRMED', 'REPORTER_ADDED', 'REPORTER_REMOVED'] } } })).toBe(0);
  });

  it('refuses a signed-in person calling the JSON API with the session cookie but no CSRF token (403)', async () => {
    const client = await signedInClient({ baseUrl: h.baseUrl, prisma: h.prisma, email: 'secretaria@example.gob.mx', name: 'Secretaria', role: 'SECRETARIAT' });
    expect((await client.get('/institutions')).status).toBe(200);
    const body = { indicators: ['5.a'] };
    expect((await client.json('POST', '/api/institutions/SSPC/reporters/confirm', body)).status).toBe(403);
    expect(await h.prisma.auditEvent.count({ where: { action: 'REPORTER_CONFIRMED' } })).toBe(0);
    // With the page's token the same call goes through, in the person's name.
    const confirmed = await client.json('POST', '/api/institutions/SSPC/reporters/confirm', { indicators: ['8.c'] }, { 'csrf-token': client.csrf ?? '' });
    expect(JSON.parse(confirmed.html)).toEqual({ confirmed: ['8.c'] });
    expect((await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'REPORTER_CONFIRMED' } })).actor).toBe('secretariat:secretaria@example.gob.mx');
  });

  it('sends nobody signed in from a page to the sign-in page, which will come back to it', async () => {
    const res = await fetch(`${h.baseUrl}/institutions/SSPC`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Finstitutions%2FSSPC&lang=es-MX');
  });
});

describe('GET /api/institutions', () => {
  it('pages by code with cursors, filters by kind and text, and counts contacts and assignments', async () => {
    const first = await call('GET', '/api/institutions?kind=MUNICIPALITY&limit=20');
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(30);
    expect(first.json.institutions).toHaveLength(20);
    expect(first.json.institutions[0]).toEqual({ code: 'MUN-00001', name: { es: 'Municipio de prueba 00001', en: 'Test municipality 00001' }, kind: 'MUNICIPALITY', active: true, activeContacts: 1, indicators: 2, derivedUnconfirmed: 2 });
    expect(first.json.page).toEqual({ offset: 0, limit: 20, next: 'MUN-00020', previous: null });
    const second = await call('GET', `/api/institutions?kind=MUNICIPALITY&limit=20&after=${first.json.page.next}`);
    expect(second.json.institutions.map((i: any) => i.code)).toEqual(Array.from({ length: 10 }, (_, i) => `MUN-${String(i + 21).padStart(5, '0')}`));
    expect(second.json.page).toEqual({ offset: 20, limit: 20, next: null, previous: 'MUN-00021' });
    const back = await call('GET', `/api/institutions?kind=MUNICIPALITY&limit=20&before=MUN-00021`);
    expect(back.json.institutions.map((i: any) => i.code)).toEqual(first.json.institutions.map((i: any) => i.code));

    const sspc = (await call('GET', '/api/institutions?q=seguridad')).json;
    expect(sspc.institutions.map((i: any) => i.code)).toEqual(['SSPC']);
    // Three of the escalation ladder and the working group's member (demo contacts).
    expect(sspc.institutions[0]).toMatchObject({ activeContacts: 4, indicators: 17, derivedUnconfirmed: 16 });
    expect(sspc.plan).toEqual({ key: 'MX-NAP-1325', version: 1 });
  });

  it('refuses bad query values naming the field (400)', async () => {
    const kind = await call('GET', '/api/institutions?kind=PLANET');
    expect(kind.status).toBe(400);
    expect(Object.keys(kind.json.fields)).toEqual(['kind']);
    expect((await call('GET', '/api/institutions?limit=0')).json.fields).toHaveProperty('limit');
    expect((await call('GET', '/api/institutions?limit=501')).status).toBe(400);
    const cursor = await call('GET', '/api/institutions?after=sre', { lang: 'es' });
    expect(cursor.json.fields.after).toBe('debe ser un código como SRE o MUN-09015');
  });
});

describe('GET /api/institutions/:code', () => {
  it('gives contacts, the ladder, indicators with their assignments, requests and timeliness', async () => {
    const { status, json } = await call('GET', '/api/institutions/SSPC', { token: workingGroup });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 'SSPC', kind: 'FEDERAL_AGENCY', plan: { key: 'MX-NAP-1325', version: 1 } });
    expect(json.contacts.map((c: any) => c.role)).toEqual(['PRIMARY', 'ALTERNATE', 'LIAISON_HEAD', 'WORKING_GROUP']);
    expect(json.escalation.rungs.map((r: any) => [r.level, r.to, r.cc, r.businessDaysAfter])).toEqual([
      [0, ['PRIMARY'], ['ALTERNATE'], null],
      [1, ['PRIMARY', 'ALTERNATE'], [], 3],
      [2, ['LIAISON_HEAD'], ['PRIMARY'], 10],
      [3, ['SECRETARIAT'], ['PRIMARY'], 20],
    ]);
    expect(json.indicators[0]).toEqual({ code: '1.a', textEs: expect.any(String), textEn: expect.any(String), unit: 'COUNT', disaggregation: 'NONE', derived: true, basis: 'IN_CHARGE_DEFAULT' });
    expect(json.requests.map((r: any) => [r.year, r.timeliness])).toEqual([
      [2026, 'OPEN'],
      [2025, 'NOT_REPORTED'],
      [2024, 'LATE'],
      [2023, 'ON_TIME'],
    ]);
    expect(json.timeliness).toEqual({ onTime: 1, late: 1, notReported: 1, counted: 3, shareOnTime: 1 / 3 });
  });

  it('answers an unknown institution with 404 in the caller language', async () => {
    const missing = await call('GET', '/api/institutions/NOPE', { lang: 'es-MX' });
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/application\/problem\+json/);
    expect(missing.json).toMatchObject({ code: 'INSTITUTION_NOT_FOUND', detail: 'No hay una institución con el código NOPE.' });
  });
});

describe('PUT /api/institutions/:code/contacts', () => {
  it('replaces the active contacts: new ones added, changed ones updated, the rest deactivated; audited', async () => {
    const res = await call('PUT', '/api/institutions/SSPC/contacts', {
      body: { contacts: [...sspcContacts, { role: 'SECRETARIAT', name: 'Enlace SSPC en el secretariado', email: 'Secretariado.SSPC@example.gob.mx', locale: 'en', timeZone: 'America/Tijuana' }] },
    });
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(true);
    expect(res.json.contacts.map((c: any) => `${c.role}:${c.email}:${c.locale}:${c.timeZone}`)).toEqual([
      'PRIMARY:enlace.sspc@example.gob.mx:es-MX:America/Mexico_City',
      'ALTERNATE:suplente.sspc@example.gob.mx:es-MX:America/Mexico_City',
      'SECRETARIAT:secretariado.sspc@example.gob.mx:en:America/Tijuana',
    ]);
    // The replaced liaison head and the working group's member the new list leaves out.
    expect(await h.prisma.contact.count({ where: { institution: { code: 'SSPC' }, active: false } })).toBe(2);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'CONTACTS_CHANGED' }, orderBy: { at: 'desc' } });
    expect(audit.actor).toBe('secretariat:secretariat-token');
    expect((audit.data as any).before.map((c: any) => c.role)).toEqual(['PRIMARY', 'ALTERNATE', 'LIAISON_HEAD', 'WORKING_GROUP']);
    expect((audit.data as any).after.map((c: any) => c.role)).toEqual(['PRIMARY', 'ALTERNATE', 'SECRETARIAT']);
    // The same list again changes nothing, and writes no audit row.
    const again = await call('PUT', '/api/institutions/SSPC/contacts', {
      body: { contacts: [...sspcContacts, { role: 'SECRETARIAT', name: 'Enlace SSPC en el secretariado', email: 'secretariado.sspc@example.gob.mx', locale: 'en', timeZone: 'America/Tijuana' }] },
    });
    expect(again.json.changed).toBe(false);
    expect(await h.prisma.auditEvent.count({ where: { action: 'CONTACTS_CHANGED' } })).toBe(1);
  });

  it('refuses to leave an institution with a request under way without a primary contact (409)', async () => {
    const refused = await call('PUT', '/api/institutions/SSPC/contacts', { body: { contacts: [sspcContacts[1]] } });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'PRIMARY_REQUIRED', fields: { contacts: expect.stringMatching(/without an active primary contact/) } });
    expect(await h.prisma.contact.count({ where: { institution: { code: 'SSPC' }, role: 'PRIMARY', active: true } })).toBe(1);
    // An institution with no request under way may be left without one.
    expect((await call('PUT', '/api/institutions/MUN-00030/contacts', { body: { contacts: [] } })).json.contacts).toEqual([]);
  });

  it('refuses bad values and repeated contacts naming the field (400)', async () => {
    const bad = await call('PUT', '/api/institutions/SSPC/contacts', { body: { contacts: [{ role: 'CHIEF', name: 'a\u0000b', email: 'nope', timeZone: 'Mars/Olympus' }] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields).sort()).toEqual(['contacts[0].email', 'contacts[0].name', 'contacts[0].role', 'contacts[0].timeZone']);
    const twice = await call('PUT', '/api/institutions/SSPC/contacts', { body: { contacts: [sspcContacts[0], { ...sspcContacts[0], email: 'ENLACE.sspc@example.gob.mx' }] } });
    expect(twice.status).toBe(400);
    expect(twice.json).toMatchObject({ code: 'DUPLICATE_CONTACT', fields: { 'contacts[1].email': 'enlace.sspc@example.gob.mx is listed more than once as Primary contact.' } });
    const many = await call('PUT', '/api/institutions/SSPC/contacts', { body: { contacts: Array.from({ length: 21 }, (_, i) => ({ ...sspcContacts[1], email: `p${i}@example.org` })) } });
    expect(many.json.fields).toHaveProperty('contacts');
    expect((await call('PUT', '/api/institutions/SSPC/contacts', { body: { contacts: [], extra: 1 } })).json.fields).toHaveProperty('extra');
  });
});

describe('indicator assignments', () => {
  it('confirms named ones, then every derived one, each once', async () => {
    const one = await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: { indicators: ['5.a', '8.b'] } });
    expect(one.json).toEqual({ confirmed: ['5.a', '8.b'] });
    expect((await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: { indicators: ['5.a'] } })).json).toEqual({ confirmed: [] });
    const all = await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: {} });
    expect(all.json.confirmed).toHaveLength(14);
    expect(all.json.confirmed).not.toContain('5.a');
    expect(await h.prisma.auditEvent.count({ where: { action: 'REPORTER_CONFIRMED' } })).toBe(17);
    expect((await call('GET', '/api/institutions/SSPC')).json.indicators.every((i: any) => !i.derived)).toBe(true);
  });

  it('refuses an indicator the plan lacks or the institution does not report, naming it', async () => {
    const unknown = await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: { indicators: ['5.a', '99.z'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'INDICATOR_NOT_IN_PLAN', fields: { 'indicators[1]': 'Plan MX-NAP-1325 v1 has no indicator 99.z.' } });
    const other = await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: { indicators: ['4.d'] } });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('NOT_A_REPORTER');
    expect((await call('POST', '/api/institutions/SSPC/reporters/confirm', { body: { indicators: [] } })).status).toBe(400);
  });

  it('adds one (201), refuses it twice (409), removes it, and refuses removing it again (404)', async () => {
    const added = await call('POST', '/api/institutions/MUN-00001/reporters', { body: { indicator: '6.a' } });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({ indicator: '6.a', derived: false, basis: 'CONFIRMED' });
    const twice = await call('POST', '/api/institutions/MUN-00001/reporters', { body: { indicator: '6.a' }, lang: 'es-MX' });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ code: 'ALREADY_REPORTS', fields: { indicator: 'MUN-00001 ya informa el indicador 6.a.' } });
    expect((await call('POST', '/api/institutions/MUN-00001/reporters', { body: {} })).json.fields).toHaveProperty('indicator');
    const removed = await call('DELETE', '/api/institutions/MUN-00001/reporters/6.a');
    expect(removed.json).toEqual({ indicator: '6.a', removed: true });
    expect((await call('DELETE', '/api/institutions/MUN-00001/reporters/6.a')).status).toBe(404);
    const actions = await h.prisma.auditEvent.findMany({ where: { action: { in: ['REPORTER_ADDED', 'REPORTER_REMOVED'] } }, orderBy: { at: 'asc' } });
    expect(actions.map((a) => [a.action, a.actor, (a.data as any).indicator])).toEqual([
      ['REPORTER_ADDED', 'secretariat:secretariat-token', '6.a'],
      ['REPORTER_REMOVED', 'secretariat:secretariat-token', '6.a'],
    ]);
  });
});

describe('plans', () => {
  it('lists the versions loaded and gives one as a tree with its confirmation notes', async () => {
    const list = await call('GET', '/api/plans');
    expect(list.json.plans).toEqual([expect.objectContaining({ key: 'MX-NAP-1325', version: 1, objectives: 10, indicators: 23, needsConfirmation: 29, spanishOfficial: false })]);
    const tree = await call('GET', '/api/plans/MX-NAP-1325/1', { token: workingGroup });
    expect(tree.status).toBe(200);
    expect(tree.json.areas.map((a: any) => a.code)).toEqual(['I', 'II', 'III', 'IV']);
    const objectives = tree.json.areas.flatMap((a: any) => a.objectives);
    expect(objectives).toHaveLength(10);
    const one = objectives[0];
    expect(one.institutionsInCharge).toEqual(['INMUJERES', 'SEDENA', 'SEMAR', 'SRE', 'SSPC']);
    expect(one.goals[0]).toMatchObject({ code: '1.g1', indicator: null, needsConfirmation: true, target: { value: '2', unit: 'COUNT', comparator: 'AT_LEAST', period: 'BY_YEAR_3' } });
    const indicators = objectives.flatMap((o: any) => o.indicators);
    expect(indicators).toHaveLength(23);
    expect(indicators.find((i: any) => i.code === '1.a').reporters).toContainEqual({ institution: 'SSPC', derived: false });
  });

  it('answers an unknown version with 404 and a malformed one with 400', async () => {
    expect((await call('GET', '/api/plans/MX-NAP-1325/2')).json).toMatchObject({ code: 'PLAN_NOT_FOUND', detail: 'There is no plan MX-NAP-1325 version 2.' });
    expect((await call('GET', '/api/plans/mx/1')).status).toBe(400);
    expect((await call('GET', '/api/plans/MX-NAP-1325/1.0')).status).toBe(400);
  });

  it("records a version's adoption date (audited once), refuses a future one or the working group, and the seed keeps it", async () => {
    const path = '/api/plans/MX-NAP-1325/versions/1';
    const refused = await call('PUT', path, { body: { adoptedOn: '2021-10-15' }, token: workingGroup });
    expect({ status: refused.status, code: refused.json.code }).toEqual({ status: 403, code: 'ROLE' });
    const future = await call('PUT', path, { body: { adoptedOn: '2099-01-01' }, lang: 'es-MX' });
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([expect.objectContaining({ field: 'adoptedOn', code: 'IN_THE_FUTURE' })]);
    expect((await call('PUT', path, { body: { adoptedOn: '15/10/2021' } })).json.errors).toEqual([expect.objectContaining({ field: 'adoptedOn' })]);
    expect((await call('PUT', path, { body: {} })).status).toBe(400);
    expect((await call('PUT', '/api/plans/MX-NAP-1325/versions/7', { body: { adoptedOn: '2021-10-15' } })).json.code).toBe('PLAN_NOT_FOUND');

    expect((await call('PUT', path, { body: { adoptedOn: '2021-10-15' } })).json).toEqual({ key: 'MX-NAP-1325', version: 1, adoptedOn: '2021-10-15', changed: true });
    expect((await call('PUT', path, { body: { adoptedOn: '2021-10-15' } })).json.changed).toBe(false);
    const audited = await h.prisma.auditEvent.findMany({ where: { action: 'PLAN_ADOPTION_SET' } });
    expect(audited.map((a) => a.data)).toEqual([{ key: 'MX-NAP-1325', version: 1, adoptedOn: '2021-10-15', previous: null }]);
    expect((await call('GET', '/api/plans')).json.plans[0].adoptedOn).toMatch(/^2021-10-15/);

    // Loading a changed plan file that gives no date keeps the one recorded.
    await h.prisma.plan.updateMany({ data: { sourceHash: 'changed' } });
    await seedPlan({ prisma: h.prisma, plan: ZPlanFile.parse(JSON.parse(readFileSync(PLAN_FILE, 'utf8'))) });
    expect((await h.prisma.plan.findFirstOrThrow()).adoptedOn?.toISOString().slice(0, 10)).toBe('2021-10-15');
  });
});

describe('bent requests', () => {
  /** Values people and attackers send, for every field, path segment and query value of these routes. */
  const oddValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('\u0000', 'a\u0000b', '\u202E', '<b>x</b>', '%00', '../x', '', 'MUN-00001', '4.b', 'PRIMARY', 'x'.repeat(5_000)),
    fc.constantFrom(1e308, -1, 2 ** 53 + 1, true, null, [], {}, ['4.b', null]),
  );
  const routes: { method: string; path: string[]; query?: Record<string, string>; body?: Record<string, unknown>; page?: boolean }[] = [
    { method: 'GET', path: ['api', 'institutions'], query: { kind: 'MUNICIPALITY', q: 'mun', limit: '5', after: 'MUN-00002' } },
    { method: 'GET', path: ['api', 'institutions', 'SEMAR'] },
    { method: 'PUT', path: ['api', 'institutions', 'MUN-00029', 'contacts'], body: { contacts: [{ role: 'PRIMARY', name: 'Fuzz', email: 'fuzz@example.org', locale: 'en', timeZone: 'America/Cancun' }] } },
    { method: 'POST', path: ['api', 'institutions', 'MUN-00028', 'reporters', 'confirm'], body: { indicators: ['2.a'] } },
    { method: 'POST', path: ['api', 'institutions', 'MUN-00027', 'reporters'], body: { indicator: '4.b' } },
    { method: 'DELETE', path: ['api', 'institutions', 'MUN-00026', 'reporters', '2.b'] },
    { method: 'GET', path: ['api', 'plans', 'MX-NAP-1325', '1'] },
    { method: 'GET', path: ['institutions'], query: { kind: 'MUNICIPALITY', q: 'x', before: 'MUN-00010' }, page: true },
    { method: 'GET', path: ['institutions', 'SEMAR'], query: { notice: 'contact-added' }, page: true },
    { method: 'GET', path: ['plan'], query: { version: 'MX-NAP-1325/1' }, page: true },
    { method: 'GET', path: ['plan', 'MX-NAP-1325', '1'], page: true },
  ];
  const bend = fc.record({ route: fc.nat(), where: fc.constantFrom('path', 'query', 'field', 'whole'), at: fc.nat(), value: oddValue });

  it('answers 300 of them without a 5xx, each JSON refusal problem+json, each page refusal a page', async () => {
    await fc.assert(
      fc.asyncProperty(bend, async ({ route, where, at, value }) => {
        const r = routes[route % routes.length];
        const path = [...r.path];
        const query = { ...r.query };
        let body: unknown = r.body === undefined ? undefined : structuredClone(r.body);
        if (where === 'path') path[at % path.length] = encodeURIComponent(String(value));
        if (where === 'query' && r.query) query[Object.keys(query)[at % Object.keys(query).length]] = String(value);
        if (where === 'field' && r.body) (body as Record<string, unknown>)[Object.keys(r.body)[at % Object.keys(r.body).length]] = value;
        if (where === 'whole' && r.body) body = value;
        const qs = new URLSearchParams(query).toString();
        const res = await fetch(`${h.baseUrl}/${path.join('/')}${qs ? `?${qs}` : ''}`, {
          method: r.method,
          headers: { authorization: `Bearer ${secretariat}`, accept: r.page ? 'text/html' : 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: 'manual',
        });
        const type = res.headers.get('content-type') ?? '';
        await res.arrayBuffer();
        const what = `${r.method} /${path.join('/').slice(0, 120)} ${where} → ${res.status} ${type}`;
        if (res.status >= 500) throw new Error(`5xx: ${what}`);
        if (res.status >= 400 && !(r.page ? /text\/html|application\/problem\+json/ : /application\/problem\+json/).test(type)) throw new Error(`refusal of the wrong type: ${what}`);
      }),
      { numRuns: 300, seed: 20261130, endOnFailure: true },
    );
  });
});
