/**
 * `npm start`: the whole platform on embedded defaults (SQLite file under DATA_DIR, development
 * profile), supervised. The backend starts first because its first run generates the secrets
 * (signing keys, the ai-core service token) that ai-core then reads, and prints the first admin's
 * credentials once. A service that exits on its own is restarted with exponential backoff while
 * the other keeps serving (analyses answer 503 with Retry-After while ai-core is away). Ctrl-C or
 * SIGTERM stops both, each draining its requests in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env: NodeJS.ProcessEnv = {
  ...SERVICE_NODE_ENV,
  ...process.env,
  ETHIXAI_PROFILE: process.env.ETHIXAI_PROFILE ?? 'development',
};
const dataDir = env.DATA_DIR ?? '.data';

interface Service {
  name: string;
  entry: string;
  url: string;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  backoffMs: number;
  startedAt: number;
}

const backendPort = env.PORT ?? '5000';
const aiCorePort = env.AI_CORE_PORT ?? '8100';
const BACKEND: Service = {
  name: 'backend',
  entry: 'services/backend/src/server.ts',
  url: `http://127.0.0.1:${backendPort}`,
  env: { ...env, PORT: backendPort, AI_CORE_URL: env.AI_CORE_URL ?? `http://127.0.0.1:${aiCorePort}` },
  backoffMs: 0,
  startedAt: 0,
};
const AI_CORE: Service = {
  name: 'ai-core',
  entry: 'services/ai-core/src/server.ts',
  url: `http://127.0.0.1:${aiCorePort}`,
  env: { ...env, PORT: aiCorePort },
  backoffMs: 0,
  startedAt: 0,
};
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** EX_CONFIG: the service refused its configuration (the service kit's exit code for it). */
const EXIT_CONFIG = 78;
/** A service that stayed up this long is healthy again: its next crash restarts quickly. */
const STABLE_AFTER_MS = 60_000;

let stopping = false;

function launch(service: Service): void {
  // Its own process group: a terminal's Ctrl-C reaches only this supervisor, which then sends
  // each service exactly one SIGTERM (a second one would cut its drain short).
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(root, service.entry)], {
    cwd: root,
    stdio: 'inherit',
    env: service.env,
    detached: true,
  });
  service.child = child;
  service.startedAt = Date.now();
  child.on('exit', (code, signal) => {
    service.child = undefined;
    if (stopping) return;
    if (code === EXIT_CONFIG) {
      // Its configuration is wrong (it printed which setting and why): restarting cannot help.
      process.stderr.write(
        `ethixai: ${service.name} refused its configuration (exit ${EXIT_CONFIG}, see above); stopping\n`,
      );
      stop(1);
      return;
    }
    if (Date.now() - service.startedAt > STABLE_AFTER_MS) service.backoffMs = 0;
    service.backoffMs = Math.min(MAX_BACKOFF_MS, service.backoffMs === 0 ? FIRST_BACKOFF_MS : service.backoffMs * 2);
    process.stderr.write(
      `ethixai: ${service.name} exited (${signal ?? `code ${code}`}); restarting in ${service.backoffMs} ms\n`,
    );
    setTimeout(() => {
      if (!stopping) launch(service);
    }, service.backoffMs).unref();
  });
}

async function waitReady(service: Service, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${service.url}/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not become ready at ${service.url} within ${timeoutMs} ms`);
}

function stop(exitCode = 0): void {
  if (stopping) return;
  stopping = true;
  const running = [BACKEND, AI_CORE].flatMap((s) => (s.child ? [s.child] : []));
  if (running.length === 0) process.exit(exitCode);
  let left = running.length;
  for (const child of running) {
    child.once('exit', () => {
      if (--left === 0) process.exit(exitCode);
    });
    child.kill('SIGTERM');
  }
}

process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
// Children are in their own process groups: never leave them behind.
process.on('exit', () => {
  for (const s of [BACKEND, AI_CORE]) s.child?.kill('SIGTERM');
});

launch(BACKEND);
await waitReady(BACKEND);
launch(AI_CORE);
await waitReady(AI_CORE);
process.stdout.write(
  [
    '',
    `EthixAI is running (${env.ETHIXAI_PROFILE} profile, data in ${path.resolve(root, dataDir)}):`,
    `  web UI        ${BACKEND.url}/app/`,
    `  backend API   ${BACKEND.url}      (OpenAPI docs: ${BACKEND.url}/docs)`,
    `  ai-core       ${AI_CORE.url}`,
    `  metrics       ${BACKEND.url}/metrics, ${AI_CORE.url}/metrics (Authorization: Bearer <the token in ${path.resolve(root, dataDir, 'secrets', 'metrics-token')}>)`,
    'The first admin credentials are printed above on the first run only.',
    'A service that stops is restarted with backoff. Ctrl-C stops both.',
    '',
  ].join('\n'),
);
