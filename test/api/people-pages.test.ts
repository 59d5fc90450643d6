/**
 * The people page on a real server (PostgreSQL, Temporal), as a signed-in secretariat: adding people
 * (refused in place for a duplicate or bad values; a deactivated person reactivated), deactivating
 * (sessions end; never oneself), creating a token (shown once, on a 201 answer that is not stored) and
 * revoking it (the API refuses it at once). The working group may not see the page; forms need CSRF.
 */
import { errorSummaryOf, fieldErrorOf, type PageClient, signedInClient, visibleText } from '../support/page-client';
import { useHarness } from '../support/use-harness';

// Not the open mode: without a session nobody is anybody (a deactivated person is signed out).
const harness = useHarness({ secretariatToken: 'people-pages-test-token-0123456789' });
let ana: PageClient;

beforeAll(async () => {
  ana = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'ana@sre.gob.mx', name: 'Ana Secretariado', role: 'SECRETARIAT' });
});

const apiWith = (token: string) => fetch(`${harness().baseUrl}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });

describe('people', () => {
  it('lists the people with their role and state; no deactivate button for oneself', async () => {
    const page = await ana.get('/people');
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Personas y tokens');
    expect(text).toContain('Ana Secretariado (usted)');
    expect(text).toContain('Secretariado');
    const self = await harness().prisma.user.findUniqueOrThrow({ where: { email: 'ana@sre.gob.mx' } });
    expect(page.html).not.toContain(`/people/users/${self.id}/deactivate`);
  });

  it('adds a person (303 with a notice, audited) and refuses in place a duplicate address and bad values (400)', async () => {
    await ana.get('/people');
    const added = await ana.post('/people/users', { email: 'Luis@Semar.gob.mx', name: 'Luis Enlace', role: 'WORKING_GROUP' });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/people?notice=user-added');
    const page = visibleText((await ana.get(added.location!)).html);
    expect(page).toContain('Se agregó a la persona.');
    expect(page).toContain('luis@semar.gob.mx');
    expect(await harness().prisma.auditEvent.count({ where: { action: 'USER_SAVED', actor: 'ana@sre.gob.mx' } })).toBe(1);

    const duplicate = await ana.post('/people/users', { email: 'LUIS@semar.gob.mx', name: 'Otro', role: 'SECRETARIAT' });
    expect(duplicate.status).toBe(400);
    expect(fieldErrorOf(duplicate.html, 'user-email')).toBe('Ya hay una persona activa con ese correo.');
    expect(errorSummaryOf(duplicate.html)).toEqual(['Correo electrónico: Ya hay una persona activa con ese correo.']);
    expect((await harness().prisma.user.findUniqueOrThrow({ where: { email: 'luis@semar.gob.mx' } })).role).toBe('WORKING_GROUP');

    const bad = await ana.post('/people/users', { email: 'no es correo', name: '  ', role: 'ADMIN' });
    expect(bad.status).toBe(400);
    expect(fieldErrorOf(bad.html, 'user-email')).toBe('no es una dirección de correo');
    expect(fieldErrorOf(bad.html, 'user-name')).toBe('es obligatorio');
    expect(fieldErrorOf(bad.html, 'user-role')).toMatch(/debe ser uno de: SECRETARIAT, WORKING_GROUP/);
    expect(bad.html).toContain('value="no es correo"');
    expect((await ana.post('/people/users', { email: ['a@b.mx', 'c@d.mx'], name: 'x'.repeat(201), role: 'SECRETARIAT' })).status).toBe(400);
  });

  it('deactivates a person, whose session ends at once; adding them again reactivates them', async () => {
    const maria = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'maria@semar.gob.mx', name: 'María', role: 'WORKING_GROUP' });
    expect((await maria.get('/holidays')).status).toBe(200);
    const { id } = await harness().prisma.user.findUniqueOrThrow({ where: { email: 'maria@semar.gob.mx' } });

    await ana.get('/people');
    const done = await ana.post(`/people/users/${id}/deactivate`, {});
    expect(done.status).toBe(303);
    expect(done.location).toBe('/people?notice=user-deactivated');
    expect(visibleText((await ana.get('/people')).html)).toContain('Desactivada');
    const after = await maria.get('/holidays');
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/sign-in\?next=%2Fholidays/);
    expect(await harness().prisma.session.count({ where: { userId: id, revokedAt: null } })).toBe(0);

    const again = await ana.post('/people/users', { email: 'maria@semar.gob.mx', name: 'María López', role: 'WORKING_GROUP' });
    expect(again.location).toBe('/people?notice=user-reactivated');
    expect(await harness().prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: true, name: 'María López' });
  });

  it('refuses to deactivate oneself (409, said on the page), an unknown person (404) and a malformed id (400)', async () => {
    const self = await harness().prisma.user.findUniqueOrThrow({ where: { email: 'ana@sre.gob.mx' } });
    await ana.get('/people');
    const refused = await ana.post(`/people/users/${self.id}/deactivate`, {});
    expect(refused.status).toBe(409);
    expect(visibleText(refused.html)).toContain('No puede desactivar su propia cuenta');
    expect((await harness().prisma.user.findUniqueOrThrow({ where: { id: self.id } })).active).toBe(true);
    const unknown = await ana.post('/people/users/cm0000000000000000000000a/deactivate', {});
    expect(unknown.status).toBe(404);
    expect(visibleText(unknown.html)).toContain('Esa persona no existe');
    expect((await ana.post('/people/users/NOT-AN-ID/deactivate', {})).status).toBe(400);
  });
});

describe('tokens', () => {
  it('creates a token shown once on a 201 page that is not stored; the token works; the list never shows it', async () => {
    await ana.get('/people');
    const created = await ana.post('/people/tokens', { name: 'Respaldo nocturno', role: 'WORKING_GROUP' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.location).toBeNull();
    const token = /id="new-token"[^>]*>(nap1325_[A-Za-z0-9_-]{43})<\/textarea>/.exec(created.html)?.[1];
    expect(token).toBeDefined();
    expect(visibleText(created.html)).toContain('no se volverá a mostrar');
    // A working-group token may read but not manage tokens.
    expect((await apiWith(token!)).status).toBe(403);
    expect((await fetch(`${harness().baseUrl}/api/holidays/2030`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${harness().baseUrl}/api/holidays/2030`)).status).toBe(401);
    const list = await ana.get('/people');
    expect(list.html).not.toContain(token!);
    expect(visibleText(list.html)).toContain(`Respaldo nocturno Grupo de Trabajo ${token!.slice(0, 16)}…`);
    expect(await harness().prisma.auditEvent.count({ where: { action: 'TOKEN_CREATED', actor: 'ana@sre.gob.mx' } })).toBe(1);
  });

  it('revokes a token (303): the API refuses it at once, the list says so, a second revoke changes nothing', async () => {
    await ana.get('/people');
    const token = /(nap1325_[A-Za-z0-9_-]{43})<\/textarea>/.exec((await ana.post('/people/tokens', { name: 'Script', role: 'SECRETARIAT' })).html)![1];
    expect((await apiWith(token)).status).toBe(200);
    const row = await harness().prisma.apiToken.findFirstOrThrow({ where: { name: 'Script' } });
    const revoked = await ana.post(`/people/tokens/${row.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/people?notice=token-revoked');
    expect((await apiWith(token)).status).toBe(403);
    expect(visibleText((await ana.get('/people')).html)).toMatch(/Script Secretariado .* Revocado el \d\d\/\d\d\/\d{4}/);
    expect((await ana.post(`/people/tokens/${row.id}/revoke`, {})).status).toBe(303);
    expect(await harness().prisma.auditEvent.count({ where: { action: 'TOKEN_REVOKED' } })).toBe(1);
    expect((await ana.post('/people/tokens/cm0000000000000000000000a/revoke', {})).status).toBe(404);
  });

  it('refuses a token without a name, or with an unknown role, in place (400)', async () => {
    await ana.get('/people?lang=en');
    const bad = await ana.post('/people/tokens', { name: '', role: 'ROOT' });
    expect(bad.status).toBe(400);
    expect(fieldErrorOf(bad.html, 'token-name')).toBe('is required');
    expect(fieldErrorOf(bad.html, 'token-role')).toMatch(/must be one of/);
    expect(errorSummaryOf(bad.html)[0]).toBe('Name: is required');
    await ana.get('/people?lang=es-MX');
  });
});

describe('who may', () => {
  it('refuses the working group the page and its forms (403)', async () => {
    const wg = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'gt-people@inmujeres.gob.mx', role: 'WORKING_GROUP' });
    const page = await wg.get('/people');
    expect(page.status).toBe(403);
    expect(visibleText(page.html)).toContain('No está permitido');
    await wg.get('/holidays');
    expect((await wg.post('/people/tokens', { name: 'x', role: 'SECRETARIAT' })).status).toBe(403);
    expect((await wg.post('/people/users', { email: 'x@y.mx', name: 'x', role: 'SECRETARIAT' })).status).toBe(403);
    expect(await harness().prisma.apiToken.count({ where: { name: 'x' } })).toBe(0);
  });

  it('refuses a form without its CSRF token, or with another session\'s (403)', async () => {
    await ana.get('/people');
    expect((await ana.post('/people/tokens', { name: 'Sin CSRF', role: 'SECRETARIAT' }, { csrf: false })).status).toBe(403);
    const other = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'otra@sre.gob.mx', role: 'SECRETARIAT' });
    await other.get('/people');
    expect((await ana.post('/people/tokens', { name: 'Sin CSRF', role: 'SECRETARIAT' }, { csrf: other.csrf! })).status).toBe(403);
    expect(await harness().prisma.apiToken.count({ where: { name: 'Sin CSRF' } })).toBe(0);
  });
});

describe('the JSON API (the same commands)', () => {
  const bootstrap = { authorization: 'Bearer people-pages-test-token-0123456789', 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${harness().baseUrl}${path}`, { method, headers: body === undefined ? { authorization: bootstrap.authorization } : bootstrap, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('saves over an existing user (201), deactivates (404 unknown), lists users', async () => {
    const saved = await call('POST', '/api/users', { email: 'Pedro@SEDENA.gob.mx', name: 'Pedro', role: 'WORKING_GROUP' });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ email: 'pedro@sedena.gob.mx', role: 'WORKING_GROUP', active: true, lastSignInAt: null });
    const again = await call('POST', '/api/users', { email: 'pedro@sedena.gob.mx', name: 'Pedro R.', role: 'SECRETARIAT' });
    expect(again.json).toMatchObject({ id: saved.json.id, name: 'Pedro R.', role: 'SECRETARIAT' });
    const off = await call('POST', `/api/users/${saved.json.id}/deactivate`);
    expect(off.json).toMatchObject({ id: saved.json.id, active: false });
    expect((await call('POST', '/api/users/cm0000000000000000000000a/deactivate')).status).toBe(404);
    expect((await call('POST', '/api/users', { email: 'x@y.mx', name: 'x', role: 'ROOT' })).status).toBe(400);
    const list = await call('GET', '/api/users');
    expect(list.json.users).toContainEqual(expect.objectContaining({ email: 'pedro@sedena.gob.mx', active: false }));
    expect(list.json.users[0]).not.toHaveProperty('createdBy');
  });

  it('creates a token (201, shown once), lists it without the secret, revokes it with DELETE', async () => {
    const created = await call('POST', '/api/tokens', { name: 'CLI', role: 'SECRETARIAT' });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^nap1325_[A-Za-z0-9_-]{43}$/);
    expect(created.json.prefix).toBe(created.json.token.slice(0, 16));
    expect(created.json.createdBy).toBe('secretariat-token');
    const listed = (await call('GET', '/api/tokens')).json.tokens.find((t: any) => t.id === created.json.id);
    expect(listed).not.toHaveProperty('token');
    expect(listed).not.toHaveProperty('tokenHash');
    const revoked = await call('DELETE', `/api/tokens/${created.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await call('DELETE', `/api/tokens/${created.json.id}`)).json.revokedAt).toBe(revoked.json.revokedAt);
    expect((await call('DELETE', '/api/tokens/cm0000000000000000000000a')).status).toBe(404);
  });
});
