import { isPermanentSmtpFailure, type Mailer, type OutgoingEmail } from './mailer';
import type { PrismaClient } from '../prisma/client';

/**
 * How long an attempt holds a step. Longer than a send may take ({@link SEND_TIMEOUT_MS}), shorter than
 * the activity's 1-minute start-to-close timeout, so a retry after a timeout finds the lease expired.
 */
export const SEND_LEASE_MS = 55_000;
/** A send that takes longer is abandoned (and retried), so no attempt outlives its lease. */
const SEND_TIMEOUT_MS = 45_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`SMTP send took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Margin kept before a lease ends: the last write must land before another attempt may claim the step. */
const LEASE_MARGIN_MS = 3_000;

/**
 * Runs `write` until it succeeds, waiting 250 ms, 500 ms… (at most 5 s) between tries, as long as the next
 * try can still start `LEASE_MARGIN_MS` before `leaseEnd` (epoch ms); then throws its last error.
 */
async function whileLeaseHeld<T>(leaseEnd: number, write: () => Promise<T>): Promise<T> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() + wait > leaseEnd - LEASE_MARGIN_MS) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** What became of one step's email. */
export type TSendOnceOutcome =
  /** Accepted by the SMTP server now; `refusedTo`: addressees the server refused while others accepted. */
  | { outcome: 'SENT'; response: string; refusedTo: string[] }
  /** An earlier attempt (or another one running at the same time) sent it. */
  | { outcome: 'ALREADY_SENT' }
  /** Refused for good (5xx): the caller records the failure. */
  | { outcome: 'REFUSED'; error: string }
  /** An earlier attempt recorded it as refused. */
  | { outcome: 'FAILED_BEFORE'; error: string }
  /** Another attempt holds the step: the caller waits for its outcome. */
  | { outcome: 'BUSY' };

/**
 * The once-per-step core of every email (STYLE §13, claim then act): a `SentMessage` row keyed by
 * `idempotencyKey` exists once; an attempt may send only while it holds the row's lease; the row says SENT
 * once the SMTP server accepted, and no later attempt sends again. A transient fault releases the claim and
 * throws (the activity is retried); a permanent refusal is returned for the caller to record.
 */
export async function sendOnce(
  { prisma, mailer, clock }: { prisma: PrismaClient; mailer: Mailer; clock: () => Date },
  {
    idempotencyKey,
    dataRequestId = null,
    kind,
    email,
    existing: known,
  }: {
    idempotencyKey: string;
    dataRequestId?: string | null;
    kind: string;
    email: OutgoingEmail;
    /** The step's row as the caller just read it (`null`: none), so it is not read again; the claim below decides anyway. */
    existing?: { status: string; error: string | null } | null;
  },
): Promise<TSendOnceOutcome> {
  const existing = known !== undefined ? known : await prisma.sentMessage.findUnique({ where: { idempotencyKey } });
  if (existing?.status === 'SENT') return { outcome: 'ALREADY_SENT' };
  if (existing?.status === 'FAILED') return { outcome: 'FAILED_BEFORE', error: existing.error ?? 'refused' };
  const to = email.to;
  const cc = email.cc ?? [];
  await prisma.sentMessage.createMany({
    data: [{ idempotencyKey, messageId: email.messageId, dataRequestId, kind, to, cc, subject: email.subject, inReplyTo: email.inReplyTo ?? null }],
    skipDuplicates: true,
  });
  const leaseStart = clock();
  const claimed = await prisma.sentMessage.updateMany({
    where: { idempotencyKey, status: 'SENDING', OR: [{ claimedUntil: null }, { claimedUntil: { lt: leaseStart } }] },
    data: { claimedUntil: new Date(leaseStart.getTime() + SEND_LEASE_MS), attempts: { increment: 1 }, to, cc, subject: email.subject },
  });
  if (claimed.count === 0) return { outcome: 'BUSY' };

  let response: string;
  let refusedTo: string[];
  try {
    const outcome = await withTimeout(mailer.send(email), SEND_TIMEOUT_MS);
    const rejected = outcome.rejected.map((r) => r.toLowerCase());
    if (outcome.accepted.length === 0) throw Object.assign(new Error(`all recipients refused: ${rejected.join(', ')}`), { responseCode: 550 });
    response = outcome.response;
    // The people the email is addressed to matter: a refused To address is a delivery failure even when a
    // copied address accepted it.
    refusedTo = to.filter((e) => rejected.includes(e.toLowerCase()));
  } catch (err) {
    if (!isPermanentSmtpFailure(err)) {
      // Transient: release the claim so the retry (with backoff) can send at once.
      await prisma.sentMessage.updateMany({ where: { idempotencyKey, status: 'SENDING' }, data: { claimedUntil: null } });
      throw err;
    }
    return { outcome: 'REFUSED', error: (err as Error).message };
  }
  const refusal = refusedTo.length ? `refused by the server: ${refusedTo.join(', ')}` : null;
  // Recorded first and on its own: once this row says SENT, no retry sends again. The server has accepted
  // the message, so a write that fails now (PostgreSQL restarting, a failover) would make the retry send a
  // second copy once the lease runs out: keep trying while this attempt still holds the lease.
  await whileLeaseHeld(leaseStart.getTime() + SEND_LEASE_MS, () =>
    prisma.sentMessage.update({ where: { idempotencyKey }, data: { status: 'SENT', smtpResponse: response, sentAt: clock(), claimedUntil: null, error: refusal } }),
  );
  return { outcome: 'SENT', response, refusedTo };
}

/** Waits (within one lease) for the attempt that holds a step: its outcome, or `RETRY` when its lease ran out. */
export async function awaitOtherAttempt(prisma: PrismaClient, idempotencyKey: string): Promise<'SENT' | 'FAILED' | 'RETRY'> {
  const deadline = Date.now() + SEND_LEASE_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const row = await prisma.sentMessage.findUnique({ where: { idempotencyKey } });
    if (row?.status === 'SENT') return 'SENT';
    if (row?.status === 'FAILED') return 'FAILED';
    if (!row?.claimedUntil || row.claimedUntil.getTime() < Date.now()) return 'RETRY';
  }
  throw new Error(`another attempt is still sending ${idempotencyKey}`);
}
