/**
 * The Fastify options of ai-core, shared by server.ts and the tests so both behave alike: the
 * kit's server options (framework and parser errors in the error body with the security headers,
 * header and request timeouts answering 408, bodies validated without coercion) with ai-core's
 * codes and timeouts.
 */
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyServerOptions } from 'fastify';
import { MAX_BYTES_KEYWORD } from '@ethixai/contracts';
import { httpServerOptions } from '@ethixai/service-kit';
import type { AiCoreConfig } from './config/env.ts';
import { CODES } from './plugins/error-handler.ts';

export function fastifyOptions(config: AiCoreConfig, overrides: FastifyServerOptions = {}): FastifyHttpOptions<Server> {
  return {
    logger: false,
    ...httpServerOptions({ codes: CODES, ...config.http }),
    // Idle keep-alive sockets are closed at shutdown; in-flight analyses finish.
    forceCloseConnections: 'idle',
    ajv: {
      customOptions: {
        removeAdditional: false,
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
        keywords: [MAX_BYTES_KEYWORD],
      },
    },
    ...overrides,
  };
}
