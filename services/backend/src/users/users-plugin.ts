import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import usersRoutes from './users-routes.ts';
import { createUsersService, type UsersService } from './users-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    usersService: UsersService;
  }
}

/** User administration at /v1/users (admin only). */
async function usersPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorate('usersService', createUsersService(fastify.db, fastify.authenticator));
  await fastify.register(usersRoutes, { prefix: '/v1/users' });
}

export default fp(usersPlugin, { name: 'users', dependencies: ['db', 'auth'] });
