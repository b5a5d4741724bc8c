import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import browserSessionRoutes from './browser-session-routes.ts';

/**
 * Browser sessions at /v1/auth/session (see session-cookies.ts for the cookie and CSRF design).
 * Cookies are parsed only in this scope: every other route authenticates by header alone, so no
 * other route can be driven by an ambient cookie.
 */
async function browserSessionPlugin(fastify: FastifyInstance): Promise<void> {
  await fastify.register(
    async (scope) => {
      await scope.register(cookie);
      await scope.register(browserSessionRoutes);
    },
    { prefix: '/v1/auth/session' },
  );
}

export default fp(browserSessionPlugin, { name: 'browser-session', dependencies: ['config', 'auth', 'sessions'] });
