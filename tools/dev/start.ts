/**
 * `npm start`: the whole platform on embedded defaults (SQLite file under .data/, development
 * profile). The backend starts first because its first run generates the secrets (signing keys,
 * the ai-core service token) into .data/secrets.json that ai-core then reads; it also prints the
 * first admin's credentials once. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BACKEND = { name: 'backend', dir: 'services/backend', url: 'http://127.0.0.1:5000' };
const AI_CORE = { name: 'ai-core', dir: 'services/ai-core', url: 'http://127.0.0.1:8100' };
const children: ChildProcess[] = [];

function launch(service: typeof BACKEND): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, service.dir, 'src/server.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ETHIXAI_PROFILE: process.env.ETHIXAI_PROFILE ?? 'development' },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`ethixai: ${service.name} exited (${signal ?? code}); stopping\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

async function waitReady(service: typeof BACKEND, timeoutMs = 60_000): Promise<void> {
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

let stopping = false;
function stop(code: number): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 200).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

launch(BACKEND);
await waitReady(BACKEND);
launch(AI_CORE);
await waitReady(AI_CORE);
process.stdout.write(
  [
    '',
    'EthixAI is running (development profile, SQLite at .data/ethixai.sqlite):',
    `  backend API   ${BACKEND.url}      (OpenAPI docs: ${BACKEND.url}/docs)`,
    `  ai-core       ${AI_CORE.url}`,
    `  metrics       ${BACKEND.url}/metrics, ${AI_CORE.url}/metrics`,
    'The first admin credentials are printed above on the first run only. Ctrl-C stops both services.',
    '',
  ].join('\n'),
);
