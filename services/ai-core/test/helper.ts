/**
 * Builds the real ai-core plugin (src/app.ts) the way server.ts does, with a test configuration
 * read through the real env schema. Limits and other settings are overridden per test via env.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import serviceApp, { type AiCoreAppOptions } from '../src/app.ts';
import { loadConfig, type AiCoreConfig } from '../src/config/env.ts';
import { fastifyOptions } from '../src/fastify-options.ts';
import { createTelemetry } from '@ethixai/observability';
import { telemetryConfig } from '../src/telemetry-config.ts';

export const TEST_TOKEN = 'test-service-token-0123456789';
export const AUTH = { authorization: `Bearer ${TEST_TOKEN}` } as const;

export function testConfig(env: Record<string, string> = {}): AiCoreConfig {
  return loadConfig({ AI_CORE_TOKEN: TEST_TOKEN, LOG_LEVEL: 'silent', ...env });
}

/** Telemetry as server.ts builds it from the same config (metrics on; tracing off without an OTLP endpoint). */
export async function build(env: Record<string, string> = {}, options: Partial<AiCoreAppOptions> = {}): Promise<FastifyInstance> {
  const config = testConfig(env);
  const app = Fastify(fastifyOptions(config));
  await app.register(fp(serviceApp), { config, telemetry: createTelemetry(telemetryConfig(config)), ...options });
  await app.ready();
  return app;
}

/** COMPAS as shipped in ../shared/datasets (absent on some machines: tests skip visibly). */
export const COMPAS_CSV = new URL('../../../../shared/datasets/compas/compas-scores-two-years.csv', import.meta.url);
