import { createHealthState } from '@ethixai/service-kit';
import { describe, expect, it } from 'vitest';
import { build } from '../helper.ts';

describe('health routes', () => {
  it('answers /health and /ready without a token', async () => {
    const app = await build();
    const health = await app.inject({ method: 'GET', url: '/health' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok', service: 'ethixai-ai-core' }]);
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
    await app.close();
  });

  it('turns /ready to 503 while shutting down; /health stays 200', async () => {
    const health = createHealthState();
    const app = await build({}, { health });
    health.markShuttingDown();
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ statusCode: 503, code: 'OBS_ERR_SHUTTING_DOWN', status: 'shutting_down' });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });

  it('marks itself not ready as soon as close() starts', async () => {
    const health = createHealthState();
    const app = await build({}, { telemetry: undefined, health });
    await app.close();
    expect(health.shuttingDown).toBe(true);
  });
});
