import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { deadUrl } from '../analyses/two-services.ts';

const SERVER = path.resolve(import.meta.dirname, '../../../ai-core/src/server.ts');

export interface AiCoreProcess {
  url: string;
  child: ChildProcess;
  /** SIGSTOP: the process freezes, its kernel still accepts connections. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

/** A real ai-core process (server.ts) on a free port, answering /health before this resolves. */
export async function startAiCoreProcess(token: string): Promise<AiCoreProcess> {
  const url = await deadUrl();
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: new URL(url).port,
      AI_CORE_TOKEN: token,
      LOG_LEVEL: 'warn',
      ETHIXAI_METRICS_ENABLED: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ai-core exited ${child.exitCode}: ${stderr}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`ai-core did not answer /health within 30 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }),
  };
}
