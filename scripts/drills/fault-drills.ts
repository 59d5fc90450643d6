/**
 * The faults of the drills (issue 11 §4), each injected at a moment chosen by progress, never by a
 * guess at how fast the machine is: "once the first email step is claimed", "once a report is accepted".
 */
import { DRAFT_REPORT, FINAL_REPORT, call } from './drill-cycle';
import { until, type DrillFault, type FaultContext } from './run-drill';

/** How long a fault waits for progress to act on before acting anyway. */
const TRIGGER_WAIT_MS = 60_000;

/** Resolves once an email step of the cycle has been claimed (a SentMessage row exists): fan-out is under way. */
async function fanOutUnderWay(ctx: FaultContext, atLeast = 1): Promise<void> {
  await until(async () => (await ctx.stack.prisma.sentMessage.count()) >= atLeast || ctx.phaseDone(), TRIGGER_WAIT_MS);
}

/** Resolves once `count` contents have been accepted (or the phase is over). */
async function submissionsUnderWay(ctx: FaultContext, count: number): Promise<void> {
  await until(() => ctx.submissionsAccepted() >= count || ctx.phaseDone(), TRIGGER_WAIT_MS);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Split `n` injections between fan-out (the larger half) and submissions. */
const split = (n: number) => ({ fanOut: Math.ceil(n / 2), submissions: Math.floor(n / 2) });

/**
 * SIGKILL of the worker process, `kills` times, half while the cycle fans out (each after the previous
 * worker's replacement has claimed more email steps) and half while contacts submit (spread over the
 * entities); each time a new worker process is started at once. Activities the dead worker held are
 * retried by another once their start-to-close timeout runs out (1 minute for emails, 10 s for a
 * submission's write): the drill is as long as those timeouts, not as the kills.
 */
export function workerKills({ kills, entities }: { kills: number; entities: number }): DrillFault {
  const { fanOut, submissions } = split(kills);
  return {
    name: 'worker SIGKILL',
    async duringFanOut(ctx) {
      for (let i = 0; i < fanOut; i++) {
        await fanOutUnderWay(ctx, 1 + i * Math.max(1, Math.floor(entities / (fanOut + 1))));
        ctx.injected();
        await ctx.stack.workers.killAndRestart();
      }
    },
    async duringSubmissions(ctx) {
      for (let i = 1; i <= submissions; i++) {
        await submissionsUnderWay(ctx, Math.max(1, Math.floor((i * entities) / (submissions + 1))));
        ctx.injected();
        await ctx.stack.workers.killAndRestart();
      }
    },
  };
}

/** The Temporal dev server stopped and started again on its database file, `restarts` times (half in each phase). */
export function temporalRestarts({ restarts }: { restarts: number }): DrillFault {
  const { fanOut, submissions } = split(restarts);
  return {
    name: 'Temporal restart',
    async duringFanOut(ctx) {
      for (let i = 0; i < fanOut; i++) {
        await fanOutUnderWay(ctx, 1 + i);
        ctx.injected();
        await ctx.stack.temporal.restart();
      }
    },
    async duringSubmissions(ctx) {
      for (let i = 1; i <= submissions; i++) {
        await submissionsUnderWay(ctx, i);
        ctx.injected();
        await ctx.stack.temporal.restart();
      }
    },
  };
}

/** The SMTP server unreachable for `outageMs`, once while requests go out and once while receipts do. */
export function smtpOutage({ outageMs }: { outageMs: number }): DrillFault {
  const outage = async (ctx: FaultContext) => {
    ctx.injected();
    await ctx.stack.smtpProxy.cut();
    await sleep(outageMs);
    await ctx.stack.smtpProxy.restore();
  };
  return {
    name: 'SMTP outage',
    async duringFanOut(ctx) {
      await fanOutUnderWay(ctx);
      await outage(ctx);
    },
    async duringSubmissions(ctx) {
      await submissionsUnderWay(ctx, 1);
      await outage(ctx);
    },
  };
}

/**
 * PostgreSQL unreachable for `outageMs` (every connection reset, new ones refused), once during fan-out
 * and once while contacts submit. Meanwhile the dashboard's read is called every second: it must answer
 * 503 with `Retry-After`, never 500 (the drill's answer log checks every call).
 */
export function databaseOutage({ outageMs }: { outageMs: number }): DrillFault {
  const outage = async (ctx: FaultContext) => {
    ctx.injected();
    await ctx.stack.dbProxy.cut();
    const until = Date.now() + outageMs;
    while (Date.now() < until) {
      ctx.log.add(`GET /api/cycles/${ctx.year} (database down)`, await call(ctx.stack.baseUrl, 'GET', `/api/cycles/${ctx.year}`));
      await sleep(1_000);
    }
    await ctx.stack.dbProxy.restore();
  };
  return {
    name: 'PostgreSQL outage',
    async duringFanOut(ctx) {
      await fanOutUnderWay(ctx);
      await outage(ctx);
    },
    async duringSubmissions(ctx) {
      await submissionsUnderWay(ctx, 1);
      await outage(ctx);
    },
  };
}

/**
 * No infrastructure fault: each contact saves the same draft twice at once, then sends the same final
 * report twice at once (a double click, a retry racing the original). Injected: one per pair.
 */
export function duplicateSubmissions({ entities }: { entities: number }): DrillFault {
  return {
    name: 'same submission ×2 at once',
    plan: [
      { content: DRAFT_REPORT, copies: 2 },
      { content: FINAL_REPORT, copies: 2 },
    ],
    async duringSubmissions(ctx) {
      for (let i = 0; i < 2 * entities; i++) ctx.injected();
    },
  };
}
