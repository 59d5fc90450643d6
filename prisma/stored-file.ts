import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGzip, createGunzip, gunzipSync } from 'node:zlib';

/** How a file's bytes are kept in a `Bytes` column: as they are, or gzip-compressed. */
export type TStoredEncoding = 'identity' | 'gzip';

/** A file ready to be written: what the column keeps, and the SHA-256 and size of the file as served. */
export type TStoredFile = { encoding: TStoredEncoding; content: Buffer; sha256: string; size: number };

/**
 * A file's bytes, given as pieces (strings are UTF-8), made ready to store: hashed and measured as they
 * come, and compressed as they come when `encoding` is gzip — so a large text file (the annual report's
 * JSON is 68 MB at 10,000 entities, 1.4 MB compressed) is never held whole, and the column, the query that
 * writes it and every backup carry the small form. The SHA-256 and the size are always the file's own
 * (what a reader gets), whatever the encoding.
 */
export async function storeFile(pieces: Iterable<string | Buffer> | AsyncIterable<string | Buffer>, encoding: TStoredEncoding): Promise<TStoredFile> {
  const hash = createHash('sha256');
  let size = 0;
  if (encoding === 'identity') {
    const parts: Buffer[] = [];
    for await (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      hash.update(bytes);
      size += bytes.length;
      parts.push(bytes);
    }
    return { encoding, content: parts.length === 1 ? parts[0] : Buffer.concat(parts), sha256: hash.digest('hex'), size };
  }
  const gzip = createGzip({ level: 6 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(gzip, 'end');
  for await (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    hash.update(bytes);
    size += bytes.length;
    if (!gzip.write(bytes)) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  return { encoding, content: Buffer.concat(out), sha256: hash.digest('hex'), size };
}

const encodingOf = (encoding: string): TStoredEncoding => {
  if (encoding === 'identity' || encoding === 'gzip') return encoding;
  throw new RangeError(`unknown stored encoding "${encoding}"`);
};

/** The file's own bytes (decompressed if it was kept compressed). For small files and tests; serve large ones with {@link storedFileStream}. */
export function storedFileBytes(file: { encoding: string; content: Uint8Array }): Buffer {
  const content = Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
  return encodingOf(file.encoding) === 'gzip' ? gunzipSync(content) : content;
}

/** The file's own bytes as a stream (decompressed as it is read if it was kept compressed). */
export function storedFileStream(file: { encoding: string; content: Uint8Array }): Readable {
  const content = Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
  const raw = Readable.from([content]);
  return encodingOf(file.encoding) === 'gzip' ? raw.pipe(createGunzip()) : raw;
}
