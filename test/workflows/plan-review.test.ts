/**
 * The plan review end to end, in skipped time on the Java test server with the real worker, PostgreSQL,
 * SMTP and API. The plan was adopted on 1 June 2026; the 2028 cycle runs (SEMAR reports) and its annual
 * report compiles itself. On 1 June 2029 — adoption + 3 years — the review schedule's run starts the review:
 * every institution in charge gets a review request with the data request's ladder; SEMAR proposes
 * (retire 5.c, reword goal 5.g2, add 5.d) and corrects its proposals; SRE keeps everything but rewords 5.c;
 * CECOPAM never answers and is escalated. When the round has ended the secretariat decides (a change to the
 * retired 5.c is refused), a crosswalk that leaves a code unmapped is refused, and version 2 is published
 * with its crosswalk, file and dossier. The 2029 cycle then asks SEMAR for version 2's indicators while the
 * 2028 report still reads version 1.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { ZPlanFile } from '../../domain/plan-schema';
import { planReviewKickoff } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { advanceTo, answers, formIndicators, http, isMailOf, linkIn, openCycle, submitViaLink, terminateCycle } from '../support/reporting-scenarios';
import { createTimeSkippingEnv } from '../support/temporal';
import { storedFileBytes } from '../../prisma/stored-file';

const PLAN = 'MX-NAP-1325';
const REVIEW = `review/${PLAN}/v1`;
/** Monday 8 January 2029, 10:00 Mexico City: the 2028 cycle opens. */
const CYCLE_2028_OPENS = '2029-01-08T16:00:00.000Z';
const CYCLE_2028_ENDED = '2029-04-02T18:00:00.000Z';
/** Friday 1 June 2029, 09:00 Mexico City: adoption (1 June 2026) + 3 years, when the review schedule fires. */
const REVIEW_DUE = '2029-06-01T15:00:00.000Z';
/** Past the round's deadline (30 business days) and CECOPAM's cut-off (+30 business days). */
const ROUND_ENDED = '2029-09-03T18:00:00.000Z';
/** Tuesday 8 January 2030: the 2029 cycle opens under the plan's version 2. */
const CYCLE_2029_OPENS = '2030-01-08T16:00:00.000Z';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
}, 120_000);

afterAll(async () => {
  for (const year of [2028, 2029]) await terminateCycle(env.client, h.prisma, year).catch(() => undefined);
  const open = await h.prisma.dataRequest.findMany({ where: { cycle: { kind: 'REVIEW' } }, select: { workflowId: true } }).catch(() => []);
  for (const id of [REVIEW, ...open.map((r) => r.workflowId)]) await env.client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
  await h?.close();
  await env?.teardown();
});

const links: Record<string, string> = {};
const why = 'Los informes anuales de 2028 lo respaldan.';

/** The contact's view of its review request: the items it is in charge of. */
async function itemsOf(link: string): Promise<{ kind: string; code: string }[]> {
  const res = await http('', 'GET', link);
  expect(res.status).toBe(200);
  return res.json.items;
}

/** KEEP for every item in charge, except those `replace` proposes otherwise. */
function keepAllBut(items: { kind: string; code: string }[], replace: Record<string, object>) {
  return items.map((i) => replace[`${i.kind}/${i.code}`] ?? { kind: i.kind, code: i.code, action: 'KEEP', justification: why });
}

