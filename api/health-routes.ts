import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OperatorAccess } from './operator-access';
import { sendProblem, ZProblem } from './problem';
import { json, OPEN, problem, responses, Tag } from './route-schemas';
import { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from './run-readiness-checks';

/** One dependency's check, as /readyz shows it (`message` only to operators). */
const ZCheck = z.strictObject({
  ok: z.boolean(),
  ms: z.number().int(),
  error: z.string().optional().meta({ description: '`TIMEOUT`, `ECONNREFUSED`, `UNAVAILABLE`, …' }),
  message: z.string().optional().meta({ description: "The error's own message: to operators only (the metrics or secretariat token)." }),
});
const ZNotReady = ZProblem.extend({ ready: z.literal(false), checks: z.record(z.string(), ZCheck) }).meta({ id: 'NotReady' });

/** What a load balancer is told to wait before asking /readyz again. */
const RETRY_AFTER_SECONDS = 5;
/** How long closing the API waits at most for checks still running past their limit. */
const CLOSE_WAIT_MS = 10_000;

/**
 * `GET /healthz`: the process answers (no dependency is touched): `{ ok: true }`.
 *
 * `GET /readyz`: every dependency in `checks` (Temporal, PostgreSQL, SMTP in `npm start`) answered, each
 * checked in parallel within `timeoutMs` (default 2 s), so a hung dependency makes /readyz slow by that
 * much and no more. 200 `{ ready: true, checks: { temporal: { ok: true, ms: 3 }, … } }`; otherwise 503
 * problem+json `NOT_READY` with `Retry-After`, whose `detail` names each dependency whose check failed
 * and why (`smtp (ECONNREFUSED)`) and whose `checks` give every check's outcome. The errors' own
 * messages (which may name hosts, ports, users) are added for operators only (`access.isOperator`: the
 * metrics or secretariat token, or anyone in development) and always logged.
 *
 * Both are open: probes carry no credentials. Concurrent /readyz requests share one run of the checks,
 * and a run is reused for `cacheMs` (default 1 s), so a flood of probes cannot become a flood of SMTP
 * and database connections.
 *
 * A check answered "too slow" may still be at work (the Temporal client's retry timer, a connection
 * attempt): closing the API waits for that work (up to 10 s), so whoever closes the clients after the
 * API (npm start, the tests) never closes one under it — a Temporal retry on a closed channel throws
 * outside any promise.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  { checks, timeoutMs = 2000, cacheMs = 1000, access }: { checks: Record<string, ReadinessCheck>; timeoutMs?: number; cacheMs?: number; access: OperatorAccess },
): void {
  let last: { startedAt: number; report: Promise<ReadinessReport> } | undefined;
  const working = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    working.add(work);
    void work.then(() => working.delete(work));
  };
  const readiness = () => {
    const now = Date.now();
    if (!last || now - last.startedAt >= cacheMs) last = { startedAt: now, report: runReadinessChecks({ checks, timeoutMs, track }) };
    return last.report;
  };
  app.addHook('onClose', async () => {
    if (working.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(working), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/healthz',
    {
      schema: {
        tags: [Tag.OPERATIONS],
        summary: 'Liveness',
        description: 'The process answers; no dependency is touched. Open.',
        security: OPEN,
        response: responses({ 200: json(z.strictObject({ ok: z.literal(true) }), 'Alive.') }),
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { ok: true as const };
    },
  );

  api.get(
    '/readyz',
    {
      schema: {
        tags: [Tag.OPERATIONS],
        summary: 'Readiness',
        description: 'Every dependency (Temporal, PostgreSQL, SMTP) answered, each checked in parallel within its time limit (2 s). Open; the errors\' own messages only to operators.',
        security: OPEN,
        response: responses({
          200: json(z.strictObject({ ready: z.literal(true), checks: z.record(z.string(), ZCheck.pick({ ok: true, ms: true })) }), 'Ready: each check and its time.'),
          503: problem(503, 'Not ready (`NOT_READY`): `detail` names each dependency that failed and why, `checks` gives every outcome; `Retry-After`.', ZNotReady),
        }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const report = await readiness();
      if (report.ready) {
        const brief = Object.fromEntries(Object.entries(report.checks).map(([name, { ok, ms }]) => [name, { ok, ms }]));
        return { ready: true as const, checks: brief };
      }
      const failed = Object.entries(report.checks).filter(([, r]) => !r.ok);
      request.log.warn({ checks: report.checks }, `not ready: ${failed.map(([name, r]) => `${name}: ${r.message}`).join('; ')}`);
      const operator = access.isOperator(request.headers.authorization);
      const shown = Object.fromEntries(Object.entries(report.checks).map(([name, { message, ...rest }]) => [name, operator && message ? { ...rest, message } : rest]));
      return sendProblem(reply, {
        status: 503,
        code: 'NOT_READY',
        detail: `Not ready: ${failed.map(([name, r]) => `${name} (${r.error}${operator && r.message ? `: ${r.message}` : ''})`).join(', ')}.`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        extensions: { ready: false, checks: shown },
      });
    },
  );
}
