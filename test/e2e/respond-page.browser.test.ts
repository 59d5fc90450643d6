/**
 * The agency contact's whole journey in a real browser (Debian's Chromium), from the links the SMTP server
 * received, on the Temporal dev server and PostgreSQL — once on a 390 × 844 phone and once at desktop
 * width, each on a cycle of its own (the desktop's, a year later, shows last year's values beside each
 * field):
 *
 * - SEDENA: a draft → the final report with a breakdown error (women + men above the total), shown at the
 *   top and in place → fixed → the receipt → a correction, first without its reason (error in place), then
 *   with it;
 * - SEMAR: an extension request from the page → shown pending → decided by the secretariat → shown;
 * - CECOPAM: exempted by the secretariat → read only, with the reason, nothing to submit;
 * - SRE: an expired link → a page that explains it → "send me a new link" → the new email arrives.
 *
 * Every page: no sideways scrolling, axe-core finds no serious or critical violation, a screenshot in
 * test-results/screenshots/ (`respond-<page>--<phone|desktop>.png`).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { createBusinessCalendar, DEFAULT_ZONE } from '../../domain/business-calendar';
import { signLinkToken } from '../../domain/signed-link';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { linkIn } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

const browser = useBrowser();
const calendar = createBusinessCalendar({ zone: DEFAULT_ZONE });
const deadline = calendar.addBusinessDays(DateTime.now().setZone(DEFAULT_ZONE).toISODate()!, 20);
const CODES = ['SEDENA', 'SEMAR', 'CECOPAM', 'SRE'];
/** One cycle per width: the deadline's year for desktop, the year before for the phone. */
const YEARS: Record<Viewport, number> = { desktop: Number(deadline.slice(0, 4)), phone: Number(deadline.slice(0, 4)) - 1 };

