import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CsvInspector, type CsvInspection } from './csv-inspector.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Streams an upload into stored chunks: every raw block of `blockBytes` is validated, hashed and
 * gzip-compressed on the libuv thread pool as an independent gzip member. Independent members keep
 * each stored chunk decodable on its own (a reader streams chunk by chunk) and their concatenation
 * is still one valid .gz file.
 */
export interface IngestOptions {
  readonly maxBytes: number;
  readonly blockBytes: number;
  readonly previewRows: number;
}

export interface IngestResult extends CsvInspection {
  readonly bytes: number;
  readonly storedBytes: number;
  readonly sha256: string;
  readonly chunks: number;
}

export class UploadTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`the upload exceeds the limit of ${limit} bytes`);
    this.limit = limit;
    this.name = 'UploadTooLargeError';
  }
}

export async function ingestCsv(
  source: AsyncIterable<Uint8Array>,
  options: IngestOptions,
  storeChunk: (seq: number, data: Buffer) => Promise<void>,
): Promise<IngestResult> {
  const inspector = new CsvInspector(options.previewRows);
  const hash = createHash('sha256');
  let bytes = 0;
  let storedBytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const flush = async () => {
    if (pendingBytes === 0) return;
    const block = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const packed = await gzipAsync(block);
    storedBytes += packed.length;
    await storeChunk(seq++, packed);
  };

  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
    inspector.push(chunk);
    hash.update(chunk);
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.length;
    if (pendingBytes >= options.blockBytes) await flush();
  }
  const inspection = inspector.finish();
  await flush();
  return { ...inspection, bytes, storedBytes, sha256: hash.digest('hex'), chunks: seq };
}

/** Decompresses stored chunks one by one, in order, for streaming to ai-core. */
export async function* inflateChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield await gunzipAsync(chunk);
}
