import type { FastifyReply } from 'fastify';
import type { ReportFormat } from './queries/report-versions';

/** Spreadsheets and the CSV download; the others open in the browser. */
const ATTACH: Record<ReportFormat, boolean> = { json: false, html: false, pdf: false, xlsx: true, csv: true };

/**
 * The HTML report stands alone (its stylesheet inlined, its charts inline SVG, no script): its own policy
 * lets that one inline stylesheet apply and nothing else load or run (the review dossier's HTML is served under it too).
 */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Sends a stored report file byte for byte: its media type, its SHA-256 as the ETag (the file never
 * changes), and a file name in the reader's language.
 */
export function sendReportFile(
  reply: FastifyReply,
  { file, year, version, format, lang }: { file: { contentType: string; sha256: string; content: Uint8Array }; year: number; version: number; format: ReportFormat; lang: string },
): FastifyReply {
  const name = `${lang === 'en' ? 'nap-1325-annual-report' : 'pna-1325-informe-anual'}-${year}-v${version}-${lang}.${format}`;
  if (format === 'html') reply.header('content-security-policy', REPORT_HTML_CSP);
  return reply
    .header('content-type', file.contentType)
    .header('etag', `"${file.sha256}"`)
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('content-disposition', `${ATTACH[format] ? 'attachment' : 'inline'}; filename="${name}"`)
    .send(Buffer.from(file.content));
}
