/**
 * The secretariat's journey in a real browser, on a phone and on a desktop: sign in from the emailed link
 * (the confirm button), the cycle's dashboard, filter the pending extensions, approve one from the
 * request page, see the new deadline on the contact's own page, read a report's versions and what changed
 * between them. Every page: no sideways scrolling, no serious axe violation, screenshots
 * `secretariat-*--{phone,desktop}.png`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { buildServer } from '../../api/build-server';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { formatDeadline } from '../../domain/deadline-text';
import { requestExtensionUpdate } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { answers, formIndicators, isMailOf, linkIn, openCycle, submitViaLink, terminateCycle } from '../support/reporting-scenarios';
import { createUser } from '../support/page-client';
import { createDevServerEnv } from '../support/temporal';

const browser = useBrowser();
const calendar = createBusinessCalendar({ zone: 'America/Mexico_City' });
const today = DateTime.now().setZone('America/Mexico_City');
const deadline = calendar.businessDayOnOrAfter(today.plus({ days: 40 }).toISODate()!);
const later = calendar.businessDayOnOrAfter(today.plus({ days: 60 }).toISODate()!);
const year = Number(deadline.slice(0, 4));
const SECRETARIAT = 'secretariado@example.gob.mx';
/** The institution whose extension each viewport approves. */
const ASKING = { [Viewport.phone]: 'SEMAR', [Viewport.desktop]: 'SEDENA' } as const;

let env: TestWorkflowEnvironment;
let h: Harness;
let app: FastifyInstance;
let base: string;

/** A free local port, so the server knows its own address (the sign-in links) before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: 'bootstrap-token' });
  h.startWorker();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // As npm start wires it: credentials required, sign-in emails through the same SMTP server.
  app = await buildServer({
    prisma: h.prisma,
    temporal: env.client,
    taskQueue: h.taskQueue,
    linkSigningSecret: h.deps.config.linkSigningSecret,
    secretariatToken: 'bootstrap-token',
    publicBaseUrl: base,
    mailbox: h.smtp,
    sendEmail: async ({ to, subject, text, html }) => {
      await h.mailer.send({ to: [to], subject, text, html, messageId: `<${randomBytes(8).toString('hex')}@nap1325.test>` });
    },
  });
  await app.listen({ host: '127.0.0.1', port });
  await createUser(h.prisma, { email: SECRETARIAT, name: 'Secretariado técnico', role: 'SECRETARIAT' });
  const opened = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bootstrap-token' },
    body: JSON.stringify({ year, deadline, institutions: ['SEMAR', 'SEDENA', 'SRE'] }),
  });
  expect(opened.status).toBe(202);
  await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 3, timeoutMs: 60_000 });
  for (const code of Object.values(ASKING)) {
    await env.client.workflow.getHandle(`request/${year}/${code}`).executeUpdate(requestExtensionUpdate, { args: [{ deadline: later, reason: 'Cierre del trimestre.', requestedBy: `enlace@${code.toLowerCase()}.gob.mx` }] });
  }
  // SRE reports, then corrects one figure: two versions to compare.
  const link = linkIn(h.smtp.messages.find(isMailOf({ year, code: 'SRE' }))?.parsed.text);
  const values = answers(await formIndicators(link));
  await submitViaLink(link, { values, final: true });
  const changed = values.map((v, i) => (i === 0 && typeof v.value === 'number' ? { ...v, value: v.value + 2 } : v));
  const corrected = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ values: changed, final: true, reason: 'Se corrigió el total de cursos.' }) });
  expect(corrected.status).toBeLessThan(300);
}, 240_000);

afterAll(async () => {
  await terminateCycle(env.client, h.prisma, year).catch(() => undefined);
  await app?.close();
  await h?.close();
  await env?.teardown();
});

const isSignIn = (m: { parsed: { subject?: string } }) => /su enlace para entrar/.test(m.parsed.subject ?? '');

/** Asks for a sign-in link on the sign-in page and returns the one the SMTP server receives. */
async function askForLink(page: Page): Promise<string> {
  await page.getByLabel('Correo electrónico').fill(SECRETARIAT);
  const before = h.smtp.messages.filter(isSignIn).length;
  await page.getByRole('button', { name: 'Enviarme un enlace para entrar' }).click();
  await page.getByText('le enviamos un enlace para entrar').waitFor();
  const emails = await h.smtp.waitFor(isSignIn, { count: before + 1, timeoutMs: 30_000 });
  const link = /https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(emails[before].parsed.text ?? '')?.[0];
  if (!link) throw new Error('the sign-in email has no link');
  return link;
}

/** Every page of the journey is checked the same way. */
async function look(page: Page, name: string) {
  await expectNoHorizontalScroll(page);
  expect(await checkAccessibility(page, name)).toEqual([]);
  await screenshot(page, name);
}

describe.each([Viewport.phone, Viewport.desktop])('the secretariat at %s width', (viewport) => {
  it('signs in from the emailed link, approves an extension (the contact sees the new deadline), reads a report’s versions and their differences', async () => {
    const code = ASKING[viewport];
    const page = await openPage(browser(), { viewport });
    await page.goto(`${base}/dashboard/${year}`);
    // Nobody signed in: the sign-in page, which comes back here afterwards.
    await page.goto(await askForLink(page));
    await look(page, `secretariat-sign-in-confirm--${viewport}`);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${base}/dashboard/${year}`);
    await page.getByRole('heading', { level: 1, name: `Ciclo ${year}` }).waitFor();
    await look(page, `secretariat-dashboard--${viewport}`);

    await page.getByLabel('Estado', { exact: true }).selectOption('EXTENSION_PENDING');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await page.waitForURL(/status=EXTENSION_PENDING/);
    await page.getByRole('link', { name: code, exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('Cierre del trimestre.').count()).toBeGreaterThan(0);
    await look(page, `secretariat-request--${viewport}`);
    await page.getByRole('button', { name: 'Registrar la decisión' }).click();
    await page.getByText('La decisión sobre la prórroga quedó registrada').waitFor();
    await look(page, `secretariat-request-decided--${viewport}`);

    // The contact, on their own page, sees the new deadline.
    const row = await eventually(async () => {
      const r = await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/${code}` } });
      return r.extensionRequestedAt === null ? r : undefined;
    });
    const contactLink = linkIn(h.smtp.messages.find(isMailOf({ year, code }))?.parsed.text);
    const contact = await openPage(browser(), { viewport });
    await contact.goto(contactLink);
    const expected = formatDeadline({ at: row.deadline.toISOString(), locale: 'es-MX' });
    await contact.getByText(expected).first().waitFor();
    await contact.context().close();

    // Then a report's versions: from the list of cycles, the cycle, SRE's request.
    await page.getByRole('link', { name: 'Ciclos', exact: true }).click();
    await page.waitForURL(`${base}/dashboard`);
    await look(page, `secretariat-cycles--${viewport}`);
    await page.getByRole('link', { name: `Ciclo ${year}` }).click();
    await page.getByRole('link', { name: 'SRE', exact: true }).click();
    await page.getByText('Se corrigió el total de cursos.').first().waitFor();
    await page.getByText('Cambios de la versión 1 a la 2').waitFor();
    expect(await page.locator('.diff-new').count()).toBeGreaterThan(0);
    await look(page, `secretariat-versions--${viewport}`);
    await page.getByRole('link', { name: '1', exact: true }).click();
    await page.getByText('Valores de la versión 1').waitFor();
    await page.context().close();
  });
});
