/**
 * The system under load: both services started here as real processes (their server.ts, a fresh
 * SQLite data directory, development profile, metrics on, info logs: the production
 * observability configuration less trace export), or services already running elsewhere on this
 * machine, attached to by URL.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startPinned, stopChild, type BenchProcess } from '@ethixai/bench/support';
import { developmentMetricsTokenFile } from '@ethixai/service-kit';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import type { Login } from './fixtures.ts';
import { freshSchema } from './pg-schema.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface Service {
  /** backend and ai-core, or backend-1, ai-core-2… with replicas. */
  name: string;
  url: string;
  /** Known when this process started it, or when given: CPU and RSS are read from /proc. */
  pid?: number;
  /** The inspector port of a service started with --inspect (endurance: post-GC heap). */
  inspectPort?: number;
}

export interface Stack {
  /** The first replica of each service (the only one unless replicas were asked for). */
  backend: Service;
  aiCore: Service;
  /** Every replica; traffic is spread over the backends round robin. */
  backends: Service[];
  aiCores: Service[];
  login: Login;
  /** The bearer token file /metrics requires (the one development generates, for a stack started here). */
  metricsTokenFile?: string;
  managed: boolean;
  describe: string;
  stop(): Promise<void>;
}

export interface ManagedOptions {
  /** Checkout to run the services from (the performance gate runs a reference commit's). */
  root?: string;
  env?: Record<string, string>;
  /** Node arguments per service, after the standard service flags (e.g. --import of a test fixture). */
  backendNodeArgs?: string[];
  aiCoreNodeArgs?: string[];
  /** Open an inspector on loopback for each service (post-GC heap and handle counts). */
  inspect?: boolean;
  /** Fixed ports (backend, ai-core); free ports otherwise. */
  ports?: [number, number];
  cpus?: [number | undefined, number | undefined];
  /** Replicas of each service (default 1). With more than one, give a PostgreSQL DATABASE_URL in
   * env: the backends share it, and each backend balances its analyses over every ai-core
   * (AI_CORE_URLS). */
  replicas?: number;
}

const children = new Set<BenchProcess>();
process.on('exit', () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
});

