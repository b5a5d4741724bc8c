import SQLite from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteDialect,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { RowCountSql } from '../../src/db/row-count-sql.ts';

interface Row {
  k: string;
  n: number;
}
type Db = Kysely<{ t: Row }>;

const upsert = (db: Db, rows: Row[]) =>
  db
    .insertInto('t')
    .values(rows)
    .onConflict((oc) => oc.column('k').doUpdateSet((eb) => ({ n: eb('t.n', '+', eb.ref('excluded.n')) })));

describe('RowCountSql (a multi-row statement compiled once per row count)', () => {
  it("gives Kysely's own SQL and parameters, building the statement once per count", () => {
    // Compile-only PostgreSQL: numbered placeholders make the SQL text differ by count.
    const db: Db = new Kysely({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    let builds = 0;
    const statement = new RowCountSql<Db, Row>(['k', 'n'], (d, rows) => {
      builds += 1;
      return upsert(d, rows);
    });
    const first = [
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ];
    const second = [
      { n: 7, k: 'c' },
      { k: 'd', n: 8 },
    ];
    const q1 = statement.query(db, first);
    const q2 = statement.query(db, second);
    const q3 = statement.query(db, [{ k: 'e', n: 9 }]);
    expect(builds).toBe(2);
    expect(q1.sql).toBe(upsert(db, first).compile().sql);
    expect(q1.parameters).toEqual(['a', 1, 'b', 2]);
    expect(q2.sql).toBe(q1.sql);
    expect(q2.parameters).toEqual(['c', 7, 'd', 8]);
    expect(q3.sql).toBe(upsert(db, [{ k: 'e', n: 9 }]).compile().sql);
    expect(q3.parameters).toEqual(['e', 9]);
  });

  it('runs on SQLite with the bound values of each call', async () => {
    const db: Db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await sql`create table t (k text primary key, n integer not null)`.execute(db);
    const statement = new RowCountSql<Db, Row>(['k', 'n'], upsert);
    await db.executeQuery(statement.query(db, [{ k: 'a', n: 1 }]));
    await db.executeQuery(statement.query(db, [{ k: 'a', n: 5 }]));
    await db.executeQuery(
      statement.query(db, [
        { k: 'a', n: 10 },
        { k: 'b', n: 2 },
      ]),
    );
    expect(await db.selectFrom('t').selectAll().orderBy('k').execute()).toEqual([
      { k: 'a', n: 16 },
      { k: 'b', n: 2 },
    ]);
    await db.destroy();
  });

  it('refuses a statement whose parameters Kysely binds in another order than the columns', () => {
    const db: Db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    // Listing n before k: Kysely binds in the order of the value objects' keys, not this list.
    const statement = new RowCountSql<Db, Row>(['n', 'k'], (d, rows) =>
      upsert(
        d,
        rows.map((r) => ({ k: r.k, n: r.n })),
      ),
    );
    expect(() => statement.query(db, [{ k: 'a', n: 1 }])).toThrow(/another order than n, k/);
  });
});
