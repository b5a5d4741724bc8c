/** PostgreSQL for the tests: ETHIXAI_TEST_PG_URL (CI sets it); a fresh schema per suite, dropped after. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

// Tests may read the environment.
export const PG_URL = process.env.ETHIXAI_TEST_PG_URL;

if (!PG_URL) console.warn('SKIPPED: the PostgreSQL pushdown tests need ETHIXAI_TEST_PG_URL');

export interface TestSchema {
  name: string;
  run(sql: string): Promise<void>;
  drop(): Promise<void>;
}

export async function testSchema(): Promise<TestSchema> {
  const name = `pushdown_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${name}`);
  return {
    name,
    run: async (sql) => {
      await client.query(sql);
    },
    drop: async () => {
      await client.query(`DROP SCHEMA ${name} CASCADE`);
      await client.end();
    },
  };
}
