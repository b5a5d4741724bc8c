import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { isDatabaseUnavailable } from './unavailable.ts';

export interface PostgresTimeouts {
  /** Each query: cancelled by the server after this long (`statement_timeout`), given up on by
   *  the client one second later (pg's `query_timeout`: the answer never came, e.g. a partition). */
  queryMs: number;
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
}

/** The pool options that bound every wait on PostgreSQL; without them a silent partition (packets
 *  dropped, nothing reset) makes every request hang for as long as the partition lasts. */
export function poolTimeoutOptions(t: PostgresTimeouts): pg.PoolConfig {
  return {
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.queryMs,
    query_timeout: t.queryMs + 1_000,
    // Idle connections to a vanished host are found by the kernel, not left in the pool for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * The pool as Kysely uses it, with two changes: a connection error while a client is checked out
 * is heard (not an uncaught 'error' event), and a client whose query failed at the connection
 * level (timed out, reset, terminated) is destroyed when Kysely releases it, never reused. After
 * a client-side timeout the connection still waits for the lost answer, so a reused client would
 * hang every later query; pg-pool destroys a client released with a truthy argument.
 */
export function discardingBrokenClients(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken = false;
      // pg-pool listens for a client's 'error' only while it is idle: a connection reset during a
      // query emits 'error' on the checked-out client too, which, unheard, ends the process.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      const guarded = {
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        query(...args: unknown[]) {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          if (!(result instanceof Promise)) return result;
          return result.catch((err: unknown) => {
            if (isDatabaseUnavailable(err)) broken = true;
            throw err;
          });
        },
        release(destroy?: boolean) {
          const discard = Boolean(destroy) || broken;
          // A discarded connection keeps the listener: its socket may still report a late reset.
          if (!discard) client.removeListener('error', onError);
          client.release(discard);
        },
      };
      return guarded as unknown as PostgresPoolClient;
    },
  };
}
