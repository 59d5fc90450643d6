import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { RecipientRole } from '../domain/reporting-policy';
import { signLinkToken } from '../domain/signed-link';
import type { PrismaClient } from '../prisma/client';
import { writeAudit } from './audit';
import { deadlineIcs } from './deadline-ics';
import type { ActivityDeps } from './deps';
import { type EmailKind, renderEmail, type EmailIndicator, type Locale } from './email-templates';
import { isPermanentSmtpFailure, type OutgoingEmail } from './mailer';
import { indicatorsFor } from './request-activities';

export interface SendRequestEmailInput {
  dataRequestId: string;
  workflowId: string;
  kind: EmailKind;
  /** Unique per workflow step, e.g. `request`, `2025-03-14/reminder-5`, `receipt-v2`. */
  stepKey: string;
  level?: number;
  /** Roles an escalation goes to (from the policy); the primary contact is copied. */
  recipients?: RecipientRole[];
  /** For DELIVERY_FAILURE: what failed. */
  failure?: { to: string[]; error: string; stepKey: string };
  /** For extension emails: what was asked, decided, why and by whom. */
  note?: { approved?: boolean; requested?: string; reason?: string; by?: string };
  /** A request sent again by the secretariat: threaded under the first, listing only what is missing. */
  resend?: boolean;
}

export interface SendRequestEmailResult {
  outcome: 'SENT' | 'ALREADY_SENT' | 'FAILED';
  messageId: string;
  detail?: string;
}

/** The bilingual sentence an extension or delivery-failure email carries. */
function noteText(input: SendRequestEmailInput): { es: string; en: string } | undefined {
  if (input.failure) {
    return {
      es: `Destinatarios: ${input.failure.to.join(', ') || '(ninguno)'}. Error: ${input.failure.error}.`,
      en: `Recipients: ${input.failure.to.join(', ') || '(none)'}. Error: ${input.failure.error}.`,
    };
  }
  const n = input.note;
  if (!n) return undefined;
  if (input.kind === 'EXTENSION_REQUESTED') {
    return {
      es: `Se solicita prórroga hasta el ${n.requested} (solicitada por ${n.by}). Motivo: ${n.reason}.`,
      en: `An extension to ${n.requested} is requested (by ${n.by}). Reason: ${n.reason}.`,
    };
  }
  return n.approved
    ? { es: `La prórroga fue aprobada (${n.by}). ${n.reason ? `Motivo: ${n.reason}.` : ''}`, en: `The extension was approved (${n.by}). ${n.reason ? `Reason: ${n.reason}.` : ''}` }
    : {
        es: `La solicitud de prórroga hasta el ${n.requested} fue rechazada (${n.by}). ${n.reason ? `Motivo: ${n.reason}.` : ''}`,
        en: `The request for an extension to ${n.requested} was rejected (${n.by}). ${n.reason ? `Reason: ${n.reason}.` : ''}`,
      };
}

/** Deterministic RFC 5322 Message-ID of a workflow step: the same step always has the same id. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

const roleToContactRole = { CONTACT: 'PRIMARY', ALTERNATE: 'ALTERNATE', LIAISON_HEAD: 'LIAISON_HEAD', SECRETARIAT: 'SECRETARIAT' } as const;

type ContactRow = { email: string; name: string; locale: string; timeZone: string; role: string };

async function contactsByRole(prisma: PrismaClient, institutionId: string, roles: RecipientRole[]): Promise<ContactRow[]> {
  const contactRoles = roles.map((r) => roleToContactRole[r]);
  const own = await prisma.contact.findMany({
    where: { institutionId, active: true, role: { in: contactRoles.filter((r) => r !== 'SECRETARIAT') } },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  });
  const secretariat = contactRoles.includes('SECRETARIAT')
    ? await prisma.contact.findMany({ where: { active: true, role: 'SECRETARIAT' }, orderBy: { createdAt: 'asc' } })
    : [];
  // Order recipients as the roles were listed.
  const all = [...own, ...secretariat];
  return contactRoles.flatMap((role) => all.filter((c) => c.role === role));
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];

/**
 * Sends one email of a request's life (request, reminder, escalation, receipt, delivery failure), once per
 * workflow step. Claim-then-act: a `SentMessage` row keyed by workflow id + step is read before sending
 * and marked SENT when the SMTP server accepts, so a retried activity, a restarted worker or a replayed
 * workflow finds it and sends nothing. The Message-ID is derived from the same key, and every later email
 * of the request threads under the request (In-Reply-To/References).
 *
 * A permanent SMTP refusal (5xx, e.g. unknown mailbox) is recorded as FAILED, reported to the secretariat
 * and returned as `FAILED` (not retried); transient faults throw and are retried with backoff.
 */
