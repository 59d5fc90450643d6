import { simpleParser, type ParsedMail } from 'mailparser';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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
  /** The file messages are kept in (absent: in memory only). */
  readonly file?: string;
  /** Resolves when `count` messages matching `predicate` have arrived (or rejects after `timeoutMs`). */
  waitFor(predicate: (m: CaughtMessage) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<CaughtMessage[]>;
  /** Forgets every message (and empties the file; ids go on from where they were). */
  clear(): void;
  /** Stops listening, once every accepted message is in the file. */
  stop(): Promise<void>;
}

/** One line of the catcher's file: a message as it arrived (JSON), or where ids go on after a clear. */
type StoredLine = { id: number; receivedAt: string; envelope: { from: string; to: string[] }; raw: string } | { nextId: number };

const toLine = (m: Pick<CaughtMessage, 'id' | 'receivedAt' | 'envelope' | 'raw'>): string =>
  `${JSON.stringify({ id: m.id, receivedAt: m.receivedAt.toISOString(), envelope: m.envelope, raw: m.raw } satisfies StoredLine)}\n`;

function storedLine(line: string): StoredLine | undefined {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (typeof v.nextId === 'number' && Number.isSafeInteger(v.nextId)) return { nextId: v.nextId };
    const envelope = v.envelope as { from?: unknown; to?: unknown } | undefined;
    const valid =
      Number.isSafeInteger(v.id) &&
      typeof v.receivedAt === 'string' &&
      !Number.isNaN(Date.parse(v.receivedAt)) &&
      typeof v.raw === 'string' &&
      typeof envelope?.from === 'string' &&
      Array.isArray(envelope.to) &&
      envelope.to.every((t) => typeof t === 'string');
    return valid ? (v as StoredLine) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The messages a file holds, parsed again, the last `maxMessages` of them, and the id the next message
 * takes. A line that is not a message (a write cut short by a crash) is skipped. A missing file is empty.
 */
async function loadMessages(file: string, maxMessages: number): Promise<{ messages: CaughtMessage[]; nextId: number; lines: number; skipped: number }> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { messages: [], nextId: 1, lines: 0, skipped: 0 };
    throw err;
  }
  const lines = content.split('\n').filter((l) => l.trim() !== '');
  let nextId = 1;
  let skipped = 0;
  const stored: Extract<StoredLine, { raw: string }>[] = [];
  for (const line of lines) {
    const parsed = storedLine(line);
    if (!parsed) {
      skipped++;
      continue;
    }
    if ('nextId' in parsed) {
      nextId = Math.max(nextId, parsed.nextId);
      continue;
    }
    nextId = Math.max(nextId, parsed.id + 1);
    stored.push(parsed);
  }
  const kept = stored.slice(-maxMessages);
  const messages: CaughtMessage[] = [];
  // One at a time: about 1.5 ms each for a request email; a file of 2,000 loads in about 3 s.
  for (const m of kept) messages.push({ id: m.id, receivedAt: new Date(m.receivedAt), envelope: m.envelope, raw: m.raw, parsed: await simpleParser(m.raw) });
  return { messages, nextId, lines: lines.length, skipped: skipped + stored.length - kept.length };
}

/**
 * A real SMTP server (the Nodemailer project's `smtp-server`) that keeps what it receives in memory and
 * parses it with `mailparser`. Used by tests and by `npm start` as the local mail catcher whose messages
 * are shown at /mail. `refuse` lets a test make the server answer 550 for some recipients; `stall` lets a
 * test hold a message after its DATA has arrived and before the server answers (see its note).
 *
 * With `file` (`npm start` passes `.data/mail-catcher.jsonl`), every accepted message is also appended to
 * it — one JSON line: id, received instant, envelope, raw source — before the server answers 250, so a
 * message the sender saw accepted survives a restart, and so do the links in it. On start the file's
 * messages are parsed again (the last `maxMessages`) and ids go on after the highest; when the file holds
 * more than twice `maxMessages` lines it is rewritten with the kept ones. Without `file` (tests), memory
 * only. At most `maxMessages` messages are kept (default 10,000; the oldest go first).
 */
export async function startMailCatcher({
  port = 0,
  host = '127.0.0.1',
  refuse,
  stall,
  maxMessages = 10_000,
  file,
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
  /** Keep messages in this file too (JSON lines), and load the ones already there. */
  file?: string;
} = {}): Promise<MailCatcher> {
  if (file) await mkdir(dirname(file), { recursive: true });
  const loaded = file ? await loadMessages(file, maxMessages) : { messages: [], nextId: 1, lines: 0, skipped: 0 };
  const messages: CaughtMessage[] = loaded.messages;
  const waiters = new Set<() => void>();
  /** Sessions whose connection closed: a message stalled on one of them was never acknowledged. */
  const closedSessions = new Set<string>();
  let nextId = loaded.nextId;
  /** Lines in the file; past twice `maxMessages`, it is rewritten with the messages kept. */
  let fileLines = loaded.lines;
  /** File writes, one after the other (an append never interleaves with another, nor with a rewrite). */
  let writes: Promise<void> = Promise.resolve();
  const write = (step: (path: string) => Promise<void>): Promise<void> => {
    if (!file) return Promise.resolve();
    const next = writes.then(() => step(file));
    // A failed write fails its own caller only; the next one still runs.
    writes = next.catch(() => undefined);
    return next;
  };
  /** Replaces the file's content at once (a temporary file renamed over it): a crash leaves one or the other. */
  const rewrite = (content: string) =>
    write(async (path) => {
      await writeFile(`${path}.tmp`, content);
      await rename(`${path}.tmp`, path);
    });
  if (file && (loaded.skipped > 0 || loaded.lines > maxMessages)) {
    await rewrite([...(loaded.messages.length ? [] : [`${JSON.stringify({ nextId })}\n`]), ...loaded.messages.map(toLine)].join(''));
    fileLines = loaded.messages.length;
  }
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
          .then(async (parsed) => {
            const message: CaughtMessage = { id: nextId++, receivedAt: new Date(), envelope, raw, parsed };
            // Stored before the 250: a message the sender saw accepted is in the file. A failed write
            // answers 451, and the sender tries again.
            await write((path) => appendFile(path, toLine(message))).catch((err: Error) => {
              throw Object.assign(new Error(`4.3.0 the mail catcher could not store the message: ${err.message}`), { responseCode: 451 });
            });
            messages.push(message);
            if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
            if (file && ++fileLines > 2 * maxMessages) {
              fileLines = messages.length;
              void rewrite(messages.map(toLine).join('')).catch(() => undefined);
            }
            for (const w of waiters) w();
            callback(null, `queued as ${message.id}`);
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
    ...(file ? { file } : {}),
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
      fileLines = 1;
      // Ids go on: a page left open on /mail/7 never shows another message under that number.
      void rewrite(`${JSON.stringify({ nextId })}\n`).catch(() => undefined);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
    },
  };
}
