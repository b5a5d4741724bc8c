import { httpError, type BackendError, type BackendErrorCode } from '../errors.ts';
import { CsvStructureError, type CsvProblem } from './csv-inspector.ts';
import { ingestCsv, UploadTooLargeError, type IngestOptions } from './dataset-ingest.ts';
import type { DatasetDetail, DatasetsRepository } from './datasets-repository.ts';

const PROBLEM_CODES: Record<CsvProblem, BackendErrorCode> = {
  empty: 'BE_ERR_CSV_EMPTY',
  ragged: 'BE_ERR_CSV_RAGGED_ROW',
  encoding: 'BE_ERR_CSV_ENCODING',
  unterminated_quote: 'BE_ERR_CSV_UNTERMINATED_QUOTE',
  malformed_quote: 'BE_ERR_CSV_MALFORMED_QUOTE',
};

export function tooLarge(limit: number): BackendError {
  return httpError('BE_ERR_DATASET_TOO_LARGE', `The upload exceeds the limit of ${limit} bytes`, {
    headers: { connection: 'close' },
  });
}

/** Streams an upload into a new dataset; on any failure the partial dataset is removed. */
export async function storeUpload(
  datasets: DatasetsRepository,
  orgId: string,
  ownerId: string,
  name: string,
  body: AsyncIterable<Uint8Array>,
  options: IngestOptions,
): Promise<DatasetDetail> {
  const id = await datasets.begin(orgId, ownerId, name);
  try {
    const result = await ingestCsv(body, options, (seq, data) => datasets.putChunk(id, seq, data));
    await datasets.complete(id, result);
  } catch (error) {
    await datasets.remove(id);
    if (error instanceof CsvStructureError) throw httpError(PROBLEM_CODES[error.problem], error.message);
    if (error instanceof UploadTooLargeError) throw tooLarge(error.limit);
    throw error;
  }
  const stored = await datasets.find(orgId, id);
  if (!stored) throw new Error(`dataset ${id} vanished after upload`);
  return stored;
}
