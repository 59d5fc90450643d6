/**
 * Faults injected in the real test database, so a test can make an activity fail at one precise point
 * (a transient database error, retried by Temporal) without mocking anything in the worker.
 */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';

export interface InjectedFault {
  /** How many inserts the fault has refused so far. */
  fired(): Promise<number>;
  /** Waits until the fault has refused `count` inserts (default 1). */
  waitFired(options?: { count?: number; timeoutMs?: number }): Promise<void>;
  /** Drops the trigger; later inserts go through. */
  remove(): Promise<void>;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Makes the next `times` inserts of audit rows with this `action` (and, if given, `data.kind`) fail with a
 * database error, as a dropped connection or a failover would. The statement and its transaction roll
 * back; the activity that ran it throws a plain error and Temporal retries it (initial interval 5 s).
 * A BEFORE INSERT trigger counts matching rows with a sequence, which a rollback does not undo.
 */
export async function failAuditInserts(
  prisma: PrismaClient,
  { action, kind, times = 1 }: { action: string; kind?: string; times?: number },
): Promise<InjectedFault> {
  const name = `test_fault_${randomBytes(4).toString('hex')}`;
  await prisma.$executeRawUnsafe(`CREATE SEQUENCE "${name}"`);
  // Nested IFs: SQL does not promise to evaluate AND left to right, and nextval must count matches only.
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $fault$
    BEGIN
      IF NEW.action = ${quote(action)} THEN
        IF ${kind === undefined ? 'TRUE' : `NEW.data->>'kind' = ${quote(kind)}`} THEN
          IF nextval('"${name}"') <= ${Math.trunc(times)} THEN
            RAISE EXCEPTION 'injected fault (test): audit insert of % refused', NEW.action;
          END IF;
        END IF;
      END IF;
      RETURN NEW;
    END
    $fault$`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "${name}"()`);

  const fired = async () => {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM "${name}"`);
    return Math.min(Number(row.n), times);
  };
  return {
    fired,
    async waitFired({ count = 1, timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while ((await fired()) < count) {
        if (Date.now() > deadline) throw new Error(`the injected fault on ${action} did not fire ${count} time(s) within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async remove() {
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "AuditEvent"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
      await prisma.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS "${name}"`);
    },
  };
}

/**
 * Makes inserts into `table` whose row matches `condition` (SQL over NEW, e.g. `NEW.kind = 'REMINDER'`)
 * fail with a data exception (SQLSTATE 22023, invalid_parameter_value): a refusal that retrying will not
 * fix, as a value the column cannot hold would be. The activity's error is classified non-retryable
 * (activities/classify-failure.ts). Returns how to remove it.
 */
export async function refuseInserts(prisma: PrismaClient, { table, condition }: { table: string; condition: string }): Promise<{ remove(): Promise<void> }> {
  const name = `test_refuse_${randomBytes(4).toString('hex')}`;
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $fault$
    BEGIN
      IF ${condition} THEN
        RAISE EXCEPTION 'injected refusal (test): % row refused', TG_TABLE_NAME USING ERRCODE = '22023';
      END IF;
      RETURN NEW;
    END
    $fault$`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`);
  return {
    async remove() {
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
    },
  };
}
