import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import errorHandlerPlugin from '../../src/plugins/error-handler.ts';
import rateLimitPlugin from '../../src/rate-limit/rate-limit-plugin.ts';
import { FixedWindowLimiter, type RateDecision, type RateLimiter } from '../../src/rate-limit/limiter.ts';
import type { Principal } from '../../src/auth/principal.ts';

const principal: Principal = { kind: 'api_key', id: 'key-1', orgId: 'org-1', role: 'analyst', ownerUserId: 'u-1', rateLimitPerMinute: 2 };

/** The plugin alone, behind a stand-in auth that sets one API-key principal. */
async function appWith(limiter: RateLimiter) {
  const app = Fastify();
  await app.register(fp(async (f) => void f.decorate('config', parseEnv({})), { name: 'config' }));
  await app.register(errorHandlerPlugin);
  await app.register(fp(async (f) => {
    f.decorateRequest('principal', null as unknown as Principal);
    f.addHook('onRequest', async (request) => {
      request.principal = principal;
    });
  }, { name: 'auth' }));
  await app.register(rateLimitPlugin, { limiter });
  app.get('/x', async () => ({ ok: true }));
  return app;
}

describe('rate-limit plugin with a limiter that answers asynchronously (e.g. Redis)', () => {
  it('allows up to the key limit, then 429 BE_ERR_RATE_LIMITED with Retry-After', async () => {
    const local = new FixedWindowLimiter(60_000);
    const keys: string[] = [];
    const remote: RateLimiter = {
      hit: (key, max) => new Promise<RateDecision>((resolve) => setTimeout(() => {
        keys.push(key);
        resolve(local.hit(key, max));
      }, 1)),
    };
    const app = await appWith(remote);
    try {
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      const limited = await app.inject({ url: '/x' });
      expect([limited.statusCode, limited.json().code]).toEqual([429, 'BE_ERR_RATE_LIMITED']);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(keys).toEqual(['k:key-1:default', 'k:key-1:default', 'k:key-1:default']);
    } finally {
      await app.close();
    }
  });

  it('a limiter that fails is a 500, never a silently admitted request', async () => {
    const app = await appWith({ hit: () => Promise.reject(new Error('limiter store unreachable')) });
    try {
      const res = await app.inject({ url: '/x' });
      expect([res.statusCode, res.json().code]).toEqual([500, 'BE_ERR_INTERNAL']);
    } finally {
      await app.close();
    }
  });
});
