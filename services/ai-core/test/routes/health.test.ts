import { describe, expect, it } from 'vitest';
import { build } from '../helper.ts';

describe('health routes', () => {
  it('answers /health and /ready without a token', async () => {
    const app = await build();
    const health = await app.inject({ method: 'GET', url: '/health' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
    await app.close();
  });

  it('turns /ready to 503 AIC_ERR_NOT_READY while shutting down, /health stays 200', async () => {
    const readiness = { shuttingDown: false };
    const app = await build({}, { readiness });
    readiness.shuttingDown = true;
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      statusCode: 503, code: 'AIC_ERR_NOT_READY', error: 'Service Unavailable', message: 'ai-core is shutting down',
    });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });

  it('marks itself not ready as soon as close() starts', async () => {
    const readiness = { shuttingDown: false };
    const app = await build({}, { readiness });
    await app.close();
    expect(readiness.shuttingDown).toBe(true);
  });
});
