import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ColumnProfile } from '@ethixai/fairness';
import type { DatasetTables, DatasetsTable } from './datasets-table.ts';
import type { IngestResult } from './dataset-ingest.ts';
import { afterKey, pageOf, type PageKey } from '../reports/page-cursor.ts';

export interface DatasetRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly bytes: number;
  readonly storedBytes: number;
  readonly rows: number;
  readonly columns: string[];
  readonly sha256: string;
  readonly createdAt: string;
}

export interface DatasetDetail extends DatasetRecord {
  readonly preview: string[][];
  /** Null for datasets uploaded before profiles were recorded. */
  readonly profile: ColumnProfile[] | null;
}

const LIST_COLUMNS = [
  'id',
  'owner_id',
  'name',
  'bytes',
  'stored_bytes',
  'row_count',
  'columns_json',
  'sha256',
  'created_at',
] as const;

function toRecord(row: Omit<DatasetsTable, 'status' | 'preview_json' | 'profile_json' | 'org_id'>): DatasetRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    bytes: Number(row.bytes),
    storedBytes: Number(row.stored_bytes),
    rows: row.row_count,
    columns: JSON.parse(row.columns_json) as string[],
    sha256: row.sha256,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

/** Datasets are written in three steps so a long upload never holds a transaction open: an
 * 'uploading' row, its chunks as they stream in, then 'ready' with the metadata. Only 'ready' rows are visible. */
export function createDatasetsRepository(db: Kysely<DatasetTables>) {
  return {
    async begin(orgId: string, ownerId: string, name: string): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('datasets')
        .values({
          id,
          org_id: orgId,
          owner_id: ownerId,
          name,
          status: 'uploading',
          bytes: 0,
          stored_bytes: 0,
          row_count: 0,
          columns_json: '[]',
          preview_json: '[]',
          sha256: '',
          created_at: Date.now(),
        })
        .execute();
      return id;
    },

    async putChunk(datasetId: string, seq: number, data: Buffer): Promise<void> {
      await db.insertInto('dataset_chunks').values({ dataset_id: datasetId, seq, data }).execute();
    },

    async complete(id: string, result: IngestResult): Promise<void> {
      await db
        .updateTable('datasets')
        .set({
          status: 'ready',
          bytes: result.bytes,
          stored_bytes: result.storedBytes,
          row_count: result.rowCount,
          columns_json: JSON.stringify(result.header),
          preview_json: JSON.stringify(result.preview),
          profile_json: JSON.stringify(result.profile),
          sha256: result.sha256,
          created_at: Date.now(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Removes a dataset and its chunks (also used to discard a failed upload). */
    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('dataset_chunks').where('dataset_id', '=', id).execute();
        await trx.deleteFrom('datasets').where('id', '=', id).execute();
      });
    },

    async find(orgId: string, id: string): Promise<DatasetDetail | null> {
      const row = await db
        .selectFrom('datasets')
        .select([...LIST_COLUMNS, 'preview_json', 'profile_json'])
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('status', '=', 'ready')
        .executeTakeFirst();
      if (!row) return null;
      const profile = row.profile_json === null ? null : (JSON.parse(row.profile_json) as ColumnProfile[]);
      return { ...toRecord(row), preview: JSON.parse(row.preview_json) as string[][], profile };
    },

    async list(orgId: string, limit: number, after: PageKey | null) {
      let query = db
        .selectFrom('datasets')
        .select(LIST_COLUMNS)
        .where('org_id', '=', orgId)
        .where('status', '=', 'ready');
      if (after) query = query.where(afterKey(after));
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit);
      return { items: page.items.map(toRecord), nextCursor: page.nextCursor };
    },

    /** Stored (compressed) chunks in order, fetched one at a time so memory stays at one chunk. */
    async *chunks(datasetId: string): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const row = await db
          .selectFrom('dataset_chunks')
          .select('data')
          .where('dataset_id', '=', datasetId)
          .where('seq', '=', seq)
          .executeTakeFirst();
        if (!row) return;
        yield Buffer.from(row.data);
      }
    },
  };
}

export type DatasetsRepository = ReturnType<typeof createDatasetsRepository>;
