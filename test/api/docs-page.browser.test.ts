/**
 * /docs in a real browser: swagger-ui loads the document and shows the operations, with every script and
 * style served by our own origin from the @fastify/swagger-ui package (any other address is refused here,
 * as on a machine without internet), under the same Content-Security-Policy as every other page (no
 * violation, no script error). Screenshot `docs--desktop.png`.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/build-server';
import type { PrismaClient } from '../../prisma/client';
import { openPage, screenshot, useBrowser, Viewport } from '../support/browser';

const browser = useBrowser();
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  // /docs and /openapi.json touch neither the database nor Temporal.
  app = await buildServer({ prisma: {} as PrismaClient, temporal: {} as Client, taskQueue: 'unused', linkSigningSecret: 'x'.repeat(40) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(() => app?.close());

it("is served under the pages' CSP, plus the hash of swagger-ui's one inline style, on /docs only", async () => {
  const [docs, start, form] = await Promise.all([fetch(`${base}/docs`), fetch(`${base}/`), fetch(`${base}/sign-in`)]);
  expect(docs.status).toBe(200);
  const csp = (res: Response) => res.headers.get('content-security-policy')?.replace(/'nonce-[^']+'/g, "'nonce'");
  expect(csp(start)).toMatch(/script-src 'self' 'nonce';style-src 'self' 'nonce'$/);
  expect(csp(form)).toBe(csp(start));
  expect(csp(docs)).toBe(csp(start)!.replace("style-src 'self'", "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"));
});

it('shows the operations, from our origin only, without a CSP violation or a script error', async () => {
  const page = await openPage(browser(), { viewport: Viewport.desktop });
  const outside: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/docs`);
  await page.locator('.swagger-ui .info .title').getByText('nap1325').waitFor({ timeout: 30_000 });
  await page.getByText('/api/cycles/{year}/requests/{institution}/submissions/{version}').first().waitFor();
  await page.getByRole('button', { name: /Authorize/ }).waitFor();
  await screenshot(page, 'docs');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});
