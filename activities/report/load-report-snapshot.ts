import { storedGoalTarget } from '../../domain/stored-goal-target';
import type {
  TReportSnapshot,
  TSnapshotArea,
  TSnapshotExtensionEvent,
  TSnapshotHistoryPoint,
  TSnapshotInstitution,
  TSnapshotRequest,
  TSnapshotValue,
} from '../../domain/report/report-snapshot';
import type { PrismaClient } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** The latest FINAL or CORRECTION submission of each request of the cycle (Submission's (dataRequestId, version) index). */
const latestSql = (cycleFilter: Prisma.Sql) => Prisma.sql`
  SELECT DISTINCT ON (s."dataRequestId") s.id, s."dataRequestId", s.version, s.kind::text AS kind, s."createdAt", s."submittedBy", s.narrative
  FROM "Submission" s JOIN "DataRequest" d ON d.id = s."dataRequestId"
  WHERE ${cycleFilter} AND s.kind IN ('FINAL', 'CORRECTION')
  ORDER BY s."dataRequestId", s.version DESC`;

/**
 * The plan's short name from its key: `MX-NAP-1325` → NAP-1325 / PNA-1325 (the plan file's `shortTitle`,
 * which the database does not store: the country prefix dropped, "NAP" is "PNA" in Spanish).
 */
function shortTitle(key: string): { es: string; en: string } {
  const en = key.replace(/^[A-Z]{2}-/, '');
  return { en, es: en.replace(/^NAP\b/, 'PNA') };
}

async function loadPlanTree(prisma: PrismaClient, planId: string): Promise<TSnapshotArea[]> {
  const areas = await prisma.thematicArea.findMany({
    where: { planId },
    orderBy: { position: 'asc' },
    select: {
      code: true,
      nameEs: true,
      nameEn: true,
      objectives: {
        orderBy: { position: 'asc' },
        select: {
          code: true,
          textEs: true,
          textEn: true,
          needsConfirmation: true,
          confirmationNote: true,
          notes: true,
          institutions: { select: { institution: { select: { code: true } } } },
          linesOfAction: { orderBy: { position: 'asc' }, select: { code: true, textEs: true, textEn: true, needsConfirmation: true, confirmationNote: true, notes: true } },
          indicators: {
            orderBy: { position: 'asc' },
            select: {
              code: true,
              position: true,
              textEs: true,
              textEn: true,
              unit: true,
              disaggregation: true,
              needsConfirmation: true,
              confirmationNote: true,
              notes: true,
              reporters: { select: { derived: true, basis: true, institution: { select: { code: true } } } },
            },
          },
          goals: {
            orderBy: { position: 'asc' },
            select: {
              code: true,
              textEs: true,
              textEn: true,
              indicator: { select: { code: true } },
              target: true,
              targetValue: true,
              targetUnit: true,
              comparator: true,
              period: true,
              needsConfirmation: true,
              confirmationNote: true,
              notes: true,
            },
          },
        },
      },
    },
  });
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return areas.map((area) => ({
    code: area.code,
    name: { es: area.nameEs, en: area.nameEn },
    objectives: area.objectives.map((o) => ({
      code: o.code,
      text: { es: o.textEs, en: o.textEn },
      needsConfirmation: o.needsConfirmation,
      confirmationNote: o.confirmationNote,
      notes: o.notes,
      institutions: o.institutions.map((i) => i.institution.code).sort(),
      linesOfAction: o.linesOfAction.map((l) => ({ code: l.code, text: { es: l.textEs, en: l.textEn }, needsConfirmation: l.needsConfirmation, confirmationNote: l.confirmationNote, notes: l.notes })),
      indicators: o.indicators.map((i) => ({
        code: i.code,
        position: i.position,
        text: { es: i.textEs, en: i.textEn },
        unit: i.unit,
        disaggregation: i.disaggregation,
        needsConfirmation: i.needsConfirmation,
        confirmationNote: i.confirmationNote,
        notes: i.notes,
        reporters: i.reporters.map((r) => ({ institutionCode: r.institution.code, derived: r.derived, basis: r.basis })).sort((a, b) => byCode({ code: a.institutionCode }, { code: b.institutionCode })),
      })),
      goals: o.goals.map((g) => ({
        code: g.code,
        text: { es: g.textEs, en: g.textEn },
        indicatorCode: g.indicator?.code ?? null,
        target: storedGoalTarget({ target: g.target, targetValue: g.targetValue === null ? null : Number(g.targetValue), targetUnit: g.targetUnit, comparator: g.comparator, period: g.period }),
        needsConfirmation: g.needsConfirmation,
        confirmationNote: g.confirmationNote,
        notes: g.notes,
      })),
    })),
  }));
}

type TRequestRow = {
  id: string;
  code: string;
  status: string;
  deadline: Date;
  submittedAt: Date | null;
  closedReason: string | null;
  escalationLevel: number;
  maxEscalated: number | null;
  updatedAt: Date;
};

type TAuditRow = { dataRequestId: string; action: string; at: Date; actor: string; deadline: string | null; to: string | null; from: string | null; reason: string | null };
type TLatestRow = { dataRequestId: string; version: number; kind: 'FINAL' | 'CORRECTION'; createdAt: Date; submittedBy: string; narrative: string | null };
type TCorrectionRow = { dataRequestId: string; version: number; createdAt: Date; submittedBy: string; reason: string | null };
type TMessageRow = { dataRequestId: string; createdAt: Date; kind: string; to: string[]; error: string | null };

async function loadRequests(prisma: PrismaClient, cycleId: string) {
  const requests = await prisma.$queryRaw<TRequestRow[]>`
    SELECT d.id, i.code, d.status::text AS status, d.deadline, d."submittedAt", d."closedReason", d."escalationLevel", d."updatedAt",
      (SELECT max((a.data->>'escalationLevel')::int) FROM "AuditEvent" a WHERE a."dataRequestId" = d.id AND a.action = 'ESCALATED') AS "maxEscalated"
    FROM "DataRequest" d JOIN "Institution" i ON i.id = d."institutionId"
    WHERE d."cycleId" = ${cycleId}
    ORDER BY i.code`;
  const audit = await prisma.$queryRaw<TAuditRow[]>`
    SELECT a."dataRequestId", a.action, a.at, a.actor, a.data->>'deadline' AS deadline, a.data->>'to' AS "to", a.data->>'from' AS "from", a.data->>'reason' AS reason
    FROM "AuditEvent" a JOIN "DataRequest" d ON d.id = a."dataRequestId"
    WHERE d."cycleId" = ${cycleId}
      AND a.action IN ('EXTENSION_REQUESTED', 'EXTENSION_APPROVED', 'EXTENSION_REJECTED', 'EXTENSION_GRANTED', 'EXEMPTED', 'ESCALATED')
    ORDER BY a.at, a.id`;
  const latest = await prisma.$queryRaw<TLatestRow[]>(latestSql(Prisma.sql`d."cycleId" = ${cycleId}`));
  const corrections = await prisma.$queryRaw<TCorrectionRow[]>`
    SELECT s."dataRequestId", s.version, s."createdAt", s."submittedBy", s.reason
    FROM "Submission" s JOIN "DataRequest" d ON d.id = s."dataRequestId"
    WHERE d."cycleId" = ${cycleId} AND s.kind = 'CORRECTION'
    ORDER BY s."dataRequestId", s.version`;
  const messages = await prisma.$queryRaw<TMessageRow[]>`
    SELECT m."dataRequestId", m."createdAt", m.kind, m."to", m.error
    FROM "SentMessage" m JOIN "DataRequest" d ON d.id = m."dataRequestId"
    WHERE d."cycleId" = ${cycleId} AND m.status = 'FAILED'
    ORDER BY m."createdAt", m.id`;
  return { requests, audit, latest, corrections, messages };
}

function groupBy<T extends { dataRequestId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.dataRequestId);
    if (list) list.push(row);
    else map.set(row.dataRequestId, [row]);
  }
  return map;
}

