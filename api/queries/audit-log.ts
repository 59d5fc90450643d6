import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../../domain/audit-actions';
import { issueMessage } from '../../domain/field-issues';
import { LIMITS, zBlankAsAbsent, zInstitutionCode, zLine, zYearParam } from '../../domain/input-bounds';
import type { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../prisma/client';

/** What the audit log may be narrowed to; every filter given must hold (AND). */
export interface AuditLogFilters {
  /** The cycle's year: rows of that year's cycle(s) and of their requests. */
  year?: number;
  /** An institution's code: rows of its requests (in every cycle, or the `year`'s). */
  institution?: string;
  /** Part of the actor, any case (`secretariat:`, an email, `workflow`). */
  actor?: string;
  /** One action, exactly (`HOLIDAY_ADDED`). */
  action?: string;
}

/** Where a page of the log starts: strictly older than this row, in the order (at desc, id desc). */
export interface AuditCursor {
  at: Date;
  id: string;
}

/** One row of the log, with the cycle's year and the institution's code when it is about them. */
export interface AuditLogEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  data: Prisma.JsonValue | null;
  cycleYear: number | null;
  institutionCode: string | null;
  /** The request's workflow, when the row is about one request. */
  workflowId: string | null;
}

export interface AuditLogPage {
  /** Newest first. */
  entries: AuditLogEntry[];
  /** The cursor of the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Rows per page by default, and at most. */
export const AUDIT_PAGE_SIZE = { default: 50, max: 500 } as const;

const CUID = /^[a-z0-9]{20,40}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,128}$/;

/** The opaque cursor of a row: base64url of `<epoch ms>.<id>`. */
export function encodeAuditCursor({ at, id }: AuditCursor): string {
  return Buffer.from(`${at.getTime()}.${id}`, 'utf8').toString('base64url');
}

/**
 * The row a cursor names, or undefined when it is not one {@link encodeAuditCursor} writes: not
 * canonical base64url (so one position has one spelling), not `<ms>.<id>`, an instant out of range.
 */
export function decodeAuditCursor(cursor: string): AuditCursor | undefined {
  if (!BASE64URL.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.([a-z0-9]+)$/.exec(text);
  if (!match || !CUID.test(match[2])) return undefined;
  const at = new Date(Number(match[1]));
  if (Number.isNaN(at.getTime())) return undefined;
  const decoded = { at, id: match[2] };
  return encodeAuditCursor(decoded) === cursor ? decoded : undefined;
}

/** A cursor parameter: a string {@link decodeAuditCursor} accepts, refused with code NOT_A_CURSOR. */
export const zAuditCursor = () =>
  z
    .string()
    .transform((s, ctx) => {
      const cursor = decodeAuditCursor(s);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'is not a position in this list', params: { code: 'NOT_A_CURSOR' } });
        return z.NEVER;
      }
      return cursor;
    });

const upperCase = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);
const knownActions = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

/**
 * The log's query string (`/audit?year=&institution=&actor=&action=&cursor=`): blank fields are absent; the
 * institution code is taken in any case; the action must be one of the known ones. Other parameters (`lang`,
 * `notice`) are ignored.
 */
export const ZAuditLogQuery = z.object({
  year: zBlankAsAbsent(zYearParam()),
  institution: zBlankAsAbsent(z.preprocess(upperCase, zInstitutionCode())),
  actor: zBlankAsAbsent(zLine(LIMITS.actor)),
  action: zBlankAsAbsent(z.enum(knownActions)),
  cursor: zBlankAsAbsent(zAuditCursor()),
});
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;

/**
 * Which rows the filters can reach, as conditions on the indexed columns: an institution (with or without
 * a year) → its requests' ids (`@@index([dataRequestId, at])`); a year alone → its cycles' ids
 * (`@@index([cycleId, at])`). Null when nothing can match (no such cycle, institution or request).
 */
