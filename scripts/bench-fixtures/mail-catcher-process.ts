/**
 * The mail catcher (scripts/mail-catcher.ts) in a process of its own, for the benchmark: parsing 10,000
 * emails then costs the catcher's CPU and memory, not the worker's, so the worker's figures stay its own
 * (as with a real SMTP server). Forked by scripts/bench.ts with an IPC channel: it sends
 * `{ type: 'listening', port }` once, then `{ type: 'progress', … }` whenever more mail has arrived, and
 * stops on `{ type: 'stop' }`.
 */
import { startMailCatcher } from '../mail-catcher';

export interface CatcherProgress {
  type: 'progress';
  /** Messages accepted (answered 250) so far. */
  accepted: number;
  /** Of those, data requests ("solicitud de información"). */
  requests: number;
  /** Distinct Message-IDs among the data requests. */
  requestMessageIds: number;
  /** Distinct envelope recipients among the data requests. */
  requestRecipients: number;
  firstAt?: number;
  lastAt?: number;
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('Run by scripts/bench.ts (child_process.fork), not directly.');
  // Keep few parsed messages: only the counters below matter, and memory stays flat at 10,000 emails.
  const catcher = await startMailCatcher({ maxMessages: 5_000 });
  const messageIds = new Set<string>();
  const recipients = new Set<string>();
  const progress: CatcherProgress = { type: 'progress', accepted: 0, requests: 0, requestMessageIds: 0, requestRecipients: 0 };
  let seen = 0;
  let reported = -1;
  const tick = setInterval(() => {
    for (const m of catcher.messages) {
      if (m.id <= seen) continue;
      seen = m.id;
      progress.accepted++;
      progress.firstAt ??= m.receivedAt.getTime();
      progress.lastAt = m.receivedAt.getTime();
      if (!/solicitud de información/.test(m.parsed.subject ?? '')) continue;
      progress.requests++;
      if (m.parsed.messageId) messageIds.add(m.parsed.messageId);
      for (const to of m.envelope.to) recipients.add(to);
    }
    progress.requestMessageIds = messageIds.size;
    progress.requestRecipients = recipients.size;
    if (progress.accepted !== reported) {
      reported = progress.accepted;
      process.send!(progress);
    }
  }, 50);
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'stop') return;
    clearInterval(tick);
    void catcher.stop().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'listening', port: catcher.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