/** An instant from an audit row's JSON (already ISO, or a date `yyyy-MM-dd` kept as it is). */
const instantText = (value: string | null) => (value !== null && /T/.test(value) ? new Date(value).toISOString() : value);

function extensionEvent(row: TAuditRow): TSnapshotExtensionEvent {
  const moved = row.action === 'EXTENSION_APPROVED' || row.action === 'EXTENSION_GRANTED';
  return {
    action: row.action as TSnapshotExtensionEvent['action'],
    at: iso(row.at),
    actor: row.actor,
    deadline: moved ? instantText(row.to) : row.deadline,
    previousDeadline: moved ? instantText(row.from) : null,
  };
}

function snapshotRequests(rows: Awaited<ReturnType<typeof loadRequests>>): { requests: TSnapshotRequest[]; instants: Date[] } {
  const audit = groupBy(rows.audit);
  const latest = new Map(rows.latest.map((l) => [l.dataRequestId, l]));
  const corrections = groupBy(rows.corrections);
  const messages = groupBy(rows.messages);
  const instants: Date[] = [];
  const requests = rows.requests.map((r): TSnapshotRequest => {
    const events = audit.get(r.id) ?? [];
    const exempted = events.filter((e) => e.action === 'EXEMPTED').pop();
    const current = latest.get(r.id);
    instants.push(r.updatedAt, ...events.map((e) => e.at), ...(current ? [current.createdAt] : []));
    return {
      institutionCode: r.code,
      status: r.status,
      deadline: iso(r.deadline),
      submittedAt: isoOrNull(r.submittedAt),
      closedReason: r.closedReason,
      highestEscalationLevel: Math.max(r.escalationLevel, r.maxEscalated ?? 0),
      extensionEvents: events.filter((e) => e.action.startsWith('EXTENSION_')).map(extensionEvent),
      exemption: exempted ? { at: iso(exempted.at), by: exempted.actor.replace(/^secretariat:/, ''), reason: exempted.reason } : null,
      current: current ? { version: current.version, kind: current.kind, at: iso(current.createdAt), by: current.submittedBy, narrative: current.narrative } : null,
      corrections: (corrections.get(r.id) ?? []).map((c) => {
        instants.push(c.createdAt);
        return { version: c.version, at: iso(c.createdAt), by: c.submittedBy, reason: c.reason };
      }),
      undeliveredEmails: (messages.get(r.id) ?? []).map((m) => {
        instants.push(m.createdAt);
        return { at: iso(m.createdAt), kind: m.kind, to: m.to, error: m.error };
      }),
    };
  });
  return { requests, instants };
}

