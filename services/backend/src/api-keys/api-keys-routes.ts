import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  IdParamsSchema,
} from '@ethixai/contracts';
import { errors } from '../http/error-responses.ts';

/** API keys for machine clients: the secret is returned once, at creation. */
const apiKeysRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['api-keys'];
  const keys = fastify.apiKeysService;

  fastify.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an API key (role no higher than yours)',
        body: CreateApiKeyBodySchema,
        response: { 201: CreatedApiKeySchema, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await keys.create(request.principal, request.body, request.id)),
  );

  fastify.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List API keys (admins: all of the organisation; others: their own)',
        response: { 200: ApiKeyListSchema, ...errors(401, 403, 429) },
      },
    },
    async (request) => keys.list(request.principal),
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: IdParamsSchema,
        response: { 200: ApiKeySchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => keys.revoke(request.principal, request.params.id, request.id),
  );
};

export default apiKeysRoutes;
