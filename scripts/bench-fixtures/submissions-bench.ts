/**
 * The submissions scenario of `npm run bench` (issue 11 §2): `count` contacts each send their final report
 * through the HTTP API (`POST /respond/:year/:institution?token=…`, JSON), `concurrency` at a time. A call
 * ends when the API answers 201, that is once the request workflow's `submit` update has returned, after
 * its activity recorded the version in PostgreSQL: "until each workflow has recorded its submission". The
 * stored FINAL versions are counted afterwards.
 *
 * Baseline, in the same run, on the same Temporal server and with the same worker settings: `count` bare
 * updates (scripts/bench-fixtures/empty-workflow.ts: `updatableWorkflow`), sent by the Temporal client
 * `concurrency` at a time to as many waiting workflows, started beforehand (not timed).
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { signLinkToken } from '../../domain/signed-link';
import type { PrismaClient } from '../../prisma/client';
import { inParallel, timedCalls, type TLatencySummary } from './bench-stats';
import { benchDoneSignal, benchSubmitUpdate } from './empty-workflow';

/** A municipality's final answer to 2.a (officials trained, by sex) and 2.b (safe public spaces), as in test/workflows/scale.test.ts. */
const ANSWER = {
  values: [
    { indicator: '2.a', breakdown: 'TOTAL', value: 12 },
    { indicator: '2.a', breakdown: 'WOMEN', value: 7 },
    { indicator: '2.a', breakdown: 'MEN', value: 5 },
    { indicator: '2.b', value: 'Se rehabilitaron dos parques con iluminación y vigilancia vecinal.' },
  ],
  narrative: 'Informe municipal de prueba.',
  final: true,
};

/** Goals of issue 11 §2. */
export const SUBMISSION_GOALS = { p99Ms: 250, rateVsBaseline: 0.5 } as const;

export interface TSubmissionsResult {
  ours: TLatencySummary;
  baseline: TLatencySummary;
  /** Our throughput over the baseline's. */
  rateVsBaseline: number;
  /** FINAL versions found in PostgreSQL afterwards (should equal `ours.count`). */
  stored: number;
  /** HTTP statuses other than 201, by status. */
  failures: Record<string, number>;
  goals: { p99Ms: number; rateVsBaseline: number; p99Met: boolean; rateMet: boolean };
}

/**
 * Runs the scenario against an API at `baseUrl` whose worker serves the open cycle `year`: the first
 * `count` of its requests (by workflow id) are answered. Throws when the cycle has fewer open requests.
 */
export async function benchSubmissions({
  client,
  connection,
  namespace,
  baselineBundle,
  baseUrl,
  prisma,
  linkSigningSecret,
  year,
  count,
  concurrency,
  activitySlots,
  log,
}: {
  client: Client;
  connection: NativeConnection;
  namespace: string;
  /** scripts/bench-fixtures/empty-workflow.ts, bundled. */
  baselineBundle: WorkflowBundleWithSourceMap;
  baseUrl: string;
  prisma: PrismaClient;
  linkSigningSecret: string;
  year: number;
  count: number;
  concurrency: number;
  activitySlots: number;
  log: (line: string) => void;
}): Promise<TSubmissionsResult> {
  const requests = await prisma.dataRequest.findMany({
    where: { cycle: { year }, status: 'REQUESTED' },
    orderBy: { workflowId: 'asc' },
    take: count,
    select: { id: true, workflowId: true, institution: { select: { code: true, contacts: { where: { role: 'PRIMARY', active: true }, select: { email: true }, take: 1 } } } },
  });
  if (requests.length < count) throw new Error(`submissions: the ${year} cycle has ${requests.length} open requests, ${count} needed`);
  const expiry = Math.floor(Date.now() / 1000) + 30 * 86_400;
  const links = requests.map((r) => {
    const token = signLinkToken({ claims: { r: r.id, y: year, i: r.institution.code, c: r.institution.contacts[0].email, e: expiry }, secret: linkSigningSecret });
    return `${baseUrl}/respond/${year}/${encodeURIComponent(r.institution.code)}?token=${token}`;
  });

  log(`submissions: ${count.toLocaleString('en')} contacts through the HTTP API, ${concurrency} at a time…`);
  const failures: Record<string, number> = {};
  const ours = await timedCalls(count, concurrency, async (i) => {
    const res = await fetch(links[i], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ANSWER) });
    await res.arrayBuffer();
    if (res.status !== 201) failures[res.status] = (failures[res.status] ?? 0) + 1;
  });
  const stored = await prisma.submission.count({ where: { kind: 'FINAL', dataRequestId: { in: requests.map((r) => r.id) } } });
  if (Object.keys(failures).length) log(`submissions: WARNING: answers other than 201: ${JSON.stringify(failures)}`);

  // Baseline: bare updates on waiting workflows, same server and worker settings.
  const taskQueue = `bench-update-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    maxConcurrentActivityTaskExecutions: activitySlots,
    workflowBundle: baselineBundle,
  });
  const baseline = await worker.runUntil(async () => {
    const ids = Array.from({ length: count }, (_, i) => `bench-update/${taskQueue}/${i}`);
    await inParallel(count, 200, async (i) => {
      await client.workflow.start('updatableWorkflow', { taskQueue, workflowId: ids[i], args: [] });
    });
    log(`submissions baseline: ${count.toLocaleString('en')} bare updates on waiting workflows, ${concurrency} at a time…`);
    const figures = await timedCalls(count, concurrency, async (i) => {
      await client.workflow.getHandle(ids[i]).executeUpdate(benchSubmitUpdate, { args: [`hash-${i}`] });
    });
    // Let them end, so a Temporal server that outlives the bench (PostgreSQL) keeps nothing running.
    await inParallel(count, 200, async (i) => {
      await client.workflow.getHandle(ids[i]).signal(benchDoneSignal);
    });
    return figures;
  });
  const rateVsBaseline = ours.perSecond / baseline.perSecond;
  return {
    ours,
    baseline,
    rateVsBaseline,
    stored,
    failures,
    goals: { ...SUBMISSION_GOALS, p99Met: ours.p99Ms < SUBMISSION_GOALS.p99Ms, rateMet: rateVsBaseline >= SUBMISSION_GOALS.rateVsBaseline },
  };
}
