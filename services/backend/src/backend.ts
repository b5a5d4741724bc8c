import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import serviceApp, { fastifyOptions } from './app.ts';
import type { EnvConfig } from './config/env.ts';
import { resolveSecrets } from './config/secrets.ts';
import { createTelemetry, type Telemetry } from '@ethixai/observability';
import { telemetryConfig } from './telemetry-config.ts';

export interface Backend {
  app: FastifyInstance;
  telemetry: Telemetry;
}

/** The backend as a process serves it, from its configuration: secrets, telemetry, the app, ready (not yet listening). */
export async function buildBackend(config: EnvConfig): Promise<Backend> {
  const secrets = await resolveSecrets(config);
  const telemetry = createTelemetry(telemetryConfig(config));
  const app = Fastify(fastifyOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fp(serviceApp), { config, secrets, telemetry });
  await app.ready();
  return { app, telemetry };
}
