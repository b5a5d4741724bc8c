import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createDatasetsRepository } from '../../src/datasets/datasets-repository.ts';
import type { DatasetTables } from '../../src/datasets/datasets-table.ts';
import { ingestCsv, inflateChunks, UploadTooLargeError } from '../../src/datasets/dataset-ingest.ts';
import { decodeCursor } from '../../src/reports/page-cursor.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OWNER = '00000000-0000-4000-8000-000000000002';

async function* pieces(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

for (const dialect of DIALECTS) {
  describe(`datasets repository + ingest (${dialect.name})`, () => {
    let database: TestDatabase;
    let repo: ReturnType<typeof createDatasetsRepository>;

    beforeAll(async () => {
      database = await dialect.open();
      repo = createDatasetsRepository(database.handle.db as unknown as Kysely<DatasetTables>);
    });
    afterAll(() => database.dispose());

    it('stores a CSV as gzip chunks that decompress to the exact upload', async () => {
      const csv =
        'g,y,p\n' +
        Array.from({ length: 5000 }, (_, i) => `${i % 3 ? 'a' : 'b'},${i % 2},${(i >> 1) % 2}`).join('\n') +
        '\n';
      const id = await repo.begin(ORG, OWNER, 'demo');
      const result = await ingestCsv(
        pieces(csv, 777),
        { maxBytes: 1e6, blockBytes: 8192, previewRows: 2 },
        (seq, data) => repo.putChunk(id, seq, data),
      );
      await repo.complete(id, result);
      expect(result).toMatchObject({
        rowCount: 5000,
        header: ['g', 'y', 'p'],
        preview: [
          ['b', '0', '0'],
          ['a', '1', '0'],
        ],
        bytes: csv.length,
      });
      expect(result.chunks).toBeGreaterThan(1);
      const parts: Buffer[] = [];
      for await (const part of inflateChunks(repo.chunks(id))) parts.push(part);
      expect(Buffer.concat(parts).toString()).toBe(csv);
      expect(await repo.find(ORG, id)).toMatchObject({
        id,
        name: 'demo',
        rows: 5000,
        columns: ['g', 'y', 'p'],
        sha256: result.sha256,
        storedBytes: result.storedBytes,
      });
      expect(await repo.find('00000000-0000-4000-8000-000000000009', id)).toBeNull();
    });

    it('records a profile per column, and reads back a dataset stored before profiles as profile null', async () => {
      const id = await repo.begin(ORG, OWNER, 'profiled');
      await repo.complete(
        id,
        await ingestCsv(
          pieces('g,s\na,1\nb,2.5\na,\n', 5),
          { maxBytes: 100, blockBytes: 100, previewRows: 1 },
          (s, d) => repo.putChunk(id, s, d),
        ),
      );
      expect((await repo.find(ORG, id))!.profile).toEqual([
        {
          name: 'g',
          type: 'categorical',
          missing: 0,
          distinct: 2,
          values: [
            { value: 'a', count: 2 },
            { value: 'b', count: 1 },
          ],
          min: null,
          max: null,
        },
        {
          name: 's',
          type: 'numeric',
          missing: 1,
          distinct: 2,
          values: [
            { value: '1', count: 1 },
            { value: '2.5', count: 1 },
          ],
          min: 1,
          max: 2.5,
        },
      ]);
      // A row written before migration 0004: no profile_json.
      const db = database.handle.db as unknown as Kysely<DatasetTables>;
      await db.updateTable('datasets').set({ profile_json: null }).where('id', '=', id).execute();
      expect(await repo.find(ORG, id)).toMatchObject({ id, columns: ['g', 's'], profile: null });
      await repo.remove(id);
    });

    it('stops at the byte limit', async () => {
      await expect(
        ingestCsv(pieces('a,b\n1,2\n3,4\n', 4), { maxBytes: 8, blockBytes: 1024, previewRows: 1 }, async () => {}),
      ).rejects.toBeInstanceOf(UploadTooLargeError);
    });

    it('lists ready datasets newest first with a working cursor, and removes them with their chunks', async () => {
      const uploading = await repo.begin(ORG, OWNER, 'half');
      const ids: string[] = [];
      for (const name of ['x1', 'x2', 'x3']) {
        const id = await repo.begin(ORG, OWNER, name);
        await repo.complete(
          id,
          await ingestCsv(pieces('a\n1\n', 10), { maxBytes: 100, blockBytes: 100, previewRows: 1 }, (s, d) =>
            repo.putChunk(id, s, d),
          ),
        );
        ids.push(id);
        await new Promise((r) => setTimeout(r, 3));
      }
      const first = await repo.list(ORG, 2, null);
      expect(first.items.map((d) => d.name)).toEqual(['x3', 'x2']);
      const second = await repo.list(ORG, 2, decodeCursor(first.nextCursor!));
      expect(second.items.map((d) => d.name)).toEqual(['x1', 'demo']);
      expect(second.items.some((d) => d.id === uploading)).toBe(false);
      await repo.remove(ids[0]);
      expect(await repo.find(ORG, ids[0])).toBeNull();
      const chunks = [];
      for await (const c of repo.chunks(ids[0])) chunks.push(c);
      expect(chunks).toEqual([]);
    });
  });
}
