/**
 * PostgreSQL as a pushdown engine: the counting query runs in the database with every value bound
 * as a parameter; only its result (one row per group) travels. Connection failures name the server
 * (never the password); a missing table names the table.
 */
import type pg from 'pg';
import { dialectOf } from '../dialects.ts';
import type { Cell, Engine, QueryResult, SourceColumn } from '../engine.ts';
import { loadDriver, pushdownError } from '../errors.ts';
import { describeSource } from '../source.ts';
import type { ColumnKind, SourceSpec } from '../spec.ts';
import { ident, render, sql, type RenderedSql } from '../sql.ts';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  readonly connectTimeoutMs?: number;
  /** Per statement, in the database (statement_timeout); 0 = none. */
  readonly statementTimeoutMs?: number;
  /** work_mem of this session (default 256MB): the counting query's hash aggregate stays in memory. */
  readonly workMem?: '64MB' | '128MB' | '256MB' | '512MB' | '1GB';
}

/** int8 (count(*)) and numeric as JS numbers: counts stay far below 2^53. */
function types(driver: typeof pg) {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === 20 || oid === 1700) return (v: string) => Number(v);
      return driver.types.getTypeParser(oid, format);
    },
  };
}

/** Where the server is, for messages: postgres://user@host:port/database (no password). */
export function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the PostgreSQL server (its URL cannot be parsed)';
  }
}

export async function openPostgres(options: PostgresOptions): Promise<Engine> {
  const server = serverOf(options.url);
  try {
    new URL(options.url);
  } catch {
    throw pushdownError(
      'PUSH_ERR_INVALID_REQUEST',
      'source: not a URL; expected postgres://user:password@host:port/database',
      { field: 'source' },
    );
  }
  // Loaded on first use, like DuckDB: other commands do not pay for the driver.
  const driver = (await loadDriver('pg', () => import('pg'))).default;
  const client = new driver.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 0,
    application_name: 'ethixai-pushdown',
    types: types(driver),
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw postgresError(error, server, null);
  }
  const dialect = dialectOf('postgres');
  let version: string;
  try {
    version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '';
    // This session runs one large aggregate (about 140,000 groups for three attributes with score
    // bins). The query joins the score bin to a series so that the planner knows the number of
    // groups and aggregates in parallel workers (counts-query.ts); these settings keep that plan: a
    // hash table per worker that fits in work_mem (no spill to disk), no sorts (the planner would
    // otherwise sort every row for a merge join with the bin series) and no JIT compilation
    // (seconds for a one-off query). Parallelism stays the server's (max_parallel_workers_per_gather).
    await client.query(`SET work_mem = '${options.workMem ?? '256MB'}'`);
    await client.query('SET enable_sort = off');
    await client.query('SET jit = off');
  } catch (error) {
    await client.end().catch(() => {});
    throw postgresError(error, server, null);
  }
  return {
    name: `postgres ${version.split(' ')[0]}`,
    dialect,
    rangeGuess: 'probability',
    async columns(source: SourceSpec): Promise<Map<string, SourceColumn>> {
      if (source.kind !== 'table')
        throw pushdownError('PUSH_ERR_INVALID_REQUEST', `PostgreSQL reads tables, not ${source.kind} files`, {
          field: 'source',
        });
      const probe = render(sql`SELECT * FROM ${ident(...source.name)} LIMIT 0`, dialect, 'bind');
      let fields: pg.FieldDef[];
      try {
        fields = (await client.query(probe.text)).fields;
      } catch (error) {
        throw postgresError(error, server, source);
      }
      const types = await client.query<{ oid: number; typname: string; typcategory: string }>(
        'SELECT oid::int AS oid, typname, typcategory FROM pg_type WHERE oid = ANY($1::oid[])',
        [fields.map((f) => f.dataTypeID)],
      );
      const byOid = new Map(types.rows.map((t) => [t.oid, t]));
      return new Map(
        fields.map((f) => {
          const t = byOid.get(f.dataTypeID);
          return [
            f.name,
            { type: t?.typname ?? `oid ${f.dataTypeID}`, kind: t ? postgresKind(t.typname, t.typcategory) : null },
          ];
        }),
      );
    },
    async query(query: RenderedSql, maxRows: number): Promise<QueryResult> {
      let result: pg.QueryArrayResult<Cell[]>;
      try {
        // One row past the limit tells "too many" from "exactly the limit" without reading more.
        result = await client.query<Cell[]>({
          text: `SELECT * FROM (${query.text}) AS "limited" LIMIT ${maxRows + 1}`,
          values: query.params as unknown[],
          rowMode: 'array',
        });
      } catch (error) {
        throw postgresError(error, server, null);
      }
      if (result.rows.length > maxRows) {
        throw pushdownError(
          'PUSH_ERR_TOO_MANY_GROUPS',
          `the counting query returned more than ${maxRows} groups (sensitive values × label values × decisions × score bins); use fewer score bins (exact scores: too many distinct scores) or fewer sensitive columns`,
          { max: maxRows },
        );
      }
      return { columns: result.fields.map((f) => f.name), rows: result.rows };
    },
    async close(): Promise<void> {
      await client.end();
    },
  };
}

export function postgresKind(typname: string, category: string): ColumnKind | null {
  if (typname === 'bytea') return null;
  if (category === 'N') return 'number';
  if (category === 'S') return 'text';
  if (['B', 'D', 'E', 'I', 'T', 'U'].includes(category)) return 'other';
  return null;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'ENETUNREACH',
]);

function postgresError(error: unknown, server: string, source: SourceSpec | null): Error {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (
    (e.code && CONNECTION_CODES.has(e.code)) ||
    /timeout|terminated unexpectedly|Connection terminated/i.test(message)
  ) {
    return pushdownError(
      'PUSH_ERR_SOURCE_UNREACHABLE',
      `cannot reach PostgreSQL at ${server} (${e.code ?? message})`,
      { server },
      { cause: error },
    );
  }
  if (e.code === '28P01' || e.code === '28000' || e.code === '42501') {
    return pushdownError(
      'PUSH_ERR_SOURCE_UNREACHABLE',
      `PostgreSQL at ${server} refused: ${message}`,
      { server },
      { cause: error },
    );
  }
  if (e.code === '3D000' || e.code === '42P01' || e.code === '3F000') {
    return pushdownError(
      'PUSH_ERR_SOURCE_NOT_FOUND',
      `${source ? `${describeSource(source)}: ` : ''}${message} (at ${server})`,
      { server },
      { cause: error },
    );
  }
  if (e.code?.startsWith('22') || e.code?.startsWith('42')) {
    return pushdownError('PUSH_ERR_INVALID_REQUEST', `PostgreSQL: ${message}`, {}, { cause: error });
  }
  return pushdownError('PUSH_ERR_QUERY_FAILED', `PostgreSQL at ${server}: ${message}`, { server }, { cause: error });
}
