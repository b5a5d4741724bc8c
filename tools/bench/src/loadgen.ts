/**
 * Load generation for the API and observability benches, on an undici Pool (keep-alive,
 * pipelining 1). It also reads response bodies far faster than autocannon, which tops out near
 * 3,000 responses/s on this machine once bodies are 20 KB or more.
 * autocannon is not used here because (a) its `overallRate` is a per-connection budget refilled
 * every second, so a "fixed rate" arrives as a burst at the start of each second (and a rate
 * below the connection count leaves connections unlimited), and (b) a duration-bound run destroys
 * the requests in flight when it stops, which the server still completes: CPU would be divided
 * by too few responses, more so for slower configurations. Here:
 *  - paced: open loop, request i is due at t0 + i/rate (evenly spaced); latency is measured from
 *    the due time, so queueing behind a slow server is counted (no coordinated omission);
 *  - max: closed loop, `connections` workers back to back until the deadline;
 * and both wait for every request they sent, so every request the server worked on is counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export interface Target {
  origin: string;
  path: string;
  /** The same headers on every request, or the i-th request's own. */
  headers: Record<string, string> | ((i: number) => Record<string, string>);
  /** GET when absent; otherwise the i-th request is a POST with this body (a unique id can come from i). */
  body?(i: number): string;
}

export interface LoadResult {
  sent: number;
  wallSeconds: number;
  latenciesMs: Float64Array;
  statuses: Record<number, number>;
  errors: number;
}

let sequence = 0;

async function send(pool: Pool, target: Target, statuses: Map<number, number>): Promise<boolean> {
  try {
    sequence += 1;
    const headers = typeof target.headers === 'function' ? target.headers(sequence) : target.headers;
    const res = await pool.request(
      target.body === undefined
        ? { path: target.path, method: 'GET', headers }
        : { path: target.path, method: 'POST', headers, body: target.body(sequence) },
    );
    await res.body.dump();
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    return true;
  } catch {
    return false;
  }
}

function result(
  sent: number,
  started: number,
  latencies: number[],
  statuses: Map<number, number>,
  errors: number,
): LoadResult {
  return {
    sent,
    wallSeconds: (performance.now() - started) / 1000,
    latenciesMs: Float64Array.from(latencies),
    statuses: Object.fromEntries(statuses),
    errors,
  };
}

/** One request of an open-loop schedule. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** What became of request `index`: its status, or the error that stopped it. Times in ms. */
export interface Outcome {
  index: number;
  /** When it was due, from the start of the run. */
  dueMs: number;
  /** From its due time to the end of its response (or to its error). */
  latencyMs: number;
  status?: number;
  error?: string;
}

export interface OpenLoopPlan {
  /** How many requests, at most. */
  count: number;
  /** When request i is due, in ms from the start; non-decreasing in i. */
  dueMs(i: number): number;
  request(i: number): RequestSpec;
  onOutcome(outcome: Outcome): void;
  /** Longest wait for one response (headers, then body). */
  requestTimeoutMs?: number;
  connections?: number;
}

/**
 * Open loop on an arbitrary schedule: request i is sent at `dueMs(i)` whatever became of the
 * earlier ones, and its latency counts from that due time (no coordinated omission). Resolves
 * when every request has an outcome; each is bounded by `requestTimeoutMs`. With several origins
 * (replicas), request i goes to origin i mod n, as a round-robin load balancer would send it.
 */
export async function openLoop(
  origin: string | readonly string[],
  plan: OpenLoopPlan,
): Promise<{ sent: number; wallSeconds: number }> {
  const timeout = plan.requestTimeoutMs ?? 120_000;
  const origins = typeof origin === 'string' ? [origin] : origin;
  const pools = origins.map(
    (o) =>
      new Pool(o, {
        connections: plan.connections ?? 256,
        pipelining: 1,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      }),
  );
  const pending: Promise<void>[] = [];
  const started = performance.now();
  async function one(i: number, due: number): Promise<void> {
    const spec = plan.request(i);
    try {
      const res = await pools[i % pools.length].request({ ...spec, signal: AbortSignal.timeout(timeout) });
      await res.body.dump();
      plan.onOutcome({ index: i, dueMs: due, latencyMs: performance.now() - started - due, status: res.statusCode });
    } catch (error) {
      plan.onOutcome({
        index: i,
        dueMs: due,
        latencyMs: performance.now() - started - due,
        error: (error as Error).name === 'Error' ? (error as Error).message : (error as Error).name,
      });
    }
  }
  try {
    for (let i = 0; i < plan.count;) {
      const now = performance.now() - started;
      for (; i < plan.count && plan.dueMs(i) <= now; i += 1) pending.push(one(i, plan.dueMs(i)));
      if (i < plan.count) await sleep(Math.max(0, plan.dueMs(i) - (performance.now() - started)));
    }
    await Promise.all(pending);
    return { sent: plan.count, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** Open loop: `rate` requests per second, evenly spaced, for `seconds`. */
export async function paced(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const started = performance.now();
  await openLoop(target.origin, {
    count: total,
    dueMs: (i) => (i * 1000) / rate,
    request: () => {
      sequence += 1;
      const headers = typeof target.headers === 'function' ? target.headers(sequence) : target.headers;
      return target.body === undefined
        ? { method: 'GET', path: target.path, headers }
        : { method: 'POST', path: target.path, headers, body: target.body(sequence) };
    },
    onOutcome: (o) => {
      if (o.status === undefined) {
        errors += 1;
        return;
      }
      latencies.push(o.latencyMs);
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    },
  });
  return result(total, started, latencies, statuses, errors);
}

/** Closed loop: `connections` requests in flight at all times until `seconds` have passed, then drain. */
export async function closedLoop(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const pool = new Pool(target.origin, { connections, pipelining: 1, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const at = performance.now();
      sent += 1;
      if (await send(pool, target, statuses)) latencies.push(performance.now() - at);
      else errors += 1;
    }
  }
  try {
    await Promise.all(Array.from({ length: connections }, worker));
    return result(sent, started, latencies, statuses, errors);
  } finally {
    await pool.close();
  }
}
