import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import authRoutes from './auth-routes.ts';
import jwksRoutes from './jwks-routes.ts';
import { createSessionService, type SessionService } from './session-service.ts';
import { createGuardedLogin, type GuardedLogin } from './guarded-login.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sessionService: SessionService;
    /** Password login with the attempt limits and the lockout; every login route uses it. */
    guardedLogin: GuardedLogin;
  }
}

/**
 * Sessions (login, refresh, logout, /me) and the JWKS. Authentication itself (who is calling, on
 * every route) is auth-plugin.ts, registered before every feature so its hooks cover them all.
 */
async function sessionsPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate(
    'sessionService',
    createSessionService(fastify.db, fastify.accessTokens, fastify.config.REFRESH_TOKEN_TTL_SECONDS),
  );
  fastify.decorate('guardedLogin', createGuardedLogin(fastify));
  await fastify.register(jwksRoutes);
  await fastify.register(authRoutes, { prefix: '/v1/auth' });
}

export default fp(sessionsPlugin, { name: 'sessions', dependencies: ['config', 'db', 'auth'] });
