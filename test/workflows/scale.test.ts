/**
 * A reporting cycle of 1,000 synthetic municipalities, end to end on the real Temporal dev server,
 * PostgreSQL and SMTP: the parent starts its children in batches and continues-as-new, every entity
 * receives exactly one data-request email, answers through its emailed link, and the cycle closes.
 * No workflow history may grow past 10,000 events, and the status route reads the record, not 1,000
 * workflows.
 *
 * Why the dev server and real submissions, not the time-skipping server: a request only ends by a final
 * submission (then the correction window, 0 days here) or by its cut-off, 30+ business days away. Letting
 * the Java test server skip to the cut-off would test timers we test elsewhere, on a server that does not
 * suggest continue-as-new; submitting through the link exercises what a municipality does (email → link →
 * POST → update → receipt) 1,000 times, and the cycle's watch loop then meets 1,000 `requestEnded` signals
 * spread over time, which is the case that grows its history.
 */
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { REQUEST_CODE_VERSION } from '../../domain/request-types';
import { DateTime } from 'luxon';
import { seedSyntheticEntities } from '../../prisma/seed-entities';
import { eventually, quietRuntime, seedAll, startHarness, type Harness } from '../support/app-harness';
import { HISTORY_EVENT_BOUND, historyLengths, workflowRuns } from '../support/history-bounds';
import { createDevServerEnv } from '../support/temporal';

const ENTITIES = 1_000;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
/** The cycle reports on the deadline's year (domain/input-bounds: deadlineWindow). */
const year = Number(deadline.slice(0, 4));

