import type { FastifyPluginAsync } from 'fastify';
import jwksRoutes from './auth/jwks-routes.ts';
import authRoutes from './auth/auth-routes.ts';
import usersRoutes from './users/users-routes.ts';
import apiKeysRoutes from './api-keys/api-keys-routes.ts';
import analysesArea from './analyses/analyses-plugin.ts';
import monitoringRoutes from './monitoring/monitoring-routes.ts';

/**
 * Every route module of the backend, mounted by app.ts after all plugins. To add an area:
 * import its route plugin and add ONE line below. Every route is authenticated unless it sets
 * `config: { public: true }`; use `fastify.requireRole('analyst')` as a preHandler and scope every
 * query by `request.principal.orgId` (see src/auth/README.md).
 */
export interface RouteModule {
  plugin: FastifyPluginAsync<any>;
  prefix: string;
}

export const ROUTES: RouteModule[] = [
  { plugin: jwksRoutes, prefix: '' },
  { plugin: authRoutes, prefix: '/v1/auth' },
  { plugin: usersRoutes, prefix: '/v1/users' },
  { plugin: apiKeysRoutes, prefix: '/v1/api-keys' },
  { plugin: analysesArea, prefix: '' },
  { plugin: monitoringRoutes, prefix: '/v1' },
];
