/**
 * A counts document as a warehouse job sends it: the printed query (literals inlined, bins' range
 * computed by the query itself) run by an engine, its rows in JSON. Its report equals the report of a
 * run here; a document that does not fit its schema or the configuration is refused, naming the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditConfig } from '@ethixai/fairness';
import { COUNTS_FORMAT, type CountsDocument } from '@ethixai/contracts';
import { auditSource, openDuckDB } from '../src/duckdb/index.ts';
import { openPostgres } from '../src/postgres/index.ts';
import { printedQuery, reportFromCounts, specFromConfig, type QuerySpec } from '../src/index.ts';
import type { Engine } from '../src/engine.ts';
import { generatedParquet, generatorSelect } from './support/generated.ts';
import { PG_URL, testSchema, type TestSchema } from './support/postgres.ts';
import { reportDifferences } from '../src/testing/index.ts';

const CONFIG: AuditConfig = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  score: 'score',
  weights: 'weight',
  sensitive: ['race', 'sex', 'age'],
  buckets: { age: [30] },
};
const KINDS = {
  label: 'text',
  decision: 'text',
  score: 'number',
  weight: 'number',
  race: 'text',
  sex: 'text',
  age: 'number',
} as const;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ethixai-counts-'));
  await generatedParquet(20_000, join(dir, 'd.parquet'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The job's side: run the printed text as it is, send columns and rows as JSON. */
async function printedDocument(engine: Engine, spec: QuerySpec, dialect: 'duckdb' | 'postgres'): Promise<unknown> {
  const result = await engine.query({ text: printedQuery(spec, dialect), params: [] }, 500_000);
  return JSON.parse(
    JSON.stringify({ format: COUNTS_FORMAT, query: { dialect, ...spec }, columns: result.columns, rows: result.rows }),
  );
}

async function compare(open: () => Promise<Engine>, spec: QuerySpec, dialect: 'duckdb' | 'postgres'): Promise<void> {
  const engine = await open();
  try {
    const printed = reportFromCounts(await printedDocument(engine, spec, dialect), CONFIG);
    const run = (await auditSource(engine, CONFIG, { source: spec.source })).report;
    expect(printed.provenance.pushdown.scores?.lo).toBe(run.provenance.pushdown.scores?.lo);
    expect(reportDifferences(printed, run, { relative: 1e-12, derived: 1e-9, auc: 1e-12, scoreSums: 1e-12 })).toEqual(
      [],
    );
    expect(printed.provenance.pushdown.query.text).toBe(printedQuery(spec, dialect));
  } finally {
    await engine.close();
  }
}

describe('the printed query, run as printed', () => {
  it('on DuckDB gives the report of a run here', async () => {
    const spec = specFromConfig(CONFIG, { source: { kind: 'parquet', paths: [join(dir, 'd.parquet')] }, kinds: KINDS });
    await compare(() => openDuckDB({ threads: 1 }), spec, 'duckdb');
  }, 60_000);

  describe.skipIf(!PG_URL)('on PostgreSQL', () => {
    let schema: TestSchema;
    beforeAll(async () => {
      schema = await testSchema();
      await schema.run(`CREATE TABLE ${schema.name}.d AS ${generatorSelect(20_000, 'postgres')}`);
    });
    afterAll(async () => schema?.drop());

    it('gives the report of a run here', async () => {
      const spec = specFromConfig(CONFIG, { source: { kind: 'table', name: [schema.name, 'd'] }, kinds: KINDS });
      await compare(() => openPostgres({ url: PG_URL! }), spec, 'postgres');
    }, 60_000);
  });
});

describe('documents that do not fit', () => {
  const spec = specFromConfig(
    { label: 'y', prediction: 'p', predictionPositive: ['1'], sensitive: ['g'] },
    { source: { kind: 'table', name: ['t'] }, kinds: { y: 'number', p: 'text', g: 'text' } },
  );
  const doc = (over: Partial<CountsDocument> = {}): CountsDocument => ({
    format: COUNTS_FORMAT,
    query: { dialect: 'trino', ...spec } as CountsDocument['query'],
    columns: ['g0', 'label_value', 'decision_value', 'n'],
    rows: [
      ['a', 1, '1', 40],
      ['a', 0, '0', 35],
      ['b', 1, '0', '41'],
      ['b', 0, '1', 30],
    ],
    ...over,
  });
  const config = { label: 'y', prediction: 'p', predictionPositive: ['1'], sensitive: ['g'] };
  const refused = (input: unknown, cfg: unknown = config) => {
    try {
      reportFromCounts(input, cfg);
    } catch (error) {
      return { code: (error as { code: string }).code, message: (error as Error).message };
    }
    throw new Error('expected a refusal');
  };

  it('reads counts sent as text (BigQuery sends INT64 as strings)', () => {
    const report = reportFromCounts(doc(), config);
    expect(report.attributes[0].groups.map((g) => [g.key, g.tp, g.fp, g.tn, g.fn])).toEqual([
      ['a', 40, 0, 35, 0],
      ['b', 0, 30, 0, 41],
    ]);
    expect(report.provenance.pushdown.dialect).toBe('trino');
  });

  it.each([
    [{ format: 'ethixai.counts/0' }, 'counts.format must be "ethixai.counts/1"'],
    [{ columns: ['g0', 'label_value', 'n'] }, 'counts.columns lacks "decision_value", which the query returns'],
    [{ rows: [['a', 1, '1']] }, 'counts.rows[0] has 3 values for 4 columns'],
    [{ rows: [['a', 1, '1', -2]] }, 'counts.rows[0][3] (n) must be a non-negative integer'],
    [{ rows: [['a', 1, '1', 'many']] }, 'counts.rows[0][3] (n) must be a finite number, got "many"'],
  ])('%j is refused: %s', (over, message) => {
    expect(refused(doc(over as Partial<CountsDocument>))).toEqual({ code: 'PUSH_ERR_INVALID_COUNTS', message });
  });

  it('a document for other columns than the configuration names', () => {
    expect(refused(doc(), { ...config, label: 'outcome' })).toEqual({
      code: 'PUSH_ERR_INVALID_COUNTS',
      message: 'config.label is "outcome" but the counts were computed for "y"',
    });
  });

  it('an unknown dialect in the document', () => {
    const bad = doc();
    (bad.query as { dialect: string }).dialect = 'oracle';
    expect(refused(bad).code).toBe('PUSH_ERR_INVALID_COUNTS');
  });

  it('a label that is not binary, as the engine says it', () => {
    expect(refused(doc({ rows: [['a', 2, '1', 3]] }))).toEqual({
      code: 'FAIR_ERR_NOT_BINARY',
      message: 'column "y" holds 2, not only 0 and 1; say which values are positive',
    });
  });
});
