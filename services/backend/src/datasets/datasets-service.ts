import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AnalysesContext } from '../analyses/analyses-context.ts';
import { httpError, type BackendErrorCode, type BackendError } from '../errors.ts';
import { CsvStructureError, type CsvProblem } from './csv-inspector.ts';
import { ingestCsv, UploadTooLargeError } from './dataset-ingest.ts';
import type { DatasetDetail } from './datasets-repository.ts';

const PROBLEM_CODES: Record<CsvProblem, BackendErrorCode> = {
  empty: 'BE_ERR_CSV_EMPTY',
  ragged: 'BE_ERR_CSV_RAGGED_ROW',
  encoding: 'BE_ERR_CSV_ENCODING',
  unterminated_quote: 'BE_ERR_CSV_UNTERMINATED_QUOTE',
};

export function tooLarge(limit: number): BackendError {
  return httpError('BE_ERR_DATASET_TOO_LARGE', `The upload exceeds the limit of ${limit} bytes`, { headers: { connection: 'close' } });
}

/** The idempotency hash of an upload: its name and the digest of its bytes. */
export function uploadHash(name: string, csvSha256: string): string {
  return createHash('sha256').update(`${name}\n${csvSha256}`).digest('hex');
}

/** Digest of a body that is not stored (an idempotent replay still has to read what was sent). */
export async function digestStream(body: Readable, maxBytes: number): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    hash.update(chunk);
  }
  return hash.digest('hex');
}

/** Streams the body into a new dataset; on any failure the partial dataset is removed. */
export async function storeUpload(ctx: AnalysesContext, orgId: string, ownerId: string, name: string, body: Readable): Promise<DatasetDetail> {
  const id = await ctx.datasets.begin(orgId, ownerId, name);
  try {
    const result = await ingestCsv(body, {
      maxBytes: ctx.settings.DATASET_MAX_BYTES, blockBytes: ctx.settings.datasetBlockBytes, previewRows: ctx.settings.previewRows,
    }, (seq, data) => ctx.datasets.putChunk(id, seq, data));
    await ctx.datasets.complete(id, result);
  } catch (error) {
    await ctx.datasets.remove(id);
    if (error instanceof CsvStructureError) throw httpError(PROBLEM_CODES[error.problem], error.message);
    if (error instanceof UploadTooLargeError) throw tooLarge(error.limit);
    throw error;
  }
  const stored = await ctx.datasets.find(orgId, id);
  if (!stored) throw new Error(`dataset ${id} vanished after upload`);
  return stored;
}