export function createSendRequestEmail({ prisma, mailer, clock, config }: ActivityDeps) {
  async function sendRequestEmail(input: SendRequestEmailInput): Promise<SendRequestEmailResult> {
    const idempotencyKey = `${input.workflowId}/${input.stepKey}`;
    const messageId = messageIdFor(idempotencyKey, config.messageIdDomain);
    const existing = await prisma.sentMessage.findUnique({ where: { idempotencyKey } });
    if (existing?.status === 'SENT') return { outcome: 'ALREADY_SENT', messageId };
    if (existing?.status === 'FAILED') return { outcome: 'FAILED', messageId, detail: existing.error ?? undefined };

    const request = await prisma.dataRequest.findUniqueOrThrow({
      where: { id: input.dataRequestId },
      include: { cycle: true, institution: true, submissions: { orderBy: { version: 'desc' }, take: 1, include: { values: { include: { indicator: true } } } } },
    });
    const latest = request.submissions[0];
    const indicators = await indicatorsFor(prisma, { planId: request.cycle.planId, institutionId: request.institutionId });

    // Who gets it.
    let to: ContactRow[];
    let cc: ContactRow[] = [];
    switch (input.kind) {
      case 'REQUEST':
      case 'REMINDER':
      case 'EXTENSION_DECISION':
        to = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        cc = await contactsByRole(prisma, request.institutionId, ['ALTERNATE']);
        break;
      case 'ESCALATION':
        to = await contactsByRole(prisma, request.institutionId, input.recipients ?? ['CONTACT', 'ALTERNATE']);
        cc = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        break;
      case 'RECEIPT': {
        to = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        const by = latest?.submittedBy;
        if (by && !to.some((c) => c.email.toLowerCase() === by.toLowerCase())) {
          to = [{ email: by, name: by, locale: to[0]?.locale ?? 'es-MX', timeZone: to[0]?.timeZone ?? request.institution.timeZone, role: 'PRIMARY' }, ...to];
        }
        break;
      }
      case 'DELIVERY_FAILURE':
        to = await contactsByRole(prisma, request.institutionId, ['SECRETARIAT']);
        break;
      case 'EXTENSION_REQUESTED':
        to = await contactsByRole(prisma, request.institutionId, ['SECRETARIAT']);
        cc = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        break;
    }
    const toEmails = unique(to.map((c) => c.email));
    const ccEmails = unique(cc.map((c) => c.email)).filter((e) => !toEmails.includes(e));
    if (toEmails.length === 0) {
      return fail(`no active ${input.kind === 'DELIVERY_FAILURE' ? 'secretariat' : 'recipient'} contact for ${request.institution.code}`, []);
    }

    const first = to[0];
    const locale: Locale = first.locale === 'en' ? 'en' : 'es-MX';
    const zone = first.timeZone || request.institution.timeZone;
    const now = clock();
    const expiry = Math.floor(now.getTime() / 1000) + config.linkTtlDays * 86_400;
    const token = signLinkToken({
      claims: { r: request.id, y: request.cycle.year, i: request.institution.code, c: first.email, e: expiry },
      secret: config.linkSigningSecret,
    });
    const link = `${config.publicBaseUrl.replace(/\/$/, '')}/respond/${request.cycle.year}/${encodeURIComponent(request.institution.code)}?token=${token}`;

    // Only what is still missing (a draft may have covered part of it).
    const answered = new Set((latest?.values ?? []).map((v) => v.indicator.code));
    const missing: EmailIndicator[] = indicators.filter((i) => !answered.has(i.code));
    const receiptLines = (latest?.values ?? []).map((v) => {
      const value = v.numberValue?.toString() ?? (v.booleanValue === null ? null : v.booleanValue ? 'sí/yes' : 'no') ?? v.textValue ?? '—';
      return `${v.indicator.code} ${v.breakdown === 'TOTAL' ? '' : `(${v.breakdown === 'WOMEN' ? 'mujeres/women' : 'hombres/men'}) `}= ${value ?? '—'}${v.comment ? ` — ${v.comment}` : ''}`;
    });

    const rendered = renderEmail({
      kind: input.kind,
      locale,
      institution: request.institution,
      year: request.cycle.year,
      deadlineAt: request.deadline.toISOString(),
      zone,
      link: input.kind === 'DELIVERY_FAILURE' || input.kind === 'RECEIPT' || input.kind === 'EXTENSION_REQUESTED' ? undefined : link,
      indicators: input.kind === 'REQUEST' && !input.resend ? indicators : missing,
      level: input.level,
      overdueSince: request.deadline.toISOString(),
      receipt: latest ? { version: latest.version, kind: latest.kind, lines: receiptLines } : undefined,
      note: noteText(input),
    });

    const threadRoot = messageIdFor(`${input.workflowId}/request`, config.messageIdDomain);
    const threaded = (input.kind !== 'REQUEST' || input.resend === true) && input.kind !== 'DELIVERY_FAILURE';
    const email: OutgoingEmail = {
      from: config.mailFrom,
      to: toEmails,
      cc: ccEmails,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      ...(threaded ? { inReplyTo: threadRoot, references: [threadRoot] } : {}),
      attachments:
        input.kind === 'REQUEST' || input.kind === 'REMINDER' || input.kind === 'EXTENSION_DECISION'
          ? [
              {
                filename: 'fecha-limite.ics',
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
                content: deadlineIcs({
                  uid: `${input.workflowId.replace(/\//g, '-')}@${config.messageIdDomain}`,
                  deadlineAt: request.deadline.toISOString(),
                  summary: locale === 'en' ? `NAP-1325 ${request.cycle.year} data due (${request.institution.code})` : `Fecha límite PNA-1325 ${request.cycle.year} (${request.institution.code})`,
                  description: link,
                  url: link,
                  sequence: Math.floor(request.deadline.getTime() / 1000 / 86_400),
                  now,
                }),
              },
            ]
          : undefined,
    };

    // Claim the step. A row left in SENDING by a crash is re-sent with the same Message-ID (see README).
    await prisma.sentMessage.upsert({
      where: { idempotencyKey },
      create: {
        idempotencyKey,
        messageId,
        dataRequestId: request.id,
        kind: input.kind,
        to: toEmails,
        cc: ccEmails,
        subject: rendered.subject,
        inReplyTo: email.inReplyTo ?? null,
        attempts: 1,
      },
      update: { attempts: { increment: 1 } },
    });

    let response: string;
    try {
      const outcome = await mailer.send(email);
      if (outcome.accepted.length === 0) throw Object.assign(new Error(`all recipients refused: ${outcome.rejected.join(', ')}`), { responseCode: 550 });
      response = outcome.response;
    } catch (err) {
      if (!isPermanentSmtpFailure(err)) throw err; // transient: the retry policy tries again with backoff
      return fail((err as Error).message, toEmails);
    }
    await prisma.sentMessage.update({ where: { idempotencyKey }, data: { status: 'SENT', smtpResponse: response, sentAt: clock() } });
    await writeAudit(prisma, {
      actor: 'workflow',
      action: 'EMAIL_SENT',
      cycleId: request.cycleId,
      dataRequestId: request.id,
      data: { kind: input.kind, stepKey: input.stepKey, to: toEmails, cc: ccEmails, messageId },
      idempotencyKey: `${idempotencyKey}/sent`,
    });
    return { outcome: 'SENT', messageId };

    async function fail(error: string, recipients: string[]): Promise<SendRequestEmailResult> {
      await prisma.sentMessage.upsert({
        where: { idempotencyKey },
        create: {
          idempotencyKey,
          messageId,
          dataRequestId: request.id,
          kind: input.kind,
          to: recipients,
          cc: [],
          subject: `(not sent) ${input.kind}`,
          status: 'FAILED',
          error,
          attempts: 1,
        },
        update: { status: 'FAILED', error },
      });
      await writeAudit(prisma, {
        actor: 'workflow',
        action: 'EMAIL_FAILED',
        cycleId: request.cycleId,
        dataRequestId: request.id,
        data: { kind: input.kind, stepKey: input.stepKey, to: recipients, error },
        idempotencyKey: `${idempotencyKey}/failed`,
      });
      if (input.kind !== 'DELIVERY_FAILURE') {
        // Tell the secretariat once; if even that fails, the audit row and the dashboard still show it.
        await sendRequestEmail({
          dataRequestId: input.dataRequestId,
          workflowId: input.workflowId,
          kind: 'DELIVERY_FAILURE',
          stepKey: `${input.stepKey}/delivery-failure`,
          failure: { to: recipients, error, stepKey: input.stepKey },
        }).catch((e: unknown) => {
          if (e instanceof ApplicationFailure) return undefined;
          throw e;
        });
      }
      return { outcome: 'FAILED', messageId, detail: error };
    }
  }
  return { sendRequestEmail };
}
