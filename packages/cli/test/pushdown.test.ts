/**
 * The CLI where the data lives, run as a user runs it (the built bin): Parquet and CSV through
 * DuckDB, a PostgreSQL table, a counts document, `ethixai sql`; and bad input, which exits 2 (or 4
 * for a database that fails) with one message and no stack trace.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import nodeSqlParser from 'node-sql-parser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIASED_CSV } from './support/fixtures.ts';
import { ethixai, scratch } from './support/run-cli.ts';

// Tests may read the environment.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
const files = scratch({
  'biased.csv': BIASED_CSV,
  'quoted.csv': 'group,label,pred,region\nA,1,1,"O\'Brien \\ x"\nB,0,1,north\nA,0,0,"O\'Brien \\ x"\n',
});
const ARGS = ['--label', 'label', '--prediction', 'pred', '--positive', '1', '--sensitive', 'group'];

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT * FROM read_csv('${files.path('biased.csv')}', all_varchar = true)) TO '${files.path('biased.parquet')}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
});
afterAll(files.cleanup);

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    attributes: { groups: { key: string; tp: number; fp: number; tn: number; fn: number }[] }[];
    verdicts: { status: string }[];
    provenance: { pushdown?: { engine: string; query: { text: string } } };
    input: unknown;
  };
const groups = (stdout: string) => json(stdout).attributes[0].groups.map((g) => [g.key, g.tp, g.fp, g.tn, g.fn]);

describe('audits counted by DuckDB', () => {
  it('a Parquet file gives the counts and verdicts of the CSV read here, and says where it counted', async () => {
    const here = await ethixai(['audit', files.path('biased.csv'), ...ARGS, '--format', 'json']);
    const parquet = await ethixai(['audit', files.path('biased.parquet'), ...ARGS, '--format', 'json']);
    expect(parquet.code).toBe(0);
    expect(groups(parquet.stdout)).toEqual(groups(here.stdout));
    expect(json(parquet.stdout).verdicts.map((v) => v.status)).toEqual(json(here.stdout).verdicts.map((v) => v.status));
    expect(json(parquet.stdout).provenance.pushdown!.engine).toMatch(/^duckdb \d/);
    const table = await ethixai(['audit', files.path('biased.parquet'), ...ARGS]);
    expect(table.stdout.split('\n')[0]).toBe(
      `EthixAI fairness audit of ${files.path('biased.parquet')} (counted 1,000 rows in ${json(parquet.stdout).provenance.pushdown!.engine}, 6 groups returned)`,
    );
  }, 30_000);

  it('a CSV with --engine duckdb, a --where value with a quote and a backslash, and the fairness gate', async () => {
    const run = await ethixai([
      'audit',
      files.path('quoted.csv'),
      '--engine',
      'duckdb',
      ...ARGS,
      '--where',
      "region=O'Brien \\ x",
      '--min-group-size',
      '1',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(groups(run.stdout)).toEqual([['A', 1, 0, 1, 0]]);
    expect(json(run.stdout).provenance.pushdown!.query.text).toContain("\"region\" = 'O''Brien \\ x'");
    const gate = await ethixai([
      'audit',
      files.path('biased.csv'),
      '--engine',
      'duckdb',
      ...ARGS,
      '--fail-on-violation',
    ]);
    expect(gate.code).toBe(1);
  }, 30_000);

  it('--save-counts writes the document that --counts turns back into the same report', async () => {
    const saved = await ethixai([
      'audit',
      files.path('biased.parquet'),
      ...ARGS,
      '--format',
      'json',
      '--save-counts',
      files.path('counts.json'),
    ]);
    const again = await ethixai([
      'audit',
      '--counts',
      files.path('counts.json'),
      '--positive',
      '1',
      '--format',
      'json',
    ]);
    expect(again.code).toBe(0);
    const strip = (s: string) => {
      const r = json(s) as unknown as Record<string, unknown>;
      delete r.input;
      delete (r.provenance as Record<string, unknown>).pushdown;
      return r;
    };
    expect(strip(again.stdout)).toEqual(strip(saved.stdout));
  }, 30_000);
});

describe('ethixai sql', () => {
  const parser = new nodeSqlParser.Parser();
  it.each([
    ['trino', 'trino'],
    ['spark', 'hive'],
    ['bigquery', 'bigquery'],
  ])('prints a %s query that parses', async (dialect, grammar) => {
    const run = await ethixai([
      'sql',
      '--dialect',
      dialect,
      '--table',
      'analytics.decisions',
      '--label',
      'y',
      '--prediction',
      'p',
      '--sensitive',
      'race,sex',
      '--score',
      's',
      '--where',
      "region=O'Brien",
    ]);
    expect(run.code).toBe(0);
    expect(() => parser.astify(run.stdout.trim().replace(/;$/, ''), { database: grammar })).not.toThrow();
  });

  it('--format json gives the specification a counts document carries', async () => {
    const run = await ethixai([
      'sql',
      '--dialect',
      'trino',
      '--table',
      't',
      '--label',
      'y',
      '--prediction',
      'p',
      '--sensitive',
      'g',
      '--numeric',
      'y',
      '--format',
      'json',
    ]);
    const out = JSON.parse(run.stdout);
    expect(out.query).toMatchObject({
      dialect: 'trino',
      label: 'y',
      kinds: { y: 'number', p: 'text', g: 'text' },
      source: { kind: 'table', name: ['t'] },
    });
    expect(out.sql).toContain('GROUP BY 1, 2, 3');
  });
});

describe('bad input', () => {
  const expectFailure = async (argv: string[], code: number, message: string) => {
    const run = await ethixai(argv);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(code);
  };

  it('an unknown column in a Parquet file', () =>
    expectFailure(
      ['audit', files.path('biased.parquet'), ...ARGS.slice(0, -1), 'race'],
      2,
      'sensitive: column "race" is not in parquet',
    ));

  it('an unsupported dialect', () =>
    expectFailure(
      ['sql', '--dialect', 'oracle', '--table', 't', ...ARGS],
      2,
      'dialect "oracle" is not supported; use one of duckdb, postgres, trino, spark, bigquery [PUSH_ERR_UNSUPPORTED_DIALECT]',
    ));

  it('an unreachable database exits 4 and names it without the password', async () => {
    const run = await ethixai(['audit', '--source', 'postgres://a:secret@127.0.0.1:26002/db', '--table', 't', ...ARGS]);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'ethixai: cannot reach PostgreSQL at postgres://a@127.0.0.1:26002/db (ECONNREFUSED) [PUSH_ERR_SOURCE_UNREACHABLE]\n',
    );
  });

  it('a --where without a value, and a counts file that is not JSON', async () => {
    await expectFailure(
      ['audit', files.path('biased.parquet'), ...ARGS, '--where', 'region'],
      2,
      '--where takes COLUMN=VALUE',
    );
    await expectFailure(['audit', '--counts', files.path('biased.csv'), ...ARGS], 2, 'not valid JSON');
  });
});

describe.skipIf(!PG_URL)('audits counted in PostgreSQL', () => {
  const schema = `cli_${process.pid}`;
  beforeAll(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.d ("group" TEXT, label TEXT, pred TEXT)`);
    for (const line of BIASED_CSV.trim().split('\n').slice(1))
      await c.query(`INSERT INTO ${schema}.d VALUES ($1, $2, $3)`, line.split(','));
    await c.end();
  }, 60_000);
  afterAll(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  });

  it('--source and --table give the counts of the CSV read here', async () => {
    const here = await ethixai(['audit', files.path('biased.csv'), ...ARGS, '--format', 'json']);
    const run = await ethixai(['audit', '--source', PG_URL!, '--table', `${schema}.d`, ...ARGS, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(groups(run.stdout)).toEqual(groups(here.stdout));
    expect(json(run.stdout).input).toEqual({
      source: expect.stringContaining(`${schema}.d at postgres://`),
      counted: expect.stringContaining('in postgres'),
    });
  }, 30_000);
});
