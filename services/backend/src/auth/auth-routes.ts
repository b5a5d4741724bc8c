import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LoginBodySchema, MeResponseSchema, RefreshBodySchema, TokenPairSchema } from '@ethixai/contracts';
import { createSessionService } from './session-service.ts';
import { createUsersRepository } from '../users/users-repository.ts';
import { normalizeIP } from '@fastify/rate-limit';
import { refuseWhenExceeded } from '../rate-limit/rate-limit-plugin.ts';

const ErrorRef = Type.Ref('ErrorBody');
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorRef]));

const authRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const sessions = createSessionService(fastify.db, fastify.accessTokens, fastify.config.REFRESH_TOKEN_TTL_SECONDS);
  const loginMax = fastify.config.LOGIN_RATE_LIMIT_MAX;
  const loginsByIp = fastify.createRateLimit({ max: loginMax, keyGenerator: (request) => `login-ip:${normalizeIP(request.ip)}` });
  const loginsByAccount = fastify.createRateLimit({
    max: loginMax,
    keyGenerator: (request) => `login-account:${(request.body as { email: string }).email.toLowerCase()}`,
  });

  fastify.post(
    '/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Exchange email and password for an access token and a refresh token',
        body: LoginBodySchema,
        response: { 200: TokenPairSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => {
      // Both limits are checked before the password hash is computed (it is the expensive part).
      refuseWhenExceeded(await loginsByIp(request));
      refuseWhenExceeded(await loginsByAccount(request));
      return sessions.login(request.body.email, request.body.password);
    },
  );

  fastify.post(
    '/refresh',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Rotate a refresh token: returns a new pair; the presented token is spent',
        body: RefreshBodySchema,
        response: { 200: TokenPairSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => sessions.refresh(request.body.refreshToken),
  );

  fastify.post(
    '/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Revoke the refresh token and every token rotated from the same login',
        body: RefreshBodySchema,
        response: { 204: Type.Null(), ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await sessions.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'The calling principal', response: { 200: MeResponseSchema, ...errors(401, 429) } } },
    async (request) => {
      const { kind, id, orgId, role } = request.principal;
      if (kind === 'api_key') return { kind, id, orgId, role };
      const user = await createUsersRepository(fastify.db).findById(id);
      return { kind, id, orgId, role, email: user?.email, name: user?.name };
    },
  );
};

export default authRoutes;
