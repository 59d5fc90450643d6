import { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../prisma/client';

type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Writes one audit row. With an idempotency key, a retried activity writes it once: a second insert of
 * the same key does nothing.
 */
export async function writeAudit(
  db: Tx,
  event: {
    actor: string;
    action: string;
    cycleId?: string | null;
    dataRequestId?: string | null;
    data?: Prisma.InputJsonValue;
    idempotencyKey?: string;
  },
): Promise<void> {
  // ON CONFLICT DO NOTHING: safe inside a transaction, unlike catching a unique violation.
  await db.auditEvent.createMany({ data: [{ ...event, data: event.data ?? Prisma.JsonNull }], skipDuplicates: true });
}
