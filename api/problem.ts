import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, appErrorStatus } from '../domain/app-error';

/**
 * Turns every error into an RFC 9457 problem+json answer. AppError codes map to their status; zod errors
 * to 400 naming each field; Fastify's own client errors (bad JSON, wrong content type, too large) keep
 * their 4xx. Anything else is a 500 whose detail is not leaked.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError | Error, request, reply) => {
    if (error instanceof AppError) {
      const status = appErrorStatus[error.code];
      return reply
        .status(status)
        .type('application/problem+json')
        .send({ type: `urn:nap1325:problem:${error.code.toLowerCase()}`, title: error.code, status, detail: error.message, ...(error.fields ? { fields: error.fields } : {}) });
    }
    if (error instanceof ZodError) {
      const fields = Object.fromEntries(error.issues.map((i) => [i.path.map(String).join('.') || '(body)', i.message]));
      const first = Object.entries(fields)[0];
      return reply
        .status(400)
        .type('application/problem+json')
        .send({ type: 'urn:nap1325:problem:validation', title: 'VALIDATION', status: 400, detail: `Invalid request: ${first[0]}: ${first[1]}`, fields });
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.status(status).type('application/problem+json').send({ type: 'about:blank', title: (error as FastifyError).code ?? 'BAD_REQUEST', status, detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).type('application/problem+json').send({ type: 'about:blank', title: 'INTERNAL', status: 500, detail: 'Internal error; it has been logged.' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'NOT_FOUND', status: 404, detail: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
