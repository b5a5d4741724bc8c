import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { kyselyQueryTelemetry, type DatabaseStats, type DbQueryDuration } from '@ethixai/observability';
import type { Database } from './schema.ts';
import { discardingBrokenClients, poolTimeoutOptions, type PostgresTimeouts } from './postgres-timeouts.ts';
import { CachedStatements } from './statement-cache.ts';
import { startWalCheckpointer, walFileBytes, type WalCheckpointer } from './wal-checkpointer.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Cheap round trip used by /ready. */
  ping(): Promise<void>;
  /** Pool occupancy (PostgreSQL) or WAL file size (SQLite file), read at every metrics scrape. */
  stats(): DatabaseStats;
  close(): Promise<void>;
}

export interface ConnectOptions {
  url: string;
  /** NORMAL: with WAL, a committed transaction survives a process crash (our "acknowledged" bar);
   *  FULL additionally survives power loss at the cost of an fsync per commit. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  poolSize?: number;
  /** PostgreSQL only: bound every query and every wait for a connection (serving processes; a
   *  one-shot tool or a migration may run long statements and leaves them out). */
  postgresTimeouts?: PostgresTimeouts;
  /** SQLite file only: checkpoint the WAL from a worker thread (see wal-checkpointer.ts) instead
   *  of inside COMMITs on the event loop. For serving processes; one-shot tools need not. */
  backgroundCheckpoint?: boolean;
  /** The service's query histogram (ethixai_db_query_duration_seconds); one-shot tools leave it out. */
  queryDuration?: DbQueryDuration;
  /** Told about trouble that does not stop the handle working (e.g. the checkpoint worker died). */
  onWarning?: (err: unknown, message: string) => void;
}

const CHECKPOINT_INTERVAL_MS = 200;
/** 4,000 pages of 4 KiB: the WAL is rewound after at most ~16 MB. */
const CHECKPOINT_RESTART_FRAMES = 4_000;
/** 256 pages: the worker starts well before SQLite's own checkpoint at 1,000 pages would run. */
const CHECKPOINT_WORKER_START_BYTES = 256 * 4096;

const INT8_OID = 20;

export function connect(options: ConnectOptions): DbHandle {
  if (/^postgres(ql)?:\/\//.test(options.url)) return connectPostgres(options);
  if (options.url.startsWith('sqlite:')) return connectSqlite(options);
  throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got ${options.url.split(':')[0]}:)`);
}

function connectSqlite(options: ConnectOptions): DbHandle {
  const file = options.url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  let checkpointer: WalCheckpointer | undefined;
  if (options.backgroundCheckpoint && file !== ':memory:') {
    checkpointer = startWalCheckpointer(sqlite, file, {
      intervalMs: CHECKPOINT_INTERVAL_MS,
      restartFrames: CHECKPOINT_RESTART_FRAMES,
      startAtWalBytes: CHECKPOINT_WORKER_START_BYTES,
      onFailure: (err) =>
        options.onWarning?.(err, 'WAL checkpoint worker failed; SQLite checkpoints automatically again'),
    });
  }
  // Queries of a sampled request become spans through Kysely's `log` option (query-spans.ts says why).
  const log = kyselyQueryTelemetry({ system: 'sqlite', spans: true, duration: options.queryDuration });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new CachedStatements(sqlite) }), log });
  const ping = sqlite.prepare('select 1');
  return {
    db,
    dialect: 'sqlite',
    ping: async () => void ping.get(),
    stats: () => (file === ':memory:' ? {} : { walBytes: walFileBytes(file) }),
    close: async () => {
      // The worker's connection first, so the last close checkpoints and removes the WAL.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

// Loaded on first connect, not when this module is imported: @opentelemetry/instrumentation-pg
// patches `pg` when it is required, and telemetry starts after the app's modules are imported.
const requirePg = () => createRequire(import.meta.url)('pg') as typeof pg;

function connectPostgres(options: ConnectOptions): DbHandle {
  const pg = requirePg();
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.postgresTimeouts ? poolTimeoutOptions(options.postgresTimeouts) : {}),
    // Epoch-millisecond columns are int8; parse them as numbers (exact below 2^53) on this pool only.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // instrumentation-pg spans these queries; the log option only feeds the histogram.
  const log = kyselyQueryTelemetry({ system: 'postgresql', spans: false, duration: options.queryDuration });
  // An idle client whose connection drops (server restart, failover, a reset) is reported here;
  // unheard, the pool's 'error' event would crash the process. The pool discards the client and
  // connects a new one on demand, so the next query succeeds once the database is back.
  pool.on('error', (err) => options.onWarning?.(err, 'an idle PostgreSQL connection was lost; the pool replaces it'));
  // A client checked out of the pool (a transaction between its statements) has no pool listener:
  // its connection dropping raised an unheard 'error' and crashed the process. Heard, the
  // transaction's next statement fails (its request answers 503) and the pool drops the client on release.
  const lostInUse = (err: Error) =>
    options.onWarning?.(err, 'a PostgreSQL connection in use was lost; its transaction fails and the pool replaces it');
  pool.on('acquire', (client) => client.on('error', lostInUse));
  pool.on('release', (_err, client) => client.removeListener('error', lostInUse));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingBrokenClients(pool) }), log });
  return {
    db,
    dialect: 'postgres',
    ping: async () => void (await pool.query('select 1')),
    stats: () => ({ pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } }),
    close: () => db.destroy(),
  };
}
