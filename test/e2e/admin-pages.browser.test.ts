/**
 * The secretariat's holidays, audit log and people pages in a real browser (Debian's Chromium), signed in
 * through an emailed link's confirm page, on a 390 × 844 phone and at desktop width, over a real cycle
 * (its requests sent by the Worker fill the audit log): add a holiday (and be refused a duplicate in
 * place), filter the audit log by action, create an API token (shown once) and revoke it. The working group
 * reads the audit log. Every page: no sideways scrolling, no serious axe violation, a screenshot in
 * test-results/screenshots/ (`admin-<page>--<phone|desktop>.png`).
 */
import { DateTime } from 'luxon';
import type { Browser, Cookie, Page } from 'playwright-core';
import { issueSignInLink } from '../../api/auth/sign-in-links';
import type { Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { createUser } from '../support/page-client';
import { useHarness } from '../support/use-harness';

const browser = useBrowser();
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
const nextYear = DateTime.now().setZone('America/Mexico_City').year + 1;
/** A day of next year per width (a Tuesday in June, the desktop's a week later): no statutory rest day. */
const DAYS: Record<Viewport, string> = {
  phone: DateTime.fromObject({ year: nextYear, month: 6, day: 1 }).set({ weekday: 2 }).plus({ weeks: 1 }).toISODate()!,
  desktop: DateTime.fromObject({ year: nextYear, month: 6, day: 1 }).set({ weekday: 2 }).plus({ weeks: 2 }).toISODate()!,
};
const TOKEN = 'admin-pages-browser-token-0123456789';

/** A real cycle (its requests sent by the Worker fill the audit log) and the people who sign in. */
async function setup(h: Harness): Promise<void> {
  h.startWorker();
  const opened = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ year: Number(deadline.slice(0, 4)), deadline, institutions: ['SEMAR', 'SRE', 'INMUJERES'], openedBy: 'ana.secretariado@sre.gob.mx' }),
  });
  expect(opened.status).toBe(202);
  await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 3, timeoutMs: 90_000 });
  await createUser(h.prisma, { email: 'ana.secretariado@sre.gob.mx', name: 'Ana Secretariado', role: 'SECRETARIAT' });
  await createUser(h.prisma, { email: 'grupo.trabajo@inmujeres.gob.mx', name: 'Grupo de Trabajo', role: 'WORKING_GROUP' });
  await createUser(h.prisma, { email: 'luis.enlace@semar.gob.mx', name: 'Luis Enlace', role: 'WORKING_GROUP' });
}

const harness = useHarness({ secretariatToken: TOKEN }, setup);

const sessions = new Map<string, Cookie[]>();

/**
 * A page signed in as `email`: the first time through the confirm page of an emailed link (the button, as a
 * person would); later pages of the same person reuse that session's cookie (links are limited per hour).
 */
async function signedIn(b: Browser, viewport: Viewport, email: string): Promise<Page> {
  const page = await openPage(b, { viewport });
  const cookies = sessions.get(email);
  if (cookies) {
    await page.context().addCookies(cookies);
    return page;
  }
  const issued = await issueSignInLink(harness().prisma, { email, now: new Date() });
  await page.goto(`${harness().baseUrl}/sign-in/confirm?token=${issued!.token}`);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/dashboard/);
  sessions.set(email, await page.context().cookies());
  return page;
}

/** The checks every page passes, then its screenshot. */
async function look(page: Page, name: string, viewport: Viewport): Promise<void> {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${viewport})`);
  await screenshot(page, `admin-${name}`);
}

describe.each([Viewport.phone, Viewport.desktop])('at %s width', (viewport) => {
  it('adds a holiday, and is refused a duplicate in place', async () => {
    const page = await signedIn(browser(), viewport, 'ana.secretariado@sre.gob.mx');
    await page.goto(`${harness().baseUrl}/holidays?year=${nextYear}`);
    await page.getByLabel('Fecha', { exact: true }).fill(DAYS[viewport]);
    await page.getByLabel('Nombre en español').fill('Jueves Santo (oficinas cerradas)');
    await page.getByLabel('Nombre en inglés').fill('Holy Thursday (offices closed)');
    await page.getByRole('button', { name: 'Agregar día inhábil' }).click();
    await page.getByText('Se agregó el día inhábil.').waitFor();
    await page.getByText('Jueves Santo (oficinas cerradas)').first().waitFor();
    await look(page, 'holidays', viewport);

    await page.getByLabel('Fecha', { exact: true }).fill(DAYS[viewport]);
    await page.getByLabel('Nombre en español').fill('Otra vez');
    await page.getByRole('button', { name: 'Agregar día inhábil' }).click();
    await page.getByRole('heading', { name: 'Hay un problema' }).waitFor();
    await page.locator('#holiday-date-error').getByText(/ya es un día inhábil agregado/).waitFor();
    await look(page, 'holidays-error', viewport);
    await page.context().close();
  });

  it('filters the audit log by action', async () => {
    const page = await signedIn(browser(), viewport, 'ana.secretariado@sre.gob.mx');
    await page.goto(`${harness().baseUrl}/audit`);
    await page.getByRole('cell', { name: 'Correo enviado' }).first().waitFor();
    await look(page, 'audit', viewport);
    await page.getByLabel('Acción').selectOption('HOLIDAY_ADDED');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/action=HOLIDAY_ADDED/);
    await page.getByRole('cell', { name: 'Día inhábil agregado' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'Correo enviado' }).count()).toBe(0);
    await page.getByText('Datos completos (JSON)').first().click();
    await look(page, 'audit-filtered', viewport);
    await page.context().close();
  });

  it('creates an API token, shown once, and revokes it', async () => {
    const page = await signedIn(browser(), viewport, 'ana.secretariado@sre.gob.mx');
    await page.goto(`${harness().baseUrl}/people`);
    const name = `Respaldo nocturno (${viewport})`;
    await page.getByLabel('Nombre', { exact: true }).last().fill(name);
    await page.getByRole('button', { name: 'Crear token' }).click();
    const shown = page.getByLabel('Token nuevo');
    await shown.waitFor();
    expect(await shown.inputValue()).toMatch(/^nap1325_[A-Za-z0-9_-]{43}$/);
    await look(page, 'people-token', viewport);

    await page.getByRole('button', { name: `Revocar el token ${name}` }).click();
    await page.getByText('Se revocó el token: ya no sirve.').waitFor();
    expect(await page.getByLabel('Token nuevo').count()).toBe(0);
    await look(page, 'people', viewport);
    await page.context().close();
  });

  it('shows the working group the audit log and the holidays, without forms', async () => {
    const page = await signedIn(browser(), viewport, 'grupo.trabajo@inmujeres.gob.mx');
    await page.goto(`${harness().baseUrl}/holidays?year=${nextYear}`);
    await page.getByText('Solo el secretariado puede agregar o quitar días inhábiles.').waitFor();
    expect(await page.getByRole('button', { name: /Quitar/ }).count()).toBe(0);
    await look(page, 'holidays-working-group', viewport);
    await page.goto(`${harness().baseUrl}/audit?institution=SEMAR`);
    await page.getByRole('link', { name: /SEMAR · \d{4}/ }).first().waitFor();
    await look(page, 'audit-working-group', viewport);
    await page.context().close();
  });
});