export async function startStack(options: ManagedOptions = {}): Promise<Stack> {
  const root = options.root ?? REPO_ROOT;
  const replicas = options.replicas ?? 1;
  if (replicas > 1 && !options.env?.DATABASE_URL?.startsWith('postgres'))
    throw new Error('replicas share one database: give a postgres:// DATABASE_URL');
  const schema = options.env?.DATABASE_URL?.startsWith('postgres')
    ? await freshSchema(options.env.DATABASE_URL)
    : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-stress-'));
  const ports = async (): Promise<number[]> => Promise.all(Array.from({ length: replicas }, () => freePort()));
  const [bePorts, aiPorts] = options.ports ? [[options.ports[0]], [options.ports[1]]] : [await ports(), await ports()];
  const [beInspect, aiInspect] = options.inspect ? [await ports(), await ports()] : [[], []];
  // One DATA_DIR for every replica: they share the generated secrets, as replicas share a secret store.
  const common = {
    ...SERVICE_NODE_ENV,
    ETHIXAI_PROFILE: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ETHIXAI_METRICS: 'true',
    ETHIXAI_TRACING: 'false',
    HOST: '127.0.0.1',
    ...options.env,
    ...(schema ? { DATABASE_URL: schema.url } : {}),
  };
  const args = (entry: string, extra: string[] = [], inspectPort?: number) => [
    ...SERVICE_NODE_FLAGS,
    ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
    ...extra,
    entry,
  ];
  const started: BenchProcess[] = [];
  const backends: Service[] = [];
  const aiCores: Service[] = [];
  try {
    // Backends first: the first one's first run writes the secrets (AI_CORE_TOKEN) ai-core then reads.
    const aiCoreUrls = aiPorts.map((port) => `http://127.0.0.1:${port}`);
    for (let r = 0; r < replicas; r += 1) {
      const upstream: Record<string, string> =
        replicas > 1 ? { AI_CORE_URLS: aiCoreUrls.join(',') } : { AI_CORE_URL: aiCoreUrls[0] };
      const backend = await startPinned(
        options.cpus?.[0],
        args('services/backend/src/server.ts', options.backendNodeArgs, beInspect[r]),
        {
          ...common,
          PORT: String(bePorts[r]),
          ...upstream,
        },
        `http://127.0.0.1:${bePorts[r]}/ready`,
        { cwd: root, timeoutMs: 120_000 },
      );
      started.push(backend);
      children.add(backend);
      backends.push({
        name: replicas > 1 ? `backend-${r + 1}` : 'backend',
        url: `http://127.0.0.1:${bePorts[r]}`,
        pid: backend.child.pid,
        inspectPort: beInspect[r],
      });
    }
    for (let r = 0; r < replicas; r += 1) {
      const aiCore = await startPinned(
        options.cpus?.[1],
        args('services/ai-core/src/server.ts', options.aiCoreNodeArgs, aiInspect[r]),
        {
          ...common,
          PORT: String(aiPorts[r]),
        },
        `http://127.0.0.1:${aiPorts[r]}/ready`,
        { cwd: root, timeoutMs: 120_000 },
      );
      started.push(aiCore);
      children.add(aiCore);
      aiCores.push({
        name: replicas > 1 ? `ai-core-${r + 1}` : 'ai-core',
        url: `http://127.0.0.1:${aiPorts[r]}`,
        pid: aiCore.child.pid,
        inspectPort: aiInspect[r],
      });
    }
    const password = /password: (\S+)/.exec(started[0].out())?.[1];
    if (!password) throw new Error(`the backend printed no first-admin password : ${started[0].out().slice(-2000)}`);
    const env = Object.entries(options.env ?? {}).filter(([k]) => k !== 'DATABASE_URL');
    const store = schema ? 'PostgreSQL (a fresh schema)' : 'SQLite in a fresh data directory';
    return {
      backend: backends[0],
      aiCore: aiCores[0],
      backends,
      aiCores,
      login: { email: 'admin@ethixai.local', password },
      metricsTokenFile: existsSync(developmentMetricsTokenFile(dataDir))
        ? developmentMetricsTokenFile(dataDir)
        : undefined,
      managed: true,
      describe: `${replicas > 1 ? `${replicas} backend and ${replicas} ai-core replicas (each backend balances over every ai-core with AI_CORE_URLS; requests spread round robin over the backends)` : 'both services'} started by the suite from ${root === REPO_ROOT ? 'this checkout' : root} (server.ts, ${SERVICE_NODE_FLAGS.join(' ')}), development profile, ${store}, metrics on, LOG_LEVEL=info, tracing off${env.length ? `, ${env.map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`,
      async stop() {
        for (const p of started.reverse()) {
          await stopChild(p.child);
          children.delete(p);
        }
        rmSync(dataDir, { recursive: true, force: true });
        await schema?.drop();
      },
    };
  } catch (error) {
    for (const p of started) await stopChild(p.child);
    rmSync(dataDir, { recursive: true, force: true });
    await schema?.drop();
    throw error;
  }
}

/** Services someone else runs (on this machine: the suite only sends traffic to loopback). */
export function attachStack(o: {
  backend: string;
  aiCore: string;
  login: Login;
  backendPid?: number;
  aiCorePid?: number;
}): Stack {
  for (const url of [o.backend, o.aiCore]) {
    const host = new URL(url).hostname;
    if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host))
      throw new Error(`${url}: the stress suite sends traffic to loopback addresses only`);
  }
  const backend: Service = { name: 'backend', url: o.backend.replace(/\/$/, ''), pid: o.backendPid };
  const aiCore: Service = { name: 'ai-core', url: o.aiCore.replace(/\/$/, ''), pid: o.aiCorePid };
  return {
    backend,
    aiCore,
    backends: [backend],
    aiCores: [aiCore],
    login: o.login,
    managed: false,
    describe: `services already running at ${o.backend} and ${o.aiCore}`,
    async stop() {},
  };
}
