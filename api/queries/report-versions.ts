import { AppError } from '../../domain/app-error';
import type { Locale } from '../../domain/input-bounds';
import type { PrismaClient } from '../../prisma/client';

export const REPORT_FORMATS = ['json', 'html', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGS = ['es-MX', 'en'] as const;

/** "The 2025 report has no version 3.", in the reader's language. */
export const noVersion = (year: number, version: number, lang: Locale) =>
  lang === 'en' ? `The ${year} report has no version ${version}.` : `El informe ${year} no tiene versión ${version}.`;

/** A cycle as the report routes find it: the latest plan version's cycle of that year. */
export async function findReportCycle(prisma: PrismaClient, year: number, lang: Locale = 'en') {
  const cycle = await prisma.reportingCycle.findFirst({ where: { year, kind: 'DATA' }, orderBy: { plan: { version: 'desc' } }, select: { id: true, year: true, status: true } });
  if (!cycle) throw new AppError('NOT_FOUND', lang === 'en' ? `No reporting cycle for ${year}.` : `No hay un ciclo de informes de ${year}.`);
  return cycle;
}

/** Requests without a final report that have not ended otherwise (the model's "open requests"). */
export async function openRequestsOf(prisma: PrismaClient, cycleId: string) {
  return prisma.dataRequest.findMany({
    where: { cycleId, submittedAt: null, status: { notIn: ['NOT_REPORTED', 'CLOSED', 'EXEMPTED'] } },
    orderBy: { workflowId: 'asc' },
    select: { status: true, institution: { select: { code: true } } },
  });
}

/**
 * A cycle's report versions, newest first, each with its status, its files (size, SHA-256, where to
 * download) and whether it is outdated: the record holds a final report or correction newer than the data
 * the version read (its snapshot's instant, `compiledAt`), or fewer requests are open now than then (a
 * request ended since).
 */
export async function reportVersions(prisma: PrismaClient, year: number, lang: Locale = 'en') {
  const cycle = await findReportCycle(prisma, year, lang);
  const [rows, latestData, open] = await Promise.all([
    prisma.reportVersion.findMany({
      where: { cycleId: cycle.id },
      orderBy: { version: 'desc' },
      include: { files: { select: { format: true, lang: true, sha256: true, size: true, contentType: true }, orderBy: [{ format: 'asc' }, { lang: 'asc' }] } },
    }),
    prisma.submission.aggregate({ where: { dataRequest: { cycleId: cycle.id }, kind: { in: ['FINAL', 'CORRECTION'] } }, _max: { createdAt: true } }),
    openRequestsOf(prisma, cycle.id),
  ]);
  const lastData = latestData._max.createdAt?.getTime() ?? 0;
  const versions = rows.map((v) => ({
    version: v.version,
    status: v.status,
    compiledAt: v.compiledAt,
    createdAt: v.createdAt,
    compiledBy: v.compiledBy,
    snapshotHash: v.snapshotHash,
    openRequests: v.openRequests,
    outdated: lastData > v.compiledAt.getTime() || open.length < v.openRequests,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy,
    supersededAt: v.supersededAt,
    files: v.files.map((f) => ({ ...f, url: `/api/cycles/${year}/report/versions/${v.version}.${f.format}?lang=${f.lang}` })),
  }));
  return {
    year,
    cycleStatus: cycle.status,
    openRequests: open.map((r) => ({ institution: r.institution.code, status: r.status })),
    published: rows.find((v) => v.status === 'PUBLISHED')?.version ?? null,
    latest: rows[0]?.version ?? null,
    versions,
  };
}
export type TReportVersions = Awaited<ReturnType<typeof reportVersions>>;

/** One stored file of a version, or a 404 naming what is missing. */
export async function reportFile(prisma: PrismaClient, { year, version, format, lang, readerLang = 'en' }: { year: number; version: number; format: ReportFormat; lang: string; readerLang?: Locale }) {
  const cycle = await findReportCycle(prisma, year, readerLang);
  const row = await prisma.reportVersion.findUnique({ where: { cycleId_version: { cycleId: cycle.id, version } }, select: { id: true } });
  if (!row) throw new AppError('NOT_FOUND', noVersion(year, version, readerLang));
  const file = await prisma.reportFile.findUnique({ where: { reportVersionId_format_lang: { reportVersionId: row.id, format, lang } } });
  if (!file) throw new AppError('NOT_FOUND', `Version ${version} of the ${year} report has no ${format} file in ${lang}.`);
  return file;
}
