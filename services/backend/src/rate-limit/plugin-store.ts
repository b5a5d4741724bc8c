import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { CounterStore } from './counter-store.ts';

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * @fastify/rate-limit's store interface over our counters, so the plugin's limits (per principal,
 * login attempts) count in the same store as the failed-authentication limits: in memory for one
 * replica, in PostgreSQL for many. Every limiter shares it; their keys never collide.
 */
export function rateLimitStoreOver(counters: CounterStore): FastifyRateLimitStoreCtor {
  return class CounterBackedStore implements FastifyRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counters.hit(key, timeWindow).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (err: Error) => callback(err),
      );
    }

    /** Used by the plugin's `{ increment: false }` checks. */
    read(key: string, callback: IncrCallback): void {
      counters.read(key).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (err: Error) => callback(err),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
