/**
 * Both services built in-process as their tests build them, for the OpenAPI documents and the
 * tests that walk them: the backend on a temp data directory with generated development secrets
 * and its own SQLite handle, ai-core with a placeholder service token. Defaults only, so nothing
 * depends on the environment of whoever runs it. Nothing listens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import backendApp, { fastifyOptions } from '../../../services/backend/src/app.ts';
import { parseEnv } from '../../../services/backend/src/config/env.ts';
import { resolveSecrets } from '../../../services/backend/src/config/secrets.ts';
import { connect, type DbHandle } from '../../../services/backend/src/db/connect.ts';
import aiCoreApp from '../../../services/ai-core/src/app.ts';
import { loadConfig } from '../../../services/ai-core/src/config/env.ts';
import { fastifyOptions as aiCoreFastifyOptions } from '../../../services/ai-core/src/fastify-options.ts';

export const AI_CORE_PLACEHOLDER_TOKEN = 'openapi-placeholder-service-token';

export interface BuiltApp {
  readonly app: FastifyInstance;
  /** The backend's database (tests create users in it); undefined for ai-core. */
  readonly db?: DbHandle;
  close(): Promise<void>;
}

export async function buildBackend(): Promise<BuiltApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-openapi-'));
  const config = parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const secrets = await resolveSecrets(config);
  // Our own database handle, as test/helper.ts passes one: the app then neither owns nor closes it.
  const db = connect({ url: config.DATABASE_URL });
  const app = Fastify(fastifyOptions(config));
  const close = async () => {
    await app.close();
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await app.register(fp(backendApp), { config, secrets, db });
    await app.ready();
  } catch (error) {
    await close();
    throw error;
  }
  return { app, db, close };
}

export async function buildAiCore(): Promise<BuiltApp> {
  const config = loadConfig({ AI_CORE_TOKEN: AI_CORE_PLACEHOLDER_TOKEN, LOG_LEVEL: 'silent' });
  const app = Fastify(aiCoreFastifyOptions(config));
  await app.register(fp(aiCoreApp), { config });
  await app.ready();
  return { app, close: () => app.close() };
}
