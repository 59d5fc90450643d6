/**
 * The secretariat's plan review pages in a real browser (Debian's Chromium), signed in through an emailed
 * link's confirm page, on a 390 × 844 phone and at desktop width: /reviews, and a review whose round has
 * ended in skipped time (DECIDING: the round, the synthesis, SEMAR's and SRE's proposals with their decision
 * forms, the crosswalk preview, the publication form), then a refused decision and a refused crosswalk shown
 * in place. Every page: no sideways scrolling, no serious axe violation, a screenshot in
 * test-results/screenshots/ (`review-<page>--<phone|desktop>.png`, and the refused proposal's close-up).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { issueSignInLink } from '../../api/auth/sign-in-links';
import { decisionFieldId } from '../../ui/components/review/decision-form';
import { quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, SCREENSHOT_DIR, screenshot, useBrowser, Viewport } from '../support/browser';
import { createUser } from '../support/page-client';
import { http } from '../support/reporting-scenarios';
import { proposeAndEndRound, REVIEW_PAGE, reviewRequestLinks, terminateReview } from '../support/review-decisions-scenario';
import { createTimeSkippingEnv } from '../support/temporal';

const browser = useBrowser();
const EMAIL = 'ana.secretariado@inmujeres.gob.mx';
let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
  // Started and half-decided through the JSON API (the HTTP page test drives the forms), before anyone
  // is a user: the API is open until then.
  const started = await http(h.baseUrl, 'POST', '/api/reviews', { deadlineBusinessDays: 5 });
  if (started.status !== 202 && started.status !== 201) throw new Error(`POST /api/reviews answered ${started.status}: ${started.text}`);
  await proposeAndEndRound({ h, env, links: await reviewRequestLinks(h) });
  const decided = await http(h.baseUrl, 'POST', `/api${REVIEW_PAGE}/decisions`, { proposalKey: 'SEMAR/INDICATOR/5.c', decision: 'ACCEPTED' });
  if (decided.status !== 200) throw new Error(`The decision answered ${decided.status}: ${decided.text}`);
  await createUser(h.prisma, { email: EMAIL, name: 'Ana Secretariado', role: 'SECRETARIAT' });
}, 300_000);

afterAll(async () => {
  if (h) await terminateReview(h);
  await h?.close();
  await env?.teardown();
});

async function signedIn(viewport: Viewport): Promise<Page> {
  const page = await openPage(browser(), { viewport });
  const issued = await issueSignInLink(h.prisma, { email: EMAIL, now: new Date() });
  await page.goto(`${h.baseUrl}/sign-in/confirm?token=${issued!.token}`);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/dashboard/);
  return page;
}

async function look(page: Page, name: string, viewport: Viewport): Promise<void> {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${viewport})`);
  await screenshot(page, `review-${name}`);
}

/** A close-up of one part of the page (the full page of a review is too long to read at once). */
async function closeUp(page: Page, selector: string, name: string, viewport: Viewport): Promise<void> {
  await page.locator(selector).screenshot({ path: path.join(SCREENSHOT_DIR, `review-${name}--${viewport}.png`), animations: 'disabled', caret: 'hide' });
}

describe.each([Viewport.phone, Viewport.desktop])('at %s width', (viewport) => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(viewport);
  }, 60_000);
  afterAll(async () => {
    await page?.context().close();
  });

  it('/reviews lists the review with its phase and round, and opens it', async () => {
    await page.goto(`${h.baseUrl}/reviews`);
    await page.getByRole('heading', { level: 1, name: 'Revisión del plan' }).waitFor();
    await page.getByText('En decisión').waitFor();
    await look(page, 'list', viewport);
    await page.getByRole('link', { name: 'MX-NAP-1325 v1' }).click();
    await page.waitForURL(new RegExp(`${REVIEW_PAGE}$`));
  });

  it('the review in decision: round, synthesis, proposals with their forms, crosswalk and publication', async () => {
    await page.getByRole('heading', { level: 1, name: 'Revisión del plan: MX-NAP-1325 v1' }).waitFor();
    await page.getByRole('heading', { name: 'Propuestas y decisiones' }).waitFor();
    await page.getByRole('button', { name: 'Publicar la versión' }).waitFor();
    expect(await page.locator('form.decision').count()).toBeGreaterThan(10);
    await look(page, 'deciding', viewport);
    await closeUp(page, 'section[aria-labelledby="round-title"]', 'deciding-round', viewport);
    await closeUp(page, 'section[aria-labelledby="synthesis-title"]', 'deciding-synthesis', viewport);
    await closeUp(page, 'article.proposal-item:has(#p-SEMAR-GOAL-5-g2)', 'deciding-goal', viewport);
    await closeUp(page, 'section[aria-labelledby="crosswalk-title"]', 'deciding-crosswalk', viewport);
  });

  it('a refused decision comes back in place, beside its proposal and in the summary', async () => {
    const proposal = page.locator('#p-SRE-INDICATOR-5-c');
    await proposal.locator('select[name="decision"]').selectOption('ACCEPTED');
    await proposal.getByRole('button', { name: 'Guardar la decisión' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: /^Indicador 5\.c se retira \(propuesta aceptada de SEMAR\)/ }).waitFor();
    await page.locator(`#${decisionFieldId('SRE/INDICATOR/5.c', 'decision')}-error`).waitFor();
    await look(page, 'decision-refused', viewport);
    await closeUp(page, 'article.proposal-item:has(#p-SRE-INDICATOR-5-c)', 'decision-refused-item', viewport);
  });

  it('a crosswalk that is not JSON is refused in place', async () => {
    await page.locator('#publish-crosswalk').fill('[{"kind": "INDICATOR", "change": "SPLIT", "from": ["6.b"], "to": ["6.b", "6.c"]');
    await page.getByRole('button', { name: 'Publicar la versión' }).click();
    await page.locator('#publish-crosswalk-error').filter({ hasText: 'no es JSON válido' }).waitFor();
    await look(page, 'publish-refused', viewport);
    await closeUp(page, 'section[aria-labelledby="publish-title"]', 'publish-refused-form', viewport);
  });
});
