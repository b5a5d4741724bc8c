import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddModelVersionBodySchema,
  CreateModelBodySchema,
  FairnessQuerySchema,
  IdParamsSchema,
  ModelFairnessSchema,
  ModelListSchema,
  ModelSchema,
  PageQuerySchema,
  PolicyInputSchema,
} from '@ethixai/contracts';
import { initiatorOf } from '../../audit-log/initiator.ts';
import { errors } from '../../http/error-responses.ts';

/** Monitored models, their versions and their versioned monitoring policies. */
const modelsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['models'];
  const analyst = fastify.requireRole('analyst');
  const models = fastify.modelsService;

  fastify.post(
    '/models',
    {
      preHandler: analyst,
      schema: {
        tags,
        summary: 'Register a model with its monitoring policy',
        body: CreateModelBodySchema,
        response: { 201: ModelSchema, ...errors(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await models.create(request.body, initiatorOf(request.principal, request.id))),
  );

  fastify.get(
    '/models',
    {
      schema: {
        tags,
        summary: 'List models',
        querystring: PageQuerySchema,
        response: { 200: ModelListSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => models.list(request.principal.orgId, request.query),
  );

  fastify.get(
    '/models/:id',
    {
      schema: {
        tags,
        summary: 'One model with its versions and current policy',
        params: IdParamsSchema,
        response: { 200: ModelSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => models.get(request.principal.orgId, request.params.id),
  );

  fastify.post(
    '/models/:id/versions',
    {
      preHandler: analyst,
      schema: {
        tags,
        summary: 'Register a new model version',
        params: IdParamsSchema,
        body: AddModelVersionBodySchema,
        response: { 201: ModelSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await models.addVersion(request.params.id, request.body, initiatorOf(request.principal, request.id))),
  );

  fastify.put(
    '/models/:id/policy',
    {
      preHandler: analyst,
      schema: {
        tags,
        summary: 'Create a new policy version; later evaluations use it',
        params: IdParamsSchema,
        body: PolicyInputSchema,
        response: { 200: ModelSchema, ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request) => models.putPolicy(request.params.id, request.body, initiatorOf(request.principal, request.id)),
  );

  fastify.get(
    '/models/:id/fairness',
    {
      schema: {
        tags,
        summary: 'Live fairness window of a model version (default: the latest)',
        params: IdParamsSchema,
        querystring: FairnessQuerySchema,
        response: { 200: ModelFairnessSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => models.fairness(request.principal.orgId, request.params.id, request.query.version),
  );
};

export default modelsRoutes;
