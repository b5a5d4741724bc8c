import { setTimeout as sleep } from 'node:timers/promises';

/** The client retry policy of docs/operations/resilience.md, which the drill's goals assume. */
export const RETRY_POLICY = {
  maxAttempts: 8,
  totalMs: 30_000,
  attemptTimeoutMs: 10_000,
  baseMs: 250,
  capMs: 5_000,
} as const;
// 408: the server did not receive the whole request in time, so it did nothing with it.
const RETRIED = new Set([408, 429, 502, 503, 504]);

export interface CallOutcome {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of every route the drill calls, read by its checks
  body: any;
  attempts: number;
  /** Every status seen, including those retried (a 500 anywhere is a failure of the drill). */
  seen: number[];
  ms: number;
}

/** One logical request, retried by the policy; status 0 means no answer at all. */
export async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<CallOutcome> {
  const start = performance.now();
  const seen: number[] = [];
  for (let attempt = 1; ; attempt++) {
    let status: number;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see CallOutcome.body
    let parsed: any;
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(RETRY_POLICY.attemptTimeoutMs),
      });
      status = res.status;
      const text = await res.text();
      parsed = text ? JSON.parse(text) : undefined;
      const ra = res.headers.get('retry-after');
      if (ra && /^\d+$/.test(ra)) retryAfterMs = Number(ra) * 1000;
    } catch {
      status = 0;
    }
    seen.push(status);
    const elapsed = performance.now() - start;
    // 409 IDEMPOTENCY_IN_FLIGHT: the first attempt of this very request is still running (its answer was lost).
    const inFlight = status === 409 && parsed?.code === 'BE_ERR_IDEMPOTENCY_IN_FLIGHT';
    const retry = (status === 0 || RETRIED.has(status) || inFlight) && attempt < RETRY_POLICY.maxAttempts;
    // Equal jitter: half the step for sure, half at random, so a restart of a few seconds is outwaited.
    const step = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (attempt - 1));
    const wait = Math.min(RETRY_POLICY.capMs, retryAfterMs ?? step / 2 + Math.random() * (step / 2));
    if (!retry || elapsed + wait > RETRY_POLICY.totalMs)
      return { status, body: parsed, attempts: attempt, seen, ms: elapsed };
    await sleep(wait);
  }
}
