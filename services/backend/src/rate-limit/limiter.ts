/**
 * Rate limiting behind an interface. The in-process fixed-window counter below is exact for one
 * replica; with more than one replica each would count separately, so a shared implementation
 * (e.g. Redis INCR + PEXPIRE on `key:windowStart`, same contract) replaces it — see README.md.
 */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the current window ends (when the caller may retry). */
  resetMs: number;
}

export interface RateLimiter {
  hit(key: string, max: number, now?: number): RateDecision | Promise<RateDecision>;
}

interface Bucket {
  windowStart: number;
  count: number;
}

/**
 * Fixed windows aligned to multiples of `windowMs`: O(1) per hit (one Map lookup). Known trade-off:
 * a client can send up to 2x max across a window boundary; acceptable for abuse protection.
 * Stale buckets are swept once per window, so memory is bounded by the keys active in two windows.
 */
export class FixedWindowLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweptWindow = 0;
  readonly windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  hit(key: string, max: number, now = Date.now()): RateDecision {
    const windowStart = now - (now % this.windowMs);
    if (windowStart !== this.sweptWindow) this.sweep(windowStart);
    let bucket = this.buckets.get(key);
    if (bucket === undefined || bucket.windowStart !== windowStart) {
      bucket = { windowStart, count: 0 };
      this.buckets.set(key, bucket);
    }
    const resetMs = windowStart + this.windowMs - now;
    if (bucket.count >= max) return { allowed: false, remaining: 0, resetMs };
    bucket.count += 1;
    return { allowed: true, remaining: max - bucket.count, resetMs };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(windowStart: number): void {
    this.sweptWindow = windowStart;
    for (const [key, bucket] of this.buckets) if (bucket.windowStart < windowStart) this.buckets.delete(key);
  }
}

/** Retry-After in whole seconds, never 0 (clients treat 0 as "retry now"). */
export function retryAfterSeconds(resetMs: number): string {
  return String(Math.max(1, Math.ceil(resetMs / 1000)));
}
