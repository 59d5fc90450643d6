import { z } from 'zod';
import type { Locale } from '../../domain/input-bounds';
import { displayStatus } from '../../domain/request-display-status';
import { diffValues, type ValueChange } from '../../domain/submission-diff';
import type { PrismaClient } from '../../prisma/client';
import type { ValueRow } from '../../ui/components/values-table';
import { findRequest } from '../commands/request-command';
import { valueRows } from '../respond-page-model';

/** Which versions the request page shows: one version's values, and a comparison of two. */
export const ZRequestPageQuery = z.object({
  v: z.coerce.number().int().min(1).max(100_000).optional(),
  from: z.coerce.number().int().min(1).max(100_000).optional(),
  to: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type RequestPageQuery = z.infer<typeof ZRequestPageQuery>;

const ROLE_ORDER = ['PRIMARY', 'ALTERNATE', 'LIAISON_HEAD', 'SECRETARIAT', 'WORKING_GROUP'];

export interface RequestDetail {
  year: number;
  code: string;
  name: Record<Locale, string>;
  workflowId: string;
  status: string;
  shown: ReturnType<typeof displayStatus>;
  deadline: Date;
  escalationLevel: number;
  nextAction: { kind: string; at: Date } | null;
  requestedAt: Date | null;
  submittedAt: Date | null;
  endedAt: Date | null;
  closedReason: string | null;
  attention: { since: Date; reason: string } | null;
  deliveryFailed: { since: Date; reason: string } | null;
  extension: { at: Date; deadline: string; by: string; reason: string } | null;
  contacts: { role: string; name: string; email: string }[];
  versions: { version: number; kind: string; submittedBy: string; reason: string | null; createdAt: Date }[];
  /** The version whose values are shown (default the latest), and its values. */
  shownVersion: { version: number; kind: string; narrative: string | null; rows: ValueRow[] } | null;
  /** The comparison of two versions (default the latest with the one before), when there are two. */
  diff: { from: number; to: number; changes: ValueChange<ValueRow>[]; narrativeChanged: boolean } | null;
  emails: { kind: string; to: string[]; subject: string; status: string; at: Date; error: string | null }[];
  audit: { at: Date; actor: string; action: string; data: unknown }[];
}

/**
 * Everything the request page shows, from PostgreSQL: the request's facts (shown status, pending extension
 * with its reason, failed delivery, attention), the institution's contacts, every version with its
 * author and reason, one version's values, the difference between two versions, the emails and the audit.
 */
export async function requestDetail(prisma: PrismaClient, { year, code, query, lang }: { year: number; code: string; query: RequestPageQuery; lang: Locale }): Promise<RequestDetail> {
  const row = await findRequest(prisma, year, code, lang);
  const [institution, versions, emails, audit, indicators] = await Promise.all([
    prisma.institution.findUniqueOrThrow({ where: { id: row.institutionId }, include: { contacts: { where: { active: true } } } }),
    prisma.submission.findMany({ where: { dataRequestId: row.id }, orderBy: { version: 'asc' }, select: { version: true, kind: true, submittedBy: true, reason: true, createdAt: true } }),
    prisma.sentMessage.findMany({ where: { dataRequestId: row.id }, orderBy: { createdAt: 'desc' }, take: 50, select: { kind: true, to: true, subject: true, status: true, createdAt: true, error: true } }),
    prisma.auditEvent.findMany({ where: { dataRequestId: row.id }, orderBy: { at: 'desc' }, take: 100, select: { at: true, actor: true, action: true, data: true } }),
    prisma.indicator.findMany({ where: { reporters: { some: { institutionId: row.institutionId } } }, select: { code: true } }),
  ]);
  const order = indicators.map((i) => i.code).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const latest = versions.at(-1)?.version;
  const rowsOf = async (version: number | undefined) => {
    if (!version) return undefined;
    const s = await prisma.submission.findUnique({
      where: { dataRequestId_version: { dataRequestId: row.id, version } },
      include: { values: { include: { indicator: { select: { code: true, textEs: true, textEn: true } } } } },
    });
    return s ? { version: s.version, kind: s.kind, narrative: s.narrative, rows: valueRows(s.values, order, lang) } : undefined;
  };
  const to = query.to ?? latest;
  const from = query.from ?? (to ? versions.filter((v) => v.version < to).at(-1)?.version : undefined);
  const [shown, before, after] = await Promise.all([rowsOf(query.v ?? latest), rowsOf(from), rowsOf(to)]);
  const extensionAsked = row.extensionRequestedAt ? audit.find((a) => a.action === 'EXTENSION_REQUESTED') : undefined;
  return {
    year,
    code,
    name: { 'es-MX': institution.nameEs, en: institution.nameEn },
    workflowId: row.workflowId,
    status: row.status,
    shown: displayStatus(row),
    deadline: row.deadline,
    escalationLevel: row.escalationLevel,
    nextAction: row.nextActionKind && row.nextActionAt ? { kind: row.nextActionKind, at: row.nextActionAt } : null,
    requestedAt: row.requestedAt,
    submittedAt: row.submittedAt,
    endedAt: row.endedAt,
    closedReason: row.closedReason,
    attention: row.attentionAt ? { since: row.attentionAt, reason: row.attentionReason ?? '' } : null,
    deliveryFailed: row.deliveryFailedAt ? { since: row.deliveryFailedAt, reason: row.deliveryFailure ?? '' } : null,
    extension: row.extensionRequestedAt
      ? { at: row.extensionRequestedAt, deadline: row.extensionRequestedDeadline ?? '', by: row.extensionRequestedBy ?? '', reason: String((extensionAsked?.data as { reason?: unknown } | null)?.reason ?? '') }
      : null,
    contacts: institution.contacts
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name))
      .map((c) => ({ role: c.role, name: c.name, email: c.email })),
    versions,
    shownVersion: shown ?? null,
    diff:
      before && after && before.version !== after.version
        ? { from: before.version, to: after.version, changes: diffValues(before.rows, after.rows, order), narrativeChanged: (before.narrative ?? '') !== (after.narrative ?? '') }
        : null,
    emails: emails.map((e) => ({ kind: e.kind, to: e.to, subject: e.subject, status: e.status, at: e.createdAt, error: e.error })),
    audit,
  };
}
