/**
 * The schedules page on a real server (Temporal dev server, PostgreSQL): the secretariat reads the
 * schedules with their next runs in Mexico City time and the missing-adoption notice, pauses and resumes
 * with a note (refused in place without one), runs one now, and is refused in place for a year not yet
 * missed; the working group reads without forms and may not post.
 */
import { DEFAULT_SCHEDULE_CONFIG } from '../../domain/schedule-config';
import { ensureSchedules } from '../../worker/ensure-schedules';
import { errorSummaryOf, fieldErrorOf, PageClient, signedInClient, visibleText } from '../support/page-client';
import { useHarness } from '../support/use-harness';

const harness = useHarness({}, async (h) => {
  await h.prisma.plan.updateMany({ data: { adoptedOn: null } });
  await ensureSchedules({ client: h.env.client, prisma: h.prisma, taskQueue: h.taskQueue, config: DEFAULT_SCHEDULE_CONFIG });
});

describe('as the secretariat', () => {
  const client = () => new PageClient(harness().baseUrl);

  it('lists the yearly schedule with its next runs in Mexico City time, and says why there is no review schedule', async () => {
    const page = await client().get('/schedules');
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Calendarios automáticos');
    expect(text).toContain('Ciclo anual yearly-cycle');
    expect(text).toMatch(/Cada año el 2 de enero a las 09:00/);
    expect(text).toMatch(/Próximas ejecuciones \S+ 2 de enero de \d{4}, 09:00/);
    expect(text).toMatch(/No hay calendario de revisión para .* v1: falta su fecha de adopción/);
    expect(page.html).toContain('action="/schedules/yearly-cycle/pause"');
    expect(page.html).toContain('action="/schedules/yearly-cycle/trigger"');
    expect(page.html).toContain('aria-current="page"');
    const english = visibleText((await client().get('/schedules?lang=en')).html);
    expect(english).toMatch(/Every year on 2 January at 09:00/);
    expect(english).toMatch(/January \d{4}, 09:00/);
  });

  it('pauses with a note (303, shown, audited), refuses no note in place, resumes', async () => {
    const c = client();
    await c.get('/schedules');
    const empty = await c.post('/schedules/yearly-cycle/pause', { note: '' });
    expect(empty.status).toBe(400);
    expect(fieldErrorOf(empty.html, 'note-yearly-cycle')).toBeTruthy();
    expect(errorSummaryOf(empty.html)).toEqual([expect.stringMatching(/^Motivo/)]);

    const paused = await c.post('/schedules/yearly-cycle/pause', { note: 'Plan en revisión' });
    expect(paused.status).toBe(303);
    expect(paused.location).toBe('/schedules?notice=paused');
    const after = visibleText((await c.get(paused.location!)).html);
    expect(after).toContain('Se pausó el calendario.');
    expect(after).toContain('En pausa');
    expect(after).toContain('Plan en revisión');
    expect(await harness().prisma.auditEvent.count({ where: { action: 'SCHEDULE_PAUSED' } })).toBe(1);
    const resumed = await c.post('/schedules/yearly-cycle/resume', { note: 'Listo' });
    expect(resumed.location).toBe('/schedules?notice=resumed');
    expect((await harness().env.client.schedule.getHandle('yearly-cycle').describe()).state.paused).toBe(false);
  });

  it('refuses a backfill of a year not yet missed in place (400), and an unknown schedule with a page (404)', async () => {
    const c = client();
    await c.get('/schedules');
    const year = new Date().getUTCFullYear() + 1;
    const refused = await c.post('/schedules/yearly-cycle/backfill', { year: String(year) });
    expect(refused.status).toBe(400);
    expect(fieldErrorOf(refused.html, 'backfill-year')).toMatch(/todavía no se ha omitido/);
    expect((await c.post('/schedules/yearly-cycle/backfill', { year: 'dos mil' })).status).toBe(400);
    const unknown = await c.post('/schedules/nope/trigger', {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });
});

describe('as the working group', () => {
  it('reads the page without forms, and may not post', async () => {
    const h = harness();
    const c = await signedInClient({ baseUrl: h.baseUrl, prisma: h.prisma, email: 'grupo-calendarios@example.org', role: 'WORKING_GROUP' });
    const page = await c.get('/schedules');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('action="/schedules/yearly-cycle/pause"');
    expect(visibleText(page.html)).toContain('Solo el secretariado puede pausar');
    expect((await c.post('/schedules/yearly-cycle/pause', { note: 'x' })).status).toBe(403);
  });
});
