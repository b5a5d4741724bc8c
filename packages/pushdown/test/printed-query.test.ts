/**
 * The queries printed for Trino, Spark SQL and BigQuery (and the DuckDB/PostgreSQL forms): pinned by
 * snapshot files, and each parsed by node-sql-parser's grammar for its engine.
 */
import { describe, expect, it } from 'vitest';
import nodeSqlParser from 'node-sql-parser';
import { printedQuery, specFromConfig, type QuerySpec } from '../src/index.ts';
import { sampleQuery } from '../src/sample-query.ts';
import { dialectOf } from '../src/dialects.ts';
import { render } from '../src/sql.ts';

const { Parser } = nodeSqlParser;
const parser = new Parser();
/** node-sql-parser grammars: Spark SQL is HiveQL's; DuckDB's dialect is PostgreSQL's for this query. */
const GRAMMAR: Record<string, string> = {
  trino: 'trino',
  spark: 'hive',
  bigquery: 'bigquery',
  postgres: 'postgresql',
  duckdb: 'postgresql',
};

const table = { kind: 'table', name: ['analytics', 'credit decisions'] } as const;

function full(): QuerySpec {
  return specFromConfig(
    {
      label: 'defaulted',
      labelPositive: ['yes'],
      prediction: 'decision',
      predictionPositive: ['approve'],
      score: 'risk score',
      weights: 'w',
      sensitive: ['sex', 'age'],
      buckets: { age: [25, 45.5] },
    },
    {
      source: table,
      kinds: {
        defaulted: 'text',
        decision: 'text',
        'risk score': 'number',
        w: 'number',
        sex: 'text',
        age: 'number',
        region: 'text',
        year: 'number',
      },
      filters: [
        { column: 'region', value: "O'Brien \\ north" },
        { column: 'year', value: '2024' },
      ],
    },
  );
}

const threshold = (): QuerySpec =>
  specFromConfig(
    { label: 'y', score: 's', threshold: 0.5, sensitive: ['g'] },
    { source: table, kinds: { y: 'number', s: 'number', g: 'text' }, scoreBins: 'exact' },
  );
const plain = (): QuerySpec =>
  specFromConfig(
    { label: 'y', prediction: 'p', sensitive: ['g', 'h'] },
    { source: table, kinds: { y: 'text', p: 'text', g: 'text', h: 'other' } },
  );

describe.each(['trino', 'spark', 'bigquery', 'postgres', 'duckdb'])('%s', (dialect) => {
  const cases: Record<string, QuerySpec> = { full: full(), threshold: threshold(), plain: plain() };
  it.each(Object.keys(cases))('prints the %s query as snapshotted', async (name) => {
    const text = printedQuery(cases[name], dialect);
    await expect(`${text}\n`).toMatchFileSnapshot(`./__snapshots__/printed/${dialect}-${name}.sql`);
  });

  it.each(Object.keys(cases))('the %s query parses in the engine grammar', (name) => {
    expect(() => parser.astify(printedQuery(cases[name], dialect), { database: GRAMMAR[dialect] })).not.toThrow();
  });

  it('quotes every identifier and escapes the filter value with a quote and a backslash', () => {
    const text = printedQuery(full(), dialect);
    const q = dialectOf(dialect).quoteIdent;
    expect(text).toContain(`FROM ${q('analytics')}.${q('credit decisions')}`);
    expect(text).toContain(dialectOf(dialect).quoteString("O'Brien \\ north"));
    expect(text).not.toMatch(/[^`"]risk score[^`"]/);
  });

  it('prints a sample query for drivers that parses too', () => {
    const s = {
      source: table,
      columns: ['y', 'g'],
      kinds: { y: 'text', g: 'text' } as const,
      filters: [],
      rows: 50_000,
      percent: 1.5,
      seed: 7,
    };
    const text = render(sampleQuery(s, dialectOf(dialect)), dialectOf(dialect), 'inline').text;
    if (dialect !== 'duckdb') expect(() => parser.astify(text, { database: GRAMMAR[dialect] })).not.toThrow();
    expect(text).toContain('50000');
  });
});
