import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';

const PG_URL = process.env.ETHIXAI_TEST_PG_URL;

/**
 * PostgreSQL drops the backend's idle connections (a restart, a failover, a network reset):
 * the pool reports it as a warning, the process survives, and the next query reconnects.
 * Unhandled, pg.Pool's 'error' event used to crash the backend.
 */
describe.runIf(PG_URL)('postgres: idle connections lost', () => {
  it('warns, survives, and reconnects on the next query', async () => {
    const warnings: string[] = [];
    const handle = connect({
      url: PG_URL as string,
      poolSize: 2,
      onWarning: (_err, message) => warnings.push(message),
    });
    try {
      const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]?.pid);
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      for (let i = 0; i < 50 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(warnings).toEqual(['an idle PostgreSQL connection was lost; the pool replaces it']);
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });

  it('a connection lost inside a transaction fails that transaction, not the process', async () => {
    const warnings: string[] = [];
    const handle = connect({
      url: PG_URL as string,
      poolSize: 2,
      onWarning: (_err, message) => warnings.push(message),
    });
    try {
      const outcome = handle.db.transaction().execute(async (trx) => {
        const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid);
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [pid]);
        await admin.end();
        // The checked-out client hears the loss between two statements of the transaction.
        for (let i = 0; i < 50 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      expect(warnings).toContain(
        'a PostgreSQL connection in use was lost; its transaction fails and the pool replaces it',
      );
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });
});
