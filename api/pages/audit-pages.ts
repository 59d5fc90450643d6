import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTION_LABELS, auditActionLabel, type AuditAction } from '../../domain/audit-actions';
import type { Locale } from '../../domain/input-bounds';
import { auditDataSummary } from '../../ui/audit-data-summary';
import { momentText } from '../../ui/moment-text';
import type { AuditFilterField, AuditRow } from '../../ui/pages/audit-model';
import { AuditPage } from '../../ui/pages/audit-page';
import { auditText } from '../../ui/pages/audit-text';
import { auditLogPage, ZAuditLogQuery, type AuditLogEntry, type AuditLogFilters } from '../queries/audit-log';
import { formIssues, formState, type FormFields } from './form-state';
import { sendPage, type PageContext } from './page-context';
import type { PageDeps } from './register-pages';
import { PAGE } from './route-config';

const fieldsOf = (lang: Locale): FormFields<AuditFilterField> => {
  const t = auditText(lang);
  return {
    year: { id: 'filter-year', label: t.year },
    institution: { id: 'filter-institution', label: t.institution },
    actor: { id: 'filter-actor', label: t.actor },
    action: { id: 'filter-action', label: t.action },
  };
};

/** `/audit` with these filters (and a cursor): only the filters given, in a fixed order. */
function auditHref(filters: AuditLogFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['year', 'institution', 'actor', 'action'] as const) {
    if (filters[key] !== undefined) params.set(key, String(filters[key]));
  }
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/audit?${query}` : '/audit';
}

function auditRow(entry: AuditLogEntry, lang: Locale): AuditRow {
  const { cycleYear, institutionCode } = entry;
  const href = cycleYear !== null ? (institutionCode ? `/dashboard/${cycleYear}/${institutionCode}` : `/dashboard/${cycleYear}`) : undefined;
  return {
    id: entry.id,
    atIso: entry.at.toISOString(),
    atText: momentText({ at: entry.at, lang, seconds: true }),
    actor: entry.actor,
    action: entry.action,
    actionText: auditActionLabel(entry.action, lang),
    institutionCode: institutionCode ?? undefined,
    cycleYear: cycleYear ?? undefined,
    href,
    summary: auditDataSummary(entry.data, lang),
    json: entry.data === null ? undefined : JSON.stringify(entry.data, null, 2),
  };
}

/**
 * The audit log page (`/audit?year=&institution=&actor=&action=&cursor=`), for the secretariat and the
 * working group alike: one page of api/queries/audit-log.ts's keyset paging, newest first. A filter or
 * cursor that cannot be used answers 400 with the filters again and the problem beside the field (a
 * cursor's in the summary).
 */
export function registerAuditPages(app: FastifyInstance, deps: PageDeps): void {
  const actionsIn = (lang: Locale) => (Object.keys(AUDIT_ACTION_LABELS) as AuditAction[]).map((value) => ({ value, label: AUDIT_ACTION_LABELS[value][lang] }));

  const render = (ctx: PageContext, parts: Omit<Parameters<typeof AuditPage>[0], 'frame' | 'actions'>) => AuditPage({ frame: ctx, actions: actionsIn(ctx.lang), ...parts });

  app.get('/audit', { config: PAGE }, async (request, reply) => {
    const ctx = await deps.pageContext(request, reply, 'audit');
    const fields = fieldsOf(ctx.lang);
    const parsed = ZAuditLogQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const filters = formState({ body: request.query, fields, issues: formIssues(parsed.error, ctx.lang) });
      return sendPage(reply, render(ctx, { filters, rows: [], filtered: true }), 400);
    }
    const { cursor, ...filters } = parsed.data;
    const page = await auditLogPage({ prisma: deps.prisma, filters, cursor });
    const shown = { year: filters.year?.toString() ?? '', institution: filters.institution ?? '', actor: filters.actor ?? '', action: filters.action ?? '' };
    return sendPage(
      reply,
      render(ctx, {
        filters: formState({ body: shown, fields }),
        rows: page.entries.map((e) => auditRow(e, ctx.lang)),
        olderHref: page.nextCursor ? auditHref(filters, page.nextCursor) : undefined,
        newestHref: cursor ? auditHref(filters) : undefined,
        filtered: Object.values(filters).some((v) => v !== undefined),
      }),
    );
  });
}
