import { DELIVERY_FAILURE_MAX, isToInstitution } from '../domain/request-read-model';
import { createHash } from 'node:crypto';
import { computeCorrectionWindowEnd } from '../domain/compute-timeline';
import { isTimeZone, type Locale } from '../domain/input-bounds';
import type { RecipientRole } from '../domain/reporting-policy';
import type { RequestEmail } from '../domain/request-types';
import { signLinkToken } from '../domain/signed-link';
import type { PrismaClient } from '../prisma/client';
import { renderEmail } from '../ui/emails/render-email';
import { activityLog } from './activity-log';
import { writeAudit } from './audit';
import { deadlineIcs } from './deadline-ics';
import type { ActivityDeps } from './deps';
import { emailContext, emailReceipt } from './email-context';
import { businessCalendar } from '../prisma/business-calendar';
import type { OutgoingEmail } from './mailer';
import { awaitOtherAttempt, sendOnce } from './send-once';
import { flatItemsInCharge } from '../domain/review/items-in-charge';
import { ZReviewProposals } from '../domain/review/review-proposal';
import { loadReviewPlan } from '../prisma/review-plan';
import type { EmailReview } from '../ui/emails/email-model';
import { indicatorsFor, requestPolicy } from './request-activities';

/** One email of a request's life (defined in domain/, where workflows can see it). */
export type SendRequestEmailInput = RequestEmail;

