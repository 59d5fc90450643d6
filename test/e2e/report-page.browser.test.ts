/**
 * The annual report's page in a real browser (Debian's Chromium), signed in through an emailed link's
 * confirm page, on a 390 × 844 phone and at desktop width, over the seeded year: the secretariat compiles a
 * version with the button and publishes it; the working group reads the versions and opens the HTML report.
 * Every page: no sideways scrolling, no serious axe violation, a screenshot in test-results/screenshots/
 * (`report-<page>--<phone|desktop>.png`).
 */
import type { Browser, Page } from 'playwright-core';
import { issueSignInLink } from '../../api/auth/sign-in-links';
import type { Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { createUser } from '../support/page-client';
import { seedReportYear } from '../support/report-scenario';
import { useHarness } from '../support/use-harness';

const browser = useBrowser();
const TOKEN = 'report-page-browser-token-0123456789';
const YEARS: Record<Viewport, number> = { phone: 2031, desktop: 2032 };

async function setup(h: Harness): Promise<void> {
  h.startWorker();
  for (const year of Object.values(YEARS)) await seedReportYear(h.prisma, { year });
  await createUser(h.prisma, { email: 'ana.secretariado@sre.gob.mx', name: 'Ana Secretariado', role: 'SECRETARIAT' });
  await createUser(h.prisma, { email: 'grupo.trabajo@inmujeres.gob.mx', name: 'Grupo de Trabajo', role: 'WORKING_GROUP' });
}

const harness = useHarness({ secretariatToken: TOKEN }, setup);

async function signedIn(b: Browser, viewport: Viewport, email: string): Promise<Page> {
  const page = await openPage(b, { viewport });
  const issued = await issueSignInLink(harness().prisma, { email, now: new Date() });
  await page.goto(`${harness().baseUrl}/sign-in/confirm?token=${issued!.token}`);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/dashboard/);
  return page;
}

async function look(page: Page, name: string, viewport: Viewport): Promise<void> {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${viewport})`);
  await screenshot(page, `report-${name}`);
}

/** The compile and publish forms wait for their workflow (up to 40 s) before the page answers. */
const SLOW_FORM_MS = 60_000;

describe.each([Viewport.phone, Viewport.desktop])('at %s width', (viewport) => {
  const year = YEARS[viewport];

  it('the secretariat compiles a version with the button, then publishes it', async () => {
    const page = await signedIn(browser(), viewport, 'ana.secretariado@sre.gob.mx');
    await page.goto(`${harness().baseUrl}/dashboard/${year}/report`);
    await page.getByText('Aún no hay versiones del informe de este ciclo.').waitFor();
    // The form answers once the version is compiled (at most 40 s, then "still compiling"): on a loaded
    // 2-core machine that is longer than Playwright's default 30 s for the click's navigation.
    await page.getByRole('button', { name: 'Compilar una versión nueva' }).click({ timeout: SLOW_FORM_MS });
    await page.getByText('Se compiló una versión nueva del informe.').waitFor({ timeout: SLOW_FORM_MS });
    await look(page, 'versions-draft', viewport);
    await page.getByRole('button', { name: 'Publicar al Grupo de Trabajo la versión 1' }).click({ timeout: SLOW_FORM_MS });
    await page.getByText('La versión quedó publicada y se envió al Grupo de Trabajo.').waitFor({ timeout: SLOW_FORM_MS });
    await look(page, 'versions-published', viewport);
    await page.context().close();
  });

  it('the working group reads the versions and opens the HTML report in Spanish', async () => {
    const page = await signedIn(browser(), viewport, 'grupo.trabajo@inmujeres.gob.mx');
    await page.goto(`${harness().baseUrl}/dashboard/${year}/report`);
    await page.getByText('publicada').first().waitFor();
    expect(await page.getByRole('button', { name: 'Compilar una versión nueva' }).count()).toBe(0);
    await page.getByRole('link', { name: 'HTML' }).first().click();
    await page.waitForURL(new RegExp(`/reports/${year}/1\\.html\\?lang=es-MX$`));
    await page.getByRole('heading', { name: `Informe anual ${year} del PNA-1325` }).first().waitFor();
    await look(page, 'html', viewport);
    await page.context().close();
  });
});
