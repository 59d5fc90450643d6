/**
 * The plan review's pages on real servers (Temporal's time-skipping test server with the real worker,
 * PostgreSQL, SMTP), as a browser without script uses them: the working group reads /reviews and the review
 * but gets no forms and may not post; the secretariat starts the review from /reviews (a bad time allowed
 * refused in place; then 303 to the review with its notice and its round); once the round has ended in
 * skipped time it records decisions through the forms (303 back with a notice), gets a refused decision
 * back in place beside its proposal and in the summary, in Spanish and English, a crosswalk that is not JSON
 * refused in place, and publishes version 2 (303, "Publicada").
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { decisionFieldId } from '../../ui/components/review/decision-form';
import { quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { errorSummaryOf, fieldErrorOf, PageClient, signedInClient, textOfId, visibleText } from '../support/page-client';
import { proposeAndEndRound, REVIEW_PAGE, reviewRequestLinks, terminateReview } from '../support/review-decisions-scenario';
import { createTimeSkippingEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
let h: Harness;
let secretariat: PageClient;
let workingGroup: PageClient;
let links: Record<string, string> = {};

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
  secretariat = await signedInClient({ baseUrl: h.baseUrl, prisma: h.prisma, email: 'ana.secretariado@inmujeres.gob.mx', name: 'Ana Secretariado', role: 'SECRETARIAT' });
  workingGroup = await signedInClient({ baseUrl: h.baseUrl, prisma: h.prisma, email: 'grupo.trabajo@sre.gob.mx', role: 'WORKING_GROUP' });
}, 240_000);

afterAll(async () => {
  if (h) await terminateReview(h);
  await h?.close();
  await env?.teardown();
});

const decisions = `${REVIEW_PAGE}/decisions`;
const anchorOf = (key: string) => `p-${key.replace(/[^A-Za-z0-9-]/g, '-')}`;

describe('the plan review pages', () => {
  it('the working group reads /reviews with no review yet, without the start form, and may not post', async () => {
    const page = await workingGroup.get('/reviews');
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Revisión del plan');
    expect(text).toContain('Aún no se ha iniciado ninguna revisión.');
    expect(text).toContain('Solo el secretariado puede iniciar revisiones, decidir y publicar.');
    expect(page.html).not.toContain('action="/reviews/start"');
    expect((await workingGroup.post('/reviews/start', { deadlineBusinessDays: '10' })).status).toBe(403);
    expect(await h.prisma.planReview.count()).toBe(0);
  });

  it('the secretariat starts the review from /reviews: a bad time allowed is refused in place, then 303 to the review with its notice and round', async () => {
    const list = await secretariat.get('/reviews');
    expect(list.html).toContain('action="/reviews/start"');
    const bad = await secretariat.post('/reviews/start', { deadlineBusinessDays: '3' });
    expect(bad.status).toBe(400);
    expect(fieldErrorOf(bad.html, 'review-days')).toBeTruthy();
    expect(errorSummaryOf(bad.html)).toEqual([expect.stringMatching(/^Plazo en días hábiles: /)]);
    expect(bad.html).toMatch(/id="review-days"[^>]*value="3"/);
    expect(await h.prisma.planReview.count()).toBe(0);

    const started = await secretariat.post('/reviews/start', { deadlineBusinessDays: '5' });
    expect(started.status).toBe(303);
    expect(started.location).toBe(`${REVIEW_PAGE}?notice=started`);
    const page = await secretariat.get(started.location!);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Se inició la revisión: las solicitudes salen en un momento.');
    expect(text).toContain('Revisión del plan: MX-NAP-1325 v1');
    expect(text).toContain('Ronda de propuestas abierta');
    // Each request opens in one activity (status and email together): just after the start it may be either.
    for (const code of ['CECOPAM', 'INMUJERES', 'SEDENA', 'SEMAR', 'SRE', 'SSPC', 'UNWOMEN']) expect(text).toMatch(new RegExp(`${code} (Pendiente de envío|Solicitado) sin escalar`));
    expect(text).toContain('Podrá publicar cuando todas las instituciones hayan respondido o llegado a su cierre.');
    expect(page.html).not.toContain(`action="${REVIEW_PAGE}/publish"`);

    links = await reviewRequestLinks(h);
    const again = visibleText((await secretariat.get('/reviews')).html);
    expect(again).toMatch(/MX-NAP-1325 v1 Ronda de propuestas abierta/);
    expect(again).toContain('0 / 7');
    // A second start of the same review: the list again with the reason (409).
    const twice = await secretariat.post('/reviews/start', {});
    expect(twice.status).toBe(409);
    expect(visibleText(twice.html)).toMatch(/La revisión de MX-NAP-1325 v1 ya se inició/);
  }, 120_000);

  it('once the round has ended, the working group reads the proposals but gets no forms, and may not post', async () => {
    await proposeAndEndRound({ h, env, links });
    const page = await workingGroup.get(REVIEW_PAGE);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('En decisión');
    expect(text).toContain('Propuestas y decisiones');
    expect(text).toContain('Número de mujeres del servicio exterior en misiones.');
    expect(page.html).not.toContain('<form method="post" action="/reviews');
    expect(page.html).not.toContain(`action="${REVIEW_PAGE}/publish"`);
    expect((await workingGroup.post(decisions, { proposalKey: 'SEMAR/INDICATOR/5.c', decision: 'ACCEPTED' })).status).toBe(403);
    expect((await workingGroup.post(`${REVIEW_PAGE}/publish`, {})).status).toBe(403);
    expect(await h.prisma.reviewDecision.count()).toBe(0);
    expect(visibleText((await workingGroup.get('/reviews')).html)).toMatch(/MX-NAP-1325 v1 En decisión/);
  }, 300_000);

  it('the secretariat records a decision through its form: 303 back to the proposal with the notice, the decision shown', async () => {
    const page = await secretariat.get(REVIEW_PAGE);
    expect(page.html).toContain(`id="${decisionFieldId('SEMAR/INDICATOR/5.c', 'decision')}"`);
    expect(page.html).toContain(`action="${REVIEW_PAGE}/publish"`);
    expect(textOfId(page.html, anchorOf('SEMAR/INDICATOR/5.c'))).toContain('Decisión: Sin decidir');

    // Undecided, the form chooses nothing in advance: saved as it comes, it is refused, nothing accepted.
    expect(page.html).toMatch(new RegExp(`id="${decisionFieldId('SEMAR/INDICATOR/5.c', 'decision')}"[^>]*><option value selected>— Elija una decisión —</option>`));
    const unchosen = await secretariat.post(decisions, { proposalKey: 'SEMAR/INDICATOR/5.c', decision: '', note: '' });
    expect(unchosen.status).toBe(400);
    expect(fieldErrorOf(unchosen.html, decisionFieldId('SEMAR/INDICATOR/5.c', 'decision'))).toBeTruthy();
    expect(errorSummaryOf(unchosen.html)).toEqual([expect.stringMatching(/^Decisión: /)]);
    expect(await h.prisma.reviewDecision.count()).toBe(0);

    const decided = await secretariat.post(decisions, { proposalKey: 'SEMAR/INDICATOR/5.c', decision: 'ACCEPTED', note: '' });
    expect(decided.status).toBe(303);
    expect(decided.location).toBe(`${REVIEW_PAGE}?notice=decided#${anchorOf('SEMAR/INDICATOR/5.c')}`);
    const after = await secretariat.get(decided.location!.split('#')[0]);
    expect(visibleText(after.html)).toContain('Se guardó la decisión.');
    expect(textOfId(after.html, anchorOf('SEMAR/INDICATOR/5.c'))).toContain('Decisión: Aceptada');
    expect(await h.prisma.reviewDecision.findFirst({ where: { proposalKey: 'SEMAR/INDICATOR/5.c' } })).toMatchObject({ decision: 'ACCEPTED', decidedBy: 'ana.secretariado@inmujeres.gob.mx' });
  });

  it('a refused decision comes back in place: beside its proposal\'s form and in the summary, with what was chosen', async () => {
    const field = decisionFieldId('SRE/INDICATOR/5.c', 'decision');
    const refused = await secretariat.post(decisions, { proposalKey: 'SRE/INDICATOR/5.c', decision: 'ACCEPTED', note: 'Nota escrita' });
    expect(refused.status).toBe(400);
    const said = 'Indicador 5.c se retira (propuesta aceptada de SEMAR): no puede también modificarse ni conservarse.';
    expect(fieldErrorOf(refused.html, field)).toBe(said);
    expect(errorSummaryOf(refused.html)).toEqual([said]);
    expect(refused.html).toContain(`href="#${field}"`);
    // What the secretariat wrote stays in the form; other forms are untouched.
    expect(textOfId(refused.html, decisionFieldId('SRE/INDICATOR/5.c', 'note'))).toBe('Nota escrita');
    expect(fieldErrorOf(refused.html, decisionFieldId('SEMAR/INDICATOR/5.c', 'decision'))).toBeUndefined();
    expect(await h.prisma.reviewDecision.count({ where: { proposalKey: 'SRE/INDICATOR/5.c' } })).toBe(0);

    // A change that is not JSON, on a goal accepted with changes: refused naming the field.
    const target = await secretariat.post(decisions, { proposalKey: 'SEMAR/GOAL/5.g2', decision: 'ACCEPTED_WITH_CHANGES', changeTarget: '{"kind":', note: 'Con meta' });
    expect(target.status).toBe(400);
    expect(fieldErrorOf(target.html, decisionFieldId('SEMAR/GOAL/5.g2', 'change-target'))).toBe('no es JSON válido');
    expect(errorSummaryOf(target.html)).toEqual(['Meta aceptada (JSON, opcional): no es JSON válido']);
    expect(target.html).toContain(`href="#${decisionFieldId('SEMAR/GOAL/5.g2', 'change-target')}"`);
  });

  it('in English, by ?lang=en or Accept-Language, the same refusal in English', async () => {
    await secretariat.get(`${REVIEW_PAGE}?lang=en`);
    const refused = await secretariat.post(decisions, { proposalKey: 'SRE/INDICATOR/5.c', decision: 'ACCEPTED' });
    expect(refused.status).toBe(400);
    const said = 'Indicator 5.c is retired (accepted proposal of SEMAR): it cannot also be modified or kept.';
    expect(fieldErrorOf(refused.html, decisionFieldId('SRE/INDICATOR/5.c', 'decision'))).toBe(said);
    expect(errorSummaryOf(refused.html)).toEqual([said]);
    expect(visibleText(refused.html)).toContain('There is a problem');
    await secretariat.get(`${REVIEW_PAGE}?lang=es-MX`);

    // A browser that asks for English, signed in with it: the page and the refusal in English.
    const english = new PageClient(h.baseUrl, { 'accept-language': 'en-US,en;q=0.9' });
    await english.signIn(h.prisma, 'ana.secretariado@inmujeres.gob.mx');
    expect(visibleText((await english.get(REVIEW_PAGE)).html)).toContain('Plan review: MX-NAP-1325 v1');
    const posted = await english.post(decisions, { proposalKey: 'SRE/INDICATOR/5.c', decision: 'ACCEPTED' });
    expect(posted.status).toBe(400);
    expect(fieldErrorOf(posted.html, decisionFieldId('SRE/INDICATOR/5.c', 'decision'))).toBe(said);
  });

  it('a crosswalk that is not JSON is refused in place, with what was written', async () => {
    await secretariat.get(REVIEW_PAGE);
    const refused = await secretariat.post(`${REVIEW_PAGE}/publish`, { adoptedOn: '', crosswalk: '[{"kind": "INDICATOR",', note: 'Revisión trienal' });
    expect(refused.status).toBe(400);
    expect(fieldErrorOf(refused.html, 'publish-crosswalk')).toBe('no es JSON válido');
    expect(errorSummaryOf(refused.html)).toEqual([expect.stringMatching(/^Tabla de correspondencias completa \(JSON, solo para divisiones y fusiones\): no es JSON válido$/)]);
    expect(textOfId(refused.html, 'publish-crosswalk')).toBe('[{"kind": "INDICATOR",');
    expect(textOfId(refused.html, 'publish-note')).toBe('Revisión trienal');
    expect(visibleText(refused.html)).toContain('Tabla de correspondencias Se muestra en cuanto nada impida publicar. Lo que impide publicar: La propuesta de SEMAR de modificar meta 5.g2 no tiene decisión');
    // A change without a decision stops publication: the summary links to that proposal's form.
    const undecided = await secretariat.post(`${REVIEW_PAGE}/publish`, { adoptedOn: '', crosswalk: '', note: '' });
    expect(undecided.status).toBe(400);
    expect(errorSummaryOf(undecided.html)).toEqual(['La propuesta de SEMAR de modificar meta 5.g2 no tiene decisión', 'La propuesta de SRE de modificar indicador 5.c no tiene decisión']);
    expect(undecided.html).toContain(`href="#${decisionFieldId('SEMAR/GOAL/5.g2', 'decision')}"`);
    expect(await h.prisma.plan.count({ where: { version: 2 } })).toBe(0);
  });

  it('decides the rest through the forms and publishes version 2: 303, "Publicada", no forms left', async () => {
    const post = (proposalKey: string, decision: string, extra: Record<string, string> = {}) => secretariat.post(decisions, { proposalKey, decision, ...extra });
    expect((await post('SRE/INDICATOR/5.c', 'REJECTED', { note: 'El indicador se retira.' })).status).toBe(303);
    expect((await post('SEMAR/GOAL/5.g2', 'ACCEPTED')).status).toBe(303);
    const keys = (await h.prisma.reviewDecision.findMany({ select: { proposalKey: true } })).map((d) => d.proposalKey);
    expect(keys.sort()).toEqual(['SEMAR/GOAL/5.g2', 'SEMAR/INDICATOR/5.c', 'SRE/INDICATOR/5.c']);
    const before = await secretariat.get(REVIEW_PAGE);
    expect(textOfId(before.html, anchorOf('SRE/INDICATOR/5.c'))).toContain('El indicador se retira.');
    expect(textOfId(before.html, 'crosswalk-title')).toBe('Tabla de correspondencias');
    expect(visibleText(before.html)).toMatch(/Indicador 5\.c — Retirado/);

    // A crosswalk that leaves the other codes unmapped: refused beside the crosswalk, naming a code.
    const partial = await secretariat.post(`${REVIEW_PAGE}/publish`, { crosswalk: JSON.stringify([{ kind: 'INDICATOR', change: 'RETIRED', from: ['5.c'], to: [] }]) });
    expect(partial.status).toBe(400);
    expect(fieldErrorOf(partial.html, 'publish-crosswalk')).toMatch(/1\.a/);
    expect(partial.html).toContain('href="#publish-crosswalk"');

    const published = await secretariat.post(`${REVIEW_PAGE}/publish`, { adoptedOn: '2026-09-01', crosswalk: '', note: 'Revisión trienal.' });
    expect(published.status).toBe(303);
    expect(published.location).toBe(`${REVIEW_PAGE}?notice=published`);
    const page = await secretariat.get(published.location!);
    const text = visibleText(page.html);
    expect(text).toContain('Se publicó la nueva versión del plan.');
    expect(text).toMatch(/Estado Publicada/);
    expect(text).toMatch(/Versión publicada v2/);
    expect(page.html).not.toContain(`action="${decisions}"`);
    expect(page.html).not.toContain(`action="${REVIEW_PAGE}/publish"`);
    expect(await h.prisma.plan.findUnique({ where: { key_version: { key: 'MX-NAP-1325', version: 2 } }, select: { version: true } })).toEqual({ version: 2 });
    const list = visibleText((await workingGroup.get('/reviews')).html);
    expect(list).toMatch(/MX-NAP-1325 v1 Publicada .* 2 \/ 7 v2/);
    // Publishing twice: the page again with the reason (409).
    const twice = await secretariat.post(`${REVIEW_PAGE}/publish`, {});
    expect(twice.status).toBe(409);
    expect(visibleText(twice.html)).toContain('Esta revisión ya publicó MX-NAP-1325 v2.');
  }, 120_000);
});
