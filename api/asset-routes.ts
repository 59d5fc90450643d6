import type { FastifyInstance } from 'fastify';
import { CLIENT_SCRIPT, CLIENT_SCRIPT_PATH } from '../ui/client-script';
import { STYLESHEET, STYLESHEET_PATH } from '../ui/stylesheet';
import { HIDDEN } from './route-schemas';

/**
 * The pages' stylesheet and script, from our own origin (no CDN): named by their content hash, so a
 * browser may keep them for a year and a new release is fetched at once.
 */
export function registerAssetRoutes(app: FastifyInstance): void {
  const forever = 'public, max-age=31536000, immutable';
  app.get(STYLESHEET_PATH, HIDDEN, async (_request, reply) => reply.header('cache-control', forever).type('text/css; charset=utf-8').send(STYLESHEET));
  app.get(CLIENT_SCRIPT_PATH, HIDDEN, async (_request, reply) => reply.header('cache-control', forever).type('text/javascript; charset=utf-8').send(CLIENT_SCRIPT));
}
