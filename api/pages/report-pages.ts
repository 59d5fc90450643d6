import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZYearParams, zYearParam } from '../../domain/input-bounds';
import { Access } from '../../domain/roles';
import type { PageNotice } from '../../ui/pages/admin-frame';
import { ReportVersionsPage } from '../../ui/pages/secretariat/report-versions-page';
import { reportVersionsText } from '../../ui/pages/secretariat/report-versions-text';
import { compileReportNow, publishReport } from '../commands/report-commands';
import { reportFile, reportVersions, type ReportFormat } from '../queries/report-versions';
import { sendReportFile } from '../report-file-reply';
import { ZFileParams, ZFileQuery } from '../report-routes';
import { formFailure } from './form-failure';
import { pageLanguage } from './page-language';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZNotice = z.object({ notice: z.string().max(40).optional().catch(undefined) });
const ZVersionParams = z.strictObject({ year: zYearParam(), version: z.coerce.number().int().min(1).max(999_999) });

/**
 * `/dashboard/:year/report`: the cycle's annual report versions, downloads, and (secretariat) compile and
 * publish, through the same commands as the JSON API. Forms redirect back with a notice, or show the page
 * again with the refusal in place.
 */
export function registerReportPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, pageContext } = deps;

  const page = async (reply: FastifyReply, ctx: PageContext, year: number, notice?: PageNotice, status = 200) =>
    sendPage(reply, ReportVersionsPage({ ...ctx, data: await reportVersions(prisma, year, ctx.lang), notice }), status);

  app.get('/dashboard/:year/report', { config: PAGE }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard');
    const { year } = ZYearParams.parse(request.params);
    const code = ZNotice.parse(request.query ?? {}).notice;
    const text = code ? reportVersionsText(ctx.lang).notices[code] : undefined;
    return page(reply, ctx, year, text ? { kind: code === 'compiling' || code === 'publishing' ? 'warning' : 'ok', text } : undefined);
  });

  // The address emails and the page link to: the same stored file, behind the pages' sign-in (a reader who
  // is not signed in is sent to /sign-in and comes back here).
  app.get('/reports/:year/:file', { config: PAGE }, async (request, reply) => {
    await pageContext(request, reply, 'dashboard');
    const { year, version, format } = ZFileParams.parse(request.params) as { year: number; version: number; format: ReportFormat };
    const { lang } = ZFileQuery.parse(request.query ?? {});
    return sendReportFile(reply, { file: await reportFile(prisma, { year, version, format, lang, readerLang: pageLanguage(request) }), year, version, format, lang });
  });

  app.post('/dashboard/:year/report/compile', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard', Access.ACT);
    const { year } = ZYearParams.parse(request.params);
    try {
      const started = await compileReportNow(deps, { year, who: ctx.principal.name, lang: ctx.lang });
      return seeOther(reply, `/dashboard/${year}/report`, !started.result ? 'compiling' : started.result.created ? 'compiled' : 'unchanged');
    } catch (err) {
      const failed = formFailure(err, ctx.lang);
      return page(reply, ctx, year, { kind: 'error', text: failed.message ?? Object.values(failed.errors)[0] ?? '' }, failed.status);
    }
  });

  app.post('/dashboard/:year/report/versions/:version/publish', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await pageContext(request, reply, 'dashboard', Access.ACT);
    const { year, version } = ZVersionParams.parse(request.params);
    try {
      const started = await publishReport(deps, { year, version, who: ctx.principal.name, lang: ctx.lang });
      return seeOther(reply, `/dashboard/${year}/report`, started.result ? 'published' : 'publishing');
    } catch (err) {
      const failed = formFailure(err, ctx.lang);
      return page(reply, ctx, year, { kind: 'error', text: failed.message ?? Object.values(failed.errors)[0] ?? '' }, failed.status);
    }
  });
}
