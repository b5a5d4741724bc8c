import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FairnessHistoryQuerySchema, FairnessHistorySchema, IdParamsSchema } from '@ethixai/contracts';
import { errors } from '../../http/error-responses.ts';
import type { FairnessHistoryService } from './history-service.ts';

const historyRoutes: FastifyPluginAsyncTypebox<{ service: FairnessHistoryService }> = async (fastify, { service }) => {
  fastify.get(
    '/models/:id/fairness/history',
    {
      preHandler: fastify.requireRole('viewer'),
      schema: {
        tags: ['models'],
        summary:
          'The live fairness window at each bucket end in [from, to], under the current policy (from the stored bucket counts)',
        params: IdParamsSchema,
        querystring: FairnessHistoryQuerySchema,
        response: { 200: FairnessHistorySchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) =>
      service.history(request.principal.orgId, request.params.id, {
        from: Date.parse(request.query.from),
        to: request.query.to === undefined ? Date.now() : Date.parse(request.query.to),
        version: request.query.version,
      }),
  );
};

export default historyRoutes;
