import SQLite from 'better-sqlite3';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { describeQuery, tracedDialect } from '../src/db-tracing.ts';
import { createInMemoryTracing, type InMemoryTracing } from '../src/testing.ts';

interface Db {
  items: { id: number; name: string };
}

let traced: InMemoryTracing | undefined;
let db: Kysely<Db> | undefined;
afterEach(async () => {
  await db?.destroy();
  await traced?.tracing.shutdown();
  db = traced = undefined;
});

const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
if (PG_URL === undefined) console.warn('SKIP: ETHIXAI_TEST_PG_URL unset; tracedDialect is tested on SQLite only');

const dialects: Array<[string, () => Dialect, boolean]> = [
  ['sqlite', () => new SqliteDialect({ database: new SQLite(':memory:') }), true],
  ['postgresql', () => new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 2 }) }), PG_URL !== undefined],
];

describe.each(dialects)('tracedDialect on %s', (system, makeDialect, available) => {
  it.skipIf(!available)('makes one CLIENT span per query under the active span, through transactions, and marks failures', async () => {
    traced = createInMemoryTracing({ registerGlobal: false });
    db = new Kysely<Db>({ dialect: tracedDialect(makeDialect(), { system, tracer: traced.tracing.tracer }) });
    const table = `items_${process.pid}_${Date.now()}`;
    await sql`create table ${sql.table(table)} (id integer primary key, name text)`.execute(db); // outside any trace: no span
    expect(traced.spans()).toHaveLength(0);

    await traced.tracing.withSpan('GET /items', {}, async () => {
      await db!.transaction().execute(async (trx) => {
        await trx.insertInto(table as 'items').values({ id: 1, name: 'a' }).execute();
      });
      const rows = await db!.selectFrom(table as 'items').selectAll().where('id', '=', 1).execute();
      expect(rows).toEqual([{ id: 1, name: 'a' }]);
      await expect(sql`select * from no_such_table_xyz`.execute(db!)).rejects.toThrow();
    });

    await sql`drop table ${sql.table(table)}`.execute(db);
    const spans = traced.spans();
    const parent = spans.find((s) => s.name === 'GET /items')!;
    const queries = spans.filter((s) => s !== parent);
    expect(queries.map((s) => s.name)).toEqual([`INSERT ${table}`, `SELECT ${table}`, 'SELECT no_such_table_xyz']);
    for (const span of queries) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(span.attributes['db.system.name']).toBe(system);
    }
    expect(queries[1]!.attributes['db.operation.name']).toBe('SELECT');
    expect(String(queries[1]!.attributes['db.query.text'])).toMatch(/where "id" = (\?|\$1)/);
    expect(queries[2]!.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('describeQuery', () => {
  it('extracts the operation and first table', () => {
    expect(describeQuery('select "a" from "reports" where x = ?')).toEqual({ operation: 'SELECT', target: 'reports' });
    expect(describeQuery('insert into "jobs" ("id") values ($1)')).toEqual({ operation: 'INSERT', target: 'jobs' });
    expect(describeQuery('update users set x = 1')).toEqual({ operation: 'UPDATE', target: 'users' });
    expect(describeQuery('begin')).toEqual({ operation: 'BEGIN', target: undefined });
  });
});
