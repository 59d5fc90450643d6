import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { zInstitutionCode, zLine, type Locale } from '../../domain/input-bounds';
import { cellState, completeness, DisplayStatus, displayStatus, type CellState } from '../../domain/request-display-status';
import { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../prisma/client';

/** What a dashboard can be filtered by: a shown status, or "needs attention". */
export const DashboardFilter = { ...DisplayStatus, ATTENTION: 'ATTENTION' } as const;
export type DashboardFilter = (typeof DashboardFilter)[keyof typeof DashboardFilter];

export const INSTITUTION_KINDS = ['FEDERAL_AGENCY', 'INTERNATIONAL_PARTNER', 'TRAINING_CENTER', 'STATE_AGENCY', 'MUNICIPALITY', 'CIVIL_SOCIETY', 'OTHER'] as const;

/** A filter left empty in the form (`?kind=`) is no filter. */
const unlessEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The dashboard's query string, bounded: a bad value is a 400 naming it. */
export const ZDashboardQuery = z.object({
  status: unlessEmpty(z.enum(Object.values(DashboardFilter) as [DashboardFilter, ...DashboardFilter[]])),
  kind: unlessEmpty(z.enum(INSTITUTION_KINDS)),
  /** Words of an institution's code or name. */
  q: unlessEmpty(zLine(100)),
  /** The last institution code of the previous page. */
  after: unlessEmpty(zInstitutionCode()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DashboardQuery = z.infer<typeof ZDashboardQuery>;

export interface DashboardRow {
  code: string;
  name: Record<Locale, string>;
  kind: string;
  workflowId: string;
  shown: ReturnType<typeof displayStatus>;
  deadline: Date;
  nextAction: { kind: string; at: Date } | null;
  submittedAt: Date | null;
  latestVersion: number | null;
  attention: string | null;
  extension: { deadline: string | null; by: string | null } | null;
  /** Indicator id → its cell; only the indicators the institution reports. */
  cells: Record<string, CellState>;
  reported: number;
  expected: number;
}

export interface CycleDashboard {
  cycle: { year: number; status: string; workflowId: string; openedAt: Date; deadline: Date; closedAt: Date | null };
  /** Requests by shown status, and how many need attention. */
  counts: Record<DisplayStatus, number> & { ATTENTION: number };
  total: number;
  completeness: ReturnType<typeof completeness>;
  onTime: number;
  late: number;
  /** The soonest reminders, escalations and cut-offs the workflows have scheduled. */
  upcoming: { code: string; name: Record<Locale, string>; kind: string; at: Date }[];
  indicators: { id: string; code: string; text: Record<Locale, string> }[];
  rows: DashboardRow[];
  /** Whether more rows follow (then `after` = the last row's code). */
  more: boolean;
}

/**
 * The shown status of a request in SQL — the same rule as domain `displayStatus` (a test holds them
 * together): a settled status stays; then a refused delivery, then a pending extension, then the status.
 */
const SHOWN = Prisma.sql`CASE
  WHEN d.status IN ('SUBMITTED', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED') THEN d.status::text
  WHEN d."deliveryFailedAt" IS NOT NULL THEN 'DELIVERY_FAILED'
  WHEN d."extensionRequestedAt" IS NOT NULL THEN 'EXTENSION_PENDING'
  ELSE d.status::text END`;

function filters(cycleId: string, year: number, query: DashboardQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`d."cycleId" = ${cycleId}`];
  if (query.status === DashboardFilter.ATTENTION) parts.push(Prisma.sql`d."attentionAt" IS NOT NULL`);
  else if (query.status) parts.push(Prisma.sql`${SHOWN} = ${query.status}`);
  if (query.kind) parts.push(Prisma.sql`i.kind::text = ${query.kind}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(i.code ILIKE ${like} OR i."nameEs" ILIKE ${like} OR i."nameEn" ILIKE ${like})`);
  }
  // Keyset paging on the workflow id (`request/<year>/<code>`: unique, indexed, in code order).
  if (query.after) parts.push(Prisma.sql`d."workflowId" > ${`request/${year}/${query.after}`}`);
  return Prisma.join(parts, ' AND ');
}

type RowRecord = {
  id: string;
  institutionId: string;
  workflowId: string;
  code: string;
  nameEs: string;
  nameEn: string;
  kind: string;
  status: string;
  escalationLevel: number;
  deadline: Date;
  nextActionKind: string | null;
  nextActionAt: Date | null;
  submittedAt: Date | null;
  attentionReason: string | null;
  attentionAt: Date | null;
  extensionRequestedAt: Date | null;
  extensionRequestedDeadline: string | null;
  extensionRequestedBy: string | null;
  deliveryFailedAt: Date | null;
};

/** Counts by shown status, attention, and on time / late, in one pass over the cycle's requests. */
async function countRequests(prisma: PrismaClient, cycleId: string) {
  const grouped = await prisma.$queryRaw<{ shown: DisplayStatus; n: number; attention: number; on_time: number; late: number }[]>`
    SELECT ${SHOWN} AS shown, count(*)::int AS n, count(d."attentionAt")::int AS attention,
           count(*) FILTER (WHERE d."submittedAt" IS NOT NULL AND d."submittedAt" <= d.deadline)::int AS on_time,
           count(*) FILTER (WHERE d."submittedAt" > d.deadline)::int AS late
    FROM "DataRequest" d WHERE d."cycleId" = ${cycleId} GROUP BY 1`;
  const counts = { ...Object.fromEntries(Object.values(DisplayStatus).map((s) => [s, 0])), ATTENTION: 0 } as CycleDashboard['counts'];
  let onTime = 0;
  let late = 0;
  for (const g of grouped) {
    counts[g.shown] = g.n;
    counts.ATTENTION += g.attention;
    onTime += g.on_time;
    late += g.late;
  }
  const byStatus = Object.fromEntries(Object.values(DisplayStatus).map((s) => [s, counts[s]]));
  const total = Object.values(DisplayStatus).reduce((n, s) => n + counts[s], 0);
  return { counts, total, onTime, late, completeness: completeness(byStatus) };
}

/** What the latest version of each request on the page says of each indicator. */
async function cellsOf(prisma: PrismaClient, rows: RowRecord[]) {
  const ids = rows.map((r) => r.id);
  const latest = ids.length
    ? await prisma.$queryRaw<{ id: string; dataRequestId: string; version: number; kind: string }[]>`
        SELECT DISTINCT ON ("dataRequestId") id, "dataRequestId", version, kind::text AS kind
        FROM "Submission" WHERE "dataRequestId" = ANY(${ids}) ORDER BY "dataRequestId", version DESC`
    : [];
  const [values, reporters] = await Promise.all([
    prisma.submissionValue.findMany({
      where: { submissionId: { in: latest.map((l) => l.id) } },
      select: { submissionId: true, indicatorId: true, numberValue: true, booleanValue: true, textValue: true, comment: true },
    }),
    prisma.indicatorReporter.findMany({ where: { institutionId: { in: rows.map((r) => r.institutionId) } }, select: { institutionId: true, indicatorId: true } }),
  ]);
  const latestOf = new Map(latest.map((l) => [l.dataRequestId, l]));
  const valueOf = new Map<string, { hasValue: boolean; comment: string | null }>();
  for (const v of values) {
    const key = `${v.submissionId}|${v.indicatorId}`;
    const seen = valueOf.get(key);
    const hasValue = v.numberValue !== null || v.booleanValue !== null || (v.textValue ?? '') !== '';
    valueOf.set(key, { hasValue: (seen?.hasValue ?? false) || hasValue, comment: seen?.comment ?? v.comment });
  }
  const reported = new Map<string, string[]>();
  for (const r of reporters) reported.set(r.institutionId, [...(reported.get(r.institutionId) ?? []), r.indicatorId]);
  return (row: RowRecord) => {
    const version = latestOf.get(row.id);
    const cells: Record<string, CellState> = {};
    for (const indicatorId of reported.get(row.institutionId) ?? []) {
      cells[indicatorId] = cellState(version ? valueOf.get(`${version.id}|${indicatorId}`) : undefined, version?.kind);
    }
    return { cells, version };
  };
}

/**
 * One page of a cycle's dashboard, read from PostgreSQL only (never the workflows): counts, completeness,
 * the soonest scheduled steps, and `limit` requests in institution-code order after `after`, each with
 * its shown status and its indicator cells. Stays fast at 10,000 requests: counts are one grouped scan,
 * the page is keyset-paged, and cells are read for the page's requests only.
 */
export async function cycleDashboard(prisma: PrismaClient, year: number, query: DashboardQuery, lang: Locale = 'en'): Promise<CycleDashboard> {
  const cycle = await prisma.reportingCycle.findFirst({ where: { year, kind: 'DATA' }, orderBy: { plan: { version: 'desc' } } });
  if (!cycle) throw new AppError('NOT_FOUND', lang === 'en' ? `No reporting cycle for ${year}.` : `No hay ciclo de reporte ${year}.`);
  const [counted, records, upcoming, indicators] = await Promise.all([
    countRequests(prisma, cycle.id),
    prisma.$queryRaw<RowRecord[]>`
      SELECT d.id, d."institutionId", d."workflowId", i.code, i."nameEs", i."nameEn", i.kind::text AS kind, d.status::text AS status,
             d."escalationLevel", d.deadline, d."nextActionKind", d."nextActionAt", d."submittedAt", d."attentionReason", d."attentionAt",
             d."extensionRequestedAt", d."extensionRequestedDeadline", d."extensionRequestedBy", d."deliveryFailedAt"
      FROM "DataRequest" d JOIN "Institution" i ON i.id = d."institutionId"
      WHERE ${filters(cycle.id, year, query)}
      ORDER BY d."workflowId" LIMIT ${query.limit + 1}`,
    prisma.dataRequest.findMany({
      where: { cycleId: cycle.id, nextActionAt: { not: null }, endedAt: null },
      orderBy: { nextActionAt: 'asc' },
      take: 8,
      select: { nextActionKind: true, nextActionAt: true, institution: { select: { code: true, nameEs: true, nameEn: true } } },
    }),
    prisma.indicator.findMany({ where: { planId: cycle.planId }, select: { id: true, code: true, textEs: true, textEn: true } }),
  ]);
  const page = records.slice(0, query.limit);
  const cellsFor = await cellsOf(prisma, page);
  return {
    cycle: { year: cycle.year, status: cycle.status, workflowId: cycle.workflowId, openedAt: cycle.openedAt, deadline: cycle.deadline, closedAt: cycle.closedAt },
    ...counted,
    upcoming: upcoming.map((u) => ({ code: u.institution.code, name: { 'es-MX': u.institution.nameEs, en: u.institution.nameEn }, kind: u.nextActionKind ?? '', at: u.nextActionAt! })),
    indicators: indicators
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
      .map((i) => ({ id: i.id, code: i.code, text: { 'es-MX': i.textEs, en: i.textEn } })),
    rows: page.map((r) => {
      const { cells, version } = cellsFor(r);
      const states = Object.values(cells);
      return {
        code: r.code,
        name: { 'es-MX': r.nameEs, en: r.nameEn },
        kind: r.kind,
        workflowId: r.workflowId,
        shown: displayStatus(r),
        deadline: r.deadline,
        nextAction: r.nextActionKind && r.nextActionAt ? { kind: r.nextActionKind, at: r.nextActionAt } : null,
        submittedAt: r.submittedAt,
        latestVersion: version?.version ?? null,
        attention: r.attentionAt ? (r.attentionReason ?? '') : null,
        extension: r.extensionRequestedAt ? { deadline: r.extensionRequestedDeadline, by: r.extensionRequestedBy } : null,
        cells,
        reported: states.filter((s) => s === 'SUBMITTED' || s === 'NO_DATA').length,
        expected: states.length,
      };
    }),
    more: records.length > query.limit,
  };
}
