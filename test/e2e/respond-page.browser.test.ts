/**
 * The contact form in a real browser (Debian's Chromium), reached as a contact reaches it: a
 * one-institution cycle is opened through the API on the Temporal dev server, and the link is taken from
 * the email the SMTP server received. Phone (390 px) and desktop (1280 px); screenshots go to
 * test-results/screenshots/ (respond-form--phone.png, respond-form--phone-screen.png,
 * respond-form--desktop.png).
 *
 * Today's form predates the page rules (STYLE.md, "Pages and email bodies"): it has no viewport meta and
 * fixed-width fields, and its single-value fields have no label. The assertions marked KNOWN GAP pin that
 * state exactly, so the rebuild of the page makes them fail: then replace each with the STRICT line
 * beside it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { quietRuntime, startHarness, type Harness } from '../support/app-harness';
import {
  blockingViolations,
  expectNoHorizontalScroll,
  measureHorizontalOverflow,
  openPage,
  runAxe,
  screenshot,
  useBrowser,
  Viewport,
} from '../support/browser';
import { createDevServerEnv } from '../support/temporal';

const browser = useBrowser();

let env: TestWorkflowEnvironment;
let h: Harness;
let link: string;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
/** The cycle reports on the deadline's year (the cycle-year rule). */
const year = Number(deadline.slice(0, 4));

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env });
  h.startWorker();
  const res = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ year, deadline, institutions: ['SEDENA'] }),
  });
  expect(res.status).toBe(202);
  const [email] = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { timeoutMs: 60_000 });
  const match = /https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/.exec(email.parsed.text ?? '');
  if (!match) throw new Error(`no response link in:\n${email.parsed.text}`);
  link = match[0];
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function openForm(viewport: Viewport): Promise<Page> {
  const page = await openPage(browser(), { viewport });
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByRole('heading', { level: 1, name: /SEDENA/ }).waitFor();
  expect(await page.getByRole('button', { name: 'Enviar informe final' }).isVisible()).toBe(true);
  return page;
}

/** `id` of each serious or critical axe violation, sorted. */
async function blockingRuleIds(page: Page): Promise<string[]> {
  return blockingViolations(await runAxe(page))
    .map((v) => v.id)
    .sort();
}

describe('the contact form behind the emailed link, in Chromium', () => {
  it('on a 390 px phone', async () => {
    const page = await openForm(Viewport.phone);
    await screenshot(page, 'respond-form');

    // KNOWN GAP: without a viewport meta the phone lays the form out 980 px wide and shows it at 40 %.
    // STRICT: await expectNoHorizontalScroll(page);
    expect(await measureHorizontalOverflow(page)).toMatchObject({ screenWidth: 390, innerWidth: 980, scrollWidth: 980 });

    // KNOWN GAP: the single-value fields (a number without "Total" beside it) have no label.
    // STRICT: await checkAccessibility(page, 'respond form (phone)');
    expect(await blockingRuleIds(page)).toEqual(['label']);
  });

  it('on a 1280 px desktop', async () => {
    const page = await openForm(Viewport.desktop);
    await screenshot(page, 'respond-form');
    await expectNoHorizontalScroll(page);

    // KNOWN GAP, as on the phone. STRICT: await checkAccessibility(page, 'respond form (desktop)');
    expect(await blockingRuleIds(page)).toEqual(['label']);
  });
});
