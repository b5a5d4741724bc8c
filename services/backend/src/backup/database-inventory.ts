import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** Row counts of every table of the database (the connection's schema on PostgreSQL), by name. */
export async function tableCounts(db: Kysely<Database>, dialect: DialectName): Promise<Record<string, number>> {
  const names =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of names.rows) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** SQLite's own consistency check of every page and index: 'ok' or the first problems found. */
export async function sqliteIntegrity(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return rows.map((r) => r.integrity_check).join('; ');
}
