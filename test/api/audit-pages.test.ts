/**
 * The audit log page and its query on a real server (PostgreSQL, Temporal), over a few hundred rows of
 * two cycles: newest first, keyset paging that visits every row once (ties on the instant included),
 * filters by cycle year, institution, actor and action kept across pages, 400 in place for unusable
 * filters and cursors; the working group reads it too.
 */
import { auditLogPage, decodeAuditCursor, encodeAuditCursor } from '../../api/queries/audit-log';
import { AppError } from '../../domain/app-error';
import type { Harness } from '../support/app-harness';
import { fieldErrorOf, PageClient, signedInClient, visibleText, type PageResponse } from '../support/page-client';
import { useHarness } from '../support/use-harness';

const T0 = Date.parse('2031-03-01T18:00:00Z');
/** Requests by key `<year>/<code>`, and cycles by year. */
const requests = new Map<string, { id: string; cycleId: string }>();
const cycles = new Map<number, string>();

async function seedLog(h: Harness): Promise<void> {
  const plan = await h.prisma.plan.findFirstOrThrow();
  for (const year of [2031, 2032]) {
    const cycle = await h.prisma.reportingCycle.create({
      data: { planId: plan.id, year, workflowId: `cycle/${year}`, openedAt: new Date(T0), deadline: new Date(T0 + 86_400_000 * 60), policy: {}, openedBy: 'test' },
    });
    cycles.set(year, cycle.id);
    for (const code of year === 2031 ? ['SRE', 'SEMAR'] : ['SRE']) {
      const institution = await h.prisma.institution.findUniqueOrThrow({ where: { code } });
      const request = await h.prisma.dataRequest.create({ data: { cycleId: cycle.id, institutionId: institution.id, workflowId: `request/${year}/${code}`, deadline: cycle.deadline } });
      requests.set(`${year}/${code}`, { id: request.id, cycleId: cycle.id });
    }
  }
  const keys = [...requests.keys()];
  const rows = Array.from({ length: 320 }, (_, i) => {
    const request = requests.get(keys[i % keys.length])!;
    // Three rows share each instant: the id breaks the tie.
    const at = new Date(T0 + Math.floor(i / 3) * 60_000);
    if (i % 10 === 0) return { at, actor: 'secretariat:ana@sre.gob.mx', action: 'CYCLE_OPENED', cycleId: request.cycleId, data: { year: 2031, institutions: 2 } };
    if (i % 7 === 0) return { at, actor: 'secretariat:ana@sre.gob.mx', action: 'HOLIDAY_ADDED', data: { date: '2031-04-17', nameEs: 'Viernes Santo' } };
    return { at, actor: `contact:enlace${i % 3}@semar.gob.mx`, action: 'OVERDUE', cycleId: request.cycleId, dataRequestId: request.id, data: { from: 'REQUESTED', to: 'OVERDUE' } };
  });
  await h.prisma.auditEvent.createMany({ data: rows });
}

const harness = useHarness({}, seedLog);

const idsOf = (html: string) => [...html.matchAll(/<tr id="event-([a-z0-9]+)"/g)].map((m) => m[1]);
const olderOf = (html: string) => /<a href="(\/audit\?[^"]*)">(?:Eventos anteriores|Older events)/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/** Every page from `path` on, following "older" links. */
async function walk(c: PageClient, path: string): Promise<{ ids: string[]; pages: PageResponse[] }> {
  const pages: PageResponse[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = await c.get(next);
    expect(page.status).toBe(200);
    pages.push(page);
    next = olderOf(page.html);
  }
  return { ids: pages.flatMap((p) => idsOf(p.html)), pages };
}

/** The ids the record holds for `where`, in the log's order. */
async function expected(where: object = {}): Promise<string[]> {
  const rows = await harness().prisma.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { id: true } });
  return rows.map((r) => r.id);
}

