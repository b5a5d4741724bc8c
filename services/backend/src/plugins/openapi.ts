import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorBodySchema } from '@ethixai/contracts';

/** The OpenAPI document is generated from the routes' TypeBox schemas; UI at /docs, JSON at /docs/json. */
async function openapiPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.addSchema(ErrorBodySchema);
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'EthixAI backend', version: '0.1.0', description: 'API gateway and system of record' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
  });
  await fastify.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}

export default fp(openapiPlugin, { name: 'openapi' });
