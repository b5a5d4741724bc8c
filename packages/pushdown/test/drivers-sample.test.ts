/**
 * Drivers and proxies need rows: a pushdown audit with features draws a bounded sample in the
 * engine (DuckDB's reservoir, PostgreSQL's TABLESAMPLE) and says so in the report with its size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditConfig, type Table } from '@ethixai/fairness';
import { auditSource, openDuckDB } from '../src/duckdb/index.ts';
import { openPostgres } from '../src/postgres/index.ts';
import { generatedParquet, generatorSelect } from './support/generated.ts';
import { PG_URL, testSchema, type TestSchema } from './support/postgres.ts';

const CONFIG: AuditConfig = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  sensitive: ['race', 'sex'],
  features: ['score', 'age', 'region'],
};
const N = 40_000;

let dir: string;
let rows: Table;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ethixai-sample-'));
  rows = await generatedParquet(N, join(dir, 'd.parquet'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('drivers from a sample', () => {
  it('DuckDB draws a reservoir sample of the asked size; the drivers find what the rows find', async () => {
    const engine = await openDuckDB({ threads: 1 });
    try {
      const { report, counts } = await auditSource(engine, CONFIG, {
        source: { kind: 'parquet', paths: [join(dir, 'd.parquet')] },
        sampleRows: 5_000,
      });
      expect(report.provenance.pushdown.sample).toEqual({
        method: 'reservoir sample of 5000 rows (DuckDB, seed 0)',
        rows: 5_000,
      });
      expect(counts.sample!.rows).toHaveLength(5_000);
      expect(report.drivers).not.toBeNull();
      // The decision follows the score: the sample ranks it first, as the full rows do.
      const top = (d: NonNullable<typeof report.drivers>) => JSON.stringify(d).match(/"feature":"(\w+)"/)![1];
      expect(top(report.drivers!)).toBe(top(audit(rows, CONFIG).drivers!));
      // Counts-based metrics still come from every row.
      expect(report.overall.rows).toBe(audit(rows, { ...CONFIG, features: [] }).overall.rows);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('without features there is no sample and the report says why there are no drivers', async () => {
    const engine = await openDuckDB({ threads: 1 });
    try {
      const { report, counts } = await auditSource(
        engine,
        { ...CONFIG, features: [] },
        { source: { kind: 'parquet', paths: [join(dir, 'd.parquet')] } },
      );
      expect(counts.sample).toBeUndefined();
      expect(report.provenance.pushdown.sample).toBeNull();
      expect(report.driversReason).toBe('no feature columns were given');
    } finally {
      await engine.close();
    }
  }, 60_000);

  describe.skipIf(!PG_URL)('PostgreSQL', () => {
    let schema: TestSchema;
    beforeAll(async () => {
      schema = await testSchema();
      await schema.run(`CREATE TABLE ${schema.name}.d AS ${generatorSelect(N, 'postgres')}`);
    });
    afterAll(async () => schema?.drop());

    it('draws a TABLESAMPLE BERNOULLI sample capped at the asked size', async () => {
      const engine = await openPostgres({ url: PG_URL! });
      try {
        const { report } = await auditSource(engine, CONFIG, {
          source: { kind: 'table', name: [schema.name, 'd'] },
          sampleRows: 2_000,
        });
        const sample = report.provenance.pushdown.sample!;
        expect(sample.method).toMatch(/^TABLESAMPLE BERNOULLI \(5\.5 percent\), at most 2000 rows \(postgres\)$/);
        expect(sample.rows).toBeGreaterThan(1_500);
        expect(sample.rows).toBeLessThanOrEqual(2_000);
        expect(report.drivers).not.toBeNull();
      } finally {
        await engine.close();
      }
    }, 60_000);
  });
});
