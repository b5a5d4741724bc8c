import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatasetList } from '@ethixai/contracts';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import type { IdempotencyRepository } from '../idempotency/idempotency-repository.ts';
import { inFlightError, reuseError, type Answer, type IdempotencyKey } from '../idempotency/idempotent-call.ts';
import type { AnalysesSettings } from '../analyses/analyses-settings.ts';
import { decodeCursor } from '../reports/page-cursor.ts';
import { createDatasetsRepository, type DatasetDetail } from './datasets-repository.ts';
import type { DatasetTables } from './datasets-table.ts';
import { storeUpload, tooLarge } from './dataset-store.ts';

export interface Upload {
  readonly by: Initiator;
  /** As sent (query `name` or header `x-dataset-name`); trimmed and checked here. */
  readonly name: string;
  /** Content-Length when the client sent one (0 otherwise): an oversized upload is refused unread. */
  readonly declaredBytes: number;
  /** The request stream; undefined when the request had no body. */
  readonly body: AsyncIterable<Uint8Array> | undefined;
  readonly idempotency: IdempotencyKey | null;
}

/** The idempotency hash of an upload: its name and the digest of its bytes. */
function uploadHash(name: string, csvSha256: string): string {
  return createHash('sha256').update(`${name}\n${csvSha256}`).digest('hex');
}

/** Digest of a body that is not stored (an idempotent replay still has to read what was sent). */
async function digestStream(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    hash.update(chunk);
  }
  return hash.digest('hex');
}

/**
 * CSV datasets of an organisation: streamed upload (validated and compressed on the way in,
 * idempotent with a key), list, detail and delete. Uploads and deletes are audited.
 */
export function createDatasetsService(
  db: Kysely<Database>,
  settings: AnalysesSettings,
  idempotency: IdempotencyRepository,
) {
  const datasets = createDatasetsRepository(db as unknown as Kysely<DatasetTables>);
  const maxBytes = settings.DATASET_MAX_BYTES;
  const limits = { maxBytes, blockBytes: settings.datasetBlockBytes, previewRows: settings.previewRows };

  async function store(by: Initiator, name: string, body: AsyncIterable<Uint8Array>): Promise<DatasetDetail> {
    const dataset = await storeUpload(datasets, by.orgId, by.actor.id, name, body, limits);
    await auditChange(
      db,
      by,
      'dataset.upload',
      { type: 'dataset', id: dataset.id },
      { sha256: dataset.sha256, rows: dataset.rows, name },
    );
    return dataset;
  }

  return {
    async upload(upload: Upload): Promise<Answer> {
      const name = upload.name.trim();
      if (name === '' || name.length > 200) throw httpError('BE_ERR_DATASET_NAME_REQUIRED');
      if (upload.declaredBytes > maxBytes) throw tooLarge(maxBytes);
      const { by, body } = upload;
      if (body === undefined) throw httpError('BE_ERR_UNSUPPORTED_MEDIA_TYPE', 'Upload the dataset as a text/csv body');
      const respond = (dataset: DatasetDetail) => ({
        statusCode: 201,
        headers: { location: `/v1/datasets/${dataset.id}` },
        body: Buffer.from(JSON.stringify(dataset)),
      });
      if (upload.idempotency === null) return { response: respond(await store(by, name, body)), replayed: false };

      // The request hash is known only once the body has been read, so the key is claimed first.
      const { scope, key } = upload.idempotency;
      const claim = await idempotency.claim(scope, key, null);
      if (claim.kind === 'in_flight') throw inFlightError(claim.retryAfterMs);
      if (claim.kind === 'done') {
        if (uploadHash(name, await digestStream(body, maxBytes)) !== claim.requestHash) throw reuseError();
        return { response: claim.response, replayed: true };
      }
      try {
        const dataset = await store(by, name, body);
        const response = respond(dataset);
        await idempotency.complete(claim.claim, uploadHash(name, dataset.sha256), response);
        return { response, replayed: false };
      } catch (error) {
        await idempotency.release(claim.claim);
        throw error;
      }
    },

    async list(orgId: string, limit: number, cursor: string | undefined): Promise<DatasetList> {
      const after = cursor === undefined ? null : decodeCursor(cursor);
      if (cursor !== undefined && after === null) throw httpError('BE_ERR_INVALID_CURSOR');
      return datasets.list(orgId, limit, after);
    },

    async get(orgId: string, id: string): Promise<DatasetDetail> {
      const dataset = await datasets.find(orgId, id);
      if (!dataset) throw httpError('BE_ERR_DATASET_NOT_FOUND', `Dataset ${id} not found`);
      return dataset;
    },

    /** Its reports stay: they are immutable. */
    async remove(id: string, by: Initiator): Promise<void> {
      const dataset = await this.get(by.orgId, id);
      await datasets.remove(dataset.id);
      await auditChange(db, by, 'dataset.delete', { type: 'dataset', id: dataset.id }, { sha256: dataset.sha256 });
    },
  };
}

export type DatasetsService = ReturnType<typeof createDatasetsService>;