async function scopeOf(prisma: PrismaClient, { year, institution }: AuditLogFilters): Promise<Prisma.AuditEventWhereInput | null> {
  const oneOf = (ids: string[]) => (ids.length === 1 ? ids[0] : { in: ids });
  if (institution) {
    const requests = await prisma.dataRequest.findMany({ where: { institution: { code: institution }, ...(year !== undefined ? { cycle: { year } } : {}) }, select: { id: true } });
    return requests.length ? { dataRequestId: oneOf(requests.map((r) => r.id)) } : null;
  }
  if (year !== undefined) {
    const cycles = await prisma.reportingCycle.findMany({ where: { year, kind: 'DATA' }, select: { id: true } });
    return cycles.length ? { cycleId: oneOf(cycles.map((c) => c.id)) } : null;
  }
  return {};
}

/**
 * One page of the audit log, newest first, in the order (at desc, id desc), narrowed by `filters`, starting
 * after `cursor` (the `nextCursor` of the previous page; a string, as the API and the page receive it).
 *
 * Keyset paging, so page 10,000 costs what page 1 does: the cursor's condition is written `at <= c.at AND
 * (at < c.at OR id < c.id)`, whose first half is an index condition on `(at, id)` (or `(action, at, id)`,
 * `(cycleId, at)`, `(dataRequestId, at)` with those filters). The actor filter (a substring, any case)
 * narrows the rows those indexes give; it has no index of its own.
 *
 * `limit` defaults to {@link AUDIT_PAGE_SIZE}.default and is clamped to 1–{@link AUDIT_PAGE_SIZE}.max.
 * Throws AppError VALIDATION naming `cursor` (code NOT_A_CURSOR) for a cursor this function never wrote.
 */
export async function auditLogPage({
  prisma,
  filters = {},
  cursor,
  limit = AUDIT_PAGE_SIZE.default,
}: {
  prisma: PrismaClient;
  filters?: AuditLogFilters;
  cursor?: string | AuditCursor;
  limit?: number;
}): Promise<AuditLogPage> {
  const after = typeof cursor === 'string' ? decodeAuditCursor(cursor) : cursor;
  if (typeof cursor === 'string' && !after) {
    const message = issueMessage({ code: 'NOT_A_CURSOR', lang: 'en' });
    throw new AppError('VALIDATION', `cursor: ${message}`, { cursor: message }, { issues: [{ field: 'cursor', code: 'NOT_A_CURSOR', message }] });
  }
  const size = Math.min(Math.max(Math.trunc(limit) || AUDIT_PAGE_SIZE.default, 1), AUDIT_PAGE_SIZE.max);
  const scope = await scopeOf(prisma, filters);
  if (!scope) return { entries: [], nextCursor: null };
  const where: Prisma.AuditEventWhereInput = {
    ...scope,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor ? { actor: { contains: filters.actor, mode: 'insensitive' } } : {}),
    ...(after ? { AND: [{ at: { lte: after.at } }, { OR: [{ at: { lt: after.at } }, { id: { lt: after.id } }] }] } : {}),
  };
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: size + 1,
    include: { dataRequest: { select: { workflowId: true, institution: { select: { code: true } }, cycle: { select: { year: true } } } } },
  });
  const page = rows.slice(0, size);
  const years = await cycleYears(prisma, page.filter((r) => !r.dataRequest && r.cycleId).map((r) => r.cycleId!));
  const entries = page.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    data: r.data,
    cycleYear: r.dataRequest?.cycle.year ?? (r.cycleId ? (years.get(r.cycleId) ?? null) : null),
    institutionCode: r.dataRequest?.institution.code ?? null,
    workflowId: r.dataRequest?.workflowId ?? null,
  }));
  const last = page[page.length - 1];
  return { entries, nextCursor: rows.length > size && last ? encodeAuditCursor(last) : null };
}

/** The year of each cycle id (the log's rows about a cycle as a whole carry only its id). */
async function cycleYears(prisma: PrismaClient, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const cycles = await prisma.reportingCycle.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, year: true } });
  return new Map(cycles.map((c) => [c.id, c.year]));
}