describe('the plan review of MX-NAP-1325 v1', () => {
  it('the plan was adopted on 1 June 2026; the 2028 cycle runs and its report compiles itself', async () => {
    if (Date.now() >= Date.parse(CYCLE_2028_OPENS)) throw new Error(`This test starts on ${CYCLE_2028_OPENS}: move its dates past today.`);
    expect((await http(h.baseUrl, 'PUT', `/api/plans/${PLAN}/versions/1`, { adoptedOn: '2026-06-01' })).status).toBe(200);
    await advanceTo(env, CYCLE_2028_OPENS);
    await openCycle(h.baseUrl, { year: 2028, deadline: '2029-02-15', institutions: ['SEMAR'] });
    const [request] = await h.smtp.waitFor(isMailOf({ year: 2028, code: 'SEMAR' }), { timeoutMs: 30_000 });
    const link = linkIn(request.parsed.text);
    await submitViaLink(link, { values: answers(await formIndicators(link)), final: true, narrative: 'SEMAR informa 2028.' });
    await advanceTo(env, CYCLE_2028_ENDED);
    await eventually(async () => ((await env.client.workflow.getHandle('report/2028').describe().catch(() => undefined))?.status.name === 'COMPLETED' ? true : undefined), { timeoutMs: 90_000, what: 'report/2028' });
  }, 300_000);

  it('at adoption + 3 years the schedule\'s run starts the review: a review request to every institution in charge', async () => {
    await advanceTo(env, REVIEW_DUE);
    // What the `plan-review/MX-NAP-1325/v1` schedule starts (the time-skipping server has no schedules).
    await env.client.workflow.start(planReviewKickoff, { taskQueue: h.taskQueue, workflowId: `kickoff/review/${PLAN}/v1-${REVIEW_DUE}`, args: [{ planKey: PLAN, version: 1 }], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
    const requests = await h.smtp.waitFor((m) => /^Revisión del PNA-1325 \(versión 1\): propuestas de /.test(m.parsed.subject ?? ''), { count: 7, timeoutMs: 90_000 });
    for (const m of requests) links[/propuestas de (\S+) /.exec(m.parsed.subject ?? '')![1]] = linkIn(m.parsed.text);
    expect(Object.keys(links).sort()).toEqual(['CECOPAM', 'INMUJERES', 'SEDENA', 'SEMAR', 'SRE', 'SSPC', 'UNWOMEN']);

    const review = await h.prisma.planReview.findUniqueOrThrow({ where: { workflowId: REVIEW } });
    expect(review).toMatchObject({ status: 'ROUND_OPEN', startedBy: `schedule:plan-review/${PLAN}/v1` });
    const synthesis = review.synthesis as { years: number[]; objectives: { code: string }[] };
    expect(synthesis.years).toEqual([2028]);
    expect(synthesis.objectives).toHaveLength(10);
    const due = await h.prisma.auditEvent.findMany({ where: { action: { in: ['PLAN_REVIEW_DUE', 'PLAN_REVIEW_KICKOFF', 'PLAN_REVIEW_STARTED', 'REVIEW_ROUND_OPENED'] } }, orderBy: { id: 'asc' } });
    expect(due.map((e) => e.action)).toEqual(expect.arrayContaining(['PLAN_REVIEW_DUE', 'PLAN_REVIEW_KICKOFF', 'PLAN_REVIEW_STARTED', 'REVIEW_ROUND_OPENED']));
    // The same review is never started twice: by hand now, or by another run of the schedule.
    const again = await http(h.baseUrl, 'POST', '/api/reviews', {});
    expect(again.status).toBe(409);
    expect((await http(h.baseUrl, 'GET', `/api/reviews/${PLAN}/1`)).json).toMatchObject({ status: 'ROUND_OPEN', requests: expect.arrayContaining([expect.objectContaining({ institution: 'CECOPAM', status: 'REQUESTED' })]) });
  }, 300_000);

  it('SEMAR proposes and corrects; SRE answers; bad proposals are refused naming the item', async () => {
    const semarItems = await itemsOf(links.SEMAR);
    // An item SEMAR is not in charge of (objective 2): 403.
    const notMine = await http('', 'POST', links.SEMAR, { proposals: [{ kind: 'OBJECTIVE', code: '2', action: 'KEEP', justification: why }], final: false });
    expect(notMine.status).toBe(403);
    expect(notMine.text).toContain('2');
    // A target the plan file cannot hold: 400 naming the goal.
    const badTarget = await http('', 'POST', links.SEMAR, {
      proposals: [{ kind: 'GOAL', code: '5.g2', action: 'MODIFY', change: { target: { kind: 'COUNT', value: -3 } }, justification: why }],
      final: false,
    });
    expect(badTarget.status).toBe(400);
    expect(badTarget.text).toContain('5.g2');

    const proposals = (extra: Record<string, object> = {}) =>
      keepAllBut(semarItems, {
        'INDICATOR/5.c': { kind: 'INDICATOR', code: '5.c', action: 'RETIRE', justification: 'Se mide ya con 5.a.' },
        'GOAL/5.g2': { kind: 'GOAL', code: '5.g2', action: 'MODIFY', change: { text: { es: 'Aumentar el despliegue de mujeres uniformadas en operaciones de paz.', en: 'Increase the deployment of uniformed women in peace operations.' } }, justification: why },
        ...extra,
      });
    const added = { kind: 'INDICATOR', code: '5.d', action: 'ADD', objectiveCode: '5', change: { text: { es: 'Número de mujeres uniformadas en puestos de mando desplegadas.', en: 'Number of uniformed women deployed in command posts.' }, unit: 'COUNT', disaggregation: 'NONE' }, justification: why };
    const final = await http('', 'POST', links.SEMAR, { proposals: proposals(), final: true });
    expect(final.status).toBe(201);
    const corrected = await http('', 'POST', links.SEMAR, { proposals: [...proposals(), added], final: true, reason: 'Agregamos el indicador de puestos de mando.' });
    expect(corrected.status).toBe(201);
    expect(corrected.json).toMatchObject({ kind: 'CORRECTION', version: 2 });

    const sreItems = await itemsOf(links.SRE);
    const sre = await http('', 'POST', links.SRE, {
      proposals: keepAllBut(sreItems, { 'INDICATOR/5.c': { kind: 'INDICATOR', code: '5.c', action: 'MODIFY', change: { text: { es: 'Número de mujeres del servicio exterior en misiones.', en: 'Number of women of the foreign service in missions.' } }, justification: why } }),
      final: true,
    });
    expect(sre.status).toBe(201);
    // A receipt for the final proposals and one for the correction, once each.
    const semar = await h.prisma.dataRequest.findUniqueOrThrow({ where: { workflowId: `${REVIEW}/SEMAR` } });
    const receipts = await eventually(async () => {
      const sent = await h.prisma.sentMessage.findMany({ where: { dataRequestId: semar.id, kind: 'RECEIPT' } });
      return sent.length >= 2 ? sent : undefined;
    }, { what: "SEMAR's receipts" });
    expect(receipts).toHaveLength(2);
  }, 120_000);

  it('the ladder runs for those who do not answer: reminders, escalation, cut-off; then the round ends', async () => {
    await advanceTo(env, ROUND_ENDED);
    const review = await eventually(async () => {
      const row = await h.prisma.planReview.findUniqueOrThrow({ where: { workflowId: REVIEW } });
      return row.status === 'DECIDING' ? row : undefined;
    }, { timeoutMs: 90_000, what: 'the round to end' });
    expect(review.roundEndedAt).not.toBeNull();
    const cecopam = await h.prisma.dataRequest.findUniqueOrThrow({ where: { workflowId: `${REVIEW}/CECOPAM` } });
    expect(cecopam).toMatchObject({ status: 'NOT_REPORTED' });
    expect(cecopam.escalationLevel).toBeGreaterThanOrEqual(1);
    const kinds = await h.prisma.sentMessage.findMany({ where: { dataRequestId: cecopam.id }, select: { kind: true } });
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['REQUEST', 'REMINDER', 'ESCALATION']));
    expect(await h.prisma.dataRequest.findUniqueOrThrow({ where: { workflowId: `${REVIEW}/SEMAR` } })).toMatchObject({ status: 'SUBMITTED' });
    // The dossier of the round (before decisions) is there.
    expect(await h.prisma.reviewFile.count({ where: { reviewId: review.id } })).toBe(10);
  }, 300_000);

  it('the secretariat decides; a change to a retired item and an incomplete crosswalk are refused naming the item; v2 is published', async () => {
    const detail = await http(h.baseUrl, 'GET', `/api/reviews/${PLAN}/1`);
    expect(detail.status).toBe(200);
    const keys = detail.json.proposals.map((p: { key: string }) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['SEMAR/INDICATOR/5.c', 'SEMAR/GOAL/5.g2', 'SEMAR/INDICATOR/5.d', 'SRE/INDICATOR/5.c']));
    const decide = (proposalKey: string, decision: string, extra: object = {}) => http(h.baseUrl, 'POST', `/api/reviews/${PLAN}/1/decisions`, { proposalKey, decision, ...extra });

    expect((await decide('SEMAR/INDICATOR/5.c', 'ACCEPTED')).status).toBe(200);
    const retired = await decide('SRE/INDICATOR/5.c', 'ACCEPTED');
    expect(retired.status).toBe(400);
    expect(retired.json.detail).toContain('indicator 5.c');
    expect((await decide('SRE/INDICATOR/5.c', 'REJECTED', { note: 'El indicador se retira.' })).status).toBe(200);
    expect((await decide('SEMAR/GOAL/5.g2', 'ACCEPTED')).status).toBe(200);
    expect((await decide('SEMAR/INDICATOR/5.d', 'ACCEPTED')).status).toBe(200);
    // A target the plan's schema refuses, accepted with changes: 400 naming the field of the goal's decision.
    expect((await decide('SEMAR/GOAL/5.g2', 'ACCEPTED_WITH_CHANGES', { change: { target: { kind: 'COUNT', value: 'many' } }, note: 'x' })).status).toBe(400);
    // SRE keeps goal 5.g2, which SEMAR's accepted proposal rewords: accepting both is refused.
    const keepBesideChange = await decide('SRE/GOAL/5.g2', 'ACCEPTED');
    expect(keepBesideChange.status).toBe(400);
    expect(keepBesideChange.json.detail).toContain('goal 5.g2');
    expect((await decide('SRE/GOAL/5.g2', 'REJECTED', { note: 'Se adopta la redacción de SEMAR.' })).status).toBe(200);
    for (const p of detail.json.proposals as { key: string; action: string }[]) {
      if (p.action === 'KEEP' && p.key !== 'SRE/GOAL/5.g2') expect([p.key, (await decide(p.key, 'ACCEPTED')).status]).toEqual([p.key, 200]);
    }

    const preview = await http(h.baseUrl, 'GET', `/api/reviews/${PLAN}/1`);
    expect(preview.json.publicationIssues).toEqual([]);
    const crosswalk = preview.json.crosswalk as { kind: string; change: string; from: string[]; to: string[] }[];
    const unmapped = crosswalk.filter((c) => !(c.kind === 'INDICATOR' && c.from.includes('1.a')));
    const refused = await http(h.baseUrl, 'POST', `/api/reviews/${PLAN}/1/publish`, { crosswalk: unmapped, adoptedOn: '2029-09-03' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('1.a');

    const published = await http(h.baseUrl, 'POST', `/api/reviews/${PLAN}/1/publish`, { adoptedOn: '2029-09-03', note: 'Revisión trienal.' });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ planKey: PLAN, version: 2, changes: expect.objectContaining({ RETIRED: 1, ADDED: 1, REWORDED: 1 }) });
    expect((await http(h.baseUrl, 'POST', `/api/reviews/${PLAN}/1/publish`, {})).status).toBe(409);

    const v2 = await h.prisma.plan.findUniqueOrThrow({ where: { key_version: { key: PLAN, version: 2 } }, include: { indicators: { select: { code: true } }, file: true } });
    expect(v2.indicators.map((i) => i.code)).toEqual(expect.arrayContaining(['5.a', '5.b', '5.d']));
    expect(v2.indicators.map((i) => i.code)).not.toContain('5.c');
    const file = ZPlanFile.parse(JSON.parse(v2.file!.content));
    expect(file).toMatchObject({ version: 2, adoptedOn: '2029-09-03' });
    expect(file.goals.find((g) => g.code === '5.g2')?.text.es).toBe('Aumentar el despliegue de mujeres uniformadas en operaciones de paz.');
    const review = await h.prisma.planReview.findUniqueOrThrow({ where: { workflowId: REVIEW } });
    expect(review.crosswalk).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'INDICATOR', change: 'RETIRED', from: ['5.c'], to: [] }), expect.objectContaining({ kind: 'INDICATOR', change: 'ADDED', from: [], to: ['5.d'] }), expect.objectContaining({ kind: 'GOAL', change: 'REWORDED', from: ['5.g2'], to: ['5.g2'] })]));
    // The review ends with its dossier compiled again, now with the decisions and the crosswalk.
    await eventually(async () => ((await env.client.workflow.getHandle(REVIEW).describe()).status.name === 'COMPLETED' ? true : undefined), { timeoutMs: 90_000, what: 'the review to complete' });
    const dossier = await fetch(`${h.baseUrl}/api/reviews/${PLAN}/1/dossier.json?lang=es-MX`);
    expect(dossier.status).toBe(200);
    expect(await dossier.json()).toMatchObject({ fromVersion: 1, toVersion: 2 });
  }, 300_000);

  it('the next yearly cycle asks for version 2\'s indicators; the 2028 report still reads version 1', async () => {
    await advanceTo(env, CYCLE_2029_OPENS);
    await openCycle(h.baseUrl, { year: 2029, deadline: '2030-02-15', institutions: ['SEMAR'] });
    const [request] = await h.smtp.waitFor(isMailOf({ year: 2029, code: 'SEMAR' }), { timeoutMs: 30_000 });
    const codes = (await formIndicators(linkIn(request.parsed.text))).map((i) => i.code);
    expect(codes).toContain('5.d');
    expect(codes).not.toContain('5.c');
    const cycles = await h.prisma.reportingCycle.findMany({ where: { kind: 'DATA' }, select: { year: true, plan: { select: { version: true } } }, orderBy: { year: 'asc' } });
    expect(cycles.map((c) => [c.year, c.plan.version])).toEqual([
      [2028, 1],
      [2029, 2],
    ]);
    const report2028 = await h.prisma.reportFile.findFirstOrThrow({ where: { reportVersion: { cycle: { year: 2028 } }, format: 'json', lang: 'es-MX' } });
    expect(storedFileBytes(report2028).toString('utf8')).toMatch(/"code":\s*"5\.c"/);
    // The plan browser still shows version 1.
    expect((await http(h.baseUrl, 'GET', `/api/plans/${PLAN}/1`)).status).toBe(200);
  }, 300_000);
});
