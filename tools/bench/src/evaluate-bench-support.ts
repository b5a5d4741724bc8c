import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';

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
export async function request(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

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
