/**
 * The HTML report in a real browser, as the standalone file people download: it fits a 390 px phone
 * without sideways scrolling, passes axe-core, prints (a PDF from the print style), and is photographed
 * at 390 px and 1280 px (`annual-report-<lang>--phone.png`, `--desktop.png` in test-results/screenshots).
 */
import { renderReportHtml } from '../../documents/annual-report/render-report-html';
import { annualReportFixture } from '../support/annual-report-fixture';
import { checkAccessibility, measureHorizontalOverflow, openPage, screenshot, useBrowser, Viewport } from '../support/browser';

const browser = useBrowser();
const model = annualReportFixture();

for (const lang of ['es-MX', 'en'] as const) {
  it(`${lang}: fits a phone, passes axe, and is photographed at both widths`, async () => {
    const html = renderReportHtml(model, lang).toString('utf8');
    for (const viewport of [Viewport.phone, Viewport.desktop]) {
      const page = await openPage(browser(), { viewport });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      const overflow = await measureHorizontalOverflow(page);
      expect({ scrollWidth: overflow.scrollWidth, widest: overflow.widest.slice(0, 3) }).toEqual({ scrollWidth: overflow.screenWidth, widest: [] });
      await checkAccessibility(page, `annual report (${lang}, ${viewport})`);
      await screenshot(page, `annual-report-${lang}`);
      expect(dialogs).toEqual([]);
      await page.context().close();
    }
  });
}

it('prints: the print style gives a PDF of several pages', async () => {
  const page = await openPage(browser(), { viewport: Viewport.desktop });
  await page.setContent(renderReportHtml(model, 'es-MX').toString('utf8'), { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'Letter', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(3);
  await page.context().close();
});
