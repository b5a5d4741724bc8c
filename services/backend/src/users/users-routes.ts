import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CreateUserBodySchema,
  CreatedUserSchema,
  IdParamsSchema,
  PageQuerySchema,
  UpdateUserBodySchema,
  UserListSchema,
  UserSchema,
} from '@ethixai/contracts';
import { actorOf } from '../audit-log/audit-log-repository.ts';
import { createUsersService, type ChangeBy } from './users-service.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorBody')]));
const by = (request: FastifyRequest): ChangeBy => ({ actor: actorOf(request.principal), requestId: request.id });

/** User administration: admin only, always within the caller's organisation. */
const usersRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const users = createUsersService(fastify.db, fastify.authenticator);
  fastify.addHook('preHandler', fastify.requireRole('admin'));
  const tags = ['users'];

  fastify.post(
    '/',
    { schema: { tags, summary: 'Create a user (no open sign-up)', body: CreateUserBodySchema, response: { 201: CreatedUserSchema, ...errors(400, 401, 403, 409, 429) } } },
    async (request, reply) => reply.code(201).send(await users.create(request.principal.orgId, request.body, by(request))),
  );

  fastify.get(
    '/',
    { schema: { tags, summary: 'List the organisation\'s users', querystring: PageQuerySchema, response: { 200: UserListSchema, ...errors(400, 401, 403, 429) } } },
    async (request) => users.list(request.principal.orgId, request.query),
  );

  fastify.get(
    '/:id',
    { schema: { tags, summary: 'One user', params: IdParamsSchema, response: { 200: UserSchema, ...errors(400, 401, 403, 404, 429) } } },
    async (request) => users.get(request.principal.orgId, request.params.id),
  );

  fastify.patch(
    '/:id',
    { schema: { tags, summary: 'Change a user\'s role', params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409, 429) } } },
    async (request) => users.setRole(request.principal.orgId, request.params.id, request.body.role, by(request)),
  );

  fastify.post(
    '/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a user: revokes their sessions and API keys at once', params: IdParamsSchema, response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409, 429) } } },
    async (request) => users.deactivate(request.principal.orgId, request.params.id, by(request)),
  );
};

export default usersRoutes;
