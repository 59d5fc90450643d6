import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { ZRequestParams, ZYearParams, type Locale } from '../../domain/input-bounds';
import { describePolicy } from '../../domain/policy-text';
import { DEFAULT_REPORTING_POLICY } from '../../domain/reporting-policy';
import { Access } from '../../domain/roles';
import { CycleDashboardPage } from '../../ui/pages/secretariat/cycle-dashboard-page';
import { CycleOpeningPage } from '../../ui/pages/secretariat/cycle-opening-page';
import { CyclesPage, type OpenCycleFields } from '../../ui/pages/secretariat/cycles-page';
import { dashboardText } from '../../ui/pages/secretariat/dashboard-text';
import { RequestPage, type RequestForm, type RequestFormState } from '../../ui/pages/secretariat/request-page';
import { openCycle } from '../commands/open-cycle';
import { closeCycle, runRequestAction, type RequestAction } from '../commands/request-command';
import { cycleDashboard, ZDashboardQuery } from '../queries/cycle-dashboard';
import { listCycles } from '../queries/cycle-list';
import { requestDetail, ZRequestPageQuery } from '../queries/request-detail';
import { formFailure } from './form-failure';
import { defaultOpenCycleFields, readOpenCycleForm } from './open-cycle-form';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZNotice = z.object({ notice: z.string().max(40).optional().catch(undefined) });

/** Each request form: the command it runs, how its fields become the command's body, its notice. */
const REQUEST_FORMS: Record<RequestForm, { action: RequestAction; notice: string; body: (form: Record<string, string>) => Record<string, unknown> }> = {
  'extension-decision': {
    action: 'extension-decision',
    notice: 'decided',
    body: (f) => ({ approve: f.approve !== 'false', ...(f.deadline ? { deadline: f.deadline } : {}), ...(f.note?.trim() ? { note: f.note } : {}) }),
  },
  extension: { action: 'extension', notice: 'granted', body: (f) => ({ deadline: f.deadline ?? '', reason: f.reason ?? '' }) },
  resend: { action: 'resend', notice: 'resent', body: () => ({}) },
  exempt: { action: 'exempt', notice: 'exempted', body: (f) => ({ reason: f.reason ?? '' }) },
};
/** The input ids of each form's fields (the form's prefix and the command's field name). */
const FORM_PREFIX: Record<RequestForm, string> = { 'extension-decision': 'decide', extension: 'grant', resend: 'resend', exempt: 'exempt' };

const ZFormStrings = z.record(z.string().max(64), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(10)]).transform((v) => (Array.isArray(v) ? v[0] : v)));

/** The Temporal Web UI's page of a workflow. */
function temporalLinkOf(deps: PageDeps) {
  const ui = deps.temporalUi;
  return ui ? (workflowId: string) => `${ui.url.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}` : undefined;
}

const noticeText = (lang: Locale, code: string | undefined) => (code ? dashboardText(lang).notices[code] : undefined);

/**
 * The cycle pages: `/dashboard` (cycles, open one), `/dashboard/:year` (the cycle's dashboard, close it),
 * `/dashboard/:year/:code` (one request: facts, actions, versions and their differences, emails, audit).
 * Forms post to the same paths and redirect back with a notice, or show the page again with the refusal
 * in place. The pages call the same commands and queries as the JSON API.
 */
