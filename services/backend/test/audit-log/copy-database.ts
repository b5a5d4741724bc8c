import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { TestDatabase, TestDialect } from '../dialects.ts';

/**
 * A fresh database of `dialect` holding `from`'s audit tables: a copy as a dump restored elsewhere
 * (or a backup) would be. No HMAC key is bound to it.
 */
export async function copyAuditTables(from: Kysely<Database>, dialect: TestDialect): Promise<TestDatabase> {
  const copy = await dialect.open();
  const rows = await from.selectFrom('audit_log').selectAll().execute();
  const heads = await from.selectFrom('audit_chain_heads').selectAll().execute();
  if (rows.length > 0) await copy.handle.db.insertInto('audit_log').values(rows).execute();
  if (heads.length > 0) await copy.handle.db.insertInto('audit_chain_heads').values(heads).execute();
  return copy;
}
