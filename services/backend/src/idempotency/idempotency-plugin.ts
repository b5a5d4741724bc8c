import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { analysesSettings } from '../analyses/analyses-settings.ts';
import { createIdempotencyRepository, type IdempotencyRepository } from './idempotency-repository.ts';
import type { IdempotencyTables } from './idempotency-table.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's idempotency records: one lease owner and one renewal timer for every route. */
    idempotency: IdempotencyRepository;
  }
}

async function idempotencyPlugin(fastify: FastifyInstance): Promise<void> {
  const settings = analysesSettings(fastify.config, fastify.secrets);
  const idempotency = createIdempotencyRepository(fastify.db as unknown as Kysely<IdempotencyTables>, {
    ttlMs: settings.idempotencyTtlMs,
    leaseMs: settings.IDEMPOTENCY_LEASE_MS,
    renewMs: settings.idempotencyRenewMs,
    legacyStaleMs: settings.idempotencyLegacyStaleMs,
    onRenewError: (error) => fastify.log.warn({ err: error }, 'idempotency lease renewal failed'),
  });
  fastify.decorate('idempotency', idempotency);
  // After the requests in flight have drained (onClose runs once the server has closed).
  fastify.addHook('onClose', async () => idempotency.stopRenewing());
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['config', 'db'] });
