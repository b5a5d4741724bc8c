import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FaultProxy } from './fault-proxy.ts';
import { freePort, ServiceProcess } from './processes.ts';

const TOKEN = `chaos-${Math.random().toString(36).slice(2)}-service-token`;

/** Two ai-core replicas, each behind a fault proxy, and one backend on SQLite using both. */
export interface Stack {
  aiCores: ServiceProcess[];
  proxies: FaultProxy[];
  backend: ServiceProcess;
  base: string;
  password: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-chaos-'));
  const aiCores: ServiceProcess[] = [];
  const proxies: FaultProxy[] = [];
  for (let i = 0; i < 2; i++) {
    const aiCore = new ServiceProcess(`ai-core #${i}`, 'services/ai-core/src/server.ts', await freePort(), {
      AI_CORE_TOKEN: TOKEN, LOG_LEVEL: 'warn', DATA_DIR: dataDir,
    });
    await aiCore.start();
    const proxy = new FaultProxy({ host: '127.0.0.1', port: aiCore.port });
    await proxy.listen();
    aiCores.push(aiCore);
    proxies.push(proxy);
  }
  const backend = new ServiceProcess('backend', 'services/backend/src/server.ts', await freePort(), {
    ETHIXAI_PROFILE: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn', AI_CORE_TOKEN: TOKEN,
    AI_CORE_URLS: proxies.map((p) => p.url).join(','), AI_CORE_TIMEOUT_MS: '10000',
    RATE_LIMIT_USER_MAX: '1000000',
  });
  await backend.start();
  const password = /password: (\S+)\n/.exec(backend.out())?.[1];
  if (!password) throw new Error(`the backend printed no first-admin password: ${backend.out().slice(-1_000)}`);
  return {
    aiCores, proxies, backend, base: backend.url, password, dataDir,
    async close() {
      await backend.stop();
      await Promise.all(aiCores.map((a) => a.stop()));
      await Promise.all(proxies.map((p) => p.close()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
