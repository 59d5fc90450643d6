import type { FastifyInstance, FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { formatDay } from '../../domain/day-text';
import { LIMITS, YEAR_RANGE, zBlankAsAbsent, zCalendarDate, zLine, zYearParam } from '../../domain/input-bounds';
import { Access } from '../../domain/roles';
import type { FormState } from '../../ui/pages/admin-frame';
import type { HolidayField, HolidayRow } from '../../ui/pages/holidays-model';
import { HolidaysPage } from '../../ui/pages/holidays-page';
import { holidaysText } from '../../ui/pages/holidays-text';
import { addHoliday, removeHoliday } from '../commands/holidays';
import { holidaysOfYear } from '../queries/holidays';
import { formIssues, formState, type FormFields } from './form-state';
import { seeOther, sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE, PAGE_FORM } from './route-config';

const ZHolidaysQuery = z.object({ year: zBlankAsAbsent(zYearParam()) });
/** The add form: the English name may be left blank (the Spanish one is used). */
const ZHolidayForm = z.object({ date: zCalendarDate(), nameEs: zLine(LIMITS.name), nameEn: zBlankAsAbsent(zLine(LIMITS.name)) });
const ZHolidayDateParams = z.strictObject({ date: zCalendarDate() });

const fieldsOf = (ctx: PageContext): FormFields<HolidayField> => {
  const t = holidaysText(ctx.lang);
  return { date: { id: 'holiday-date', label: t.date }, nameEs: { id: 'holiday-name-es', label: t.nameEs }, nameEn: { id: 'holiday-name-en', label: t.nameEn } };
};

const noticeOf = (query: unknown): string | undefined => {
  const notice = (query as { notice?: unknown } | undefined)?.notice;
  return typeof notice === 'string' ? notice : undefined;
};

/**
 * The holidays page (`/holidays?year=`, default the current year in Mexico City): everybody signed in
 * reads it; the secretariat adds a day (`POST /holidays`: 303 back to the day's year with a notice, or the
 * page again with the errors in place: 400 for a bad date or name, a day already added or a statutory
 * one) and removes an added one (`POST /holidays/:date/remove`). The commands are the JSON API's.
 */
export function registerHolidayPages(app: FastifyInstance, deps: PageDeps): void {
  const { prisma } = deps;

  async function render(reply: FastifyReply, ctx: PageContext, { year, form, yearInput, yearError, notice, status = 200 }: { year: number; form?: FormState<HolidayField>; yearInput?: string; yearError?: string; notice?: string; status?: number }) {
    const t = holidaysText(ctx.lang);
    const { statutory, extra } = await holidaysOfYear({ prisma, year });
    const name = (d: { nameEs: string; nameEn: string }) => (ctx.lang === 'en' ? d.nameEn : d.nameEs);
    const days: HolidayRow[] = [
      ...statutory.map((d) => ({ date: d.date, dateText: formatDay({ date: d.date, locale: ctx.lang }), name: name(d), kind: 'STATUTORY' as const })),
      ...extra.map((d) => ({ date: d.date, dateText: formatDay({ date: d.date, locale: ctx.lang }), name: name(d), kind: 'ADDED' as const, createdBy: d.createdBy })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    const text = notice ? t.notices[notice] : undefined;
    const page = HolidaysPage({
      frame: ctx,
      year,
      previousYear: year > YEAR_RANGE.min ? year - 1 : undefined,
      nextYear: year < YEAR_RANGE.max ? year + 1 : undefined,
      days,
      notice: text ? { kind: notice === 'holiday-not-found' ? 'warning' : 'ok', text } : undefined,
      yearInput: yearInput ?? String(year),
      yearError,
      form: form ?? formState({ body: {}, fields: fieldsOf(ctx) }),
    });
    return sendPage(reply, page, status);
  }

  const currentYear = () => DateTime.fromJSDate(deps.now(), { zone: DEFAULT_ZONE }).year;

  app.get('/holidays', { config: PAGE }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'holidays');
    const query = ZHolidaysQuery.safeParse(request.query ?? {});
    if (!query.success) {
      const yearError = formIssues(query.error, ctx.lang).find((i) => i.field === 'year')?.message;
      const yearInput = String((request.query as { year?: unknown }).year ?? '').slice(0, 20);
      return render(reply, ctx, { year: currentYear(), yearInput, yearError, status: 400 });
    }
    return render(reply, ctx, { year: query.data.year ?? currentYear(), notice: noticeOf(request.query) });
  });

  app.post('/holidays', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'holidays', Access.ACT);
    const t = holidaysText(ctx.lang);
    const fields = fieldsOf(ctx);
    const parsed = ZHolidayForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      return render(reply, ctx, { year: currentYear(), form: formState({ body: request.body, fields, issues: formIssues(parsed.error, ctx.lang) }), status: 400 });
    }
    const { date, nameEs, nameEn } = parsed.data;
    const year = Number(date.slice(0, 4));
    const result = await addHoliday({ prisma, holiday: { date, nameEs, nameEn: nameEn ?? nameEs, createdBy: ctx.principal.name } });
    if (result.outcome === 'ADDED') return seeOther(reply, `/holidays?year=${year}`, 'holiday-added');
    const day = formatDay({ date, locale: ctx.lang });
    const message = result.outcome === 'STATUTORY' ? t.statutoryDuplicate(day, ctx.lang === 'en' ? result.restDay.nameEn : result.restDay.nameEs) : t.duplicate(day);
    const form = formState({ body: request.body, fields, issues: [{ field: 'date', code: result.outcome, message }] });
    return render(reply, ctx, { year, form, status: 400 });
  });

  app.post('/holidays/:date/remove', { config: PAGE_FORM }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'holidays', Access.ACT);
    const { date } = ZHolidayDateParams.parse(request.params);
    const removed = await removeHoliday({ prisma, date, removedBy: ctx.principal.name });
    return seeOther(reply, `/holidays?year=${date.slice(0, 4)}`, removed ? 'holiday-removed' : 'holiday-not-found');
  });
}
