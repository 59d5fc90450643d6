import { z } from 'zod';
import { InstitutionKind } from '../../domain/plan-schema';
import { zInstitutionCode, zLine } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';

/** Rows a page of the list holds: by default, and at most. */
export const INSTITUTION_PAGE = { default: 50, max: 500 } as const;

/** A query value sent empty (a filter form with nothing chosen) is no value. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The list's query: a kind, a text found in the code or either name, and a page: `limit` rows after the
 * code `after` (next page) or before the code `before` (previous page). Empty values (a filter form sent
 * with nothing chosen) mean no filter.
 */
export const ZInstitutionListQuery = z.object({
  kind: z.preprocess(blank, z.enum(InstitutionKind).optional()),
  q: z.preprocess(blank, zLine(200).optional()),
  limit: z.coerce.number().int().min(1).max(INSTITUTION_PAGE.max).default(INSTITUTION_PAGE.default),
  after: z.preprocess(blank, zInstitutionCode().optional()),
  before: z.preprocess(blank, zInstitutionCode().optional()),
});
export type TInstitutionListQuery = z.infer<typeof ZInstitutionListQuery>;

/** One institution of the list with its counts. */
export interface InstitutionListRow {
  code: string;
  nameEs: string;
  nameEn: string;
  kind: InstitutionKind;
  active: boolean;
  activeContacts: number;
  /** Indicators of the current plan it reports. */
  indicators: number;
  /** Of those, assignments derived from the plan's text, not yet confirmed by the secretariat. */
  derivedUnconfirmed: number;
}

/** One page of the list. */
export interface InstitutionList {
  rows: InstitutionListRow[];
  /** Institutions matching the filter, and how many of them come before this page. */
  total: number;
  offset: number;
  /** Cursors of the next and previous pages (null at either end). */
  next: string | null;
  previous: string | null;
}

/**
 * One page of institutions by code, for 10,000 entities as for seven: the filter and the page bounds are
 * applied in PostgreSQL (keyset on the unique code, never an offset scan of rows sent back), and the counts
 * of the page's rows are read for those rows only. `planId` is the plan whose indicators are counted.
 */
export async function listInstitutions({ prisma, query, planId }: { prisma: PrismaClient; query: TInstitutionListQuery; planId: string | null }): Promise<InstitutionList> {
  const where: Prisma.InstitutionWhereInput = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.q
      ? { OR: [{ code: { contains: query.q, mode: 'insensitive' } }, { nameEs: { contains: query.q, mode: 'insensitive' } }, { nameEn: { contains: query.q, mode: 'insensitive' } }] }
      : {}),
  };
  const backwards = query.before !== undefined && query.after === undefined;
  const bound = backwards ? { code: { lt: query.before } } : query.after ? { code: { gt: query.after } } : {};
  const found = await prisma.institution.findMany({
    where: { AND: [where, bound] },
    orderBy: { code: backwards ? 'desc' : 'asc' },
    take: query.limit + 1,
    select: { id: true, code: true, nameEs: true, nameEn: true, kind: true, active: true, _count: { select: { contacts: { where: { active: true } } } } },
  });
  const more = found.length > query.limit;
  const page = found.slice(0, query.limit);
  if (backwards) page.reverse();
  const [total, offset, counts] = await Promise.all([
    prisma.institution.count({ where }),
    page.length ? prisma.institution.count({ where: { AND: [where, { code: { lt: page[0].code } }] } }) : Promise.resolve(0),
    reporterCounts(prisma, page.map((i) => i.id), planId),
  ]);
  const first = page[0]?.code;
  const last = page.at(-1)?.code;
  return {
    rows: page.map((i) => ({
      code: i.code,
      nameEs: i.nameEs,
      nameEn: i.nameEn,
      kind: i.kind,
      active: i.active,
      activeContacts: i._count.contacts,
      indicators: counts.get(i.id)?.all ?? 0,
      derivedUnconfirmed: counts.get(i.id)?.derived ?? 0,
    })),
    total,
    offset,
    next: (backwards ? offset + page.length < total : more) ? (last ?? null) : null,
    previous: (backwards ? more : offset > 0) ? (first ?? null) : null,
  };
}

/** Indicators of the plan each institution reports, and how many of those are still derived. */
async function reporterCounts(prisma: PrismaClient, institutionIds: string[], planId: string | null): Promise<Map<string, { all: number; derived: number }>> {
  if (!planId || institutionIds.length === 0) return new Map();
  const groups = await prisma.indicatorReporter.groupBy({
    by: ['institutionId', 'derived'],
    where: { institutionId: { in: institutionIds }, indicator: { planId } },
    _count: { _all: true },
  });
  const counts = new Map<string, { all: number; derived: number }>();
  for (const g of groups) {
    const c = counts.get(g.institutionId) ?? { all: 0, derived: 0 };
    c.all += g._count._all;
    if (g.derived) c.derived += g._count._all;
    counts.set(g.institutionId, c);
  }
  return counts;
}
