import SQLite from 'better-sqlite3';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { describeQuery, scopeToTrace, tagQueryWithTrace, tracedDialect } from '../src/db-tracing.ts';
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
  it.skipIf(!available)('makes one CLIENT span per query of a trace-scoped handle, through transactions, and marks failures', async () => {
    traced = createInMemoryTracing({ registerGlobal: false });
    db = new Kysely<Db>({ dialect: tracedDialect(makeDialect(), { system, tracer: traced.tracing.tracer }) });
    const table = `items_${process.pid}_${Date.now()}`;
    await sql`create table ${sql.table(table)} (id integer primary key, name text)`.execute(db); // outside any trace: no span
    expect(traced.spans()).toHaveLength(0);

    await traced.tracing.withSpan('GET /items', {}, async (span) => {
      const scoped = scopeToTrace(db!, trace.setSpan(ROOT_CONTEXT, span));
      await scoped.transaction().execute(async (trx) => {
        await trx.insertInto(table as 'items').values({ id: 1, name: 'a' }).execute();
      });
      // The unscoped handle inside the same span: not traced (no async-hook context).
      expect(await db!.selectFrom(table as 'items').select('id').execute()).toHaveLength(1);
      const rows = await scoped.selectFrom(table as 'items').selectAll().where('id', '=', 1).execute();
      expect(rows).toEqual([{ id: 1, name: 'a' }]);
      await expect(sql`select * from no_such_table_xyz`.execute(scoped)).rejects.toThrow();
      // A query compiled once and executed later is traced when tagged.
      await scoped.executeQuery(tagQueryWithTrace(CompiledQuery.raw(`select count(*) as n from ${table}`, []), scoped));
      // The same on an unscoped handle: not traced.
      await db!.executeQuery(tagQueryWithTrace(CompiledQuery.raw(`select count(*) as n from ${table}`, []), db!));
    });
    // An unsampled or absent context gives back the very same handle: no cost for unsampled requests.
    expect(scopeToTrace(db, undefined)).toBe(db);
    expect(scopeToTrace(db, trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 0 })))).toBe(db);

    await sql`drop table ${sql.table(table)}`.execute(db);
    const spans = traced.spans();
    const parent = spans.find((s) => s.name === 'GET /items')!;
    const queries = spans.filter((s) => s !== parent);
    expect(queries.map((s) => s.name)).toEqual([`INSERT ${table}`, `SELECT ${table}`, 'SELECT no_such_table_xyz', `SELECT ${table}`]);
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
