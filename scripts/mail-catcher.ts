import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  id: number;
  receivedAt: Date;
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface MailCatcher {
  port: number;
  host: string;
  readonly messages: CaughtMessage[];
  /** Resolves when `count` messages matching `predicate` have arrived (or rejects after `timeoutMs`). */
  waitFor(predicate: (m: CaughtMessage) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<CaughtMessage[]>;
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the Nodemailer project's `smtp-server`) that keeps what it receives in memory and
 * parses it with `mailparser`. Used by tests and by `npm start` as the local mail catcher whose messages
 * are shown at /mail. `refuse` lets a test make the server answer 550 for some recipients; `stall` lets a
 * test hold a message after its DATA has arrived and before the server answers (see its note).
 */
export async function startMailCatcher({
  port = 0,
  host = '127.0.0.1',
  refuse,
  stall,
  maxMessages = 10_000,
}: {
  port?: number;
  host?: string;
  refuse?: (address: string) => boolean;
  /**
   * Called once the client has sent a message's whole DATA; the server answers only when the promise
   * settles. A client that disconnects meanwhile (a worker killed mid-send) never got a 250, so the
   * message is dropped, as a real server drops an unacknowledged transaction. A rejection answers 451
   * (a transient failure). For tests of "killed mid-send" and slow servers.
   */
  stall?: (envelope: { from: string; to: string[] }) => Promise<void>;
  maxMessages?: number;
} = {}): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];
  const waiters = new Set<() => void>();
  /** Sessions whose connection closed: a message stalled on one of them was never acknowledged. */
  const closedSessions = new Set<string>();
  let nextId = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onClose(session) {
      if (stall) closedSessions.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      if (refuse?.(address.address)) {
        const err = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const held = stall
          ? stall(envelope).catch((err: Error) => {
              throw Object.assign(new Error(`4.3.0 ${err.message}`), { responseCode: 451 });
            })
          : Promise.resolve();
        held
          .then(() => {
            if (closedSessions.has(session.id)) throw new Error('client disconnected before the message was acknowledged');
            return simpleParser(raw);
          })
          .then((parsed) => {
            messages.push({
              id: nextId++,
              receivedAt: new Date(),
              envelope,
              raw,
              parsed,
            });
            if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
            for (const w of waiters) w();
            callback(null, `queued as ${nextId - 1}`);
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    host,
    messages,
    waitFor(predicate, { count = 1, timeoutMs = 30_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.filter(predicate);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} email(s); received ${messages.length}: ${messages.map((m) => m.parsed.subject).join(' | ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      messages.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