type TValueRow = Omit<TSnapshotValue, 'version'> & { version: number };

/**
 * This cycle's values, pivoted in SQL to one row per institution × indicator (TOTAL, WOMEN and MEN side
 * by side), from the latest FINAL or CORRECTION submission of each request only: earlier versions are
 * never read.
 */
async function loadValues(prisma: PrismaClient, cycleId: string, requestIds: readonly string[]): Promise<TSnapshotValue[]> {
  // Compact rows (a literal of the nine keys) with one string per institution and indicator code, shared by
  // every row and by the annex rows made from them: at 10,000 entities some 160,000 rows each carried their
  // own copies of the two codes.
  const codes = new Map<string, string>();
  const shared = (code: string) => {
    const known = codes.get(code);
    if (known !== undefined) return known;
    codes.set(code, code);
    return code;
  };
  const values: TSnapshotValue[] = [];
  // A page of requests at a time (in institution-code order, as the requests were read), so the rows being
  // decoded are a few thousand, never the whole cycle's at once (some 130 MB more at 10,000 entities).
  for (let i = 0; i < requestIds.length; i += VALUE_PAGE_REQUESTS) {
    const page = requestIds.slice(i, i + VALUE_PAGE_REQUESTS);
    for (const r of await loadValuePage(prisma, cycleId, page)) {
      values.push({
        institutionCode: shared(r.institutionCode),
        indicatorCode: shared(r.indicatorCode),
        version: r.version,
        total: r.total,
        women: r.women,
        men: r.men,
        booleanValue: r.booleanValue,
        textValue: r.textValue,
        comment: r.comment,
      });
    }
  }
  return values;
}

/** Requests whose values are read by one query. */
const VALUE_PAGE_REQUESTS = 250;

