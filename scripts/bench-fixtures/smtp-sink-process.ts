/**
 * An SMTP server that accepts every message and keeps nothing (smtp-server, plain SMTP on 127.0.0.1), in a
 * process of its own: the email scenario of scripts/bench.ts measures its senders against it, so the
 * server's own cost is the same for both and small (no parsing, unlike the mail catcher). Forked with an IPC
 * channel: sends `{ type: 'listening', port }` once; answers `{ type: 'count' }` with
 * `{ type: 'count', accepted, bytes }`; stops on `{ type: 'stop' }`.
 */
import { SMTPServer } from 'smtp-server';

export type TSinkMessage = { type: 'listening'; port: number } | { type: 'count'; accepted: number; bytes: number };

async function main(): Promise<void> {
  if (!process.send) throw new Error('Run by scripts/bench.ts (child_process.fork), not directly.');
  let accepted = 0;
  let bytes = 0;
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    maxClients: 1_000,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('end', () => {
        accepted++;
        callback();
      });
    },
  });
  server.on('error', (err) => process.stderr.write(`smtp sink: ${err.message}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'count') process.send!({ type: 'count', accepted, bytes } satisfies TSinkMessage);
    if (message?.type === 'stop') server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 } satisfies TSinkMessage);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