describe('as the secretariat', () => {
  const c = () => new PageClient(harness().baseUrl);

  it('shows 50 rows, newest first, in words: time in Mexico City, action, institution and year linked, data in short and in full', async () => {
    const page = await c().get('/audit');
    expect(page.status).toBe(200);
    expect(idsOf(page.html)).toEqual((await expected()).slice(0, 50));
    const text = visibleText(page.html);
    expect(text).toContain('Bitácora');
    expect(text).toContain('Vencida');
    expect(text).toContain('de solicitado, sin respuesta a vencido');
    // 18:00 UTC on 1 March 2031 is 12:00 in Mexico City; the newest row is 106 minutes later.
    expect(text).toContain('01/03/2031 13:46:00');
    expect(page.html).toMatch(/<a href="\/dashboard\/2031\/(SRE|SEMAR)">(SRE|SEMAR) · 2031<\/a>/);
    expect(page.html).toContain('<summary>Datos completos (JSON)</summary>');
    expect(page.html).toContain('&quot;from&quot;: &quot;REQUESTED&quot;');
    expect(visibleText((await c().get('/audit?lang=en')).html)).toContain('Overdue');
  });

  it('pages through every row once with the cursor, ties on the instant included', async () => {
    const all = await expected();
    const { ids, pages } = await walk(c(), '/audit');
    expect(ids).toEqual(all);
    expect(pages.length).toBe(Math.ceil(all.length / 50));
    expect(pages[1].html).toContain('href="/audit">← Volver a los más recientes');
  });

  it('filters by cycle year, institution (any case), both, actor (contains, any case) and action, across pages', async () => {
    const sre2031 = requests.get('2031/SRE')!.id;
    const sreAll = [sre2031, requests.get('2032/SRE')!.id];
    const cases: [string, object][] = [
      ['/audit?year=2031', { cycleId: cycles.get(2031) }],
      ['/audit?institution=sre', { dataRequestId: { in: sreAll } }],
      ['/audit?year=2031&institution=SRE', { dataRequestId: sre2031 }],
      ['/audit?actor=ANA%40SRE', { actor: { contains: 'ana@sre' } }],
      ['/audit?action=HOLIDAY_ADDED', { action: 'HOLIDAY_ADDED' }],
      ['/audit?year=2032&action=OVERDUE&actor=ENLACE2', { cycleId: cycles.get(2032), action: 'OVERDUE', actor: { contains: 'enlace2' } }],
    ];
    for (const [path, where] of cases) {
      const want = await expected(where);
      expect(want.length).toBeGreaterThan(0);
      const { ids } = await walk(c(), path);
      expect({ path, ids }).toEqual({ path, ids: want });
    }
    const none = await c().get('/audit?year=2040');
    expect(none.status).toBe(200);
    expect(visibleText(none.html)).toContain('No hay eventos que coincidan con los filtros.');
    expect(idsOf((await c().get('/audit?institution=SEDENA')).html)).toEqual([]);
  });

  it('answers unusable filters and cursors with 400 and the problem in place', async () => {
    const bad = await c().get('/audit?year=31&institution=s%20re&action=DROP_TABLE');
    expect(bad.status).toBe(400);
    expect(fieldErrorOf(bad.html, 'filter-year')).toBe('debe ser un año de cuatro dígitos');
    expect(fieldErrorOf(bad.html, 'filter-institution')).toMatch(/código como SRE/);
    expect(fieldErrorOf(bad.html, 'filter-action')).toMatch(/debe ser uno de/);
    for (const cursor of ['nope!', encodeAuditCursor({ at: new Date(T0), id: 'ckxxxxxxxxxxxxxxxxxxxxxxx' }) + '=', Buffer.from('12.UPPER_not_an_id').toString('base64url'), 'x'.repeat(300)]) {
      const page = await c().get(`/audit?cursor=${encodeURIComponent(cursor)}`);
      expect(page.status).toBe(400);
      expect(visibleText(page.html)).toContain('cursor: no es una posición de esta lista');
    }
    const english = await c().get('/audit?cursor=zz&lang=en');
    expect(visibleText(english.html)).toContain('cursor: is not a position in this list');
    expect((await c().get('/audit?year=2031&year=2032')).status).toBe(400);
  });
});

describe('as the working group', () => {
  it('reads the log and filters it', async () => {
    const c = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'gt-audit@inmujeres.gob.mx', role: 'WORKING_GROUP' });
    const page = await c.get('/audit?action=SIGNED_IN');
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain('gt-audit@inmujeres.gob.mx');
    expect(visibleText(page.html)).toContain('Inicio de sesión');
  });
});

describe('auditLogPage (the query the JSON route shares)', () => {
  it('pages with a limit and returns null after the last row', async () => {
    const all = await expected({ action: 'HOLIDAY_ADDED' });
    const first = await auditLogPage({ prisma: harness().prisma, filters: { action: 'HOLIDAY_ADDED' }, limit: 10 });
    expect(first.entries.map((e) => e.id)).toEqual(all.slice(0, 10));
    expect(first.entries[0]).toMatchObject({ actor: 'secretariat:ana@sre.gob.mx', cycleYear: null, institutionCode: null, data: { date: '2031-04-17' } });
    const rest = await auditLogPage({ prisma: harness().prisma, filters: { action: 'HOLIDAY_ADDED' }, cursor: first.nextCursor!, limit: 1_000 });
    expect(rest.entries.map((e) => e.id)).toEqual(all.slice(10));
    expect(rest.nextCursor).toBeNull();
    const cycleRow = (await auditLogPage({ prisma: harness().prisma, filters: { action: 'CYCLE_OPENED', year: 2032 }, limit: 1 })).entries[0];
    expect(cycleRow).toMatchObject({ cycleYear: 2032, institutionCode: null });
  });

  it('refuses a cursor it did not write: AppError VALIDATION naming cursor', async () => {
    const refusal = await auditLogPage({ prisma: harness().prisma, cursor: 'abc' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'VALIDATION', fields: { cursor: expect.any(String) } });
  });

  it('encodes a cursor as canonical base64url and decodes only that spelling', () => {
    const position = { at: new Date('2031-03-01T18:00:00.123Z'), id: 'cm0abcdefghijklmnopqrstuv' };
    const cursor = encodeAuditCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(cursor)).toEqual(position);
    expect(decodeAuditCursor(`${cursor}=`)).toBeUndefined();
    expect(decodeAuditCursor(Buffer.from(`0${position.at.getTime()}.${position.id}`).toString('base64url'))).toBeUndefined();
    expect(decodeAuditCursor(Buffer.from(`${position.at.getTime()}.${position.id}.`).toString('base64url'))).toBeUndefined();
    expect(decodeAuditCursor(Buffer.from(`99999999999999999.${position.id}`).toString('base64url'))).toBeUndefined();
  });
});