let env: TestWorkflowEnvironment;
let h: Harness;
const links: Record<string, string> = {};

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env });
  h.startWorker();
  for (const year of Object.values(YEARS)) {
    const res = await api('POST', '/api/cycles', { year, deadline, institutions: CODES });
    expect(res.status).toBe(202);
  }
  const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: CODES.length * 2, timeoutMs: 90_000 });
  for (const m of emails) {
    const [, year, code] = /^PNA-1325 (\d{4}): solicitud de información a (\S+) /.exec(m.parsed.subject ?? '')!;
    links[`${year}/${code}`] = linkIn(m.parsed.text);
  }
}, 240_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** Every page of the journey: it fits the screen, axe finds nothing serious, and a picture is kept. */
async function look(page: Page, name: string): Promise<void> {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${page.viewportSize()?.width} px)`);
  await screenshot(page, `respond-${name}`);
}

/** Fills every value input of the form: counts 3 (or `sex` for Total / Women / Men), yes, a sentence. */
async function fillAll(page: Page, sex = { total: '10', women: '6', men: '4' }): Promise<void> {
  for (const input of await page.locator('input[name^="v|"], textarea[name^="v|"]').all()) {
    const name = (await input.getAttribute('name'))!;
    const breakdown = name.split('|')[2];
    if ((await input.evaluate((e) => e.tagName)) === 'TEXTAREA') await input.fill('Se realizaron dos campañas.');
    else await input.fill(breakdown === 'WOMEN' ? sex.women : breakdown === 'MEN' ? sex.men : breakdown === 'TOTAL' && (await page.locator(`[name="${name.replace('TOTAL', 'WOMEN')}"]`).count()) ? sex.total : '3');
  }
  for (const select of await page.locator('select[name^="v|"]').all()) await select.selectOption('true');
}

// The phone's cycle (the year before) runs first: the desktop's form then shows SEDENA's report of it.
describe.each([Viewport.phone, Viewport.desktop])('the contact journey at %s width', (viewport) => {
  const year = YEARS[viewport];
  const link = (code: string) => links[`${year}/${code}`];
  let page: Page;

  beforeAll(async () => {
    page = await openPage(browser(), { viewport });
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('SEDENA: a draft, then the final report with a breakdown error shown in place, fixed', async () => {
    const response = await page.goto(link('SEDENA'));
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    await page.getByRole('heading', { level: 1, name: /Informe PNA-1325 \d{4}: Secretaría de la Defensa Nacional/ }).waitFor();
    if (viewport === Viewport.desktop) {
      // Last year's report (the phone's cycle, corrected to 4) beside each field.
      await page.getByText(`Informado en ${YEARS.phone}: 4`).first().waitFor();
      await page.getByText(`Informado en ${YEARS.phone}: Total 10 · Mujeres 8 · Hombres 2`).first().waitFor();
    }
    await look(page, 'form');

    await page.locator('[name="v|1.a|TOTAL"]').fill('2');
    await page.getByRole('button', { name: 'Guardar borrador' }).click();
    await page.getByText(/Borrador guardado \(versión 1\)/).waitFor();
    expect(await page.locator('[name="v|1.a|TOTAL"]').inputValue()).toBe('2');

    await fillAll(page, { total: '10', women: '8', men: '5' });
    // The live sum says it before the server does (the page's one script).
    await page.getByText('La suma de mujeres y hombres supera el total.').first().waitFor();
    await page.getByRole('button', { name: 'Enviar informe final' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.waitFor();
    const problem = summary.getByRole('link', { name: /mujeres \(8\) \+ hombres \(5\) superan el total \(10\)/ }).first();
    expect(await problem.getAttribute('href')).toBe('#v-8-a-TOTAL');
    expect(await page.locator('#v-8-a-TOTAL-error').textContent()).toMatch(/superan el total/);
    expect(await page.locator('[name="v|8.a|MEN"]').inputValue()).toBe('5'); // what was sent is kept
    await look(page, 'form-errors');

    await page.locator('[name="v|8.a|MEN"]').fill('2');
    await page.locator('[name="v|9.a|MEN"]').fill('2');
    await page.getByRole('button', { name: 'Enviar informe final' }).click();
    await page.getByText(/Informe recibido \(versión 2\)/).waitFor();
    await look(page, 'correction-form');
  });

  it('SEDENA: the receipt lists the values as received; a correction needs its reason, shown in place', async () => {
    await page.getByRole('link', { name: 'Ver el acuse de recibo (para imprimir)' }).click();
    await page.getByRole('heading', { level: 1, name: /Acuse de recibo PNA-1325 \d{4}, versión 2/ }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /8\.a .* Total 10 Mujeres 8 Hombres 2/ }).waitFor();
    await table.getByRole('row', { name: /1\.a .* 3/ }).waitFor();
    await look(page, 'receipt');

    await page.getByRole('link', { name: 'Volver al formulario' }).click();
    await page.getByText(/Puede corregirlo hasta el/).waitFor();
    await page.locator('[name="v|1.a|TOTAL"]').fill('4');
    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await page.locator('#reason-error').getByText(/necesita un motivo/).waitFor();
    expect(await page.locator('[name="v|1.a|TOTAL"]').inputValue()).toBe('4');
    await page.locator('#reason').fill('Se duplicó un curso en la cifra anterior.');
    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await page.getByText(/Corrección recibida \(versión 3\)/).waitFor();
    const row = await h.prisma.submission.findFirstOrThrow({ where: { dataRequest: { workflowId: `request/${year}/SEDENA` } }, orderBy: { version: 'desc' } });
    expect({ version: row.version, kind: row.kind, reason: row.reason }).toEqual({ version: 3, kind: 'CORRECTION', reason: 'Se duplicó un curso en la cifra anterior.' });
  });

  it('SEMAR: an extension asked for from the page is shown pending, then decided', async () => {
    await page.goto(link('SEMAR'));
    const asked = calendar.addBusinessDays(deadline, 5);
    await page.getByRole('button', { name: 'Solicitar prórroga' }).click();
    await page.locator('#extension-deadline-error').waitFor(); // nothing filled in: errors in place
    await page.locator('#extension-deadline').fill(asked);
    await page.locator('#extension-reason').fill('Cierre del ejercicio fiscal.');
    await page.getByRole('button', { name: 'Solicitar prórroga' }).click();
    await page.getByText('Solicitud de prórroga enviada al secretariado.').waitFor();
    await page.getByText(`Solicitó una prórroga al ${asked}; espera la decisión del secretariado.`).waitFor();
    expect(await page.getByRole('button', { name: 'Solicitar prórroga' }).count()).toBe(0);
    await look(page, 'extension-pending');

    expect((await api('POST', `/api/cycles/${year}/requests/SEMAR/extension-decision`, { approve: true })).status).toBe(200);
    await page.reload();
    await page.getByText(/El secretariado aprobó la prórroga: la nueva fecha límite es el/).waitFor();
  });

  it('CECOPAM: once exempted, the page is read only, with the reason and nothing to submit', async () => {
    expect((await api('POST', `/api/cycles/${year}/requests/CECOPAM/exempt`, { reason: 'Sin actividades en el periodo.' })).status).toBe(200);
    await eventually(async () => ((await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/CECOPAM` } })).status === 'EXEMPTED' ? true : undefined));
    await page.goto(link('CECOPAM'));
    await page.getByText('La institución quedó exenta de este ciclo: no necesita enviar información.').waitFor();
    await page.getByText('Motivo: Sin actividades en el periodo.').waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    await look(page, 'read-only');
  });

  it('SRE: an expired link explains itself and sends a new one, which arrives', async () => {
    const row = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/SRE` } });
    const expired = signLinkToken({
      claims: { r: row.id, y: year, i: 'SRE', c: 'enlace.sre@example.gob.mx', e: Math.floor(Date.now() / 1000) - 60 },
      secret: h.deps.config.linkSigningSecret,
    });
    const response = await page.goto(`${h.baseUrl}/respond/${year}/SRE?token=${expired}`);
    expect(response?.status()).toBe(401);
    await page.getByRole('heading', { level: 1, name: 'Enlace no válido' }).waitFor();
    await page.getByText(/El enlace venció el/).waitFor();
    await look(page, 'link-expired');

    const before = h.smtp.messages.length;
    await page.getByRole('button', { name: 'Enviarme un enlace nuevo' }).click();
    await page.getByText(/recibirán un enlace nuevo por correo/).waitFor();
    expect(await page.content()).not.toContain('enlace.sre@example.gob.mx'); // no address revealed
    await look(page, 'link-sent');
    const [fresh] = await h.smtp.waitFor((m) => h.smtp.messages.indexOf(m) >= before && (m.parsed.subject ?? '').includes(`PNA-1325 ${year}`) && (m.parsed.subject ?? '').includes('SRE'));
    await page.goto(linkIn(fresh.parsed.text));
    await page.getByRole('button', { name: 'Enviar informe final' }).waitFor();
  });
});

describe('the start page', () => {
  it('says what the service is, in Spanish with an English switch, on a phone', async () => {
    const page = await openPage(browser(), { viewport: Viewport.phone });
    await page.goto(`${h.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Seguimiento del PNA-1325' }).waitFor();
    await look(page, 'start');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'NAP-1325 monitoring' }).waitFor();
    await page.context().close();
  });
});