export function registerCyclePages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, temporal, pageContext } = deps;
  const temporalLink = temporalLinkOf(deps);

  const cyclesPage = async (reply: FastifyReply, ctx: PageContext, form: OpenCycleFields, errors: Record<string, string> = {}, status = 200, notice?: string) =>
    sendPage(
      reply,
      CyclesPage({ ...ctx, cycles: await listCycles(prisma), form, errors, policyLines: describePolicy(DEFAULT_REPORTING_POLICY, ctx.lang), notice }),
      status,
    );

  app.get('/dashboard', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard');
    return cyclesPage(reply, ctx, defaultOpenCycleFields(deps.now()), {}, 200, noticeText(ctx.lang, ZNotice.parse(request.query ?? {}).notice));
  });

  app.post('/dashboard/cycles', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard', Access.ACT);
    const read = readOpenCycleForm(request.body, ctx.lang, deps.now());
    if (!read.body) return cyclesPage(reply, ctx, read.fields, read.errors, 400);
    try {
      const opened = await openCycle(deps, read.body, ctx.principal.name, ctx.lang);
      return seeOther(reply, `/dashboard/${opened.year}`, 'opened');
    } catch (err) {
      const failed = formFailure(err, ctx.lang);
      return cyclesPage(reply, ctx, read.fields, failed.message ? { year: failed.message, ...failed.errors } : failed.errors, failed.status);
    }
  });

  const dashboardPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, year: number, close?: { reason: string; error?: string }, status = 200) => {
    const query = ZDashboardQuery.parse(request.query ?? {});
    const notice = noticeText(ctx.lang, ZNotice.parse(request.query ?? {}).notice);
    try {
      const data = await cycleDashboard(prisma, year, query, ctx.lang);
      return sendPage(reply, CycleDashboardPage({ ...ctx, data, query, temporalLink, notice, close }), status);
    } catch (err) {
      // Just opened: the cycle's workflow is still creating its requests.
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      const running = await temporal.workflow
        .getHandle(`cycle/${year}`)
        .describe()
        .then((d) => d.status.name === 'RUNNING')
        .catch(() => false);
      if (!running) throw err;
      return sendPage(reply, CycleOpeningPage({ ...ctx, year }));
    }
  };

  app.get('/dashboard/:year', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard');
    const { year } = ZYearParams.parse(request.params);
    return dashboardPage(request, reply, ctx, year);
  });

  app.post('/dashboard/:year/close', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard', Access.ACT);
    const { year } = ZYearParams.parse(request.params);
    const form = ZFormStrings.parse(request.body ?? {});
    try {
      await closeCycle(deps, { year, body: { reason: form.reason ?? '' }, who: ctx.principal.name, lang: ctx.lang });
      return seeOther(reply, `/dashboard/${year}`, 'closed');
    } catch (err) {
      const failed = formFailure(err, ctx.lang);
      return dashboardPage(request, reply, ctx, year, { reason: form.reason ?? '', error: failed.message ?? Object.values(failed.errors)[0] }, failed.status);
    }
  });

  const requestPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, failed?: RequestFormState, status = 200) => {
    const { year, institution } = ZRequestParams.parse(request.params);
    const query = ZRequestPageQuery.parse(request.query ?? {});
    const detail = await requestDetail(prisma, { year, code: institution, query, lang: ctx.lang });
    const notice = noticeText(ctx.lang, ZNotice.parse(request.query ?? {}).notice);
    return sendPage(reply, RequestPage({ ...ctx, detail, temporalLink, notice, failed }), status);
  };

  app.get('/dashboard/:year/:institution', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard');
    return requestPage(request, reply, ctx);
  });

  for (const form of Object.keys(REQUEST_FORMS) as RequestForm[]) {
    app.post(`/dashboard/:year/:institution/${form}`, { config: PAGE_FORM }, async (request, reply) => {
      const ctx = await pageContext(request, reply, 'dashboard', Access.ACT);
      const { year, institution } = ZRequestParams.parse(request.params);
      const values = ZFormStrings.parse(request.body ?? {});
      const spec = REQUEST_FORMS[form];
      try {
        await runRequestAction(deps, { year, institution, action: spec.action, body: spec.body(values), who: ctx.principal.name, lang: ctx.lang });
        return seeOther(reply, `/dashboard/${year}/${institution}`, spec.notice);
      } catch (err) {
        const failed = formFailure(err, ctx.lang, (field) => `${FORM_PREFIX[form]}-${field}`);
        return requestPage(request, reply, ctx, { form, message: failed.message, errors: failed.errors, values }, failed.status);
      }
    });
  }
}
