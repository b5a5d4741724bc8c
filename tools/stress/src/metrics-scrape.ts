/**
 * `/metrics` of each service before and after a run, and what changed in between: requests by
 * route and status as the server counted them, its CPU, heap and handles. With a token file the
 * scrape presents `Authorization: Bearer <token>` (for services that protect /metrics).
 */
import { readFileSync } from 'node:fs';
import type { Service } from './stack.ts';

export type Samples = Map<string, number>;

/** Prometheus text format to `name{labels}` → value (comments and exemplars dropped). */
export function parsePrometheusText(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?)\s+(\S+)/.exec(line.split(' # ')[0]);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

export async function scrape(service: Service, tokenFile?: string): Promise<Samples> {
  const headers: Record<string, string> = tokenFile
    ? { authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` }
    : {};
  const res = await fetch(`${service.url}/metrics`, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(
      `${service.name} /metrics answered ${res.status}${res.status === 401 || res.status === 403 ? ' (give the scrape token with --metrics-token-file)' : ''}: ${text.slice(0, 200)}`,
    );
  return parsePrometheusText(text);
}

export interface MetricsDelta {
  /** `METHOD route status` → requests the server counted during the run. */
  requests: Record<string, number>;
  cpuSeconds: number;
  heapUsedMb: { before: number; after: number };
  residentMb: { before: number; after: number };
  activeHandles: { before: number; after: number };
}

const labels = (key: string) =>
  Object.fromEntries([...key.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));

export function metricsDelta(before: Samples, after: Samples): MetricsDelta {
  const requests: Record<string, number> = {};
  for (const [key, value] of after) {
    if (!key.startsWith('http_requests_total{')) continue;
    const d = value - (before.get(key) ?? 0);
    if (d <= 0) continue;
    const l = labels(key);
    const name = `${l.method} ${l.route} ${l.status ?? l.status_code}`;
    requests[name] = (requests[name] ?? 0) + d;
  }
  // Default metrics may carry default labels (service, instance): sum every series of the name.
  const get = (s: Samples, name: string) => {
    let total = Number.NaN;
    for (const [key, value] of s)
      if (key === name || key.startsWith(`${name}{`)) total = (Number.isNaN(total) ? 0 : total) + value;
    return total;
  };
  const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
  return {
    requests,
    cpuSeconds: get(after, 'process_cpu_seconds_total') - get(before, 'process_cpu_seconds_total'),
    heapUsedMb: {
      before: mb(get(before, 'nodejs_heap_size_used_bytes')),
      after: mb(get(after, 'nodejs_heap_size_used_bytes')),
    },
    residentMb: {
      before: mb(get(before, 'process_resident_memory_bytes')),
      after: mb(get(after, 'process_resident_memory_bytes')),
    },
    activeHandles: {
      before: get(before, 'nodejs_active_handles_total'),
      after: get(after, 'nodejs_active_handles_total'),
    },
  };
}
