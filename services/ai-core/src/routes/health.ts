/**
 * Liveness and readiness. ai-core has no dependencies, so /health only says the process serves
 * HTTP and /ready only turns 503 while the process is shutting down (load balancers stop
 * sending new analyses before the listener closes).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AiCoreError } from '../errors.ts';

const StatusSchema = Type.Object({ status: Type.String() });

export interface Readiness {
  shuttingDown: boolean;
}

export function healthRoutes(readiness: Readiness) {
  return async function routes(fastify: FastifyInstance): Promise<void> {
    fastify.get('/health', { schema: { response: { 200: StatusSchema } } }, async () => ({ status: 'ok' }));
    fastify.get('/ready', { schema: { response: { 200: StatusSchema } } }, async () => {
      if (readiness.shuttingDown) throw new AiCoreError('AIC_ERR_NOT_READY', 'ai-core is shutting down');
      return { status: 'ready' };
    });
  };
}
