import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { AiCoreClient } from '../../src/ai-core-client/ai-core-client.ts';
import { createAnalysisRunner } from '../../src/analyses/analysis-runner.ts';
import { createDatasetsRepository } from '../../src/datasets/datasets-repository.ts';
import { createReportsRepository } from '../../src/reports/reports-repository.ts';
import type { ReportTables } from '../../src/reports/reports-table.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const SUMMARY = {
  verdict: 'warn',
  riskLevel: 'medium',
  rows: 3,
  engineVersion: '9.9.9',
  inputDigest: 'mix64:01',
} as const;
const RESULT = Buffer.from('{"verdicts":[],"risk":{"level":"low"}}');

/** An ai-core that answers every analysis with RESULT and SUMMARY (as its headers would carry). */
const aiCore = { analyzeJson: async () => ({ body: RESULT, summary: SUMMARY }) } as unknown as AiCoreClient;
const input = { kind: 'inline', body: Buffer.from('{}') } as const;

for (const dialect of DIALECTS) {
  describe(`analysis runner (${dialect.name})`, () => {
    let database: TestDatabase;
    let runner: ReturnType<typeof createAnalysisRunner>;
    let reports: ReturnType<typeof createReportsRepository>;

    beforeAll(async () => {
      database = await dialect.open();
      const db = database.handle.db;
      reports = createReportsRepository(db as unknown as Kysely<ReportTables>);
      runner = createAnalysisRunner({ db, aiCore, reports, datasets: createDatasetsRepository(db as never) });
    });
    afterAll(() => database.dispose());

    const count = async () => (await reports.list(ORG, {}, 200, null)).items.length;

    it('stores the report with the summary ai-core sent and the result bytes unchanged', async () => {
      const seen: string[] = [];
      const run = await runner.run(input, ORG, USER, async (_trx, saved) => {
        seen.push(saved.id);
      });
      expect(run.summary).toMatchObject({ ...SUMMARY, createdBy: USER, datasetId: null });
      expect(seen).toEqual([run.summary.id]);
      const found = await reports.find(ORG, run.summary.id);
      expect(found!.result.equals(RESULT)).toBe(true);
      expect(found!.summary).toEqual(run.summary);
    });

    it('commits the report only together with what is written alongside it (the audit entry)', async () => {
      const before = await count();
      await expect(
        runner.run(input, ORG, USER, async () => {
          throw new Error('audit append failed');
        }),
      ).rejects.toThrow('audit append failed');
      expect(await count()).toBe(before);
    });
  });
}
