import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PlanPage } from '../../ui/pages/plan-page';
import { ZPlanParams } from '../queries/find-plan';
import { listPlans } from '../queries/list-plans';
import { planTree } from '../queries/plan-tree';
import { sendPage } from './page-context';
import { buildPlanPageModel } from './plan-page-model';
import type { PageDeps } from './register-pages';
import { PAGE } from './route-config';

const ZVersionQuery = z.object({ version: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}\/[1-9]\d{0,5}$/, 'must be KEY/version').optional() });

/**
 * The plan browser for the secretariat and the working group: `GET /plan` shows the current version
 * (the one new cycles measure), `GET /plan/:key/:version` any version loaded; the version select (a GET
 * form, `?version=KEY/N`) redirects to the version chosen.
 */
export function registerPlanPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, pageContext } = deps;

  app.get('/plan', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'plan');
    const { version } = ZVersionQuery.parse(request.query ?? {});
    if (version) return reply.redirect(`/plan/${version}`, 303);
    const [tree, plans] = await Promise.all([planTree({ prisma, lang: ctx.lang }), listPlans({ prisma })]);
    return sendPage(reply, PlanPage(buildPlanPageModel({ ctx, tree, plans })));
  });

  app.get('/plan/:key/:version', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'plan');
    const { key, version } = ZPlanParams.parse(request.params);
    const [tree, plans] = await Promise.all([planTree({ prisma, key, version, lang: ctx.lang }), listPlans({ prisma })]);
    return sendPage(reply, PlanPage(buildPlanPageModel({ ctx, tree, plans })));
  });
}
