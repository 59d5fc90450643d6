/**
 * The plan review's proposal page in a real browser (Debian's Chromium), from the link the SMTP server
 * received, on the Temporal dev server and PostgreSQL, in Spanish — on a 390 × 844 phone and at desktop
 * width: the form (one fieldset per item in charge, under its objective), a draft, the errors in place
 * naming the item, the final proposals. Every page: no sideways scrolling, axe-core finds no serious or
 * critical violation, a screenshot in test-results/screenshots/ (`review-<page>--<phone|desktop>.png`).
 */
import type { Page } from 'playwright-core';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { openReviewRound } from '../support/review-round';
import { useHarness } from '../support/use-harness';

const browser = useBrowser();
let links: Record<string, string> = {};
useHarness({}, async (h) => {
  h.startWorker();
  links = (await openReviewRound(h, { institutions: ['CECOPAM', 'UNWOMEN'] })).links;
});

async function look(page: Page, name: string): Promise<void> {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${page.viewportSize()?.width} px)`);
  await screenshot(page, `review-${name}`);
}

const why = 'Los informes anuales muestran avances constantes.';

// Each width answers for its own institution: the phone for CECOPAM, the desktop for UN Women.
describe.each([
  [Viewport.phone, 'CECOPAM', 'GOAL|3.g2'],
  [Viewport.desktop, 'UNWOMEN', 'GOAL|2.g1'],
] as const)('the proposal page at %s width (%s)', (viewport, code, goal) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser(), { viewport });
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('shows the items in charge under their objectives, with the current target in words', async () => {
    await page.goto(links[code]);
    await page.getByRole('heading', { level: 1, name: /Revisión del PNA-1325 \(versión 1\)/ }).waitFor();
    await page.getByText(/^Meta vigente — /).first().waitFor();
    await look(page, 'form');
  });

  it('saves a draft, then shows the errors in place, naming the item', async () => {
    await page.locator(`[name="a|${goal}"][value="MODIFY"]`).check();
    await page.locator(`[name="a|${goal}"]`).first().scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Guardar borrador' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.waitFor();
    await summary.getByRole('link', { name: new RegExp(`Meta ${goal.split('|')[1].replace('.', '\\.')} \\(proposals\\[0\\]\\) justificación: es obligatorio`) }).waitFor();
    await look(page, 'form-errors');

    await page.locator(`[name="j|${goal}"]`).fill(why);
    await page.locator(`[name="tes|${goal}"]`).fill('Redacción nueva de la meta.');
    await page.getByRole('button', { name: 'Guardar borrador' }).click();
    await page.getByText(/Borrador guardado \(versión 1\)/).waitFor();
  });

  it('submits the final proposals: keep for every other item, with a justification', async () => {
    for (const radio of await page.locator('input[type="radio"][value="KEEP"]').all()) {
      const name = (await radio.getAttribute('name'))!;
      if (name === `a|${goal}`) continue;
      await radio.check();
      await page.locator(`[name="j|${name.slice(2)}"]`).fill(why);
    }
    await page.getByRole('button', { name: 'Enviar propuestas' }).click();
    await page.getByText(/Propuestas recibidas \(versión 2\)/).waitFor();
    await look(page, 'correction-form');
    await page.getByRole('link', { name: 'Ver el acuse de recibo (para imprimir)' }).click();
    await page.getByRole('heading', { level: 1, name: /Acuse de recibo: revisión del PNA-1325 \(versión 1\), versión 2/ }).waitFor();
    await look(page, 'receipt');
  });
});
