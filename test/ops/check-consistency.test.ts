/**
 * The operator's consistency check (ops/check-consistency.ts, `npm run check:consistency`) on real
 * servers: the Temporal dev server (real time, so activity retries really wait their backoff),
 * PostgreSQL and SMTP. A cycle opened through the API is consistent; then each disagreement is made on
 * purpose, behind the back of one side, and the check must name it with the right kind:
 *
 * | request/Y/SEDENA       | its row's status changed in the database        | STATUS_MISMATCH                     |
 * | request/Y-2/INMUJERES  | exempted while its row is locked (busy)         | nothing while busy; then consistent |
 * | request/Y/SRE          | its workflow terminated while the row is open   | WORKFLOW_NOT_RUNNING                |
 * | request/Y/SRE          | … and then the row marked ended                 | WORKFLOW_ENDED_BADLY                |
 * | request/Y/SEDENA       | its row marked ended while the workflow runs    | WORKFLOW_STILL_RUNNING              |
 * | request/Y/SSPC         | a row whose workflow type the worker lacks      | WORKFLOW_TASK_FAILING, QUERY_FAILED |
 * | request/Y-1/SEMAR      | the SMTP server keeps failing its request email | ACTIVITY_RETRYING                   |
 * | cycle/Y-1              | the cycle's workflow terminated while OPEN      | WORKFLOW_NOT_RUNNING                |
 * | cycle/Y                | the cycle marked CLOSED while its workflow runs | WORKFLOW_STILL_RUNNING              |
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import pg from 'pg';
import { checkConsistency, type CheckConsistencyOptions } from '../../ops/check-consistency';
import type { ConsistencyReport } from '../../ops/consistency-report';
import { statusQuery } from '../../workflows';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { createDevServerEnv } from '../support/temporal';

const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
/** Three cycles due on one deadline: its year and the two before (a cycle's deadline may fall up to two years after it). */
const YEAR = Number(deadline.slice(0, 4));
const RETRY_YEAR = YEAR - 1;
const EXEMPT_YEAR = YEAR - 2;
/** Addresses whose mail the SMTP side fails with a transient error (a 4xx, retried by Temporal). */
const failingMail = new Set<string>();

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({
    env,
    wrapMailer: (mailer) => ({
      send: (email) =>
        [...email.to, ...(email.cc ?? [])].some((a) => failingMail.has(a))
          ? Promise.reject(new Error('421 4.7.0 Try again later (injected by the test)'))
          : mailer.send(email),
      close: () => mailer.close(),
    }),
  });
  h.startWorker();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** The check on this harness, with a short re-check delay and RPC deadline so that failures come fast. */
const check = (options: Partial<CheckConsistencyOptions> = {}): Promise<ConsistencyReport> =>
  checkConsistency({ prisma: h.prisma, client: env.client, recheckDelayMs: 500, rpcTimeoutMs: 3_000, ...options });

/** Problems as `[kind, workflowId]` pairs, for assertions that do not depend on the wording. */
const kinds = (report: ConsistencyReport) => report.problems.map((p) => [p.kind, p.workflowId]);

