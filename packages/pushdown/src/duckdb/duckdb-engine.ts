/**
 * Embedded DuckDB as a pushdown engine: Parquet files (one, a list, or globs) and CSV files, read
 * where they lie and aggregated in DuckDB's own threads. Memory stays bounded whatever the file size:
 * DuckDB streams the scan, its hash aggregate holds one entry per group, it spills to a temporary
 * directory past `memoryLimit`, and result rows are read chunk by chunk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { dialectOf } from '../dialects.ts';
import type { Cell, Engine, QueryResult, SourceColumn } from '../engine.ts';
import { loadDriver, pushdownError } from '../errors.ts';
import { fromSource, describeSource } from '../source.ts';
import type { ColumnKind, SourceSpec } from '../spec.ts';
import { render, sql, type RenderedSql } from '../sql.ts';

export interface DuckDBOptions {
  /** DuckDB's worker threads (default: DuckDB's choice, one per core). */
  readonly threads?: number;
  /** DuckDB's memory limit, e.g. "512MB" (default 512MB): past it, operators spill to a temporary directory. */
  readonly memoryLimit?: string;
}

const NUMBER =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const OTHER = /^(BOOLEAN|DATE|TIME|TIMESTAMP.*|TIME WITH TIME ZONE|UUID|INTERVAL|ENUM\(.*\))$/;

export function duckdbKind(type: string): ColumnKind | null {
  if (type === 'VARCHAR') return 'text';
  if (NUMBER.test(type)) return 'number';
  if (OTHER.test(type)) return 'other';
  return null;
}

type DuckDB = typeof import('@duckdb/node-api');

export async function openDuckDB(options: DuckDBOptions = {}): Promise<Engine> {
  // Loaded on first use: the native addon costs nothing to commands that never count in DuckDB.
  const duckdb: DuckDB = await loadDriver('@duckdb/node-api', () => import('@duckdb/node-api'));
  const spill = mkdtempSync(join(tmpdir(), 'ethixai-duckdb-'));
  const settings: Record<string, string> = {
    memory_limit: options.memoryLimit ?? '512MB',
    temp_directory: spill,
    preserve_insertion_order: 'false',
    // Parquet and CSV readers are built in; never fetch an extension over the network.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (options.threads !== undefined) settings.threads = String(options.threads);
  let instance: Awaited<ReturnType<typeof duckdb.DuckDBInstance.create>>;
  let connection: DuckDBConnection;
  try {
    instance = await duckdb.DuckDBInstance.create(':memory:', settings);
    connection = await instance.connect();
  } catch (error) {
    rmSync(spill, { recursive: true, force: true });
    throw pushdownError(
      'PUSH_ERR_QUERY_FAILED',
      `DuckDB could not start: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  const dialect = dialectOf('duckdb');
  return {
    name: `duckdb ${duckdb.version().replace(/^v/, '')}`,
    dialect,
    rangeGuess: 'query',
    async columns(source: SourceSpec): Promise<Map<string, SourceColumn>> {
      const described = render(sql`DESCRIBE SELECT * FROM ${fromSource(source, dialect)}`, dialect, 'bind');
      const { rows } = await run(duckdb, connection, described, Number.MAX_SAFE_INTEGER, source);
      return new Map(rows.map((r) => [String(r[0]), { type: String(r[1]), kind: duckdbKind(String(r[1])) }]));
    },
    query: (query: RenderedSql, maxRows: number) => run(duckdb, connection, query, maxRows, null),
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

async function run(
  duckdb: DuckDB,
  connection: DuckDBConnection,
  query: RenderedSql,
  maxRows: number,
  source: SourceSpec | null,
): Promise<QueryResult> {
  let result;
  try {
    // Typed binding: a JS number is always a DOUBLE (1e100 would otherwise be taken for an integer).
    const types: DuckDBType[] = query.params.map((p) =>
      typeof p === 'number' ? duckdb.DOUBLE : typeof p === 'boolean' ? duckdb.BOOLEAN : duckdb.VARCHAR,
    );
    result = await connection.stream(query.text, query.params as (string | number | boolean | null)[], types);
  } catch (error) {
    throw duckdbError(error, source);
  }
  const columns = result.columnNames();
  const rows: Cell[][] = [];
  for (;;) {
    let chunk;
    try {
      chunk = await result.fetchChunk();
    } catch (error) {
      throw duckdbError(error, source);
    }
    if (!chunk || chunk.rowCount === 0) break;
    if (rows.length + chunk.rowCount > maxRows) {
      throw pushdownError(
        'PUSH_ERR_TOO_MANY_GROUPS',
        `the counting query returned more than ${maxRows} groups (sensitive values × label values × decisions × score bins); use fewer score bins (exact scores: too many distinct scores) or fewer sensitive columns`,
        { max: maxRows },
      );
    }
    for (const row of chunk.getRows()) rows.push(row.map(toCell));
  }
  return { columns, rows };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** DuckDB's message without its SQL excerpt; a missing file or a malformed CSV names the file. */
function duckdbError(error: unknown, source: SourceSpec | null): Error {
  const message = (error as Error).message ?? String(error);
  const first = message.split('\n')[0];
  if (/No files found|No such file|Cannot open file|does not exist/i.test(message)) {
    return pushdownError(
      'PUSH_ERR_SOURCE_NOT_FOUND',
      `${source ? describeSource(source) : 'the source'}: ${first}`,
      {},
      { cause: error },
    );
  }
  if (source !== null || /^(Invalid Input|Conversion|IO|Parser|Invalid) Error/.test(first)) {
    return pushdownError(
      'PUSH_ERR_INVALID_REQUEST',
      `${source ? `${describeSource(source)}: ` : ''}${first}`,
      {},
      { cause: error },
    );
  }
  return pushdownError('PUSH_ERR_QUERY_FAILED', `DuckDB: ${first}`, {}, { cause: error });
}