/** One page of {@link loadValues}: the values of these requests, by institution code then indicator position. */
function loadValuePage(prisma: PrismaClient, cycleId: string, requestIds: readonly string[]): Promise<TValueRow[]> {
  return prisma.$queryRaw<TValueRow[]>`
    WITH latest AS (${latestSql(Prisma.sql`d."cycleId" = ${cycleId} AND d.id IN (${Prisma.join(requestIds)})`)})
    SELECT i.code AS "institutionCode", ind.code AS "indicatorCode", l.version,
      (max(v."numberValue") FILTER (WHERE v.breakdown = 'TOTAL'))::float8 AS total,
      (max(v."numberValue") FILTER (WHERE v.breakdown = 'WOMEN'))::float8 AS women,
      (max(v."numberValue") FILTER (WHERE v.breakdown = 'MEN'))::float8 AS men,
      bool_or(v."booleanValue") FILTER (WHERE v.breakdown = 'TOTAL') AS "booleanValue",
      max(v."textValue") FILTER (WHERE v.breakdown = 'TOTAL') AS "textValue",
      coalesce(max(v.comment) FILTER (WHERE v.breakdown = 'TOTAL'), max(v.comment) FILTER (WHERE v.breakdown = 'WOMEN'), max(v.comment) FILTER (WHERE v.breakdown = 'MEN')) AS comment
    FROM latest l
      JOIN "DataRequest" d ON d.id = l."dataRequestId"
      JOIN "Institution" i ON i.id = d."institutionId"
      JOIN "SubmissionValue" v ON v."submissionId" = l.id
      JOIN "Indicator" ind ON ind.id = v."indicatorId"
    GROUP BY i.code, ind.code, ind.position, l.version
    ORDER BY i.code, ind.position`;
}

type THistoryRow = { cycleYear: number; indicatorCode: string; total: number | null; women: number | null; men: number | null; reported: number; withoutData: number };

/**
 * Earlier cycles of the same plan version, summed in SQL per cycle × indicator over each request's latest
 * FINAL or CORRECTION (women and men only where the institution gave a total, as the trend counts them).
 */
async function loadHistory(prisma: PrismaClient, { planId, year }: { planId: string; year: number }): Promise<TSnapshotHistoryPoint[]> {
  return prisma.$queryRaw<THistoryRow[]>`
    WITH latest AS (${latestSql(Prisma.sql`d."cycleId" IN (SELECT id FROM "ReportingCycle" WHERE "planId" = ${planId} AND kind = 'DATA' AND year < ${year})`)}),
    per AS (
      SELECT l."dataRequestId", v."indicatorId",
        max(v."numberValue") FILTER (WHERE v.breakdown = 'TOTAL') AS total,
        max(v."numberValue") FILTER (WHERE v.breakdown = 'WOMEN') AS women,
        max(v."numberValue") FILTER (WHERE v.breakdown = 'MEN') AS men
      FROM latest l JOIN "SubmissionValue" v ON v."submissionId" = l.id
      GROUP BY l."dataRequestId", v."indicatorId"
    )
    SELECT c.year AS "cycleYear", ind.code AS "indicatorCode",
      sum(p.total)::float8 AS total,
      (sum(p.women) FILTER (WHERE p.total IS NOT NULL))::float8 AS women,
      (sum(p.men) FILTER (WHERE p.total IS NOT NULL))::float8 AS men,
      (count(*) FILTER (WHERE p.total IS NOT NULL))::int AS reported,
      (count(*) FILTER (WHERE p.total IS NULL))::int AS "withoutData"
    FROM per p
      JOIN "DataRequest" d ON d.id = p."dataRequestId"
      JOIN "ReportingCycle" c ON c.id = d."cycleId"
      JOIN "Indicator" ind ON ind.id = p."indicatorId"
    GROUP BY c.year, ind.code, ind.position
    ORDER BY c.year, ind.position`;
}

