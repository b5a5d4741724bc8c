/**
 * Builds the real ai-core plugin (src/app.ts) the way server.ts does, with a test configuration
 * read through the real env schema. Limits and other settings are overridden per test via env.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import serviceApp, { type AiCoreAppOptions } from '../src/app.ts';
import { loadConfig, type AiCoreConfig } from '../src/config/env.ts';
import { fastifyOptions } from '../src/fastify-options.ts';
import { createTelemetry } from '@ethixai/observability';
import { telemetryConfig } from '../src/telemetry-config.ts';

export const TEST_TOKEN = 'test-service-token-0123456789';
export const AUTH = { authorization: `Bearer ${TEST_TOKEN}` } as const;

/** The scrape credential of every test app, in a file as METRICS_TOKEN_FILE expects it. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
export const METRICS_AUTH = { authorization: `Bearer ${TEST_METRICS_TOKEN}` } as const;
export const TEST_METRICS_TOKEN_FILE = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-aic-test-')),
  'metrics-token',
);
fs.writeFileSync(TEST_METRICS_TOKEN_FILE, `${TEST_METRICS_TOKEN}\n`, { mode: 0o600 });

export function testConfig(env: Record<string, string> = {}): AiCoreConfig {
  return loadConfig({
    AI_CORE_TOKEN: TEST_TOKEN,
    LOG_LEVEL: 'silent',
    METRICS_TOKEN_FILE: TEST_METRICS_TOKEN_FILE,
    ...env,
  });
}

/** Telemetry as server.ts builds it from the same config (metrics on; tracing off without an OTLP endpoint). */
export async function build(
  env: Record<string, string> = {},
  options: Partial<AiCoreAppOptions> = {},
): Promise<FastifyInstance> {
  const config = testConfig(env);
  const app = Fastify(fastifyOptions(config));
  await app.register(fp(serviceApp), { config, telemetry: createTelemetry(telemetryConfig(config)), ...options });
  await app.ready();
  return app;
}

/** COMPAS as shipped in ../shared/datasets (absent on some machines: tests skip visibly). */
export const COMPAS_CSV = new URL('../../../../shared/datasets/compas/compas-scores-two-years.csv', import.meta.url);
