import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zInstitutionCode } from '../../domain/input-bounds';
import { InstitutionListPage } from '../../ui/pages/institution-list-page';
import { InstitutionPage } from '../../ui/pages/institution-page';
import { INSTITUTION_NOTICES } from '../../ui/pages/institution-text';
import { currentPlan } from '../queries/find-plan';
import { listInstitutions, ZInstitutionListQuery } from '../queries/list-institutions';
import { registerInstitutionForms } from './institution-forms';
import { buildInstitutionPageModel } from './institution-page-model';
import { sendPage } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE } from './route-config';

const ZCodeParams = z.object({ code: zInstitutionCode() });
const ZNoticeQuery = z.object({ notice: z.enum(INSTITUTION_NOTICES as [string, ...string[]]).optional() }).catch({});

/**
 * The institution pages: the list (`GET /institutions`, filtered and paged) and one institution
 * (`GET /institutions/:code`) for the secretariat and the working group, with the secretariat's forms on
 * it (./institution-forms.ts).
 */
export function registerInstitutionPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, pageContext } = deps;

  app.get('/institutions', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'institutions');
    const query = ZInstitutionListQuery.parse(request.query ?? {});
    const plan = await currentPlan(prisma);
    const list = await listInstitutions({ prisma, query, planId: plan?.id ?? null });
    const filters = { ...(query.q ? { q: query.q } : {}), ...(query.kind ? { kind: query.kind } : {}) };
    const link = (cursor: Record<string, string>) => `/institutions?${new URLSearchParams({ ...filters, ...cursor })}`;
    return sendPage(
      reply,
      InstitutionListPage({
        lang: ctx.lang,
        nav: ctx.nav,
        switchLanguageHref: ctx.switchLanguageHref,
        filters: { q: query.q ?? '', kind: query.kind ?? '' },
        rows: list.rows.map((r) => ({ ...r, name: { es: r.nameEs, en: r.nameEn }, href: `/institutions/${r.code}` })),
        total: list.total,
        offset: list.offset,
        urls: { ...(list.next ? { next: link({ after: list.next }) } : {}), ...(list.previous ? { previous: link({ before: list.previous }) } : {}), clear: '/institutions' },
      }),
    );
  });

  app.get('/institutions/:code', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'institutions');
    const { code } = ZCodeParams.parse(request.params);
    const { notice } = ZNoticeQuery.parse(request.query ?? {});
    return sendPage(reply, InstitutionPage(await buildInstitutionPageModel({ prisma, ctx, code, notice })));
  });

  registerInstitutionForms(app, deps);
}
