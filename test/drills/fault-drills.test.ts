/**
 * The small fault drills of `npm run drill` (scripts/drills/), on the real Temporal dev server,
 * PostgreSQL, SMTP and worker processes: 10 entities, the worker SIGKILLed twice (once while the cycle
 * fans out, once while contacts submit), the SMTP server unreachable for a few seconds twice, and the
 * same draft and the same final report sent twice at once. Each drill asserts the invariants only — one
 * email per due step by Message-ID, none twice, every accepted content stored once, every request
 * SUBMITTED, the cycle completed, no 500 — never how long anything took. The Temporal restart and the
 * PostgreSQL outage run in `npm run drill` only (each costs a minute or more of retry backoff).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { duplicateSubmissions, smtpOutage, workerKills } from '../../scripts/drills/fault-drills';
import { runDrill, type DrillFigures } from '../../scripts/drills/run-drill';
import { removeWorkerBundle } from '../support/worker-process';

const ENTITIES = 10;
/** Each phase of a drill may take this long on a loaded machine before it counts as stuck. */
const PHASE_TIMEOUT_MS = 240_000;

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this process.
  }
});

afterAll(async () => {
  await removeWorkerBundle();
});

/** The invariants every drill keeps, as one object so a failure shows all of them at once. */
function expectInvariants(figures: DrillFigures, injected: number) {
  expect({
    violations: figures.violations,
    injected: figures.injected,
    delivered: figures.emailsDelivered,
    duplicated: figures.emailsDuplicated,
    stored: figures.submissionsStored,
    lost: figures.submissionsLost,
    internalErrors: figures.internalErrors,
    cycleCompleted: figures.cycleCompleted,
  }).toEqual({
    violations: [],
    injected,
    delivered: figures.emailsExpected,
    duplicated: 0,
    stored: figures.submissionsAccepted,
    lost: 0,
    internalErrors: 0,
    cycleCompleted: true,
  });
}

it('the worker SIGKILLed during fan-out and during submissions, and restarted: nothing lost, nothing doubled', async () => {
  const figures = await runDrill({ fault: workerKills({ kills: 2, entities: ENTITIES }), entities: ENTITIES, timeoutMs: PHASE_TIMEOUT_MS });
  expectInvariants(figures, 2);
  // request + receipt per entity, each report accepted once; three worker processes in all.
  expect([figures.emailsExpected, figures.submissionsAccepted, figures.workerProcesses]).toEqual([2 * ENTITIES, ENTITIES, 3]);
}, 600_000);

it('the SMTP server unreachable for a while, twice: emails go out late, not lost, not doubled', async () => {
  const figures = await runDrill({ fault: smtpOutage({ outageMs: 3_000 }), entities: ENTITIES, timeoutMs: PHASE_TIMEOUT_MS });
  expectInvariants(figures, 2);
  expect([figures.emailsExpected, figures.submissionsAccepted]).toEqual([2 * ENTITIES, ENTITIES]);
}, 600_000);

it('the same draft and the same final report sent twice at once: each stored once, one receipt', async () => {
  const figures = await runDrill({ fault: duplicateSubmissions({ entities: ENTITIES }), entities: ENTITIES, timeoutMs: PHASE_TIMEOUT_MS });
  expectInvariants(figures, 2 * ENTITIES);
  // A draft and a final report per entity; one request email and one receipt (for the final) each.
  expect([figures.submissionsAccepted, figures.submissionsStored, figures.emailsExpected]).toEqual([2 * ENTITIES, 2 * ENTITIES, 2 * ENTITIES]);
}, 600_000);
