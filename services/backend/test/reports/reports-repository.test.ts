import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createReportsRepository } from '../../src/reports/reports-repository.ts';
import type { ReportTables } from '../../src/reports/reports-table.ts';
import { decodeCursor } from '../../src/reports/page-cursor.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const DS = '00000000-0000-4000-8000-000000000003';

for (const dialect of DIALECTS) {
  describe(`reports repository (${dialect.name})`, () => {
    let database: TestDatabase;
    let repo: ReturnType<typeof createReportsRepository>;

    beforeAll(async () => {
      database = await dialect.open();
      repo = createReportsRepository(database.handle.db as unknown as Kysely<ReportTables>);
    });
    afterAll(() => database.dispose());

    const base = {
      orgId: ORG,
      createdBy: USER,
      riskLevel: 'low' as const,
      rows: 10,
      engineVersion: '0.1.0',
      inputDigest: 'ab',
    };

    it('keeps the result bytes exactly and scopes reads to the organisation', async () => {
      const result = Buffer.from('{"b": 1,  "a":[1.50]}');
      const saved = await repo.insert({ ...base, datasetId: null, verdict: 'pass', result });
      const found = await repo.find(ORG, saved.id);
      expect(found!.result.equals(result)).toBe(true);
      expect(found!.summary).toEqual(saved);
      expect(await repo.find('00000000-0000-4000-8000-000000000009', saved.id)).toBeNull();
    });

    it('filters by dataset, verdict and date range and pages with a cursor', async () => {
      const t0 = Date.now();
      for (const verdict of ['fail', 'warn', 'fail'] as const) {
        await repo.insert({ ...base, datasetId: DS, verdict, result: Buffer.from('{}') });
        await new Promise((r) => setTimeout(r, 3));
      }
      const fails = await repo.list(ORG, { verdict: 'fail' }, 1, null);
      expect(fails.items).toHaveLength(1);
      const rest = await repo.list(ORG, { verdict: 'fail' }, 1, decodeCursor(fails.nextCursor!));
      expect(rest.items).toHaveLength(1);
      expect(rest.nextCursor).toBeNull();
      expect((await repo.list(ORG, { datasetId: DS }, 50, null)).items.map((r) => r.verdict)).toEqual([
        'fail',
        'warn',
        'fail',
      ]);
      expect((await repo.list(ORG, { from: t0 }, 50, null)).items).toHaveLength(3);
      expect((await repo.list(ORG, { to: t0 }, 50, null)).items).toHaveLength(1);
      expect((await repo.list(USER, {}, 50, null)).items).toHaveLength(0);
    });
  });
}
