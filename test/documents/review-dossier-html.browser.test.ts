/**
 * The dossier's HTML in a real browser, as the standalone file, served under the policy the annual
 * report's HTML is served with (api/report-file-reply): the inline stylesheet applies, nothing is refused;
 * it fits a 390 px phone, passes axe-core, and is photographed at both widths
 * (`review-dossier-<lang>--phone.png`, `--desktop.png` in test-results/screenshots).
 */
import { REPORT_HTML_CSP } from '../../api/report-file-reply';
import { renderDossierHtml } from '../../documents/review-dossier/render-dossier-html';
import { checkAccessibility, measureHorizontalOverflow, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { reviewDossierFixture } from '../support/review-dossier-fixture';

const browser = useBrowser();
const model = reviewDossierFixture();
const URL = 'https://nap1325.test/dossier.html';

for (const lang of ['es-MX', 'en'] as const) {
  it(`${lang}: applies its stylesheet under the CSP, fits a phone, passes axe, and is photographed`, async () => {
    const html = renderDossierHtml(model, lang);
    for (const viewport of [Viewport.phone, Viewport.desktop]) {
      const page = await openPage(browser(), { viewport });
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      await page.route(URL, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REPORT_HTML_CSP }, body: html }));
      await page.goto(URL, { waitUntil: 'load' });
      // The inline stylesheet applied: the title is the guinda of the stylesheet, not the browser's black.
      expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).color)).not.toBe('rgb(0, 0, 0)');
      const overflow = await measureHorizontalOverflow(page);
      expect({ scrollWidth: overflow.scrollWidth, widest: overflow.widest.slice(0, 3) }).toEqual({ scrollWidth: overflow.screenWidth, widest: [] });
      await checkAccessibility(page, `review dossier (${lang}, ${viewport})`);
      await screenshot(page, `review-dossier-${lang}`);
      expect(refused).toEqual([]);
      await page.context().close();
    }
  });
}
