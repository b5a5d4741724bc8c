import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { connect, type DbHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';
import { withAuditKeys } from '../audit-log/audit-keys-binding.ts';
import { createHmacKeyRing } from '../audit-log/hmac-keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The typed query builder; repositories take it as their only dependency. */
    db: Kysely<Database>;
    dbHandle: DbHandle;
  }
}

export interface DbPluginOptions {
  /** A handle owned by the caller (tests); otherwise one is opened from config and closed with the app. */
  handle?: DbHandle;
}

async function dbPlugin(fastify: FastifyInstance, opts: DbPluginOptions): Promise<void> {
  const handle =
    opts.handle ??
    connect({
      url: fastify.config.DATABASE_URL,
      sqliteSynchronous: fastify.config.SQLITE_SYNCHRONOUS,
      backgroundCheckpoint: true,
      postgresTimeouts: {
        queryMs: fastify.config.DATABASE_QUERY_TIMEOUT_MS,
        connectMs: fastify.config.DATABASE_CONNECT_TIMEOUT_MS,
      },
      queryDuration: fastify.telemetry.metrics?.instruments.dbQueryDuration,
      onWarning: (err, message) => fastify.log.warn({ err }, message),
    });
  if (!opts.handle) fastify.addHook('onClose', () => handle.close());
  fastify.telemetry.metrics?.watchDatabase(() => handle.stats());
  // Migrations run at boot so a process never serves an older schema than its code expects. On
  // PostgreSQL they run on a connection of their own, free of the serving pool's query timeout:
  // building an index on a large table may take longer than any request should.
  if (!opts.handle && handle.dialect === 'postgres') {
    const migrations = connect({ url: fastify.config.DATABASE_URL, poolSize: 1 });
    try {
      await migrateToLatest(migrations.db);
    } finally {
      await migrations.close();
    }
  } else await migrateToLatest(handle.db);
  // Bound to the audit HMAC keys, so any feature's transaction can seal its audit entry.
  fastify.decorate('db', withAuditKeys(handle.db, createHmacKeyRing(fastify.secrets.AUDIT_HMAC_KEYS)));
  fastify.decorate('dbHandle', handle);
}

export default fp(dbPlugin, { name: 'db', dependencies: ['config'] });
