import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { BEARER_ONLY, responses, Tag } from './route-schemas';
import type { OperatorAccess } from './operator-access';
import type { RecordMetrics } from './record-metrics';

/**
 * `GET /metrics`: Prometheus text (format 0.0.4) of `registry` — the API's request counts and latencies
 * (api/http-metrics), the domain's numbers read from the record at this moment (api/record-metrics),
 * and whatever else the process registered there (`npm start`: Node's process metrics). Needs the
 * metrics or secretariat token once one is configured (api/operator-access).
 */
export function registerMetricsRoutes(app: FastifyInstance, { registry, record, access }: { registry: Registry; record: RecordMetrics; access: OperatorAccess }): void {
  app.get(
    '/metrics',
    {
      schema: {
        tags: [Tag.OPERATIONS],
        summary: 'Prometheus metrics',
        description: 'Prometheus text format 0.0.4: HTTP requests by route pattern and status, latencies, the domain\'s numbers read from the record now (requests by status, attention flags, emails…), the process\'s. Needs the metrics or secretariat token once one is configured.',
        security: BEARER_ONLY,
        response: responses({ 200: { description: 'The metrics.', content: { 'text/plain': { schema: z.string() } } } }, 401, 403),
      },
    },
    async (request, reply) => {
      access.authorizeMetrics(request.headers.authorization);
      await record.refresh();
      const text = await registry.metrics();
      return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
    },
  );
}
