import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import healthPlugin from '../../src/health/health-plugin.ts';
import { createHealthState } from '../../src/health/health-state.ts';

describe('health plugin', () => {
  it('/health answers without touching dependencies; /ready runs the readiness check', async () => {
    let dbUp = true;
    let probed = 0;
    const app = Fastify();
    await app.register(healthPlugin, {
      service: 'ethixai-backend',
      readiness: async () => dbUp,
      dependencies: {
        ai_core: () => {
          probed += 1;
        },
      },
    });
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok', service: 'ethixai-backend' });
    expect(probed).toBe(0);
    const ready = await app.inject('/ready');
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
    dbUp = false;
    const notReady = await app.inject('/ready');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      statusCode: 503,
      code: 'OBS_ERR_NOT_READY',
      error: 'Service Unavailable',
      status: 'not_ready',
    });
    await app.close();
  });

  it('/ready reports a throwing or hanging check as not ready', async () => {
    const app = Fastify();
    let mode: 'throw' | 'hang' = 'throw';
    await app.register(healthPlugin, {
      service: 'x',
      probeTimeoutMs: 50,
      readiness: () =>
        mode === 'throw' ? Promise.reject(new Error('ECONNREFUSED 127.0.0.1:5432')) : new Promise(() => undefined),
    });
    const thrown = await app.inject('/ready');
    expect(thrown.statusCode).toBe(503);
    expect(thrown.json().message).toBe('readiness check failed: ECONNREFUSED 127.0.0.1:5432');
    mode = 'hang';
    const hung = await app.inject('/ready');
    expect(hung.statusCode).toBe(503);
    expect(hung.json().message).toBe('readiness check failed: readiness check timed out after 50 ms');
    await app.close();
  });

  it('marks itself shutting down when the app starts closing', async () => {
    const state = createHealthState();
    const app = Fastify();
    await app.register(healthPlugin, { service: 'x', state });
    await app.ready();
    await app.close();
    expect(state.shuttingDown).toBe(true);
  });

  it('/ready flips to 503 once shutting down', async () => {
    const app = Fastify();
    await app.register(healthPlugin, { service: 'x' });
    expect((await app.inject('/ready')).statusCode).toBe(200);
    app.markShuttingDown();
    const res = await app.inject('/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'OBS_ERR_SHUTTING_DOWN', status: 'shutting_down' });
    await app.close();
  });

  it('closes each connection after its answer once shutting down, so keep-alive sockets do not hold close() open', async () => {
    const app = Fastify();
    await app.register(healthPlugin, { service: 'x' });
    app.get('/work', async () => ({ ok: true }));
    expect((await app.inject('/work')).headers.connection).not.toBe('close');
    app.markShuttingDown();
    const res = await app.inject('/work');
    expect([res.statusCode, res.headers.connection]).toEqual([200, 'close']);
    await app.close();
  });

  it('/health/dependencies reports state, latency and last error, and tells the service each outcome', async () => {
    const outcomes: [string, boolean, string | undefined][] = [];
    let aiCoreUp = false;
    const app = Fastify();
    await app.register(healthPlugin, {
      service: 'ethixai-backend',
      onDependencyState: (name, up, circuit) => outcomes.push([name, up, circuit]),
      dependencies: {
        database: () => true,
        ai_core: async () => {
          if (!aiCoreUp) throw new Error('connect ECONNREFUSED 127.0.0.1:8100');
          return { up: true, circuit: 'closed' as const };
        },
      },
    });
    const down = (await app.inject('/health/dependencies')).json();
    expect(down.status).toBe('degraded');
    expect(down.dependencies.database).toMatchObject({ status: 'up', last_error: null });
    expect(down.dependencies.ai_core).toMatchObject({
      status: 'down',
      last_success: null,
      last_error: 'connect ECONNREFUSED 127.0.0.1:8100',
    });
    expect(typeof down.dependencies.ai_core.latency_ms).toBe('number');
    expect(outcomes.sort()).toEqual([
      ['ai_core', false, undefined],
      ['database', true, undefined],
    ]);

    aiCoreUp = true;
    outcomes.length = 0;
    const up = (await app.inject('/health/dependencies')).json();
    expect(up.status).toBe('ok');
    // The last error stays visible after recovery: on-call wants to know what happened.
    expect(up.dependencies.ai_core).toMatchObject({
      status: 'up',
      circuit: 'closed',
      last_error: 'connect ECONNREFUSED 127.0.0.1:8100',
    });
    expect(up.dependencies.ai_core.last_success).toBe(up.dependencies.ai_core.last_checked);
    expect(outcomes.sort()).toEqual([
      ['ai_core', true, 'closed'],
      ['database', true, undefined],
    ]);
    await app.close();
  });
});
