import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import type { CounterStore, WindowCount } from '../../src/rate-limit/counter-store.ts';
import errorHandlerPlugin from '../../src/plugins/error-handler.ts';
import rateLimitPlugin from '../../src/rate-limit/rate-limit-plugin.ts';
import type { Principal } from '../../src/auth/principal.ts';

const principal: Principal = {
  kind: 'api_key',
  id: 'key-1',
  orgId: 'org-1',
  role: 'analyst',
  ownerUserId: 'u-1',
  rateLimitPerMinute: 2,
};

type Hit = (key: string, windowMs: number) => Promise<WindowCount>;

/** Counters shaped like the shared PostgreSQL ones (they answer on a later tick). */
function storeOf(hit: Hit): CounterStore {
  return { hit, read: async () => ({ count: 0, ttlMs: 0 }), clear: async () => {}, close: async () => {} };
}
const later = <T>(value: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(value());
      } catch (err) {
        reject(err);
      }
    }, 1),
  );

/** The plugin alone, behind a stand-in auth that sets one API-key principal. */
async function appWith(store: CounterStore) {
  const app = Fastify();
  await app.register(fp(async (f) => void f.decorate('config', parseEnv({})), { name: 'config' }));
  await app.register(errorHandlerPlugin);
  await app.register(
    fp(
      async (f) => {
        f.decorateRequest('principal', null as unknown as Principal);
        f.addHook('onRequest', async (request) => {
          request.principal = principal;
        });
      },
      { name: 'auth' },
    ),
  );
  await app.register(fp(async (f) => void f.decorate('rateCounters', store), { name: 'rate-counters' }));
  await app.register(rateLimitPlugin);
  app.get('/x', async () => ({ ok: true }));
  return app;
}

describe('rate-limit plugin with a store that answers asynchronously (e.g. one shared by replicas)', () => {
  it('allows up to the key limit, then 429 BE_ERR_RATE_LIMITED with Retry-After', async () => {
    const counts = new Map<string, number>();
    const calls: [string, number][] = [];
    const app = await appWith(
      storeOf((key, windowMs) =>
        later(() => {
          calls.push([key, windowMs]);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return { count: counts.get(key)!, ttlMs: windowMs / 2 };
        }),
      ),
    );
    try {
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      const limited = await app.inject({ url: '/x' });
      expect(limited.json()).toEqual({
        statusCode: 429,
        code: 'BE_ERR_RATE_LIMITED',
        error: 'Too Many Requests',
        message: 'Rate limit of 2 requests per window exceeded; retry in 30s',
      });
      expect(limited.headers['retry-after']).toBe('30');
      expect(calls).toEqual([
        ['k:key-1', 60_000],
        ['k:key-1', 60_000],
        ['k:key-1', 60_000],
      ]);
    } finally {
      await app.close();
    }
  });

  it('a store that fails is a 500, never a silently admitted request', async () => {
    const app = await appWith(
      storeOf(() =>
        later(() => {
          throw new Error('limiter store unreachable');
        }),
      ),
    );
    try {
      const res = await app.inject({ url: '/x' });
      expect([res.statusCode, res.json().code]).toEqual([500, 'BE_ERR_INTERNAL']);
    } finally {
      await app.close();
    }
  });
});
