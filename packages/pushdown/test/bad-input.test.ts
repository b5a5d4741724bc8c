/**
 * Bad input gets an error that names the problem (the column, the table, the server, the dialect)
 * with a stable code, never a stack trace or a password.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditConfig } from '@ethixai/fairness';
import { auditSource, openDuckDB } from '../src/duckdb/index.ts';
import { openPostgres } from '../src/postgres/index.ts';
import { dialectOf, type FilterSpec, type SourceSpec } from '../src/index.ts';
import { PG_URL, testSchema, type TestSchema } from './support/postgres.ts';

const CONFIG: AuditConfig = {
  label: 'label',
  prediction: 'decision',
  predictionPositive: ['approve'],
  sensitive: ['race'],
};

async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    const e = error as { code: string; message: string };
    expect(e.message).not.toMatch(/\n\s+at /);
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a failure');
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ethixai-pushdown-bad-'));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const file = (name: string) => join(dir, name).replaceAll("'", "''");
  await c.run(
    `COPY (SELECT * FROM (VALUES ('A', 'yes', 'approve', [1, 2], 'x'), ('B', 'no', 'deny', [3], '0.5')) AS t(race, label, decision, tags, w)) TO '${file('ok.parquet')}' (FORMAT parquet)`,
  );
  await c.run(
    `COPY (SELECT 'A' AS race, 'yes' AS label, 'approve' AS decision WHERE false) TO '${file('empty.parquet')}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  writeFileSync(join(dir, 'header-only.csv'), 'race,label,decision\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function duck(
  config: AuditConfig,
  source: SourceSpec,
  filters: FilterSpec[] = [],
): Promise<{ code: string; message: string }> {
  const engine = await openDuckDB({ threads: 1 });
  try {
    return await failure(() => auditSource(engine, config, { source, filters }));
  } finally {
    await engine.close();
  }
}

const parquet = (name: string): SourceSpec => ({ kind: 'parquet', paths: [join(dir, name)] });

describe('DuckDB sources', () => {
  it('an unknown column names it, its role and the columns there are', async () => {
    expect(await duck({ ...CONFIG, sensitive: ['gender'] }, parquet('ok.parquet'))).toEqual({
      code: 'FAIR_ERR_COLUMN_NOT_FOUND',
      message: `sensitive: column "gender" is not in parquet ${join(dir, 'ok.parquet')} (columns: "race", "label", "decision", "tags", "w")`,
    });
  });

  it('a column of a type no audit can read', async () => {
    expect(await duck({ ...CONFIG, sensitive: ['tags'] }, parquet('ok.parquet'))).toEqual({
      code: 'PUSH_ERR_WRONG_TYPE',
      message: 'sensitive: column "tags" has type INTEGER[], which an audit cannot read',
    });
  });

  it('text where the weights must be numbers', async () => {
    expect(await duck({ ...CONFIG, weights: 'w' }, parquet('ok.parquet'))).toEqual({
      code: 'FAIR_ERR_NOT_NUMERIC',
      message: 'weights: column "w" holds a value that is not a number',
    });
  });

  it('an empty Parquet file and a CSV with only a header', async () => {
    expect(await duck(CONFIG, parquet('empty.parquet'))).toEqual({
      code: 'FAIR_ERR_EMPTY_INPUT',
      message: 'the input has no data rows',
    });
    expect((await duck(CONFIG, { kind: 'csv', path: join(dir, 'header-only.csv'), delimiter: ',' })).code).toBe(
      'FAIR_ERR_EMPTY_INPUT',
    );
  });

  it('a file that does not exist names it', async () => {
    const missing = await duck(CONFIG, parquet('nope-*.parquet'));
    expect(missing.code).toBe('PUSH_ERR_SOURCE_NOT_FOUND');
    expect(missing.message).toContain(join(dir, 'nope-*.parquet'));
  });

  it('too many groups is an error, not an exhausted memory', async () => {
    const engine = await openDuckDB({ threads: 1 });
    try {
      const e = await failure(() => auditSource(engine, CONFIG, { source: parquet('ok.parquet'), maxGroups: 1 }));
      expect(e.code).toBe('PUSH_ERR_TOO_MANY_GROUPS');
      expect(e.message).toMatch(/more than 1 groups/);
    } finally {
      await engine.close();
    }
  });
});

describe('dialects', () => {
  it('an unsupported dialect names itself and the supported ones', async () => {
    expect(await failure(async () => dialectOf('oracle'))).toEqual({
      code: 'PUSH_ERR_UNSUPPORTED_DIALECT',
      message: 'dialect "oracle" is not supported; use one of duckdb, postgres, trino, spark, bigquery',
    });
  });
});

describe('PostgreSQL connections', () => {
  it('an unreachable server is named without its password', async () => {
    // Nothing listens on this port of the range reserved for this suite.
    const e = await failure(() =>
      openPostgres({ url: 'postgres://auditor:s3cret@127.0.0.1:26001/decisions', connectTimeoutMs: 2000 }),
    );
    expect(e.code).toBe('PUSH_ERR_SOURCE_UNREACHABLE');
    expect(e.message).toBe('cannot reach PostgreSQL at postgres://auditor@127.0.0.1:26001/decisions (ECONNREFUSED)');
    expect(e.message).not.toContain('s3cret');
  });

  it('a URL that is not one', async () => {
    expect((await failure(() => openPostgres({ url: 'decisions' }))).code).toBe('PUSH_ERR_INVALID_REQUEST');
  });
});

describe.skipIf(!PG_URL)('PostgreSQL tables', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await testSchema();
    await schema.run(
      `CREATE TABLE ${schema.name}.d (race TEXT, label TEXT, decision TEXT, score TEXT, age INTEGER, raw BYTEA)`,
    );
    await schema.run(`INSERT INTO ${schema.name}.d VALUES ('A', 'yes', 'approve', '0.5', 30, NULL)`);
    await schema.run(`CREATE TABLE ${schema.name}.empty (race TEXT, label TEXT, decision TEXT)`);
  });
  afterAll(async () => schema?.drop());

  async function pgFailure(config: AuditConfig, table: string, filters: FilterSpec[] = []) {
    const engine = await openPostgres({ url: PG_URL! });
    try {
      return await failure(() =>
        auditSource(engine, config, { source: { kind: 'table', name: [schema.name, table] }, filters }),
      );
    } finally {
      await engine.close();
    }
  }

  it('an unknown column', async () => {
    const e = await pgFailure({ ...CONFIG, label: 'outcome' }, 'd');
    expect(e).toEqual({
      code: 'FAIR_ERR_COLUMN_NOT_FOUND',
      message: `label: column "outcome" is not in table ${schema.name}.d (columns: "race", "label", "decision", "score", "age", "raw")`,
    });
  });

  it('wrong types: a text score, buckets on text, a bytea group, a word for a number', async () => {
    expect(await pgFailure({ ...CONFIG, score: 'score' }, 'd')).toEqual({
      code: 'PUSH_ERR_WRONG_TYPE',
      message: 'score: column "score" has type text; it must be numeric',
    });
    expect((await pgFailure({ ...CONFIG, buckets: { race: [1] } }, 'd')).code).toBe('FAIR_ERR_INVALID_CONFIG');
    expect((await pgFailure({ ...CONFIG, sensitive: ['raw'] }, 'd')).code).toBe('PUSH_ERR_WRONG_TYPE');
    expect(await pgFailure(CONFIG, 'd', [{ column: 'age', value: 'thirty' }])).toEqual({
      code: 'PUSH_ERR_INVALID_REQUEST',
      message: 'where age=thirty: column "age" is numeric (int4) and "thirty" is not a number',
    });
  });

  it('an empty table, and a table that does not exist', async () => {
    expect(await pgFailure(CONFIG, 'empty')).toEqual({
      code: 'FAIR_ERR_EMPTY_INPUT',
      message: 'the input has no data rows',
    });
    const missing = await pgFailure(CONFIG, 'nope');
    expect(missing.code).toBe('PUSH_ERR_SOURCE_NOT_FOUND');
    expect(missing.message).toContain(`table ${schema.name}.nope`);
  });

  it('a wrong password is refused, and says so without the password', async () => {
    const url = new URL(PG_URL!);
    url.password = 'not-the-password';
    const e = await failure(() => openPostgres({ url: url.toString() }));
    expect(e.code).toBe('PUSH_ERR_SOURCE_UNREACHABLE');
    expect(e.message).toContain('refused');
    expect(e.message).not.toContain('not-the-password');
  });
});
