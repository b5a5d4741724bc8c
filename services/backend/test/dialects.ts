import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type DbHandle, type DialectName } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/**
 * The dialects every storage test runs on: SQLite always, PostgreSQL when ETHIXAI_TEST_PG_URL is
 * set. Each `open()` gives a fresh, migrated database: a temp file on SQLite, a new schema on PG.
 */
// Tests may read the environment; the service never does outside config/env.ts.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;

export interface TestDialect {
  name: DialectName;
  /** A fresh empty database, migrated; `dispose` drops it. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase {
  handle: DbHandle;
  url: string;
  dispose(): Promise<void>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-be-'));
    const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
    const handle = connect({ url });
    await migrateToLatest(handle.db);
    return {
      handle,
      url,
      dispose: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestDialect = {
  name: 'postgres',
  async open() {
    const schema = `t_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = withSearchPath(PG_URL as string, schema);
    const handle = connect({ url, poolSize: 4 });
    await migrateToLatest(handle.db);
    return {
      handle,
      url,
      dispose: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  },
};

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

if (!PG_URL) console.log('[dialects] SKIP postgres: set ETHIXAI_TEST_PG_URL to run storage tests on PostgreSQL too');

export const DIALECTS: readonly TestDialect[] = PG_URL ? [sqlite, postgres] : [sqlite];
