/**
 * The institution pages and the plan browser in a real browser, as the secretariat uses them, on a phone
 * and a desktop: find an institution, edit one of its contacts, confirm a derived indicator assignment,
 * see a refused form with its errors in place, and browse the plan to a confirmation note. No sideways
 * scrolling, no serious axe violation; screenshots `institutions--*.png`, `institution--*.png`,
 * `institution-error--*.png`, `plan--*.png`.
 */
import type { Harness } from '../support/app-harness';
import { checkAccessibility, expectNoHorizontalScroll, openPage, screenshot, useBrowser, Viewport } from '../support/browser';
import { seedRequestHistory } from '../support/request-history';
import { useHarness } from '../support/use-harness';

const browser = useBrowser();
// Open mode (no secretariat token): the browser acts as the secretariat without signing in.
const harness = useHarness({}, ({ prisma }) => seedRequestHistory(prisma, 'SEMAR'));
let h: Harness;
beforeAll(() => {
  h = harness();
});

const checked = async (page: Parameters<typeof screenshot>[0], name: string, viewport: Viewport) => {
  await expectNoHorizontalScroll(page);
  await checkAccessibility(page, `${name} (${viewport})`);
  await screenshot(page, name);
};

describe.each([
  [Viewport.phone, '5.a', 'Luis E. Sánchez Ibarra'],
  [Viewport.desktop, '5.b', 'Luis Enrique Sánchez-Ibarra'],
] as const)('the institution pages at %s width', (viewport, indicator, newName) => {
  it('finds SEMAR, edits a contact, confirms an assignment, shows a refusal in place, and browses the plan', async () => {
    const page = await openPage(browser(), { viewport });
    await page.goto(`${h.baseUrl}/institutions`);
    await page.getByRole('heading', { level: 1, name: 'Instituciones' }).waitFor();
    await checked(page, 'institutions', viewport);

    await page.getByLabel('Buscar').fill('marina');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByText('Instituciones 1–1 de 1.').waitFor();
    await page.getByRole('link', { name: 'SEMAR' }).click();
    await page.getByRole('heading', { level: 1, name: 'Secretaría de Marina (SEMAR)' }).waitFor();
    await checked(page, 'institution', viewport);

    // Edit the alternate: its form opens from its <details>, without script.
    const card = page.locator('li', { has: page.getByText('suplente.semar@example.gob.mx', { exact: true }) });
    await card.locator('summary', { hasText: 'Editar' }).click();
    await card.getByLabel('Nombre completo').fill(newName);
    await card.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByRole('status').filter({ hasText: 'Contacto actualizado.' }).waitFor();
    await page.getByText(newName).first().waitFor();
    const alternate = await h.prisma.contact.findFirstOrThrow({ where: { email: 'suplente.semar@example.gob.mx', role: 'ALTERNATE' } });
    expect(alternate.name).toBe(newName);

    await page.getByRole('button', { name: `Confirmar: Indicador ${indicator}` }).click();
    await page.getByRole('status').filter({ hasText: 'Asignación confirmada.' }).waitFor();
    const row = await h.prisma.indicatorReporter.findFirstOrThrow({ where: { institution: { code: 'SEMAR' }, indicator: { code: indicator } } });
    expect(row.derived).toBe(false);

    // A refused contact: the summary at the top, the message beside the field, what was typed kept.
    const add = page.locator('details.add-form');
    await add.locator('summary').click();
    await add.getByLabel('Nombre completo').fill('Persona de prueba');
    await add.getByLabel('Correo electrónico').fill('no-es-un-correo');
    await add.getByRole('button', { name: 'Agregar contacto' }).click();
    await page.getByRole('heading', { name: 'Hay un problema' }).waitFor();
    await page.locator('#new-contact-email-error', { hasText: 'no es una dirección de correo' }).waitFor();
    expect(await page.locator('#new-contact-email').inputValue()).toBe('no-es-un-correo');
    await checked(page, 'institution-error', viewport);

    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Objetivo 1', { exact: true }).click();
    const note = page.locator('#goal-1-g1 .confirmation');
    await note.waitFor();
    expect(await note.isVisible()).toBe(true);
    await checked(page, 'plan', viewport);
    await page.context().close();
  });
});