async function openCycle(year: number, institutions: string[]): Promise<void> {
  const res = await fetch(`${h.baseUrl}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ year, deadline, institutions, openedBy: 'secretariado@example.gob.mx' }),
  });
  expect(res.status).toBe(202);
}

const row = (year: number, code: string) => h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: `request/${year}/${code}` } });

/** Runs the operator script as an operator would, against this harness; never rejects on a non-zero exit. */
function runScript(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(root, 'scripts/check-consistency.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TZ: 'UTC', NODE_ENV: 'test', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const serverEnv = () => ({ DATABASE_URL: h.databaseUrl, TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default' });

describe('consistency check (dev server, PostgreSQL, SMTP)', () => {
  it('a cycle whose request emails went out is consistent, and the script says so with exit code 0', async () => {
    await openCycle(YEAR, ['SEDENA', 'SRE']);
    await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 2, timeoutMs: 60_000 });
    // Quiescent: both requests have recorded REQUESTED and scheduled their first reminder.
    await eventually(async () => {
      const rows = await h.prisma.dataRequest.findMany({ where: { cycle: { year: YEAR } } });
      return rows.length === 2 && rows.every((r) => r.status === 'REQUESTED' && r.nextActionKind === 'REMINDER') ? rows : undefined;
    }, { what: 'both requests to wait for their first reminder' });

    const report = await expectConsistent(h);
    expect(report).toEqual({ checked: 2, checkedEnded: 0, cycles: 1, problems: [] });

    const script = await runScript([], serverEnv());
    expect(script).toMatchObject({ code: 0, stdout: 'consistent: 2 open requests checked (1 cycle)\n' });
  });

  it('a status changed in the database behind the workflow is STATUS_MISMATCH, and only while it lasts', async () => {
    const sedena = await row(YEAR, 'SEDENA');
    await h.prisma.dataRequest.update({ where: { id: sedena.id }, data: { status: 'DRAFT' } });
    expect((await check()).problems).toEqual([{ workflowId: `request/${YEAR}/SEDENA`, kind: 'STATUS_MISMATCH', detail: 'workflow says REQUESTED, record says DRAFT' }]);

    await h.prisma.dataRequest.update({ where: { id: sedena.id }, data: { status: 'REQUESTED' } });
    expect((await check()).problems).toEqual([]);
  });

  it('a request busy with a command whose record write waits is not reported; once it is written, both sides agree', async () => {
    await openCycle(EXEMPT_YEAR, ['INMUJERES']);
    const workflowId = `request/${EXEMPT_YEAR}/INMUJERES`;
    const { id } = await eventually(async () => {
      const r = await row(EXEMPT_YEAR, 'INMUJERES').catch(() => undefined);
      return r?.status === 'REQUESTED' && r.nextActionKind === 'REMINDER' ? r : undefined;
    }, { what: 'INMUJERES to wait for its first reminder' });
    // openRequest writes the record before it returns to the workflow: wait for the workflow's side too.
    const handle = env.client.workflow.getHandle(workflowId);
    await eventually(async () => ((await handle.query(statusQuery)).status === 'REQUESTED' && ((await handle.describe()).raw.pendingActivities?.length ?? 0) === 0 ? true : undefined), {
      what: 'the workflow to have opened the request',
    });
    // Hold the row: the exemption writes the record first (and waits), then changes the workflow's state.
    const locker = new pg.Client({ connectionString: h.databaseUrl });
    await locker.connect();
    let exempted: Promise<Response> | undefined;
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM "DataRequest" WHERE id = $1 FOR NO KEY UPDATE', [id]);
      exempted = fetch(`${h.baseUrl}/api/cycles/${EXEMPT_YEAR}/requests/INMUJERES/exempt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'No aplica este año' }),
      });
      await eventually(async () => (((await handle.describe()).raw.pendingActivities?.length ?? 0) > 0 ? true : undefined), { what: 'the exemption to wait on the row' });
      expect((await handle.query(statusQuery)).status).toBe('REQUESTED');
      // However long the write waits, a workflow busy with it (setRequestStatus pending) is not reported.
      expect((await check({ cycleYear: EXEMPT_YEAR, recheckDelayMs: 100 })).problems).toEqual([]);
    } finally {
      await locker.query('COMMIT').catch(() => undefined);
      await locker.end();
    }
    expect((await exempted!).status).toBe(200);
    expect((await row(EXEMPT_YEAR, 'INMUJERES')).status).toBe('EXEMPTED');

    // The request ends, and with it the cycle: ended on both sides, consistently.
    await eventually(async () => ((await env.client.workflow.getHandle(`cycle/${EXEMPT_YEAR}`).describe()).status.name === 'COMPLETED' ? true : undefined), {
      what: `cycle/${EXEMPT_YEAR} to complete`,
    });
    expect(await check({ cycleYear: EXEMPT_YEAR })).toEqual({ checked: 0, checkedEnded: 1, cycles: 1, problems: [] });
  });

  it('a terminated request whose row is open is WORKFLOW_NOT_RUNNING; once the row says ended, WORKFLOW_ENDED_BADLY', async () => {
    await env.client.workflow.getHandle(`request/${YEAR}/SRE`).terminate('consistency test');
    const open = await check();
    expect(open.problems).toEqual([
      { workflowId: `request/${YEAR}/SRE`, kind: 'WORKFLOW_NOT_RUNNING', detail: expect.stringMatching(/^record is open \(REQUESTED\) but the workflow is TERMINATED since \d{4}-/) },
    ]);

    const sre = await row(YEAR, 'SRE');
    await h.prisma.dataRequest.update({ where: { id: sre.id }, data: { endedAt: new Date() } });
    // Ended rows are only described when the check is narrowed to a cycle (or asked to).
    expect((await check()).problems).toEqual([]);
    const narrowed = await check({ cycleYear: YEAR });
    expect(narrowed).toMatchObject({ checked: 1, checkedEnded: 1, cycles: 1 });
    expect(narrowed.problems).toEqual([
      { workflowId: `request/${YEAR}/SRE`, kind: 'WORKFLOW_ENDED_BADLY', detail: expect.stringMatching(/^record ended REQUESTED at .*; the workflow is TERMINATED since /) },
    ]);
  });

  it('a row marked ended while its workflow still runs is WORKFLOW_STILL_RUNNING after the grace', async () => {
    const sedena = await row(YEAR, 'SEDENA');
    await h.prisma.dataRequest.update({ where: { id: sedena.id }, data: { endedAt: new Date(Date.now() - 10 * 60_000) } });
    try {
      expect(kinds(await check({ cycleYear: YEAR }))).toEqual([
        ['WORKFLOW_STILL_RUNNING', `request/${YEAR}/SEDENA`],
        ['WORKFLOW_ENDED_BADLY', `request/${YEAR}/SRE`],
      ]);
      // Within the grace it is a request that is just ending.
      expect(kinds(await check({ cycleYear: YEAR, endGraceMs: 60 * 60_000 }))).toEqual([['WORKFLOW_ENDED_BADLY', `request/${YEAR}/SRE`]]);
    } finally {
      await h.prisma.dataRequest.update({ where: { id: sedena.id }, data: { endedAt: null } });
    }
  });

  it('a workflow whose tasks keep failing is WORKFLOW_TASK_FAILING (with the cause from its history) and QUERY_FAILED', async () => {
    // A request whose workflow type this worker does not have, as after a deploy that renamed it: every
    // workflow task fails and the server retries it without end.
    const [cycle, sspc] = await Promise.all([
      h.prisma.reportingCycle.findFirstOrThrow({ where: { year: YEAR } }),
      h.prisma.institution.findUniqueOrThrow({ where: { code: 'SSPC' } }),
    ]);
    const workflowId = `request/${YEAR}/SSPC`;
    await h.prisma.dataRequest.create({ data: { cycleId: cycle.id, institutionId: sspc.id, workflowId, status: 'REQUESTED', deadline: cycle.deadline } });
    const handle = await env.client.workflow.start('institutionRequestV0', { workflowId, taskQueue: h.taskQueue, args: [] });
    await eventually(async () => ((await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0) >= 2 || undefined, { what: 'the workflow task to be retried' });

    const report = await check({ cycleYear: YEAR });
    const sspcProblems = report.problems.filter((p) => p.workflowId === workflowId);
    expect(sspcProblems).toEqual([
      { workflowId, kind: 'QUERY_FAILED', detail: expect.stringMatching(/^status query (failed: .+|did not answer within 3 s)/) },
      { workflowId, kind: 'WORKFLOW_TASK_FAILING', detail: expect.stringMatching(/^workflow task on attempt \d+; last failure: .*institutionRequestV0/) },
    ]);
  });

  it('a request email the SMTP server keeps refusing (transiently) is ACTIVITY_RETRYING once over the attempt threshold', async () => {
    const semar = await h.prisma.contact.findFirstOrThrow({ where: { institution: { code: 'SEMAR' }, role: 'PRIMARY', active: true } });
    failingMail.add(semar.email);
    await openCycle(RETRY_YEAR, ['SEMAR']);
    const workflowId = `request/${RETRY_YEAR}/SEMAR`;
    // Attempt 2 starts 5 s after the first fails (the activities' retry policy).
    await eventually(
      async () => {
        const { raw } = await env.client.workflow.getHandle(workflowId).describe();
        return (raw.pendingActivities ?? []).some((a) => a.activityType?.name === 'sendRequestEmail' && (a.attempt ?? 0) >= 2 && a.lastFailure) || undefined;
      },
      { timeoutMs: 60_000, what: 'the request email to be retried' },
    );

    // The default threshold (3 attempts) lets a short fault pass unreported; the workflow and row agree (PENDING).
    expect((await check({ cycleYear: RETRY_YEAR })).problems).toEqual([]);
    expect((await check({ cycleYear: RETRY_YEAR, maxActivityAttempts: 1 })).problems).toEqual([
      {
        workflowId,
        kind: 'ACTIVITY_RETRYING',
        detail: expect.stringMatching(/^sendRequestEmail is on attempt [2-9]; last failure: 421 4\.7\.0 Try again later \(injected by the test\)$/),
      },
    ]);
  });

  it('cycles: an OPEN cycle whose workflow is gone is WORKFLOW_NOT_RUNNING; a CLOSED one whose workflow runs is WORKFLOW_STILL_RUNNING', async () => {
    await env.client.workflow.getHandle(`cycle/${RETRY_YEAR}`).terminate('consistency test');
    await h.prisma.reportingCycle.updateMany({ where: { year: YEAR }, data: { status: 'CLOSED', closedAt: new Date(Date.now() - 10 * 60_000) } });
    const report = await check({ maxActivityAttempts: 1 });
    expect(report.problems.filter((p) => p.workflowId.startsWith('cycle/'))).toEqual([
      { workflowId: `cycle/${RETRY_YEAR}`, kind: 'WORKFLOW_NOT_RUNNING', detail: expect.stringMatching(new RegExp(`^cycle ${RETRY_YEAR} is OPEN in the record but its workflow is TERMINATED since `)) },
      { workflowId: `cycle/${YEAR}`, kind: 'WORKFLOW_STILL_RUNNING', detail: expect.stringMatching(new RegExp(`^cycle ${YEAR} is CLOSED in the record since .* but its workflow is still running$`)) },
    ]);
  });

  it('everything at once: the test helper fails listing each problem; the script prints them (--json) and exits 1', async () => {
    const expected = [
      ['WORKFLOW_NOT_RUNNING', `cycle/${RETRY_YEAR}`],
      ['WORKFLOW_STILL_RUNNING', `cycle/${YEAR}`],
      ['ACTIVITY_RETRYING', `request/${RETRY_YEAR}/SEMAR`],
      ['QUERY_FAILED', `request/${YEAR}/SSPC`],
      ['WORKFLOW_TASK_FAILING', `request/${YEAR}/SSPC`],
    ];
    // Unnarrowed, ended requests (SRE) are not described.
    expect(kinds(await check({ maxActivityAttempts: 1 }))).toEqual(expected);

    await expect(expectConsistent({ ...h, maxActivityAttempts: 1, rpcTimeoutMs: 3_000 })).rejects.toThrow(
      new RegExp(`inconsistent: 5 problems; 3 open requests checked \\(3 cycles\\)\\nKIND +WORKFLOW +DETAIL\\nWORKFLOW_NOT_RUNNING +cycle/${RETRY_YEAR} +cycle ${RETRY_YEAR} is OPEN`),
    );

    const script = await runScript(['--json', '--max-attempts', '1'], serverEnv());
    expect(script.code).toBe(1);
    const printed = JSON.parse(script.stdout) as ConsistencyReport;
    expect(printed).toMatchObject({ checked: 3, checkedEnded: 0, cycles: 3 });
    expect(kinds(printed)).toEqual(expected);

    const narrowed = await runScript(['--cycle', String(YEAR), '--max-attempts', '1'], serverEnv());
    expect(narrowed.code).toBe(1);
    expect(narrowed.stdout).toMatch(/^inconsistent: 4 problems; 2 open requests checked \(1 cycle, 1 ended requests\)\n/);
    expect(narrowed.stdout).toContain(`WORKFLOW_ENDED_BADLY    request/${YEAR}/SRE`);
  });

  it('the script exits 2 when it cannot run: configuration missing, bad arguments, an unknown cycle', async () => {
    const unset = await runScript([], { DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('DATABASE_URL: required by the consistency check');
    expect(unset.stderr).toContain('TEMPORAL_ADDRESS: required by the consistency check');

    const badArgument = await runScript(['--cycle', 'last'], serverEnv());
    expect(badArgument.code).toBe(2);
    expect(badArgument.stderr).toMatch(/--cycle needs a whole number/);

    const unknownCycle = await runScript(['--cycle', '2099'], serverEnv());
    expect(unknownCycle.code).toBe(2);
    expect(unknownCycle.stderr).toContain('No reporting cycle for 2099');
  });
});
