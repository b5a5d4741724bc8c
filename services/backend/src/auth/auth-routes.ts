import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LoginBodySchema, MeResponseSchema, RefreshBodySchema, TokenPairSchema } from '@ethixai/contracts';
import { errors } from '../http/error-responses.ts';

/** Sessions: login, refresh rotation, logout, and who the caller is. */
const authRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['auth'];
  fastify.post(
    '/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Exchange email and password for an access token and a refresh token',
        body: LoginBodySchema,
        response: { 200: TokenPairSchema, ...errors(400, 401, 413, 415, 429) },
      },
    },
    async (request) => fastify.guardedLogin(request, request.body.email, request.body.password),
  );

  fastify.post(
    '/refresh',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Rotate a refresh token: returns a new pair; the presented token is spent',
        body: RefreshBodySchema,
        response: { 200: TokenPairSchema, ...errors(400, 401, 413, 415, 429) },
      },
    },
    async (request) => fastify.sessionService.refresh(request.body.refreshToken),
  );

  fastify.post(
    '/logout',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Revoke the refresh token and every token rotated from the same login',
        body: RefreshBodySchema,
        response: { 204: Type.Null(), ...errors(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await fastify.sessionService.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/me',
    {
      schema: { tags, summary: 'The calling principal', response: { 200: MeResponseSchema, ...errors(401, 429) } },
    },
    async (request) => fastify.sessionService.whoAmI(request.principal),
  );
};

export default authRoutes;
