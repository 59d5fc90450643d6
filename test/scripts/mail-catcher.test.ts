/**
 * The development mail catcher keeps its messages in a file of its own, so the messages — and the signed
 * links in them — survive a restart of `npm start`. Tests use it in memory.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMailer } from '../../activities/mailer';
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher';

const dirs: string[] = [];
const running: MailCatcher[] = [];
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nap1325-catcher-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'mail-catcher.jsonl');
}

async function catcherOn(options: Parameters<typeof startMailCatcher>[0]): Promise<MailCatcher> {
  const catcher = await startMailCatcher(options);
  running.push(catcher);
  return catcher;
}

/** Sends one email through a real SMTP client; the catcher has acknowledged (and stored) it on return. */
async function send(catcher: MailCatcher, n: number): Promise<void> {
  const mailer = createMailer({ host: catcher.host, port: catcher.port, secure: false, from: 'PNA-1325 <no-reply@nap1325.test>' });
  try {
    await mailer.send({
      to: [`enlace${n}@semar.gob.mx`],
      subject: `Recordatorio ${n}`,
      text: `Responda: http://127.0.0.1:3000/respond/2026/SEMAR?token=t${n}\n`,
      html: `<p>Mensaje ${n}</p>`,
      messageId: `<m${n}@nap1325.test>`,
      attachments: [{ filename: 'fecha-limite.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar; charset=utf-8' }],
    });
  } finally {
    mailer.close();
  }
}

const fileLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const stop = async (c: MailCatcher) => {
  await c.stop();
  running.splice(running.indexOf(c), 1);
};

it('keeps every accepted message in its file, and loads and parses them again on start; ids go on', async () => {
  const file = tempFile();
  const first = await catcherOn({ file });
  expect(first.file).toBe(file);
  await send(first, 1);
  await send(first, 2);
  const before = first.messages.map((m) => ({ id: m.id, receivedAt: m.receivedAt, raw: m.raw, subject: m.parsed.subject }));
  await stop(first);

  const lines = fileLines(file).map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.id, l.envelope.to])).toEqual([
    [1, ['enlace1@semar.gob.mx']],
    [2, ['enlace2@semar.gob.mx']],
  ]);

  const second = await catcherOn({ file });
  expect(second.messages.map((m) => ({ id: m.id, receivedAt: m.receivedAt, raw: m.raw, subject: m.parsed.subject }))).toEqual(before);
  const [again] = second.messages;
  expect(again.parsed.text).toContain('/respond/2026/SEMAR?token=t1');
  expect(again.parsed.messageId).toBe('<m1@nap1325.test>');
  expect(again.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['fecha-limite.ics', 'text/calendar']]);
  expect(again.envelope).toEqual({ from: 'no-reply@nap1325.test', to: ['enlace1@semar.gob.mx'] });

  await send(second, 3);
  expect(second.messages.map((m) => m.id)).toEqual([1, 2, 3]);
  expect(fileLines(file)).toHaveLength(3);
  await stop(second);
});

it('keeps at most maxMessages, skips a line cut short by a crash, and rewrites the file with what it kept', async () => {
  const file = tempFile();
  const first = await catcherOn({ file });
  for (const n of [1, 2, 3]) await send(first, n);
  await stop(first);
  appendFileSync(file, '{"id":4,"receivedAt":"2026-'); // a write cut short

  const second = await catcherOn({ file, maxMessages: 2 });
  expect(second.messages.map((m) => [m.id, m.parsed.subject])).toEqual([
    [2, 'Recordatorio 2'],
    [3, 'Recordatorio 3'],
  ]);
  expect(fileLines(file).map((l) => JSON.parse(l).id)).toEqual([2, 3]);
  await send(second, 4);
  expect(second.messages.map((m) => m.id)).toEqual([3, 4]);
  await stop(second);
});

it('clear() empties the file too; ids still go on after a restart', async () => {
  const file = tempFile();
  const first = await catcherOn({ file });
  await send(first, 1);
  await send(first, 2);
  first.clear();
  expect(first.messages).toEqual([]);
  await stop(first);

  const second = await catcherOn({ file });
  expect(second.messages).toEqual([]);
  await send(second, 3);
  expect(second.messages.map((m) => m.id)).toEqual([3]);
  await stop(second);
});

it('without a file, keeps messages in memory only', async () => {
  const catcher = await catcherOn({});
  await send(catcher, 1);
  expect(catcher.messages).toHaveLength(1);
  expect(catcher.file).toBeUndefined();
  await stop(catcher);
});
