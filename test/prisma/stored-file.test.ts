/**
 * How a file's bytes are kept (prisma/stored-file.ts): hashed and measured as the file is served,
 * compressed as it comes when asked, read back whole or as a stream.
 */
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { storeFile, storedFileBytes, storedFileStream } from '../../prisma/stored-file';

const pieces = ['{"a": "ñandú ', Buffer.from('€ 🌍", '), '"rows": [', ...Array.from({ length: 2_000 }, (_, i) => `{"n": ${i}, "t": "fila ${i}"},`), '{}]}\n'];
const whole = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

it('gzip: smaller in the column, the same bytes read back, SHA-256 and size of the file as served', async () => {
  const stored = await storeFile(pieces, 'gzip');
  expect(stored).toMatchObject({ encoding: 'gzip', sha256: sha256(whole), size: whole.length });
  expect(stored.content.length).toBeLessThan(whole.length / 4);
  expect(storedFileBytes(stored).equals(whole)).toBe(true);
  expect(await text(storedFileStream(stored))).toBe(whole.toString('utf8'));
});

it('gzip from an async generator of many pieces (the JSON report as it is written) waits for the compressor', async () => {
  async function* many() {
    for (let i = 0; i < 200; i++) yield `${'x'.repeat(64 * 1024)}${i}\n`;
  }
  const stored = await storeFile(many(), 'gzip');
  // 64 KiB of x, the number (10 of one digit, 90 of two, 100 of three) and a newline, 200 times.
  expect(stored.size).toBe(200 * 64 * 1024 + (10 * 1 + 90 * 2 + 100 * 3) + 200);
  expect(storedFileBytes(stored).length).toBe(stored.size);
});

it('identity: the bytes as given, one piece kept without a copy', async () => {
  const one = Buffer.from('%PDF-1.7 …');
  const stored = await storeFile([one], 'identity');
  expect(stored).toEqual({ encoding: 'identity', content: one, sha256: sha256(one), size: one.length });
  expect(storedFileBytes(stored)).toEqual(one);
  const joined = await storeFile(pieces, 'identity');
  expect(joined.content.equals(whole)).toBe(true);
});

it('an encoding it does not know is an error, not bytes read wrongly', () => {
  expect(() => storedFileBytes({ encoding: 'br', content: Buffer.from('x') })).toThrow(/unknown stored encoding "br"/);
});
