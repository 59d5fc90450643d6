import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/**
 * Makes `app.close()` resolve only once every route handler that started has finished. Call it before
 * registering routes: it wraps the handlers of the routes registered after it.
 *
 * Why: Fastify's close waits for open connections, not for handlers. A handler whose client hung up
 * (a browser that navigated away, a proxy or `curl --max-time` that gave up) keeps running after
 * `close()` resolved, and it may be inside a Temporal client call. Closing the Temporal connection
 * under it fails that call, or worse: a call that met an unavailable server waits in the SDK's retry
 * interceptor, whose timer then starts the next attempt on the closed channel and throws "Channel has
 * been shut down" as an uncaught exception. Whoever closes the API first and the Temporal connection
 * after (npm start, the tests' harness) relies on this. A handler's Temporal calls are bounded by the
 * SDK's retry policy (about 20 s against a server that is down), so the wait is bounded too.
 */
export function drainOnClose(app: FastifyInstance): void {
  const running = new Set<Promise<unknown>>();
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    const tracked: RouteHandlerMethod = function (this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      if (result instanceof Promise) {
        const settled = result.then(
          () => undefined,
          () => undefined,
        );
        running.add(settled);
        void settled.then(() => running.delete(settled));
      }
      return result;
    };
    route.handler = tracked;
  });
  // onClose runs once the server stopped accepting and its connections closed: what is left in
  // `running` are handlers nobody waits for any more. New ones cannot start; wait for these.
  app.addHook('onClose', async () => {
    while (running.size > 0) await Promise.all(running);
  });
}
