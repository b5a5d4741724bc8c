/**
 * A fresh PostgreSQL schema per run, so a run on a shared database starts empty (and its first
 * backend creates the admin) and leaves nothing behind: the services get the URL with
 * `search_path` set to it, and the schema is dropped when the run's stack stops.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

async function query(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function freshSchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `stress_${randomUUID().replaceAll('-', '')}`;
  await query(databaseUrl, `create schema ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => query(databaseUrl, `drop schema if exists ${schema} cascade`) };
}
