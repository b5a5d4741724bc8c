import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FaultProxy } from './fault-proxy.ts';
import { freePort, ServiceProcess } from './processes.ts';

const TOKEN = `chaos-${Math.random().toString(36).slice(2)}-service-token`;

/** Two ai-core replicas, each behind a fault proxy, and one backend using both, on SQLite or on
 *  PostgreSQL (a fresh schema) behind a fault proxy of its own. */
export interface Stack {
  aiCores: ServiceProcess[];
  proxies: FaultProxy[];
  /** Between the backend and PostgreSQL, when it runs on PostgreSQL. */
  dbProxy?: FaultProxy;
  backend: ServiceProcess;
  base: string;
  password: string;
  dataDir: string;
  /** The scrape credential both services accept on /metrics (their METRICS_TOKEN_FILE). */
  metricsTokenFile: string;
  close(): Promise<void>;
}

/** `pgUrl`: run the backend on PostgreSQL, in a schema of its own created (and dropped) here.
 *  `aiCoreReplicas`: 2 unless given (1 makes a killed ai-core the whole service down).
 *  `backendEnv`: settings of the backend's own (e.g. its database timeouts). */
export async function startStack(
  options: { pgUrl?: string; aiCoreReplicas?: number; backendEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const database = options.pgUrl ? await pgSchema(options.pgUrl) : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-chaos-'));
  const metricsTokenFile = path.join(dataDir, 'metrics-token');
  fs.writeFileSync(metricsTokenFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  const aiCores: ServiceProcess[] = [];
  const proxies: FaultProxy[] = [];
  for (let i = 0; i < (options.aiCoreReplicas ?? 2); i++) {
    const aiCore = new ServiceProcess(`ai-core #${i}`, 'services/ai-core/src/server.ts', await freePort(), {
      AI_CORE_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      METRICS_TOKEN_FILE: metricsTokenFile,
    });
    await aiCore.start();
    const proxy = new FaultProxy({ host: '127.0.0.1', port: aiCore.port });
    await proxy.listen();
    aiCores.push(aiCore);
    proxies.push(proxy);
  }
  const backend = new ServiceProcess('backend', 'services/backend/src/server.ts', await freePort(), {
    ETHIXAI_PROFILE: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    AI_CORE_TOKEN: TOKEN,
    AI_CORE_URLS: proxies.map((p) => p.url).join(','),
    AI_CORE_TIMEOUT_MS: '10000',
    RATE_LIMIT_USER_MAX: '1000000',
    METRICS_TOKEN_FILE: metricsTokenFile,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.backendEnv,
  });
  await backend.start();
  const password = /password: (\S+)\n/.exec(backend.out())?.[1];
  if (!password) throw new Error(`the backend printed no first-admin password: ${backend.out().slice(-1_000)}`);
  return {
    aiCores,
    proxies,
    backend,
    base: backend.url,
    password,
    dataDir,
    metricsTokenFile,
    ...(database ? { dbProxy: database.proxy } : {}),
    async close() {
      await backend.stop();
      await Promise.all(aiCores.map((a) => a.stop()));
      await Promise.all(proxies.map((p) => p.close()));
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function pgSchema(pgUrl: string) {
  const schema = `chaos_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create schema ${schema}`);
  const target = new URL(pgUrl);
  const proxy = new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.listen();
  const url = new URL(pgUrl);
  url.host = `127.0.0.1:${proxy.port}`;
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    proxy,
    drop: async () => {
      proxy.set({ kind: 'none' });
      await proxy.close();
      await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}
