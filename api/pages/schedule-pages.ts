import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { LIMITS, zLine, zYearParam } from '../../domain/input-bounds';
import { Access } from '../../domain/roles';
import { runTimeText } from '../../domain/schedule-text';
import type { SchedulesPageModel } from '../../ui/pages/schedules-model';
import { SchedulesPage } from '../../ui/pages/schedules-page';
import { schedulesText } from '../../ui/pages/schedules-text';
import { backfillYearlyCycle, setSchedulePaused, triggerSchedule } from '../commands/schedule-actions';
import { listSchedules } from '../queries/schedule-list';
import { formIssues } from './form-state';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZNoteForm = z.object({ note: zLine(LIMITS.note) });
const ZBackfillForm = z.object({ year: zYearParam() });
const ZIdParams = z.object({ id: z.string().min(1).max(200) });

const noticeOf = (query: unknown): string | undefined => {
  const notice = (query as { notice?: unknown } | undefined)?.notice;
  return typeof notice === 'string' ? notice : undefined;
};

/**
 * The schedules page (`/schedules`): everybody signed in reads it; the secretariat pauses or resumes a
 * schedule with a note, runs one now, and starts a missed year's kickoff (each a 303 back with a notice, or
 * the page again with the error in place). The commands are the JSON API's (api/commands/schedule-actions).
 */
export function registerSchedulePages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma, temporal } = deps;
  const actionDeps = { prisma, temporal, taskQueue: deps.taskQueue, now: deps.now };

  async function render(reply: FastifyReply, ctx: PageContext, { notice, error, status = 200 }: { notice?: SchedulesPageModel['notice']; error?: SchedulesPageModel['error']; status?: number }) {
    const { schedules, notices } = await listSchedules({ temporal, prisma, lang: ctx.lang });
    const page = SchedulesPage({
      frame: ctx,
      schedules: schedules.map((s) => ({
        id: s.id,
        kind: s.kind,
        specText: s.specText,
        paused: s.paused,
        note: s.note,
        nextRuns: s.nextRuns.map((r) => ({ at: r.at.toISOString(), local: r.local })),
        recentActions: s.recentActions.map((r) => ({ scheduledAt: r.scheduledAt.toISOString(), local: runTimeText({ at: r.scheduledAt, lang: ctx.lang }), workflowId: r.workflowId })),
      })),
      notices: notices.map((n) => n.message),
      notice,
      error,
    });
    return sendPage(reply, page, status);
  }

  app.get('/schedules', { config: PAGE }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'schedules');
    const code = noticeOf(request.query);
    const text = code ? schedulesText(ctx.lang).notices[code] : undefined;
    return render(reply, ctx, { notice: text ? { kind: 'ok', text } : undefined });
  });

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`/schedules/:id/${action}`, { config: PAGE_FORM }, async (request, reply) => {
      const ctx = await deps.pageContext(request, reply, 'schedules', Access.ACT);
      const { id } = ZIdParams.parse(request.params);
      const parsed = ZNoteForm.safeParse(request.body ?? {});
      if (!parsed.success) {
        const message = formIssues(parsed.error, ctx.lang).find((i) => i.field === 'note')?.message ?? '';
        const value = String((request.body as { note?: unknown } | undefined)?.note ?? '').slice(0, LIMITS.note);
        return render(reply, ctx, { error: { field: 'note', scheduleId: id, value, message: `${schedulesText(ctx.lang).noteLabel}: ${message}` }, status: 400 });
      }
      await setSchedulePaused(actionDeps, { id, paused, note: parsed.data.note, who: ctx.principal.name, lang: ctx.lang });
      return seeOther(reply, '/schedules', paused ? 'paused' : 'resumed');
    });
  }

  app.post('/schedules/:id/trigger', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'schedules', Access.ACT);
    const { id } = ZIdParams.parse(request.params);
    await triggerSchedule(actionDeps, { id, who: ctx.principal.name, lang: ctx.lang });
    return seeOther(reply, '/schedules', 'triggered');
  });

  app.post('/schedules/yearly-cycle/backfill', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'schedules', Access.ACT);
    const t = schedulesText(ctx.lang);
    const value = String((request.body as { year?: unknown } | undefined)?.year ?? '').slice(0, 20);
    const parsed = ZBackfillForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      const message = formIssues(parsed.error, ctx.lang).find((i) => i.field === 'year')?.message ?? '';
      return render(reply, ctx, { error: { field: 'year', value, message: `${t.backfillYear}: ${message}` }, status: 400 });
    }
    try {
      await backfillYearlyCycle(actionDeps, { year: parsed.data.year, who: ctx.principal.name, lang: ctx.lang });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'VALIDATION') return render(reply, ctx, { error: { field: 'year', value, message: `${t.backfillYear}: ${err.fields?.year ?? err.message}` }, status: 400 });
      if (err.code === 'CONFLICT') return render(reply, ctx, { notice: { kind: 'warning', text: err.message }, status: 409 });
      throw err;
    }
    return seeOther(reply, '/schedules', 'backfilled');
  });
}
