import { compileAnnualReport } from '../../domain/report/compile-annual-report';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import type { TReportSnapshot } from '../../domain/report/report-snapshot';
import { snapshotHash } from '../../domain/report/snapshot-hash';
import { REPORT_FORMATS, REPORT_LANGS, reportFilePieces, type TReportFormat } from '../../documents/annual-report/render-report-files';
import type { PrismaClient } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import { storeFile } from '../../prisma/stored-file';
import { activityLog } from '../activity-log';
import { writeAudit } from '../audit';
import { loadReportSnapshot } from './load-report-snapshot';
import { reportEmailFigures } from './report-email-figures';

export interface CompileReportInput {
  cycleId: string;
  /** "workflow" or "secretariat:<email>". */
  compiledBy: string;
  /** Makes a retried compilation write its version once. */
  idempotencyKey: string;
}

export interface CompileReportResult {
  reportVersionId: string;
  version: number;
  /** False when the key had written it already, or the data had not changed since the latest version. */
  created: boolean;
  /** True when the latest version was compiled from the same data (no new version was made). */
  unchanged: boolean;
  openRequests: number;
}

/** How many times a compilation that lost the race for a version number renders again with the next one. */
const VERSION_RACES = 3;

/** The order files are rendered and stored in (listed in {@link REPORT_FORMATS}' order). */
const RENDER_ORDER: readonly TReportFormat[] = ['json', 'csv', 'xlsx', 'html', 'pdf'];

const isVersionTaken = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/**
 * Compiles the next version of a cycle's annual report and stores it with its ten files (five formats ×
 * es-MX, en): snapshot of the record → canonical model → files, each with its SHA-256, in one transaction.
 * Idempotent twice over: the same key finds the version it wrote; data identical to the latest version's
 * (same snapshot hash) makes no new version, so compiling twice from the same data gives the same bytes.
 */
export async function compileReportVersion(
  { prisma, clock, observe }: { prisma: PrismaClient; clock: () => Date; /** Told as each step ends (the report bench times them). */ observe?: (step: string) => void },
  input: CompileReportInput,
): Promise<CompileReportResult> {
  const done = await prisma.reportVersion.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (done) return { reportVersionId: done.id, version: done.version, created: false, unchanged: false, openRequests: done.openRequests };

  let snapshot: TReportSnapshot | null = await loadReportSnapshot(prisma, { cycleId: input.cycleId });
  const hash = snapshotHash(snapshot);
  observe?.('snapshot read');
  let compiled: TAnnualReport | null = null;
  for (let race = 0; ; race++) {
    const latest = await prisma.reportVersion.findFirst({ where: { cycleId: input.cycleId }, orderBy: { version: 'desc' } });
    if (latest?.snapshotHash === hash) {
      return { reportVersionId: latest.id, version: latest.version, created: false, unchanged: true, openRequests: latest.openRequests };
    }
    const version = (latest?.version ?? 0) + 1;
    const started = Date.now();
    // Compiled once (a lost race changes only the version number), then the snapshot is let go: rendering
    // holds the model alone (at 10,000 entities the snapshot is some 200 MB of heap).
    compiled ??= compileAnnualReport({ snapshot: snapshot!, version, compiledBy: input.compiledBy, snapshotHash: hash });
    snapshot = null;
    observe?.('model compiled');
    const model: TAnnualReport = compiled.version === version ? compiled : { ...compiled, version };
    const files: { format: string; lang: string; sha256: string; size: number }[] = [];
    const openRequests = model.cycle.openRequests.length;
    try {
      const stored = await prisma.$transaction(
        async (tx) => {
          const row = await tx.reportVersion.create({
            data: {
              cycleId: input.cycleId,
              version,
              compiledAt: new Date(model.compiledAt),
              compiledBy: input.compiledBy,
              snapshotHash: hash,
              openRequests,
              idempotencyKey: input.idempotencyKey,
              emailFacts: reportEmailFigures(model),
              createdAt: clock(),
            },
          });
          // One file at a time, rendered and stored, so memory holds one file, not ten; text formats are
          // compressed as they are rendered (the JSON is never held whole: prisma/stored-file.ts). The annex
          // formats first: the HTML and the PDF load echarts and pdfmake, which the others do without.
          for (const format of RENDER_ORDER) {
            for (const lang of REPORT_LANGS) {
              const file = await reportFilePieces(model, format, lang);
              const stored = await storeFile(file.pieces, file.compressible ? 'gzip' : 'identity');
              await tx.reportFile.create({
                data: { reportVersionId: row.id, format, lang, contentType: file.contentType, sha256: stored.sha256, size: stored.size, encoding: stored.encoding, content: stored.content as Uint8Array<ArrayBuffer> },
              });
              files.push({ format, lang, sha256: stored.sha256, size: stored.size });
              observe?.(`${format} ${lang} rendered and stored`);
            }
          }
          files.sort((x, y) => REPORT_FORMATS.indexOf(x.format as TReportFormat) - REPORT_FORMATS.indexOf(y.format as TReportFormat));
          await writeAudit(tx, {
            actor: input.compiledBy,
            action: 'REPORT_COMPILED',
            cycleId: input.cycleId,
            data: { version, snapshotHash: hash, openRequests, files },
            idempotencyKey: `${input.idempotencyKey}/compiled`,
          });
          return row;
        },
        // Rendering happens inside (one file at a time): seconds at 10,000 entities.
        { timeout: 300_000, maxWait: 30_000 },
      );
      activityLog('info', 'annual report compiled', { cycleYear: model.cycleYear, version, ms: Date.now() - started, bytes: files.reduce((n, f) => n + f.size, 0) });
      return { reportVersionId: stored.id, version, created: true, unchanged: false, openRequests };
    } catch (err) {
      // Another compilation took this number first (or wrote this key): read again.
      if (!isVersionTaken(err) || race >= VERSION_RACES) throw err;
      const mine = await prisma.reportVersion.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (mine) return { reportVersionId: mine.id, version: mine.version, created: false, unchanged: false, openRequests: mine.openRequests };
    }
  }
}
