import { answeredExtension, pendingExtensionAfter } from '../domain/request-read-model';
import { ApplicationFailure } from '@temporalio/activity';
import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../domain/business-calendar';
import { computeCorrectionWindowEnd, computeTimeline, type TTimeline } from '../domain/compute-timeline';
import { policyInForce } from '../domain/reporting-policy';
import type { ContactInput, RequestStatus, SubmitCommand, SubmitResult } from '../domain/request-types';
import { submissionContentHash, validateSubmission, ZSubmitInput, type IndicatorForValidation, type TSubmitInput } from '../domain/submission';
import type { PrismaClient } from '../prisma/client';
import { activityLog } from './activity-log';
import { writeAudit } from './audit';
import type { ActivityDeps } from './deps';
import { businessCalendar } from '../prisma/business-calendar';
import type { RecordedContent } from './recorded-content';
import { reviewSubmissionContent } from './review/review-submission-content';

/** The policy in force for one request: the cycle's, with the institution's override merged over it. */
export async function requestPolicy(prisma: PrismaClient, dataRequestId: string) {
  const request = await prisma.dataRequest.findUniqueOrThrow({
    where: { id: dataRequestId },
    include: { cycle: true, institution: true },
  });
  return { request, policy: policyInForce({ cyclePolicy: request.cycle.policy, override: request.policyOverride }) };
}

/** Indicators of the cycle's plan that this institution reports. */
export async function indicatorsFor(prisma: PrismaClient, { planId, institutionId }: { planId: string; institutionId: string }) {
  return prisma.indicator.findMany({
    where: { planId, reporters: { some: { institutionId } } },
    orderBy: [{ position: 'asc' }],
    select: { id: true, code: true, textEn: true, textEs: true, unit: true, disaggregation: true, objective: { select: { position: true } } },
  }).then((rows) => rows.sort((a, b) => a.objective.position - b.objective.position || a.code.localeCompare(b.code, 'en', { numeric: true })));
}

/**
 * The content of a submit command: staged by the API (by hash, for this request) or, in histories recorded
 * before staging, inline. A hash with no staged row is a NotFound (the API stages before it updates).
 */
async function submittedContent(prisma: PrismaClient, { dataRequestId, command }: { dataRequestId: string; command: SubmitCommand }): Promise<Pick<TSubmitInput, 'values' | 'narrative'>> {
  if (command.input) return command.input;
  if (!command.contentHash) throw ApplicationFailure.nonRetryable('A submit command carries neither content nor a content hash', 'InvalidSubmission');
  const staged = await prisma.stagedSubmission.findUniqueOrThrow({ where: { dataRequestId_contentHash: { dataRequestId, contentHash: command.contentHash } } });
  const parsed = ZSubmitInput.pick({ values: true, narrative: true }).safeParse(staged.content);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`Staged content ${command.contentHash} is not a submission`, 'DataError');
  return parsed.data;
}

