/**
 * The system under load: both services started here as real processes (their server.ts, a fresh
 * SQLite data directory, development profile, metrics on, info logs: the production
 * observability configuration less trace export), or services already running elsewhere on this
 * machine, attached to by URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startPinned, stopChild, type BenchProcess } from '@ethixai/bench/support';
import { SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import type { Login } from './fixtures.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface Service {
  name: 'backend' | 'ai-core';
  url: string;
  /** Known when this process started it, or when given: CPU and RSS are read from /proc. */
  pid?: number;
  /** The inspector port of a service started with --inspect (endurance: post-GC heap). */
  inspectPort?: number;
}

export interface Stack {
  backend: Service;
  aiCore: Service;
  login: Login;
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
}

const children = new Set<BenchProcess>();
process.on('exit', () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
});

export async function startStack(options: ManagedOptions = {}): Promise<Stack> {
  const root = options.root ?? REPO_ROOT;
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-stress-'));
  const [bePort, aiPort] = options.ports ?? [await freePort(), await freePort()];
  const [beInspect, aiInspect] = options.inspect ? [await freePort(), await freePort()] : [undefined, undefined];
  const common = { ETHIXAI_PROFILE: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'info', ETHIXAI_METRICS: 'true', ETHIXAI_TRACING: 'false', HOST: '127.0.0.1', ...options.env };
  const args = (entry: string, extra: string[] = [], inspectPort?: number) => [
    ...SERVICE_NODE_FLAGS, ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []), ...extra, entry,
  ];
  const started: BenchProcess[] = [];
  try {
    // The backend first: its first run writes the secrets (AI_CORE_TOKEN) ai-core then reads.
    const backend = await startPinned(options.cpus?.[0], args('services/backend/src/server.ts', options.backendNodeArgs, beInspect), {
      ...common, PORT: String(bePort), AI_CORE_URL: `http://127.0.0.1:${aiPort}`,
    }, `http://127.0.0.1:${bePort}/ready`, { cwd: root, timeoutMs: 120_000 });
    started.push(backend);
    children.add(backend);
    const aiCore = await startPinned(options.cpus?.[1], args('services/ai-core/src/server.ts', options.aiCoreNodeArgs, aiInspect), {
      ...common, PORT: String(aiPort),
    }, `http://127.0.0.1:${aiPort}/ready`, { cwd: root, timeoutMs: 120_000 });
    started.push(aiCore);
    children.add(aiCore);
    const password = /password: (\S+)/.exec(backend.out())?.[1];
    if (!password) throw new Error(`the backend printed no first-admin password: ${backend.out().slice(-2000)}`);
    return {
      backend: { name: 'backend', url: `http://127.0.0.1:${bePort}`, pid: backend.child.pid, inspectPort: beInspect },
      aiCore: { name: 'ai-core', url: `http://127.0.0.1:${aiPort}`, pid: aiCore.child.pid, inspectPort: aiInspect },
      login: { email: 'admin@ethixai.local', password },
      managed: true,
      describe: `both services started by the suite from ${root === REPO_ROOT ? 'this checkout' : root} (server.ts, ${SERVICE_NODE_FLAGS.join(' ')}), development profile, SQLite in a fresh data directory, metrics on, LOG_LEVEL=info, tracing off${options.env && Object.keys(options.env).length ? `, ${Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`,
      async stop() {
        for (const p of started.reverse()) {
          await stopChild(p.child);
          children.delete(p);
        }
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const p of started) await stopChild(p.child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Services someone else runs (on this machine: the suite only sends traffic to loopback). */
export function attachStack(o: { backend: string; aiCore: string; login: Login; backendPid?: number; aiCorePid?: number }): Stack {
  for (const url of [o.backend, o.aiCore]) {
    const host = new URL(url).hostname;
    if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`${url}: the stress suite sends traffic to loopback addresses only`);
  }
  return {
    backend: { name: 'backend', url: o.backend.replace(/\/$/, ''), pid: o.backendPid },
    aiCore: { name: 'ai-core', url: o.aiCore.replace(/\/$/, ''), pid: o.aiCorePid },
    login: o.login,
    managed: false,
    describe: `services already running at ${o.backend} and ${o.aiCore}`,
    async stop() {},
  };
}
