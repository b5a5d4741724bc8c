import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import aiCoreApp from '../../../ai-core/src/app.ts';
import { loadConfig } from '../../../ai-core/src/config/env.ts';
import { fastifyOptions } from '../../../ai-core/src/fastify-options.ts';
import { build, type TestApp } from '../helper.ts';
import type { TestDialect } from '../dialects.ts';

/**
 * The backend (built from its app.ts) talking over real HTTP to a real ai-core (built from ai-core's
 * app.ts) listening on a random port: an integration test of the two services in one process.
 */
export const SERVICE_TOKEN = 'integration-service-token-0123456789';

export async function startAiCore(env: Record<string, string> = {}): Promise<{ app: FastifyInstance; url: string }> {
  const config = loadConfig({
    AI_CORE_TOKEN: SERVICE_TOKEN,
    LOG_LEVEL: 'silent',
    ETHIXAI_METRICS_ENABLED: 'false',
    ...env,
  });
  const app = Fastify(fastifyOptions(config));
  await app.register(fp(aiCoreApp), { config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** A port nothing listens on (bound, then released). */
export async function deadUrl(): Promise<string> {
  const app = Fastify();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  await app.close();
  return `http://127.0.0.1:${port}`;
}

export function buildBackend(
  aiCoreUrl: string,
  env: Parameters<typeof build>[0] = {},
  dialect?: TestDialect,
): Promise<TestApp> {
  const service = { AI_CORE_URL: aiCoreUrl, AI_CORE_TOKEN: SERVICE_TOKEN };
  return build(
    typeof env === 'function' ? async (org, db) => ({ ...service, ...(await env(org, db)) }) : { ...service, ...env },
    dialect,
  );
}

/** n rows of two groups with a deliberate selection-rate gap. */
export function sampleRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    g: i % 3 === 0 ? 'b' : 'a',
    y: i % 2,
    p: i % 3 === 0 ? Number(i % 4 === 0) : Number(i % 5 !== 0),
  }));
}

export const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'] };

export function analysisBody(n = 200, config: object = CONFIG): string {
  return JSON.stringify({ config, data: { rows: sampleRows(n) } });
}

export function sampleCsv(n: number): string {
  return (
    'g,y,p\n' +
    sampleRows(n)
      .map((r) => `${r.g},${r.y},${r.p}`)
      .join('\n') +
    '\n'
  );
}
