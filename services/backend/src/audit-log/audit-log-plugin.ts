import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createAuditLogService, type AuditLogService } from './audit-log-service.ts';
import auditLogRoutes from './audit-log-routes.ts';
import { auditKeysOf } from './audit-keys-binding.ts';
import { createCheckpointKeyRing } from './checkpoint-keys.ts';
import { checkpointFile, writerId } from './checkpoint-settings.ts';
import { createCheckpointWriter, type CheckpointWriter } from './checkpoint-writer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auditLogService: AuditLogService;
    /** Signs checkpoints while this replica holds the lease; `tick()` runs one now. */
    auditCheckpoints: CheckpointWriter;
  }
}

/**
 * The audit log: `GET /v1/audit-log`, and the checkpoint writer. Other features append their
 * entries themselves, in the transaction that makes the change (initiator.ts).
 */
async function auditLogPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate('auditLogService', createAuditLogService(fastify.db));
  const writer = createCheckpointWriter({
    db: fastify.db,
    file: checkpointFile(fastify.config),
    hmacKeys: auditKeysOf(fastify.db),
    signingKeys: createCheckpointKeyRing(fastify.secrets.AUDIT_SIGNING_KEYS),
    intervalMs: fastify.config.AUDIT_CHECKPOINT_INTERVAL_MS,
    holder: writerId(),
    log: fastify.log,
  });
  fastify.decorate('auditCheckpoints', writer);
  fastify.addHook('onReady', async () => writer.start());
  // Runs before the database closes (onClose hooks run last-registered first).
  fastify.addHook('onClose', async () => writer.stop());
  await fastify.register(auditLogRoutes, { prefix: '/v1' });
}

export default fp(auditLogPlugin, { name: 'audit-log', dependencies: ['db', 'auth'] });
