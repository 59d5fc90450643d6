/**
 * The annual report's page on a real server (PostgreSQL, Temporal, SMTP), as a browser without script
 * uses it: the secretariat compiles a version from the seeded year (303 back with a notice), downloads its
 * files, compiles again with nothing changed, publishes it (the working group's members emailed once each);
 * the working group reads and downloads but has no buttons and may not post; a credential that is not valid
 * gets no file; a bad file name is refused in place, in Spanish.
 */
import { signedInClient, PageClient, visibleText } from '../support/page-client';
import { seedReportYear } from '../support/report-scenario';
import { useHarness } from '../support/use-harness';

const YEAR = 2031;
const harness = useHarness({}, async (h) => {
  await seedReportYear(h.prisma, { year: YEAR });
  h.startWorker();
});

describe('as the secretariat', () => {
  const client = () => new PageClient(harness().baseUrl);

  it('shows the report page with no version yet, and the compile button', async () => {
    const page = await client().get(`/dashboard/${YEAR}/report`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain(`Informe anual ${YEAR}`);
    expect(text).toContain('Aún no hay versiones del informe de este ciclo.');
    expect(page.html).toContain(`action="/dashboard/${YEAR}/report/compile"`);
    expect(visibleText((await client().get(`/dashboard/${YEAR}`)).html)).toContain(`Informe anual ${YEAR} →`);
  });

  it('compiles version 1 (303 with a notice), lists it with its downloads in both languages', async () => {
    const c = client();
    await c.get(`/dashboard/${YEAR}/report`);
    const compiled = await c.post(`/dashboard/${YEAR}/report/compile`, {});
    expect(compiled.status).toBe(303);
    expect(compiled.location).toBe(`/dashboard/${YEAR}/report?notice=compiled`);
    const page = await c.get(compiled.location!);
    const text = visibleText(page.html);
    expect(text).toContain('Se compiló una versión nueva del informe.');
    expect(text).toContain('v1');
    expect(text).toContain('borrador');
    expect(text).not.toContain('desactualizada');
    for (const format of ['json', 'html', 'pdf', 'xlsx', 'csv']) {
      for (const lang of ['es-MX', 'en']) expect(page.html).toContain(`href="/reports/${YEAR}/1.${format}?lang=${lang}"`);
    }
    const pdf = await fetch(`${harness().baseUrl}/reports/${YEAR}/1.pdf?lang=en`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await fetch(`${harness().baseUrl}/reports/${YEAR}/1.xlsx`);
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="pna-1325-informe-anual-${YEAR}-v1-es-MX.xlsx"`);
  });

  it('compiling again with nothing changed makes no new version', async () => {
    const c = client();
    await c.get(`/dashboard/${YEAR}/report`);
    const again = await c.post(`/dashboard/${YEAR}/report/compile`, {});
    expect(again.location).toBe(`/dashboard/${YEAR}/report?notice=unchanged`);
    expect(await harness().prisma.reportVersion.count()).toBe(1);
  });

  it('publishes version 1 to the working group: each member emailed once, the page says published', async () => {
    const c = client();
    const before = await c.get(`/dashboard/${YEAR}/report`);
    expect(before.html).toContain(`action="/dashboard/${YEAR}/report/versions/1/publish"`);
    const published = await c.post(`/dashboard/${YEAR}/report/versions/1/publish`, {});
    expect(published.location).toBe(`/dashboard/${YEAR}/report?notice=published`);
    const page = await c.get(published.location!);
    expect(visibleText(page.html)).toContain('La versión quedó publicada y se envió al Grupo de Trabajo.');
    expect(visibleText(page.html)).toContain('publicada el');
    expect(page.html).not.toContain(`action="/dashboard/${YEAR}/report/versions/1/publish"`);
    const members = await harness().prisma.contact.count({ where: { role: 'WORKING_GROUP', active: true } });
    const sent = harness().smtp.messages.filter((m) => /informe anual 2031 publicado|2031 annual report published/.test(m.parsed.subject ?? ''));
    expect(sent).toHaveLength(members);
  });

  it('refuses in place, in Spanish: publishing it again, a version that does not exist, a file of an unknown format', async () => {
    const c = client();
    await c.get(`/dashboard/${YEAR}/report`);
    const again = await c.post(`/dashboard/${YEAR}/report/versions/1/publish`, {});
    expect(again.status).toBe(409);
    expect(visibleText(again.html)).toContain('La versión 1 del informe 2031 ya está publicada.');
    const missing = await c.post(`/dashboard/${YEAR}/report/versions/4/publish`, {});
    expect(missing.status).toBe(404);
    expect(visibleText(missing.html)).toContain('El informe 2031 no tiene versión 4.');
    const docx = await c.get(`/reports/${YEAR}/1.docx`);
    expect(docx.status).toBe(400);
    expect(visibleText(docx.html)).toContain('format: no es un valor válido');
  });
});

describe('as the working group', () => {
  it('reads and downloads, without buttons; may not compile or publish', async () => {
    const c = await signedInClient({ baseUrl: harness().baseUrl, prisma: harness().prisma, email: 'gt-informe@inmujeres.gob.mx', role: 'WORKING_GROUP' });
    const page = await c.get(`/dashboard/${YEAR}/report`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('/report/compile');
    expect(page.html).not.toContain('/publish');
    expect(page.html).toContain(`href="/reports/${YEAR}/1.pdf?lang=es-MX"`);
    expect((await c.get(`/reports/${YEAR}/1.html?lang=es-MX`)).status).toBe(200);
    expect((await c.post(`/dashboard/${YEAR}/report/compile`, {})).status).toBe(403);
  });

  it('a credential that is not valid gets no file (a page saying so)', async () => {
    const stranger = await fetch(`${harness().baseUrl}/reports/${YEAR}/1.pdf`, { redirect: 'manual', headers: { authorization: 'Bearer nope' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