/** Institutions the plan names (in charge, reporters) or the cycle asks, by code. */
async function loadInstitutions(prisma: PrismaClient, { planId, cycleId }: { planId: string; cycleId: string }): Promise<TSnapshotInstitution[]> {
  const rows = await prisma.$queryRaw<{ code: string; nameEs: string; nameEn: string; kind: string }[]>`
    SELECT i.code, i."nameEs", i."nameEn", i.kind::text AS kind FROM "Institution" i
    WHERE i.id IN (SELECT "institutionId" FROM "DataRequest" WHERE "cycleId" = ${cycleId})
       OR i.id IN (SELECT oi."institutionId" FROM "ObjectiveInstitution" oi JOIN "Objective" o ON o.id = oi."objectiveId" WHERE o."planId" = ${planId})
       OR i.id IN (SELECT r."institutionId" FROM "IndicatorReporter" r JOIN "Indicator" ind ON ind.id = r."indicatorId" WHERE ind."planId" = ${planId})
    ORDER BY i.code`;
  return rows.map((r) => ({ code: r.code, name: { es: r.nameEs, en: r.nameEn }, kind: r.kind }));
}

/** The UTC calendar day of an instant, as a `@db.Date` column compares it. */
const utcDay = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00.000Z`);

const latestOf = (instants: readonly Date[]) => new Date(instants.reduce((max, d) => Math.max(max, d.getTime()), 0)).toISOString();

/**
 * Reads everything the annual report of one cycle needs (domain/report/report-snapshot.ts), in a dozen
 * queries whatever the number of institutions: the values are the latest FINAL or CORRECTION of each
 * request, picked and pivoted in SQL (`DISTINCT ON`), earlier cycles are summed in SQL, and no other
 * submission version is read. Every query has a total ORDER BY, so unchanged data gives an identical
 * snapshot (and hash); `asOf` is the latest instant among the rows read (cycle, requests' `updatedAt`,
 * current submissions, corrections, audit rows, failed messages, and the holidays read: those dated from the
 * cycle's opening to that latest instant, the only ones lateness can depend on) — not the clock.
 * Throws Prisma's not-found error for an unknown `cycleId`.
 */
export async function loadReportSnapshot(prisma: PrismaClient, { cycleId }: { cycleId: string }): Promise<TReportSnapshot> {
  const cycle = await prisma.reportingCycle.findUniqueOrThrow({ where: { id: cycleId }, include: { plan: true } });
  const { plan } = cycle;
  const first = await prisma.reportingCycle.aggregate({ where: { planId: plan.id, kind: 'DATA' }, _min: { year: true } });
  const areas = await loadPlanTree(prisma, plan.id);
  const institutions = await loadInstitutions(prisma, { planId: plan.id, cycleId });
  const requestRows = await loadRequests(prisma, cycleId);
  const { requests, instants } = snapshotRequests(requestRows);
  const values = await loadValues(
    prisma,
    cycleId,
    requestRows.requests.map((r) => r.id),
  );
  const history = await loadHistory(prisma, { planId: plan.id, year: cycle.year });
  const recorded = latestOf([cycle.openedAt, ...(cycle.closedAt ? [cycle.closedAt] : []), ...instants]);
  // Only the holidays lateness can depend on (between the opening and the latest thing recorded), so a
  // holiday added for a later year leaves this cycle's snapshot as it was.
  const holidays = await prisma.holiday.findMany({
    where: { date: { gte: utcDay(cycle.openedAt), lte: utcDay(new Date(recorded)) } },
    select: { date: true, createdAt: true },
    orderBy: { date: 'asc' },
  });
  const asOf = latestOf([new Date(recorded), ...holidays.map((h) => h.createdAt)]);
  return {
    asOf,
    plan: {
      key: plan.key,
      version: plan.version,
      title: { es: plan.titleEs, en: plan.titleEn },
      shortTitle: shortTitle(plan.key),
      adoptedOn: plan.adoptedOn ? plan.adoptedOn.toISOString().slice(0, 10) : null,
      firstCycleYear: first._min.year ?? cycle.year,
      spanishOfficial: plan.spanishOfficial,
      conventions: plan.conventions,
    },
    cycle: { year: cycle.year, status: cycle.status, openedAt: iso(cycle.openedAt), deadline: iso(cycle.deadline), closedAt: isoOrNull(cycle.closedAt) },
    areas,
    institutions,
    requests,
    values,
    history,
    extraHolidays: holidays.map((h) => h.date.toISOString().slice(0, 10)),
  };
}
