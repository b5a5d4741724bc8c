import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { CounterStore } from './counter-store.ts';
import { createMemoryCounterStore } from './memory-counter-store.ts';
import { createPostgresCounterStore } from './postgres-counter-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The counters behind every limit; shared by all replicas on PostgreSQL. */
    rateCounters: CounterStore;
  }
}

export interface CountersPluginOptions {
  /** Tests may pass their own; otherwise PostgreSQL when it is the store, else this process's memory. */
  store?: CounterStore;
}

/**
 * Where limits count. On PostgreSQL (the store of a deployment with replicas) every limit is
 * global: all replicas count in one table. On SQLite (one process owns the file) in memory.
 */
async function countersPlugin(fastify: FastifyInstance, opts: CountersPluginOptions): Promise<void> {
  const store =
    opts.store ??
    (fastify.dbHandle.dialect === 'postgres' ? createPostgresCounterStore(fastify.db) : createMemoryCounterStore());
  fastify.decorate('rateCounters', store);
  fastify.addHook('onClose', () => store.close());
}

export default fp(countersPlugin, { name: 'rate-counters', dependencies: ['db'] });
