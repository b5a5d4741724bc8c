import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryTracing, type InMemoryTracing } from '../../src/testing.ts';
import { buildToyApp, type ToyApp } from '../support/toy-app.ts';

let toy: ToyApp | undefined;
let traced: InMemoryTracing | undefined;
afterEach(async () => {
  await toy?.app.close();
  await traced?.tracing.shutdown();
  toy = traced = undefined;
});

const completed = (t: ToyApp) => t.logs.lines().filter((l) => l.msg === 'request completed');

describe('request log', () => {
  it('writes exactly one completion line per request with every field, joined to the trace', async () => {
    traced = createInMemoryTracing({ registerGlobal: false });
    toy = await buildToyApp({ tracing: traced.tracing });
    const res = await toy.app.inject({ url: '/items/7', headers: { 'x-request-id': 'req-7' } });

    const lines = completed(toy);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line!).sort()).toEqual(
      ['duration_ms', 'level', 'method', 'msg', 'request_id', 'route', 'service', 'span_id', 'status', 'time', 'trace_id'].sort(),
    );
    expect(line).toMatchObject({ level: 'info', service: 'ethixai-backend', request_id: 'req-7', method: 'GET', route: '/items/:id', status: 200 });
    expect(line!.trace_id).toBe(res.headers['x-trace-id']);
    expect(line!.span_id).toBe(traced.spans()[0]!.spanContext().spanId);
    expect(typeof line!.duration_ms).toBe('number');
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
    // The handler's own line carries the same request and trace ids.
    const handlerLine = toy.logs.lines().find((l) => l.msg === 'loading item');
    expect(handlerLine).toMatchObject({ request_id: 'req-7', trace_id: res.headers['x-trace-id'] });
    // Each line names each id once (a JSON object with a repeated key would still parse).
    for (const raw of toy.logs.text().trim().split('\n')) {
      expect(raw.split('"trace_id":')).toHaveLength(2);
      expect(raw.split('"span_id":')).toHaveLength(2);
    }
    // Fastify's own incoming/completed lines are off: nothing else was written.
    expect(toy.logs.lines()).toHaveLength(2);
  });

  it('logs 5xx at error level with the error, and skips /metrics', async () => {
    toy = await buildToyApp();
    await toy.app.inject({ url: '/fail' });
    await toy.app.inject({ url: '/metrics' });
    const lines = completed(toy);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', route: '/fail', status: 500 });
    expect((lines[0]!.err as { message: string }).message).toBe('engine exploded');
  });

  it('never writes secrets or uploaded rows', async () => {
    toy = await buildToyApp();
    await toy.app.inject({
      method: 'POST',
      url: '/items',
      headers: { authorization: 'Bearer s3cr3t-token-value', cookie: 'session=c00kie-value' },
      payload: {
        password: 'hunter2-password',
        user: { refreshToken: 'refresh-xyz-123', apiKey: 'ak_live_999' },
        dataset: { rows: [{ age: 41, race: 'secret-person-row' }], columns: ['secret-column-name'] },
        name: 'visible-name',
      },
    });
    const text = toy.logs.text();
    for (const secret of ['s3cr3t-token-value', 'c00kie-value', 'hunter2-password', 'refresh-xyz-123', 'ak_live_999', 'secret-person-row', 'secret-column-name']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible-name');
    expect(text).toContain('[REDACTED]');
    expect(completed(toy)).toHaveLength(1);
  });
});

describe('request ids without tracing', () => {
  it('returns x-request-id and logs the caller trace id on the completion line when tracing is not configured', async () => {
    toy = await buildToyApp();
    const res = await toy.app.inject({ url: '/items/1', headers: { 'x-request-id': 'abc', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    expect(res.headers['x-request-id']).toBe('abc');
    expect(completed(toy)[0]).toMatchObject({ request_id: 'abc', trace_id: '0af7651916cd43dd8448eb211c80319c' });
    // No async context without tracing (it is what makes tracing cost ~25 µs/request): handler lines carry the request id only.
    expect(toy.logs.lines().find((l) => l.msg === 'loading item')).toMatchObject({ request_id: 'abc' });
  });
});
