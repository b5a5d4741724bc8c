import { spawn } from 'node:child_process';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../src');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a backend entry point (a path under src/: server.ts, cli.ts, a command) with exactly the given environment. */
export function runEntry(file: string, args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(SRC, file), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Start server.ts, wait until it listens, return its URL, output so far, and a stop function. */
export function startServer(env: Record<string, string>, timeoutMs = 90_000) {
  const child = spawn(process.execPath, [path.join(SRC, 'server.ts')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  const ready = new Promise<{ url: string; stdout: () => string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen; stderr: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stdout: () => stdout });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}; stderr: ${stderr}`));
    });
  });
  return { ready, stop };
}
