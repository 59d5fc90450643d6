import type { FastifyReply } from 'fastify';
import { negotiate } from '@fastify/accept-negotiator';
import { storedFileStream } from '../prisma/stored-file';
import type { ReportFormat } from './queries/report-versions';

/** Spreadsheets and the CSV download; the others open in the browser. */
const ATTACH: Record<ReportFormat, boolean> = { json: false, html: false, pdf: false, xlsx: true, csv: true };

/**
 * The HTML report stands alone (its stylesheet inlined, its charts inline SVG, no script): its own policy
 * lets that one inline stylesheet apply and nothing else load or run (the review dossier's HTML is served under it too).
 */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Whether the request's Accept-Encoding prefers gzip to the file as it is (`@fastify/accept-negotiator`:
 * q-values, `*`, and `q=0` refusals; codings compared case-insensitively, RFC 9110 §12.5.3).
 */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  return negotiate(value, ['gzip', 'identity']) === 'gzip';
}

/**
 * Sends a stored report file: its media type, its SHA-256 as the ETag (the file never changes), and a file
 * name in the reader's language. A file kept compressed (prisma/stored-file.ts) goes out as it is kept, with
 * `Content-Encoding: gzip`, to a client that takes gzip (every browser; its ETag then says so), and is
 * decompressed as it is sent to one that does not.
 */
export function sendReportFile(
  reply: FastifyReply,
  { file, year, version, format, lang }: { file: { contentType: string; sha256: string; encoding: string; content: Uint8Array }; year: number; version: number; format: ReportFormat; lang: string },
): FastifyReply {
  const name = `${lang === 'en' ? 'nap-1325-annual-report' : 'pna-1325-informe-anual'}-${year}-v${version}-${lang}.${format}`;
  if (format === 'html') reply.header('content-security-policy', REPORT_HTML_CSP);
  reply
    .header('content-type', file.contentType)
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('content-disposition', `${ATTACH[format] ? 'attachment' : 'inline'}; filename="${name}"`);
  if (file.encoding !== 'gzip') return reply.header('etag', `"${file.sha256}"`).send(Buffer.from(file.content));
  reply.header('vary', 'accept-encoding');
  if (acceptsGzip(reply.request.headers['accept-encoding'])) {
    return reply.header('etag', `"${file.sha256}-gzip"`).header('content-encoding', 'gzip').send(Buffer.from(file.content));
  }
  return reply.header('etag', `"${file.sha256}"`).send(storedFileStream(file));
}
