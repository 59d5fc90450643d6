import type { FastifyInstance } from 'fastify';
import { CLIENT_SCRIPT, CLIENT_SCRIPT_PATH } from '../ui/client-script';
import { STYLESHEET, STYLESHEET_PATH } from '../ui/stylesheet';

/**
 * The pages' one stylesheet and one script, at addresses that carry their content hash: cached for a
 * year and never stale (a change is a new address). Public: they hold nothing secret. A path already
 * registered (by another room that serves the same asset) is left as it is.
 */
export function registerAssetRoutes(app: FastifyInstance): void {
  const assets = [
    { url: STYLESHEET_PATH, type: 'text/css; charset=utf-8', body: STYLESHEET },
    { url: CLIENT_SCRIPT_PATH, type: 'text/javascript; charset=utf-8', body: CLIENT_SCRIPT },
  ];
  for (const asset of assets) {
    if (app.hasRoute({ method: 'GET', url: asset.url })) continue;
    app.get(asset.url, async (_request, reply) => reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body));
  }
}
