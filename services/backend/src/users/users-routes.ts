import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBodySchema,
  CreatedUserSchema,
  IdParamsSchema,
  PageQuerySchema,
  UpdateUserBodySchema,
  UserListSchema,
  UserSchema,
} from '@ethixai/contracts';
import { initiatorOf } from '../audit-log/initiator.ts';
import { errors } from '../http/error-responses.ts';

/** User administration: admin only, always within the caller's organisation. */
const usersRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.requireRole('admin'));
  const tags = ['users'];
  const users = fastify.usersService;

  fastify.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create a user (no open sign-up)',
        body: CreateUserBodySchema,
        response: { 201: CreatedUserSchema, ...errors(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await users.create(request.body, initiatorOf(request.principal, request.id))),
  );

  fastify.get(
    '/',
    {
      schema: {
        tags,
        summary: "List the organisation's users",
        querystring: PageQuerySchema,
        response: { 200: UserListSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => users.list(request.principal.orgId, request.query),
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One user',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => users.get(request.principal.orgId, request.params.id),
  );

  fastify.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: "Change a user's role",
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request) => users.setRole(request.params.id, request.body.role, initiatorOf(request.principal, request.id)),
  );

  fastify.post(
    '/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a user: revokes their sessions and API keys at once',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => users.deactivate(request.params.id, initiatorOf(request.principal, request.id)),
  );
};

export default usersRoutes;
