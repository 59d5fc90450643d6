/**
 * The development mail catcher's pages in a real browser, as a secretariat uses them to follow what the
 * service sent: the list and one message (headers, the .ics attachment, the text part, the HTML part in
 * a sandboxed frame), on a phone and a desktop. No sideways scrolling, no serious axe violation,
 * screenshots `mail-list--*.png`, `mail-message--*.png`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { buildServer } from '../../api/build-server';
import { quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { createDevServerEnv } from '../support/temporal';

const browser = useBrowser();
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
let env: TestWorkflowEnvironment;
let h: Harness;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env });
  h.startWorker();
  const res = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ year: Number(deadline.slice(0, 4)), deadline, institutions: ['SEMAR', 'SRE'] }),
  });
  expect(res.status).toBe(202);
  await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 2, timeoutMs: 60_000 });
  // The same API with the harness's SMTP server as its mail catcher (as `npm start` runs it).
  app = await buildServer({ prisma: h.prisma, temporal: env.client, taskQueue: h.taskQueue, linkSigningSecret: h.deps.config.linkSigningSecret, mailbox: h.smtp });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await h?.close();
  await env?.teardown();
});

describe.each([Viewport.phone, Viewport.desktop])('the mail catcher at %s width', (viewport) => {
  it('lists the messages, newest first, and shows one with its headers, attachment and both parts', async () => {
    const page = await openPage(browser(), { viewport });
    await page.goto(`${base}/mail`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(/solicitud de información a SEMAR/).first().waitFor();
    await expectNoHorizontalScroll(page);
    await checkAccessibility(page, `mail list (${viewport})`);
    await screenshot(page, 'mail-list');

    await page.getByRole('link', { name: /solicitud de información a SEMAR/ }).first().click();
    await page.getByText('fecha-limite.ics').first().waitFor();
    await page.getByText(/Message-ID/).first().waitFor();
    const frame = page.frameLocator('iframe');
    await frame.getByText(/Estimada persona enlace/).first().waitFor();
    await expectNoHorizontalScroll(page);
    await checkAccessibility(page, `mail message (${viewport})`);
    await screenshot(page, 'mail-message');
    await page.context().close();
  });
});