export function createRequestActivities({ prisma, clock }: ActivityDeps) {
  /** A data request's content: the staged values validated against the institution's indicators. */
  async function dataContent({ request, kind, command }: { request: { id: string; institutionId: string; cycle: { planId: string } }; kind: 'DRAFT' | 'FINAL' | 'CORRECTION'; command: SubmitCommand }): Promise<RecordedContent> {
    const indicators = await indicatorsFor(prisma, { planId: request.cycle.planId, institutionId: request.institutionId });
    const input = await submittedContent(prisma, { dataRequestId: request.id, command });
    const validation = validateSubmission({ indicators: indicators as IndicatorForValidation[], input: { values: input.values, final: kind !== 'DRAFT' } });
    if (!validation.ok) throw ApplicationFailure.create({ message: validation.message, type: 'InvalidSubmission', nonRetryable: true, details: [validation.fields] });
    const indicatorId = new Map(indicators.map((i) => [i.code, i.id]));
    return {
      contentHash: submissionContentHash({ values: validation.values, narrative: input.narrative }),
      narrative: input.narrative,
      values: validation.values.map((v) => ({
        indicatorId: indicatorId.get(v.indicator)!,
        breakdown: v.breakdown,
        numberValue: v.numberValue,
        booleanValue: v.booleanValue,
        textValue: v.textValue,
        comment: v.comment,
      })),
      counts: { values: validation.values.length },
    };
  }

  return {
    /**
     * The request's timeline (request, reminders, deadline, escalations, cut-off) as UTC instants, from
     * its policy, its current deadline and the holiday calendar. Called again whenever the deadline or
     * policy changes; step keys stay stable so steps already done are not repeated.
     */
    async loadRequestTimeline({ dataRequestId, recomputedAt }: { dataRequestId: string; recomputedAt?: string }): Promise<TTimeline> {
      const { request, policy } = await requestPolicy(prisma, dataRequestId);
      const deadlineDate = DateTime.fromJSDate(request.deadline, { zone: DEFAULT_ZONE }).toISODate()!;
      return computeTimeline({
        policy,
        openedAt: request.cycle.openedAt.toISOString(),
        deadlineDate,
        calendar: await businessCalendar(prisma),
        recomputedAt,
      });
    },

    /** End of the correction window that opens with a final submission (business days of the policy). */
    async correctionWindowEnd({ dataRequestId, submittedAt }: { dataRequestId: string; submittedAt: string }): Promise<string | null> {
      const { policy } = await requestPolicy(prisma, dataRequestId);
      return computeCorrectionWindowEnd({ policy, submittedAt, calendar: await businessCalendar(prisma) });
    },

    /** Records a status change (and what the workflow will do next) with its audit row. Idempotent. */
    async setRequestStatus({
      dataRequestId,
      status,
      escalationLevel,
      nextAction,
      action,
      idempotencyKey,
      ended,
      actor = 'workflow',
      detail,
      clearAttention,
    }: {
      dataRequestId: string;
      status: RequestStatus;
      escalationLevel?: number;
      nextAction?: { kind: string; at: string } | null;
      action: string;
      idempotencyKey: string;
      ended?: boolean;
      /** Who caused it: `workflow`, `secretariat:<who>`, `contact:<email>`. */
      actor?: string;
      /** Extra facts for the audit row (reason, dates…). */
      detail?: Record<string, string | number | boolean | null>;
      /** Clears the attention flag (the secretariat acted on it, e.g. resent the request). */
      clearAttention?: boolean;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.dataRequest.findUniqueOrThrow({ where: { id: dataRequestId }, select: { status: true, cycleId: true, requestedAt: true } });
        await tx.dataRequest.update({
          where: { id: dataRequestId },
          data: {
            status,
            ...(escalationLevel !== undefined ? { escalationLevel } : {}),
            ...(nextAction !== undefined ? { nextActionKind: nextAction?.kind ?? null, nextActionAt: nextAction ? new Date(nextAction.at) : null } : {}),
            // When the request went out, set once (not moved by later status writes).
            ...(action === 'REQUEST_SENT' && !before.requestedAt ? { requestedAt: clock() } : {}),
            ...(ended ? { endedAt: clock(), nextActionKind: null, nextActionAt: null } : {}),
            ...(clearAttention ? { attentionAt: null, attentionReason: null } : {}),
            ...pendingExtensionAfter({ action, status, ended, actor, deadline: detail?.deadline, at: clock() }),
          },
        });
        await writeAudit(tx, {
          actor,
          action,
          cycleId: before.cycleId,
          dataRequestId,
          data: { from: before.status, to: status, ...(escalationLevel !== undefined ? { escalationLevel } : {}), ...(detail ?? {}) },
          idempotencyKey,
        });
      });
    },

    /**
     * Moves the request's deadline to the end of `deadlineDate` (or of the next business day), resets the
     * escalation level and, if the request was overdue, puts it back to REQUESTED (or DRAFT when a draft
     * exists). Idempotent by key. With `recomputedAt`, also returns the request's new timeline (as
     * {@link loadRequestTimeline} would), so the workflow's view and the record move together.
     */
    async changeDeadline({
      dataRequestId,
      deadlineDate,
      actor,
      action,
      reason,
      idempotencyKey,
      recomputedAt,
    }: {
      dataRequestId: string;
      deadlineDate: string;
      actor: string;
      action: string;
      reason: string;
      idempotencyKey: string;
      recomputedAt?: string;
    }): Promise<{ deadlineAt: string; status: RequestStatus; timeline?: TTimeline }> {
      const calendar = await businessCalendar(prisma);
      const effective = calendar.businessDayOnOrAfter(deadlineDate);
      const deadlineAt = calendar.endOfDay(effective);
      const moved = await prisma.$transaction(async (tx) => {
        const request = await tx.dataRequest.findUniqueOrThrow({ where: { id: dataRequestId }, include: { _count: { select: { submissions: true } } } });
        const reopened: RequestStatus = request._count.submissions > 0 ? 'DRAFT' : 'REQUESTED';
        const status: RequestStatus = request.status === 'OVERDUE' ? reopened : (request.status as RequestStatus);
        await tx.dataRequest.update({ where: { id: dataRequestId }, data: { deadline: new Date(deadlineAt), escalationLevel: 0, status, ...answeredExtension() } });
        await writeAudit(tx, {
          actor,
          action,
          cycleId: request.cycleId,
          dataRequestId,
          data: { from: request.deadline.toISOString(), to: deadlineAt, requested: deadlineDate, reason, status },
          idempotencyKey,
        });
        return { deadlineAt, status };
      });
      if (!recomputedAt) return moved;
      const { request, policy } = await requestPolicy(prisma, dataRequestId);
      const timeline = computeTimeline({
        policy,
        openedAt: request.cycle.openedAt.toISOString(),
        deadlineDate: DateTime.fromJSDate(request.deadline, { zone: DEFAULT_ZONE }).toISODate()!,
        calendar,
        recomputedAt,
      });
      return { ...moved, timeline };
    },

    /**
     * Replaces the institution's active contacts for each role named: the old ones are deactivated (kept
     * for the record), the new ones created or reactivated. Emails read contacts when they are sent, so
     * the next email goes to the new people.
     */
    async replaceContacts({
      dataRequestId,
      contacts,
      changedBy,
      idempotencyKey,
    }: {
      dataRequestId: string;
      contacts: ContactInput[];
      changedBy: string;
      idempotencyKey: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const request = await tx.dataRequest.findUniqueOrThrow({ where: { id: dataRequestId }, select: { institutionId: true, cycleId: true } });
        const roles = [...new Set(contacts.map((c) => c.role))];
        const before = await tx.contact.findMany({ where: { institutionId: request.institutionId, role: { in: roles }, active: true } });
        await tx.contact.updateMany({ where: { institutionId: request.institutionId, role: { in: roles } }, data: { active: false } });
        for (const c of contacts) {
          const email = c.email.trim().toLowerCase();
          await tx.contact.upsert({
            where: { institutionId_email_role: { institutionId: request.institutionId, email, role: c.role } },
            create: { institutionId: request.institutionId, email, role: c.role, name: c.name, locale: c.locale ?? 'es-MX', timeZone: c.timeZone ?? 'America/Mexico_City' },
            update: { name: c.name, active: true, ...(c.locale ? { locale: c.locale } : {}), ...(c.timeZone ? { timeZone: c.timeZone } : {}) },
          });
        }
        await writeAudit(tx, {
          actor: `secretariat:${changedBy}`,
          action: 'CONTACTS_CHANGED',
          cycleId: request.cycleId,
          dataRequestId,
          data: { before: before.map((c) => `${c.role}:${c.email}`), after: contacts.map((c) => `${c.role}:${c.email.toLowerCase()}`) },
          idempotencyKey,
        });
      });
    },

    /**
     * Stores a draft, a final submission or a correction as a new version beside the earlier ones. The
     * content is the one the API staged (StagedSubmission, by `command.contentHash`) after validating it;
     * it is validated again against the institution's indicators (an invalid one fails with
     * `InvalidSubmission`, field by field). The same content sent again stores nothing and answers
     * `duplicate: true`. Submissions to one request are serialized by a row lock. (Histories recorded
     * before staging carry the content inline in `command.input`; it is read the same way.) In a plan
     * review's round (cycle kind REVIEW) the content is the institution's proposals, checked against the
     * plan version under review and stored in `Submission.proposals` (activities/review); drafts, finals,
     * corrections and duplicates work the same.
     */
    async recordSubmission({
      dataRequestId,
      workflowId,
      kind,
      command,
    }: {
      dataRequestId: string;
      workflowId: string;
      kind: 'DRAFT' | 'FINAL' | 'CORRECTION';
      command: SubmitCommand;
    }): Promise<SubmitResult> {
      const request = await prisma.dataRequest.findUniqueOrThrow({ where: { id: dataRequestId }, include: { cycle: true, institution: true } });
      // What is stored depends on the cycle's kind: indicator values, or a plan review's proposals.
      const content = request.cycle.kind === 'REVIEW' ? await reviewSubmissionContent(prisma, { request, kind, command }) : await dataContent({ request, kind, command });
      const { contentHash } = content;
      if (kind === 'CORRECTION' && !command.reason?.trim()) {
        const latest = await prisma.submission.findFirst({ where: { dataRequestId }, orderBy: { version: 'desc' } });
        if (latest?.contentHash !== contentHash) {
          throw ApplicationFailure.create({
            message: 'Invalid submission: reason: a correction of a submitted report needs a reason',
            type: 'InvalidSubmission',
            nonRetryable: true,
            details: [{ reason: 'required for a correction of a submitted report' }],
          });
        }
      }

      const recorded = await prisma.$transaction(async (tx): Promise<SubmitResult> => {
        await tx.$queryRaw`SELECT id FROM "DataRequest" WHERE id = ${dataRequestId} FOR UPDATE`;
        const latest = await tx.submission.findFirst({ where: { dataRequestId }, orderBy: { version: 'desc' } });
        const sameKind = (k: string) => (kind === 'DRAFT' ? k === 'DRAFT' : k !== 'DRAFT');
        if (latest && latest.contentHash === contentHash && sameKind(latest.kind)) {
          return { status: request.status, version: latest.version, duplicate: true, kind: latest.kind, contentHash };
        }
        const version = (latest?.version ?? 0) + 1;
        const submission = await tx.submission.create({
          data: {
            dataRequestId,
            version,
            kind,
            narrative: content.narrative || null,
            ...(content.proposals ? { proposals: content.proposals } : {}),
            submittedBy: command.submittedBy,
            reason: command.reason ?? null,
            contentHash,
            idempotencyKey: `${workflowId}/v${version}/${contentHash.slice(0, 16)}`,
          },
        });
        if (content.values.length) await tx.submissionValue.createMany({ data: content.values.map((v) => ({ ...v, submissionId: submission.id })) });
        let status: RequestStatus = request.status;
        if (kind === 'FINAL') status = 'SUBMITTED';
        else if (kind === 'DRAFT' && (status === 'REQUESTED' || status === 'PENDING')) status = 'DRAFT';
        await tx.dataRequest.update({
          where: { id: dataRequestId },
          data: { status, ...(kind === 'FINAL' ? { submittedAt: submission.createdAt, ...answeredExtension() } : {}) },
        });
        await writeAudit(tx, {
          actor: `contact:${command.submittedBy}`,
          action: kind === 'DRAFT' ? 'DRAFT_SAVED' : kind === 'FINAL' ? 'SUBMITTED' : 'CORRECTED',
          cycleId: request.cycleId,
          dataRequestId,
          data: { version, ...content.counts, ...(command.reason ? { reason: command.reason } : {}) },
          idempotencyKey: `${submission.idempotencyKey}/audit`,
        });
        return { status, version, duplicate: false, kind, contentHash };
      });
      activityLog('info', recorded.duplicate ? 'submission already recorded' : 'submission recorded', { kind: recorded.kind, version: recorded.version, status: recorded.status });
      return recorded;
    },
  };
}
