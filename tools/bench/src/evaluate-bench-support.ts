import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  serverCpuSeconds?: number;
  /** CPU of the server's main (event-loop) thread only; the process figure adds workers and GC threads. */
  mainThreadCpuSeconds?: number;
  perCpuSecond?: number;
  requestsPerSec: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
  errors: number;
  timeouts: number;
}

/** Nearest-rank percentile of response times in ms (autocannon reports no p95). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 100) / 100;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CPU pinning with taskset when present, so the server and the load generator do not fight over one core. */
export const pin = {
  available: hasTaskset(),
  self(cpu: number): void {
    if (this.available) execFileSync('taskset', ['-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
  },
};

/** One JSON request for setup (login, API key, model); throws on any non-2xx. */
/* eslint-disable @typescript-eslint/no-explicit-any -- setup answers of several routes; callers read the fields they need */
export async function request(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(base: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${base}/health did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of a process's main thread (its event loop) from /proc/PID/task/PID/stat; NaN elsewhere. */
export function mainThreadCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** A service started by a bench: the child and the tail of its output (for error messages). */
export interface BenchProcess {
  child: ChildProcess;
  out: () => string;
}

/**
 * Starts `node args` (pinned to `cpu` with taskset when available; `undefined`: not pinned) with
 * only PATH and `env`, and waits until `healthUrl` answers 2xx; throws with the output's tail if it
 * exits or times out.
 */
export async function startPinned(
  cpu: number | undefined,
  args: string[],
  env: Record<string, string>,
  healthUrl: string,
  options: { cwd: string; timeoutMs?: number },
): Promise<BenchProcess> {
  const pinned = pin.available && cpu !== undefined;
  const argv = pinned ? ['-c', String(cpu), process.execPath, ...args] : args;
  const child = spawn(pinned ? 'taskset' : process.execPath, argv, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  for (const deadline = Date.now() + (options.timeoutMs ?? 60_000); Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${out}`);
    if (
      await fetch(healthUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, out: () => out };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`did not become healthy: ${out}`);
}

/** SIGTERM and wait for the exit (graceful: services flush and close their databases). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