let env: TestWorkflowEnvironment;
let h: Harness;
let codes: string[] = [];

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({
    env,
    seed: async (prisma) => {
      await seedAll(prisma);
      ({ codes } = await seedSyntheticEntities({ prisma, count: ENTITIES }));
    },
  });
  h.startWorker();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function http(method: string, url: string, body?: unknown) {
  const res = await fetch(url.startsWith('http') ? url : `${h.baseUrl}${url}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function inParallel<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/** A municipality's answer to 2.a (officials trained, by sex) and 2.b (safe public spaces). */
const answer = {
  values: [
    { indicator: '2.a', breakdown: 'TOTAL', value: 12 },
    { indicator: '2.a', breakdown: 'WOMEN', value: 7 },
    { indicator: '2.a', breakdown: 'MEN', value: 5 },
    { indicator: '2.b', value: 'Se rehabilitaron dos parques con iluminación y vigilancia vecinal.' },
  ],
  narrative: 'Informe municipal de prueba.',
  final: true,
};

describe(`a cycle of ${ENTITIES.toLocaleString('en')} reporting entities`, () => {
  const isRequest = (subject: string | undefined) => /solicitud de información/.test(subject ?? '');

  it('sends exactly one data-request email per entity, and the status route counts them from the record', async () => {
    const started = Date.now();
    const res = await http('POST', '/api/cycles', {
      year,
      deadline,
      institutions: codes,
      policy: { correctionWindowBusinessDays: 0 },
      openedBy: 'secretariado@example.gob.mx',
    });
    expect(res.status).toBe(202);

    const requests = await h.smtp.waitFor((m) => isRequest(m.parsed.subject), { count: ENTITIES, timeoutMs: 420_000 });
    console.log(`${ENTITIES} data-request emails accepted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const messageIds = requests.map((m) => m.parsed.messageId);
    expect(new Set(messageIds).size).toBe(ENTITIES);
    const recipients = requests.flatMap((m) => m.envelope.to).sort();
    expect(recipients).toEqual(codes.map((code) => `enlace+${code.toLowerCase()}@municipios.example.mx`).sort());

    const status = await eventually(async () => {
      const s = await http('GET', `/api/cycles/${year}`);
      return s.json?.counts?.REQUESTED === ENTITIES ? s : undefined;
    }, { what: `${ENTITIES} requests to show REQUESTED`, timeoutMs: 60_000 });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ status: 'OPEN', total: ENTITIES });
  }, 540_000);

  it('started every request once, each told its cycle, and a retried page starts nothing twice', async () => {
    const cycle = await h.prisma.reportingCycle.findFirstOrThrow({ where: { year, kind: 'DATA' } });
    const first = await h.prisma.dataRequest.findFirstOrThrow({ where: { cycleId: cycle.id }, orderBy: { workflowId: 'asc' } });
    const described = await env.client.workflow.getHandle(first.workflowId).describe();
    expect(described.parentExecution).toBeUndefined();
    const started = await env.client.workflow.getHandle(first.workflowId).fetchHistory();
    const input = started.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    expect(JSON.parse(Buffer.from(input!).toString())).toMatchObject({ dataRequestId: first.id, year, cycleWorkflowId: `cycle/${year}`, codeVersion: REQUEST_CODE_VERSION });
    // Started at a code version with its patches built in: no patch markers, no TemporalChangeVersion upserts.
    expect((started.events ?? []).filter((e) => e.markerRecordedEventAttributes || e.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);
    expect(started.events).toHaveLength(11);

    // The activity's retry after a failure part-way through: the whole page is already running.
    const activityEnv = new MockActivityEnvironment({ taskQueue: h.taskQueue }, { client: env.client });
    const again = await activityEnv.run(createActivities(h.deps).startCycleRequests, { cycleId: cycle.id, offset: 0, limit: 200, year, cycleWorkflowId: `cycle/${year}` });
    expect(again).toEqual({ scanned: 200, started: 0 });
    expect(await h.prisma.sentMessage.count({ where: { dataRequest: { cycleId: cycle.id } } })).toBe(ENTITIES);
  }, 60_000);

  it('takes every entity\'s answer through its emailed link, and the cycle closes', async () => {
    const started = Date.now();
    const links = h.smtp.messages
      .filter((m) => isRequest(m.parsed.subject))
      .map((m) => /https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/.exec(m.parsed.text ?? '')?.[0]);
    expect(links.every(Boolean)).toBe(true);
    const statuses: number[] = [];
    await inParallel(links as string[], 16, async (link) => {
      statuses.push((await http('POST', link, answer)).status);
    });
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    await h.smtp.waitFor((m) => /Acuse de recibo/.test(m.parsed.subject ?? ''), { count: ENTITIES, timeoutMs: 300_000 });
    const closed = await env.client.workflow.getHandle(`cycle/${year}`).result();
    expect(closed).toMatchObject({ year, closed: true });
    console.log(`${ENTITIES} submissions taken and the cycle closed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const status = await http('GET', `/api/cycles/${year}`);
    expect(status.json).toMatchObject({ status: 'CLOSED', total: ENTITIES, counts: { SUBMITTED: ENTITIES } });
  }, 480_000);

  it(`keeps every workflow history under ${HISTORY_EVENT_BOUND.toLocaleString('en')} events`, async () => {
    const runs = await workflowRuns({ client: env.client, workflowId: `cycle/${year}` });
    console.log(`cycle/${year} runs: ${runs.map((r) => `${r.events} (${r.closedBy ?? 'running'})`).join(', ')}`);
    // 1,000 children fill one run (CHILDREN_PER_RUN): the parent continues as new at least once.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.slice(0, -1).every((r) => r.closedBy === 'continuedAsNew')).toBe(true);
    expect(runs[runs.length - 1].closedBy).toBe('completed');
    for (const run of runs) expect(run.events).toBeLessThan(HISTORY_EVENT_BOUND);

    const requests = await h.prisma.dataRequest.findMany({ where: { cycle: { year } }, select: { workflowId: true } });
    expect(requests).toHaveLength(ENTITIES);
    const lengths = await historyLengths({ client: env.client, workflowIds: requests.map((r) => r.workflowId) });
    console.log(`request histories: max ${Math.max(...lengths)} events`);
    expect(Math.max(...lengths)).toBeLessThan(HISTORY_EVENT_BOUND);
  }, 120_000);
});
