import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../domain/business-calendar';
import { computeTimeline, type TTimeline } from '../domain/compute-timeline';
import { nextActionKey, nextStep } from '../domain/next-step';
import { pendingExtensionAfter } from '../domain/request-read-model';
import { policyInForce } from '../domain/reporting-policy';
import type { RequestEmail, RequestStatus } from '../domain/request-types';
import { businessCalendar } from '../prisma/business-calendar';
import { activityLog } from './activity-log';
import type { ActivityDeps } from './deps';
import { loadEmailRequest, type SendRequestEmailResult, type TEmailRequest } from './send-request-email';

/** What {@link createOpenRequest}'s activity needs: the request, its new status, the data-request email. */
export interface OpenRequestInput {
  dataRequestId: string;
  workflowId: string;
  /** The status the request takes (REQUESTED, unless something came first). */
  status: RequestStatus;
  /** The workflow's current instant (ISO): the first next action is the one the workflow will see. */
  now: string;
  /** The data-request email (kind REQUEST, step `request`). */
  email: RequestEmail;
}

export interface OpenRequestResult {
  timeline: TTimeline;
  /** The next action written to the record (absent when none is pending or the next step is due at once). */
  published?: { kind: string; key: string; at: string; status: RequestStatus };
  /** The email's outcome; absent when sending failed for a moment (`emailError`): the workflow's outbox retries it. */
  email?: SendRequestEmailResult;
  emailError?: string;
}

/**
 * Opens one data request in one activity, where it took four (and as many workflow tasks): loads the
 * request's timeline (as `loadRequestTimeline`), records the status REQUEST_SENT and the first next action
 * (as `setRequestStatus`, both audit rows in one transaction, each idempotent by its key), then sends the
 * data-request email through `sendRequestEmail` (claim-then-act: once per step, whatever retries). A
 * transient email failure (SMTP or the database down) does not fail the activity: the record is written, and
 * the workflow hands the email to its outbox, which retries it for a day as before. Running it twice changes
 * nothing (audit keys, `requestedAt` set once, the email's `SentMessage` row).
 */
export function createOpenRequest({ prisma, clock }: ActivityDeps, { sendRequestEmail }: { sendRequestEmail: (input: RequestEmail, preloaded?: TEmailRequest) => Promise<SendRequestEmailResult> }) {
  return {
    async openRequest({ dataRequestId, workflowId, status, now, email }: OpenRequestInput): Promise<OpenRequestResult> {
      // Read as the email reads it, and handed to it: one read of the request for the whole activity.
      const [request, calendar] = await Promise.all([loadEmailRequest(prisma, dataRequestId), businessCalendar(prisma)]);
      const policy = policyInForce({ cyclePolicy: request.cycle.policy, override: request.policyOverride });
      const timeline = computeTimeline({
        policy,
        openedAt: request.cycle.openedAt.toISOString(),
        deadlineDate: DateTime.fromJSDate(request.deadline, { zone: DEFAULT_ZONE }).toISODate()!,
        calendar,
      });
      // The workflow publishes the next action when it is not due yet; do the same from the same instant.
      const next = nextStep({ timeline, now, doneKeys: ['request'] });
      const published = next && !next.due ? { kind: next.step.kind, key: next.step.key, at: next.step.at, status } : undefined;
      const at = clock();
      await prisma.$transaction([
        prisma.dataRequest.update({
          where: { id: dataRequestId },
          data: {
            status,
            // When the request went out, set once (not moved by a retry).
            ...(request.requestedAt ? {} : { requestedAt: at }),
            ...(published ? { nextActionKind: published.kind, nextActionAt: new Date(published.at) } : {}),
            ...pendingExtensionAfter({ action: 'REQUEST_SENT', status, at }),
          },
        }),
        prisma.auditEvent.createMany({
          data: [
            { actor: 'workflow', action: 'REQUEST_SENT', cycleId: request.cycleId, dataRequestId, data: { from: request.status, to: status }, idempotencyKey: `${workflowId}/request/status` },
            ...(published
              ? [
                  {
                    actor: 'workflow',
                    action: 'NEXT_ACTION',
                    cycleId: request.cycleId,
                    dataRequestId,
                    data: { from: status, to: status },
                    idempotencyKey: nextActionKey({ workflowId, deadlineDate: timeline.deadlineDate, stepKey: published.key, status }),
                  },
                ]
              : []),
          ],
          skipDuplicates: true,
        }),
      ]);
      try {
        return { timeline, published, email: await sendRequestEmail(email, request) };
      } catch (err) {
        const emailError = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
        activityLog('warn', 'data-request email deferred to the workflow outbox', { stepKey: email.stepKey, error: emailError });
        return { timeline, published, emailError };
      }
    },
  };
}