export interface SendRequestEmailResult {
  outcome: 'SENT' | 'ALREADY_SENT' | 'FAILED';
  messageId: string;
  detail?: string;
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

/** A request as its emails read it: cycle, institution and the latest version with its values. */
export function loadEmailRequest(prisma: PrismaClient, dataRequestId: string) {
  return prisma.dataRequest.findUniqueOrThrow({
    where: { id: dataRequestId },
    include: { cycle: true, institution: true, submissions: { orderBy: { version: 'desc' }, take: 1, include: { values: { include: { indicator: true } } } } },
  });
}

export type TEmailRequest = Awaited<ReturnType<typeof loadEmailRequest>>;

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
  /**
   * `preloaded`: the request as {@link loadEmailRequest} read it a moment ago in the same activity
   * (`openRequest`), so it is not read twice.
   */
  async function sendRequestEmail(input: SendRequestEmailInput, preloaded?: TEmailRequest): Promise<SendRequestEmailResult> {
    const idempotencyKey = `${input.workflowId}/${input.stepKey}`;
    const messageId = messageIdFor(idempotencyKey, config.messageIdDomain);
    const existing = await prisma.sentMessage.findUnique({ where: { idempotencyKey } });
    if (existing?.status === 'SENT') {
      // The attempt that sent it may have died before its audit row or its notice: both are idempotent.
      const owner = existing.dataRequestId ? await prisma.dataRequest.findUnique({ where: { id: existing.dataRequestId }, select: { cycleId: true } }) : null;
      await writeAudit(prisma, {
        actor: 'workflow',
        action: 'EMAIL_SENT',
        cycleId: owner?.cycleId ?? null,
        dataRequestId: existing.dataRequestId,
        data: { kind: input.kind, stepKey: input.stepKey, to: existing.to, cc: existing.cc, messageId },
        idempotencyKey: `${idempotencyKey}/sent`,
      });
      if (existing.error) await noticeToSecretariat(existing.error, existing.to);
      return { outcome: 'ALREADY_SENT', messageId };
    }
    if (existing?.status === 'FAILED') {
      // The notice may have met a transient fault on the attempt that recorded the failure: send it now.
      await noticeToSecretariat(existing.error ?? 'refused', [...existing.to, ...existing.cc]);
      return { outcome: 'FAILED', messageId, detail: existing.error ?? undefined };
    }

    const request = preloaded?.id === input.dataRequestId ? preloaded : await loadEmailRequest(prisma, input.dataRequestId);
    const latest = request.submissions[0];
    const indicators = request.cycle.kind === 'REVIEW' ? [] : await indicatorsFor(prisma, { planId: request.cycle.planId, institutionId: request.institutionId });
    const acknowledged = input.kind === 'RECEIPT' ? await receivedVersion() : undefined;

    // Who gets it.
    let to: ContactRow[];
    let cc: ContactRow[] = [];
    switch (input.kind) {
      case 'REQUEST':
      case 'REMINDER':
      case 'EXTENSION_DECISION': {
        // One read for both roles (contactsByRole orders them as listed).
        const both = await contactsByRole(prisma, request.institutionId, ['CONTACT', 'ALTERNATE']);
        to = both.filter((c) => c.role === roleToContactRole.CONTACT);
        cc = both.filter((c) => c.role === roleToContactRole.ALTERNATE);
        break;
      }
      case 'ESCALATION':
        to = await contactsByRole(prisma, request.institutionId, input.recipients ?? ['CONTACT', 'ALTERNATE']);
        cc = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        break;
      case 'RECEIPT': {
        to = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        const by = acknowledged?.submittedBy;
        if (by && !to.some((c) => c.email.toLowerCase() === by.toLowerCase())) {
          to = [{ email: by, name: by, locale: to[0]?.locale ?? 'es-MX', timeZone: to[0]?.timeZone ?? request.institution.timeZone, role: 'PRIMARY' }, ...to];
        }
        break;
      }
      case 'DELIVERY_FAILURE':
      case 'ATTENTION':
        to = await contactsByRole(prisma, request.institutionId, ['SECRETARIAT']);
        break;
      case 'EXEMPTED':
      case 'CLOSED':
        to = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        cc = await contactsByRole(prisma, request.institutionId, ['ALTERNATE', 'LIAISON_HEAD']);
        break;
      case 'EXTENSION_REQUESTED':
        to = await contactsByRole(prisma, request.institutionId, ['SECRETARIAT']);
        cc = await contactsByRole(prisma, request.institutionId, ['CONTACT']);
        break;
    }
    const toEmails = unique(to.map((c) => c.email));
    const ccEmails = unique(cc.map((c) => c.email)).filter((e) => !toEmails.includes(e));
    if (toEmails.length === 0) {
      return fail(`no active ${input.kind === 'DELIVERY_FAILURE' || input.kind === 'ATTENTION' ? 'secretariat' : 'recipient'} contact for ${request.institution.code}`, [], []);
    }

    const first = to[0];
    const locale: Locale = first.locale === 'en' ? 'en' : 'es-MX';
    // A zone stored before zones were checked at the edge must not stop the email: fall back to the
    // institution's, then Mexico City's.
    const zone = [first.timeZone, request.institution.timeZone].find((z) => z && isTimeZone(z)) ?? 'America/Mexico_City';
    const now = clock();
    const expiry = Math.floor(now.getTime() / 1000) + config.linkTtlDays * 86_400;
    const token = signLinkToken({
      claims: { r: request.id, y: request.cycle.year, i: request.institution.code, c: first.email, e: expiry },
      secret: config.linkSigningSecret,
    });
    const base = config.publicBaseUrl.replace(/\/$/, '');
    const link = `${base}/respond/${request.cycle.year}/${encodeURIComponent(request.institution.code)}?token=${token}`;

    // Only what is still missing (a draft may have covered part of it).
    const answered = new Set((latest?.values ?? []).map((v) => v.indicator.code));
    const listed = input.kind === 'REQUEST' && !input.resend ? indicators : indicators.filter((i) => !answered.has(i.code));
    const receipt = acknowledged ? emailReceipt(acknowledged, { planOrder: indicators.map((i) => i.code), correctionEndsAt: await correctionEndsAt(acknowledged) }) : undefined;
    const review = request.cycle.kind === 'REVIEW' ? await reviewOfRequest() : undefined;
    const rendered = renderEmail(
      emailContext({
        input,
        locale,
        zone,
        institution: request.institution,
        year: request.cycle.year,
        deadlineAt: request.deadline.toISOString(),
        link,
        indicators: listed,
        receipt,
        // The secretariat's actions on the request (decide an extension, resend…): a review request has its own.
        requestApiUrl: review
          ? `${base}/api/reviews/${encodeURIComponent(review.planKey)}/${review.planVersion}/requests/${encodeURIComponent(request.institution.code)}`
          : `${base}/api/cycles/${request.cycle.year}/requests/${encodeURIComponent(request.institution.code)}`,
        ...(review ? { review } : {}),
      }),
    );

    const threadRoot = messageIdFor(`${input.workflowId}/request`, config.messageIdDomain);
    const threaded = (input.kind !== 'REQUEST' || input.resend === true) && input.kind !== 'DELIVERY_FAILURE' && input.kind !== 'ATTENTION';
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
                  summary: review
                    ? locale === 'en'
                      ? `NAP-1325 review (version ${review.planVersion}): proposals due (${request.institution.code})`
                      : `Fecha límite de propuestas, revisión del PNA-1325 (versión ${review.planVersion}) (${request.institution.code})`
                    : locale === 'en'
                      ? `NAP-1325 ${request.cycle.year} data due (${request.institution.code})`
                      : `Fecha límite PNA-1325 ${request.cycle.year} (${request.institution.code})`,
                  description: link,
                  url: link,
                  sequence: Math.floor(request.deadline.getTime() / 1000 / 86_400),
                  now,
                }),
              },
            ]
          : undefined,
    };

    // Claim the step and send (STYLE §13, activities/send-once): a retry, a restarted worker or a replayed
    // workflow finds the row and sends nothing; a crash leaves it SENDING, and once the lease runs out the
    // retry sends again with the same Message-ID (the one window no design closes; see README).
    const sent = await sendOnce({ prisma, mailer, clock }, { idempotencyKey, dataRequestId: request.id, kind: input.kind, email, existing });
    switch (sent.outcome) {
      case 'BUSY':
        return afterOtherAttempt();
      case 'ALREADY_SENT':
        return { outcome: 'ALREADY_SENT', messageId };
      case 'FAILED_BEFORE':
        return { outcome: 'FAILED', messageId, detail: sent.error };
      case 'REFUSED':
        return fail(sent.error, toEmails, ccEmails);
    }
    const refusedTo = sent.refusedTo;
    const refusal = refusedTo.length ? `refused by the server: ${refusedTo.join(', ')}` : null;
    // The contacts are reachable again: the request no longer shows "delivery failed".
    // (Read with the request: a failure recorded since would be another step's, cleared by its own success.)
    if (isToInstitution(input.kind) && !refusal && request.deliveryFailedAt !== null) {
      await prisma.dataRequest.updateMany({ where: { id: request.id, deliveryFailedAt: { not: null } }, data: { deliveryFailedAt: null, deliveryFailure: null } });
    }
    {
      await writeAudit(prisma, {
        actor: 'workflow',
        action: 'EMAIL_SENT',
        cycleId: request.cycleId,
        dataRequestId: request.id,
        data: { kind: input.kind, stepKey: input.stepKey, to: toEmails, cc: ccEmails, messageId, ...(refusal ? { refused: refusedTo } : {}) },
        idempotencyKey: `${idempotencyKey}/sent`,
      });
    }
    activityLog(refusal ? 'warn' : 'info', refusal ? 'email sent, a recipient refused' : 'email sent', {
      kind: input.kind,
      stepKey: input.stepKey,
      messageId,
      recipients: toEmails.length + ccEmails.length,
      ...(refusal ? { refused: refusedTo.length } : {}),
    });
    if (refusal) await noticeToSecretariat(refusal, refusedTo);
    return { outcome: 'SENT', messageId, ...(refusal ? { detail: refusal } : {}) };

    /**
     * A review request's email facts: the plan version under review and the items to list: all the
     * items in charge for the request, those without a proposal in the latest version for the rest.
     */
    async function reviewOfRequest(): Promise<EmailReview> {
      const plan = await prisma.plan.findUniqueOrThrow({ where: { id: request.cycle.planId }, select: { key: true, version: true } });
      const items = flatItemsInCharge({ plan: await loadReviewPlan(prisma, request.cycle.planId), institutionCode: request.institution.code });
      const parsed = ZReviewProposals.safeParse(latest?.proposals);
      const proposed = new Set(parsed.success ? parsed.data.proposals.map((p) => `${p.kind}/${p.code}`) : []);
      const listed = input.kind === 'REQUEST' && !input.resend ? items : items.filter((i) => !proposed.has(`${i.kind}/${i.code}`));
      return { planKey: plan.key, planVersion: plan.version, items: listed.map((i) => ({ kind: i.kind, code: i.code, textEs: i.text.es, textEn: i.text.en })) };
    }

    /** Another attempt holds the step: wait (within this attempt's time) for what it achieved. */
    async function afterOtherAttempt(): Promise<SendRequestEmailResult> {
      const other = await awaitOtherAttempt(prisma, idempotencyKey);
      if (other === 'SENT') return { outcome: 'ALREADY_SENT', messageId };
      if (other === 'FAILED') return { outcome: 'FAILED', messageId, detail: (await prisma.sentMessage.findUnique({ where: { idempotencyKey } }))?.error ?? undefined };
      return sendRequestEmail(input);
    }

    /**
     * The version a receipt acknowledges: the one its step names (`receipt-v3`), so that a retry, or a
     * receipt sent after a later correction arrived, still lists what that version held; else the latest.
     */
    async function receivedVersion() {
      const version = Number(/(?:^|\/)receipt-v(\d+)$/.exec(input.stepKey)?.[1]);
      if (!Number.isInteger(version) || version === latest?.version) return latest;
      const named = await prisma.submission.findUnique({
        where: { dataRequestId_version: { dataRequestId: input.dataRequestId, version } },
        include: { values: { include: { indicator: true } } },
      });
      return named ?? latest;
    }

    /**
     * When the request's correction window ends, by the rule the workflow waits on: the policy's business
     * days after the first final report (the record's `submittedAt`, else this version's time). Absent for
     * a draft; `null` when the policy allows no corrections.
     */
    async function correctionEndsAt(version: { kind: string; createdAt: Date }): Promise<string | null | undefined> {
      if (version.kind === 'DRAFT') return undefined;
      const { request: row, policy } = await requestPolicy(prisma, input.dataRequestId);
      const submittedAt = (row.submittedAt ?? version.createdAt).toISOString();
      return computeCorrectionWindowEnd({ policy, submittedAt, calendar: await businessCalendar(prisma) });
    }

    async function fail(error: string, to: string[], cc: string[]): Promise<SendRequestEmailResult> {
      await prisma.$transaction(async (tx) => {
        await tx.sentMessage.upsert({
          where: { idempotencyKey },
          create: {
            idempotencyKey,
            messageId,
            dataRequestId: request.id,
            kind: input.kind,
            to,
            cc,
            subject: `(not sent) ${input.kind}`,
            status: 'FAILED',
            error,
            attempts: 1,
          },
          update: { status: 'FAILED', error, claimedUntil: null },
        });
        if (isToInstitution(input.kind)) {
          await tx.dataRequest.update({ where: { id: request.id }, data: { deliveryFailedAt: clock(), deliveryFailure: error.slice(0, DELIVERY_FAILURE_MAX) } });
        }
        await writeAudit(tx, {
          actor: 'workflow',
          action: 'EMAIL_FAILED',
          cycleId: request.cycleId,
          dataRequestId: request.id,
          data: { kind: input.kind, stepKey: input.stepKey, to, cc, error },
          idempotencyKey: `${idempotencyKey}/failed`,
        });
      });
      activityLog('warn', 'email not delivered', { kind: input.kind, stepKey: input.stepKey, messageId, error });
      await noticeToSecretariat(error, [...to, ...cc]);
      return { outcome: 'FAILED', messageId, detail: error };
    }

    /**
     * Tells the secretariat, once per failed step (its own idempotency key), that a message could not be
     * delivered. A transient fault throws, so the step's activity is retried and the retry sends it.
     */
    async function noticeToSecretariat(error: string, recipients: string[]): Promise<void> {
      if (input.kind === 'DELIVERY_FAILURE' || input.kind === 'ATTENTION') return;
      await sendRequestEmail({
        dataRequestId: input.dataRequestId,
        workflowId: input.workflowId,
        kind: 'DELIVERY_FAILURE',
        stepKey: `${input.stepKey}/delivery-failure`,
        failure: { to: recipients, error, stepKey: input.stepKey },
      });
    }
  }
  return { sendRequestEmail };
}
