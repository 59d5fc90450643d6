import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds. Secretariat updates may wait up to 45 s for a workflow (README: failures), hence the top buckets. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The label of a request that matched no route (404s, malformed URLs): never its raw path. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Counts every answered request and observes its latency, in `registry`:
 * `nap1325_http_requests_total{method, route, status}` and
 * `nap1325_http_request_duration_seconds{method, route}` (a histogram). `route` is the route's pattern
 * (`/respond/:year/:code`), never the URL: paths and queries carry tokens and would make one series per
 * link. Call before registering routes.
 */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Counter({
    name: 'nap1325_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'nap1325_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const method = request.method.length <= 10 ? request.method : 'OTHER';
    requests.inc({ method, route, status: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
  });
}
