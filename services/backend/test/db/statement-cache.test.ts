import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachedStatements } from '../../src/db/statement-cache.ts';

describe('CachedStatements (Kysely on better-sqlite3 with reused prepared statements)', () => {
  let dir: string;
  let sqlite: SQLite.Database;
  let cached: CachedStatements;
  let db: Kysely<{ t: { id: number; v: string } }>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-stmt-'));
    sqlite = new SQLite(path.join(dir, 'x.sqlite'));
    cached = new CachedStatements(sqlite, 3);
    db = new Kysely({ dialect: new SqliteDialect({ database: cached }) });
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hands out one statement per SQL text, and each run binds its own parameters', async () => {
    for (let i = 1; i <= 3; i++)
      await db
        .insertInto('t')
        .values({ id: i, v: `v${i}` })
        .execute();
    expect(cached.prepare('insert into "t" ("id", "v") values (?, ?)')).toBe(
      cached.prepare('insert into "t" ("id", "v") values (?, ?)'),
    );
    const rows = await db.selectFrom('t').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, v: 'v1' },
      { id: 2, v: 'v2' },
      { id: 3, v: 'v3' },
    ]);
    expect(await db.selectFrom('t').select('v').where('id', '=', 2).executeTakeFirst()).toEqual({ v: 'v2' });
  });

  it('keeps at most maxEntries statements, dropping the least recently used', () => {
    const a = cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(a); // now the most recent
    cached.prepare('select 4'); // evicts "select 2"
    expect(cached.size).toBe(3);
    expect(cached.prepare('select 1')).toBe(a);
  });

  it('never hands out a statement that is still iterating', async () => {
    for (let i = 1; i <= 3; i++)
      await db
        .insertInto('t')
        .values({ id: i, v: `v${i}` })
        .execute();
    const text = 'select id from t order by id';
    const first = cached.prepare(text);
    const seen: unknown[] = [];
    for (const row of first.iterate([])) {
      const again = cached.prepare(text);
      expect(again).not.toBe(first);
      seen.push((row as { id: number }).id, again.all([]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(cached.prepare(text)).toBe(first); // idle again: the cached one is reused
  });

  it('sees schema changes made after a statement was cached', async () => {
    await db.insertInto('t').values({ id: 1, v: 'a' }).execute();
    const read = () => sql<Record<string, unknown>>`select * from t`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, v: 'a' }]);
    await sql`alter table t add column w text default 'x'`.execute(db);
    expect((await read()).rows).toEqual([{ id: 1, v: 'a', w: 'x' }]);
  });
});
