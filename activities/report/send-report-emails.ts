import type { Locale } from '../../domain/input-bounds';
import type { TAnnualReport } from '../../domain/report/annual-report-model';
import type { PrismaClient } from '../../prisma/client';
import { storedFileBytes } from '../../prisma/stored-file';
import { renderReportPublishedEmail, renderReportReadyEmail, type ReportEmailFacts } from '../../ui/emails/report-emails';
import { activityLog } from '../activity-log';
import { writeAudit } from '../audit';
import type { ActivityDeps } from '../deps';
import type { OutgoingEmail } from '../mailer';
import { awaitOtherAttempt, sendOnce } from '../send-once';
import { messageIdFor } from '../send-request-email';
import { reportEmailFigures, type TReportEmailFigures } from './report-email-figures';

type TVersionRow = { id: string; version: number; cycleId: string; emailFacts: unknown; cycle: { year: number } };

/** Where a version is read: its HTML download and the cycle's report page. */
function reportUrls(base: string, year: number, version: number, lang: Locale) {
  const root = base.replace(/\/$/, '');
  return { htmlUrl: `${root}/reports/${year}/${version}.html?lang=${lang}`, pageUrl: `${root}/dashboard/${year}/report` };
}

/**
 * The summary figures of a stored version: kept beside it since the files are stored compressed
 * (`emailFacts`); a version compiled before that has them read from its JSON file.
 */
async function emailFacts(prisma: PrismaClient, row: TVersionRow, base: string, lang: Locale, name: string | null): Promise<ReportEmailFacts> {
  let figures = row.emailFacts as TReportEmailFigures | null;
  if (!figures) {
    const file = await prisma.reportFile.findUniqueOrThrow({ where: { reportVersionId_format_lang: { reportVersionId: row.id, format: 'json', lang: 'es-MX' } } });
    figures = reportEmailFigures(JSON.parse(storedFileBytes(file).toString('utf8')) as Pick<TAnnualReport, 'summary' | 'cycle'>);
  }
  return { year: row.cycle.year, version: row.version, name, ...figures, ...reportUrls(base, row.cycle.year, row.version, lang) };
}

type TSendResult = { to: string; outcome: 'SENT' | 'ALREADY_SENT' | 'FAILED' };

/**
 * The annual report's emails, each once per step (activities/send-once): "version n is ready" to the
 * secretariat's mailboxes, and the published version to each member of the working group (their
 * language first, the PDF in their language attached). A member whose address is refused is recorded
 * (FAILED, audited) and the others still get theirs; a transient fault throws so the activity retries, and
 * the retry skips what was sent.
 */
export function createReportEmails({ prisma, mailer, clock, config }: ActivityDeps) {
  async function sendStep(key: string, cycleId: string, kind: string, email: Omit<OutgoingEmail, 'messageId' | 'from'>): Promise<TSendResult> {
    const messageId = messageIdFor(key, config.messageIdDomain);
    const full: OutgoingEmail = { ...email, from: config.mailFrom, messageId };
    for (;;) {
      const sent = await sendOnce({ prisma, mailer, clock }, { idempotencyKey: key, kind, email: full });
      const to = email.to.join(', ');
      switch (sent.outcome) {
        case 'SENT':
          await writeAudit(prisma, { actor: 'workflow', action: 'EMAIL_SENT', cycleId, data: { kind, to: email.to, messageId }, idempotencyKey: `${key}/sent` });
          return { to, outcome: 'SENT' };
        case 'ALREADY_SENT':
          return { to, outcome: 'ALREADY_SENT' };
        case 'FAILED_BEFORE':
          return { to, outcome: 'FAILED' };
        case 'REFUSED':
          await prisma.sentMessage.update({ where: { idempotencyKey: key }, data: { status: 'FAILED', error: sent.error, claimedUntil: null } });
          await writeAudit(prisma, { actor: 'workflow', action: 'EMAIL_FAILED', cycleId, data: { kind, to: email.to, error: sent.error }, idempotencyKey: `${key}/failed` });
          activityLog('warn', 'report email not delivered', { kind, messageId });
          return { to, outcome: 'FAILED' };
        case 'BUSY': {
          const other = await awaitOtherAttempt(prisma, key);
          if (other !== 'RETRY') return { to, outcome: other === 'SENT' ? 'ALREADY_SENT' : 'FAILED' };
        }
      }
    }
  }

  const versionRow = (id: string) => prisma.reportVersion.findUniqueOrThrow({ where: { id }, select: { id: true, version: true, cycleId: true, emailFacts: true, cycle: { select: { year: true } } } });

  /** To the secretariat: version n of the year's report is compiled. Once per version. */
  async function sendReportReadyEmail({ reportVersionId }: { reportVersionId: string }): Promise<TSendResult[]> {
    const row = await versionRow(reportVersionId);
    const secretariat = await prisma.contact.findMany({ where: { role: 'SECRETARIAT', active: true }, orderBy: { createdAt: 'asc' } });
    if (secretariat.length === 0) return [];
    const lang: Locale = secretariat[0].locale === 'en' ? 'en' : 'es-MX';
    const rendered = renderReportReadyEmail(lang, await emailFacts(prisma, row, config.publicBaseUrl, lang, null));
    const to = [...new Set(secretariat.map((c) => c.email.toLowerCase()))];
    return [await sendStep(`report/${row.cycle.year}/v${row.version}/ready`, row.cycleId, 'REPORT_READY', { to, subject: rendered.subject, text: rendered.text, html: rendered.html })];
  }

  /** To each active member of the working group: the published version, PDF attached. Once per member and version. */
  async function sendPublishedReport({ reportVersionId }: { reportVersionId: string }): Promise<TSendResult[]> {
    const row = await versionRow(reportVersionId);
    const members = await prisma.contact.findMany({ where: { role: 'WORKING_GROUP', active: true }, orderBy: [{ email: 'asc' }, { createdAt: 'asc' }] });
    const seen = new Set<string>();
    const results: TSendResult[] = [];
    for (const member of members) {
      const address = member.email.toLowerCase();
      if (seen.has(address)) continue;
      seen.add(address);
      const lang: Locale = member.locale === 'en' ? 'en' : 'es-MX';
      const pdf = await prisma.reportFile.findUniqueOrThrow({ where: { reportVersionId_format_lang: { reportVersionId, format: 'pdf', lang } } });
      const rendered = renderReportPublishedEmail(lang, await emailFacts(prisma, row, config.publicBaseUrl, lang, member.name));
      const filename = lang === 'en' ? `nap-1325-annual-report-${row.cycle.year}-v${row.version}.pdf` : `pna-1325-informe-anual-${row.cycle.year}-v${row.version}.pdf`;
      results.push(
        await sendStep(`report/${row.cycle.year}/v${row.version}/published/${address}`, row.cycleId, 'REPORT_PUBLISHED', {
          to: [address],
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          attachments: [{ filename, contentType: 'application/pdf', content: storedFileBytes(pdf) }],
        }),
      );
    }
    return results;
  }

  return { sendReportReadyEmail, sendPublishedReport };
}
