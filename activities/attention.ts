import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { SendRequestEmailInput, SendRequestEmailResult } from './send-request-email';

/**
 * The attention flag: when something a request owed (an email, a record update) exhausted its retries,
 * the request is marked on its row (`attentionAt`, `attentionReason`: shown by the API and dashboards
 * until a resend succeeds), audited, and the secretariat is emailed — once per `key`, through the
 * once-per-step email machinery. Safe to retry: the row update is idempotent, the audit row and the
 * email are keyed.
 */
export function createAttentionActivities({ prisma, clock }: ActivityDeps, { sendRequestEmail }: { sendRequestEmail: (input: SendRequestEmailInput) => Promise<SendRequestEmailResult> }) {
  return {
    async flagAttention({ dataRequestId, workflowId, key, reason }: { dataRequestId: string; workflowId: string; key: string; reason: string }): Promise<void> {
      const text = reason.slice(0, 1_000);
      const request = await prisma.dataRequest.findUniqueOrThrow({ where: { id: dataRequestId }, select: { cycleId: true, attentionAt: true } });
      await prisma.$transaction(async (tx) => {
        await tx.dataRequest.update({ where: { id: dataRequestId }, data: { attentionAt: request.attentionAt ?? clock(), attentionReason: text } });
        await writeAudit(tx, { actor: 'workflow', action: 'NEEDS_ATTENTION', cycleId: request.cycleId, dataRequestId, data: { key, reason: text }, idempotencyKey: `${workflowId}/attention/${key}` });
      });
      await sendRequestEmail({ dataRequestId, workflowId, kind: 'ATTENTION', stepKey: `attention/${key}`, note: { reason: text } });
    },
  };
}
