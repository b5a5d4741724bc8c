/**
 * 1M generated rows, counted by DuckDB (Parquet) and by PostgreSQL, against the in-memory engine on
 * the same rows: counts equal, metrics bit-identical without weights and within 1e-12 relative with
 * them (what is derived from several groups within 1e-9: a difference of close rates or a far-tail
 * p-value amplifies the summation-order error), AUC within the stated bound with score bins (equal
 * with exact scores), and the whole report from counts equal to the report from rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditConfig, type AuditResult, type Table } from '@ethixai/fairness';
import { auditSource, openDuckDB } from '../src/duckdb/index.ts';
import { openPostgres } from '../src/postgres/index.ts';
import type { CountsReport, FilterSpec, SourceSpec } from '../src/index.ts';
import type { Engine } from '../src/engine.ts';
import { filtered, generatedParquet, generatorSelect, REGION_WITH_QUOTE } from './support/generated.ts';
import { PG_URL, testSchema, type TestSchema } from './support/postgres.ts';
import { reportDifferences } from '../src/testing/index.ts';

const N = 1_000_000;

const UNWEIGHTED: AuditConfig = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  score: 'score',
  sensitive: ['race', 'sex', 'age_group'],
};
const WEIGHTED: AuditConfig = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  score: 'decile',
  weights: 'weight',
  sensitive: ['race', 'age'],
  buckets: { age: [25, 45] },
  missingSensitive: 'drop',
};
const WEIGHTED_FILTER: FilterSpec[] = [{ column: 'region', value: REGION_WITH_QUOTE }];

let dir: string;
let rows: Table;
let fromRows: { unweighted: AuditResult; weighted: AuditResult };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ethixai-pushdown-'));
  rows = await generatedParquet(N, join(dir, 'decisions.parquet'));
  fromRows = {
    unweighted: audit(rows, UNWEIGHTED),
    weighted: audit(filtered(rows, 'region', REGION_WITH_QUOTE), WEIGHTED),
  };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectUnweightedEqual(report: CountsReport): void {
  const scores = report.provenance.pushdown.scores!;
  expect(scores.mode).toBe('bins');
  expect(scores.exact).toBe(false);
  expect(scores.aucErrorBound).toBeGreaterThan(0);
  expect(scores.aucErrorBound).toBeLessThan(1e-3);
  expect(
    reportDifferences(report, fromRows.unweighted, {
      relative: 0,
      derived: 0,
      auc: scores.aucErrorBound,
      scoreSums: 1e-12,
    }),
  ).toEqual([]);
  // Every group's AUC is within its own bound, not only the largest.
  const rowsAuc = new Map(
    fromRows.unweighted.attributes.flatMap((a) => a.groups.map((g) => [`${a.name}/${g.key}`, g.auc.value as number])),
  );
  for (const b of scores.aucErrorBounds.filter((x) => x.attribute !== 'overall')) {
    const group = report.attributes.find((a) => a.name === b.attribute)!.groups.find((g) => g.key === b.group)!;
    expect(Math.abs((group.auc.value as number) - rowsAuc.get(`${b.attribute}/${b.group}`)!)).toBeLessThanOrEqual(
      b.bound,
    );
  }
}

function expectWeightedEqual(report: CountsReport): void {
  expect(report.provenance.pushdown.scores).toMatchObject({ mode: 'bins', exact: true, aucErrorBound: 0 });
  expect(
    reportDifferences(report, fromRows.weighted, { relative: 1e-12, derived: 1e-9, auc: 1e-12, scoreSums: 1e-12 }),
  ).toEqual([]);
  const rowCounts = (r: AuditResult) =>
    r.attributes.flatMap((a) => a.groups.map((g) => `${a.name}/${g.key}: ${g.rows}`)).sort();
  expect(rowCounts(report)).toEqual(rowCounts(fromRows.weighted));
  expect(report.provenance.excluded.map((e) => e.reason)).toContain(
    'weight missing, negative, not finite, or outside [1e-100, 1e100] and not 0',
  );
}

async function run(
  engine: Engine,
  config: AuditConfig,
  source: SourceSpec,
  filters: FilterSpec[] = [],
): Promise<CountsReport> {
  try {
    return (await auditSource(engine, config, { source, filters })).report;
  } finally {
    await engine.close();
  }
}

describe('DuckDB on Parquet', () => {
  const source = (): SourceSpec => ({ kind: 'parquet', paths: [join(dir, 'decisions.parquet')] });

  it('unweighted, continuous score in bins: counts and metrics bit-identical, AUC within the bound', async () => {
    expectUnweightedEqual(await run(await openDuckDB({ threads: 2 }), UNWEIGHTED, source()));
  }, 120_000);

  it('weighted, bucketed age, dropped missing values, a filter with a quote and a backslash, exact deciles', async () => {
    expectWeightedEqual(await run(await openDuckDB({ threads: 2 }), WEIGHTED, source(), WEIGHTED_FILTER));
  }, 120_000);
});

describe.skipIf(!PG_URL)('PostgreSQL', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await testSchema();
    await schema.run(`CREATE TABLE ${schema.name}.decisions AS ${generatorSelect(N, 'postgres')}`);
  }, 120_000);
  afterAll(async () => schema?.drop());
  const source = (): SourceSpec => ({ kind: 'table', name: [schema.name, 'decisions'] });

  it('holds the same rows as the Parquet file', async () => {
    const engine = await openPostgres({ url: PG_URL! });
    try {
      const probe = await engine.query(
        {
          text: `SELECT count(*), sum(score), count(race), count(label), sum(weight) FROM ${schema.name}.decisions`,
          params: [],
        },
        1,
      );
      const score = rows.columns.get('score')!;
      const sum = score.kind === 'numeric' ? score.values.reduce((a, b) => a + b, 0) : NaN;
      expect(probe.rows[0][0]).toBe(N);
      expect(Math.abs((probe.rows[0][1] as number) - sum) / sum).toBeLessThan(1e-12);
    } finally {
      await engine.close();
    }
  });

  it('unweighted, continuous score in bins: counts and metrics bit-identical, AUC within the bound', async () => {
    expectUnweightedEqual(await run(await openPostgres({ url: PG_URL! }), UNWEIGHTED, source()));
  }, 120_000);

  it('weighted, bucketed age, dropped missing values, a filter with a quote and a backslash, exact deciles', async () => {
    expectWeightedEqual(await run(await openPostgres({ url: PG_URL! }), WEIGHTED, source(), WEIGHTED_FILTER));
  }, 120_000);
});
