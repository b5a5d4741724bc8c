import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryTelemetry, type InMemoryTelemetry } from '@ethixai/test-support';
import { buildToyApp, type ToyApp } from '../support/toy-app.ts';

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

let toy: ToyApp | undefined;
let traced: InMemoryTelemetry | undefined;
afterEach(async () => {
  await toy?.app.close();
  await traced?.telemetry.shutdown();
  toy = traced = undefined;
});

async function setup(sampleRatio = 1): Promise<{ toy: ToyApp; traced: InMemoryTelemetry }> {
  traced = createInMemoryTelemetry({ sampleRatio });
  toy = await buildToyApp(traced.telemetry);
  return { toy, traced };
}

const completed = (t: ToyApp) => t.logs.lines().filter((l) => l.msg === 'request completed');

describe('observability plugin: server spans (@fastify/otel)', () => {
  it('continues the caller trace: same trace id, parent = caller span, named by route template', async () => {
    const { toy, traced } = await setup();
    const res = await toy.app.inject({
      url: '/items/123?verbose=1',
      headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, 'x-request-id': 'req-1' },
    });
    expect(res.statusCode).toBe(200);
    const server = traced.spans().find((s) => s.kind === SpanKind.SERVER);
    expect(server!.name).toBe('GET /items/:id');
    expect(server!.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/items/:id',
      'url.path': '/items/123',
      'http.response.status_code': 200,
      'ethixai.request_id': 'req-1',
    });
    expect(server!.status.code).toBe(SpanStatusCode.UNSET);
    expect(res.headers['x-trace-id']).toBe(CALLER_TRACE);
  });

  it("makes no spans for hooks (the service's own or the plugin's): a request is its span and its handler's", async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/items/1' });
    const spans = traced.spans();
    expect(spans.map((s) => s.instrumentationScope.name)).toEqual(['@fastify/otel', '@fastify/otel']);
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const handler = spans.find((s) => s !== server)!;
    expect(handler.name).toMatch(/^handler - /);
    expect(handler.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  });

  it('starts a new trace without a traceparent and ignores a malformed one', async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/items/1', headers: { traceparent: '00-zzzz-not-a-trace-01' } });
    const server = traced.spans().find((s) => s.kind === SpanKind.SERVER);
    expect(server!.parentSpanContext).toBeUndefined();
    expect(server!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('marks 5xx spans ERROR with the exception; 4xx stay UNSET', async () => {
    const { toy, traced } = await setup();
    expect((await toy.app.inject({ url: '/fail' })).statusCode).toBe(500);
    expect((await toy.app.inject({ url: '/bad' })).statusCode).toBe(400);
    const byName = (name: string) => traced.spans().find((s) => s.name === name)!;
    expect(byName('GET /fail').status.code).toBe(SpanStatusCode.ERROR);
    expect(byName('GET /fail').events.map((e) => e.name)).toContain('exception');
    expect(byName('GET /bad').status.code).toBe(SpanStatusCode.UNSET);
  });

  it("domain code's spans (API tracer, active context) are children of the request", async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/child' });
    const server = traced.spans().find((s) => s.kind === SpanKind.SERVER)!;
    const child = traced.spans().find((s) => s.name === 'analysis.parse')!;
    expect(child.spanContext().traceId).toBe(server.spanContext().traceId);
    const chain = [
      child.parentSpanContext?.spanId,
      traced.spans().find((s) => s.spanContext().spanId === child.parentSpanContext?.spanId)?.parentSpanContext?.spanId,
    ];
    expect(chain).toContain(server.spanContext().spanId);
  });

  it('samples new traces at the ratio (parent-based: an unsampled caller stays unsampled), ids still returned', async () => {
    const { toy, traced } = await setup(0);
    const res = await toy.app.inject({ url: '/items/1' });
    await toy.app.inject({ url: '/items/2', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-00` } });
    expect(traced.spans()).toEqual([]);
    expect(res.headers['x-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(
      (await toy.app.inject({ url: '/items/3', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } }))
        .statusCode,
    ).toBe(200);
    expect(
      traced
        .spans()
        .filter((s) => s.kind === SpanKind.SERVER)
        .map((s) => s.spanContext().traceId),
    ).toEqual([CALLER_TRACE]);
  });

  it('gives /metrics and the health routes no span, header or line', async () => {
    const { toy, traced } = await setup();
    const res = await toy.app.inject({ url: '/metrics?x=1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-trace-id']).toBeUndefined();
    expect(traced.spans()).toEqual([]);
    expect(completed(toy)).toEqual([]);
  });
});

describe('observability plugin: logs', () => {
  it('writes exactly one completion line per request with every documented field, joined to the trace', async () => {
    const { toy, traced } = await setup();
    const res = await toy.app.inject({ url: '/items/7', headers: { 'x-request-id': 'req-7' } });
    const lines = completed(toy);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line!).sort()).toEqual(
      [
        'duration_ms',
        'level',
        'method',
        'msg',
        'request_id',
        'route',
        'service',
        'span_id',
        'status',
        'time',
        'trace_id',
      ].sort(),
    );
    expect(line).toMatchObject({
      level: 'info',
      service: 'ethixai-backend',
      request_id: 'req-7',
      method: 'GET',
      route: '/items/:id',
      status: 200,
    });
    const server = traced.spans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(line!.trace_id).toBe(res.headers['x-trace-id']);
    expect(line!.span_id).toBe(server.spanContext().spanId);
    expect(typeof line!.duration_ms).toBe('number');
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
    // The handler's own line carries the request id and the ids of the span active there.
    const handlerLine = toy.logs.lines().find((l) => l.msg === 'loading item');
    expect(handlerLine).toMatchObject({ request_id: 'req-7', trace_id: res.headers['x-trace-id'] });
    expect(traced.spans().map((s) => s.spanContext().spanId)).toContain(handlerLine!.span_id);
    // Each line names each id once (a JSON object with a repeated key would still parse).
    for (const raw of toy.logs.text().trim().split('\n')) {
      expect(raw.split('"trace_id":')).toHaveLength(2);
      expect(raw.split('"span_id":')).toHaveLength(2);
    }
    // Fastify's own incoming/completed lines are off: nothing else was written.
    expect(toy.logs.lines()).toHaveLength(2);
  });

  it('x-request-id: a sane one is kept, returned and logged; anything else is replaced by a UUID', async () => {
    toy = await buildToyApp();
    const kept = await toy.app.inject({ url: '/items/1', headers: { 'x-request-id': 'abc-1' } });
    const replaced = await toy.app.inject({ url: '/items/1', headers: { 'x-request-id': 'bad id"\n{"forged":1}' } });
    expect(kept.headers['x-request-id']).toBe('abc-1');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(completed(toy).map((l) => l.request_id)).toEqual(['abc-1', replaced.headers['x-request-id']]);
  });

  it('without tracing: request ids and lines, no trace ids', async () => {
    toy = await buildToyApp();
    const res = await toy.app.inject({
      url: '/items/1',
      headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
    });
    expect(res.headers['x-trace-id']).toBeUndefined();
    expect(completed(toy)[0]).not.toHaveProperty('trace_id');
    expect(toy.logs.lines().find((l) => l.msg === 'loading item')).not.toHaveProperty('trace_id');
  });

  it('logs 5xx at error level with the error', async () => {
    toy = await buildToyApp();
    await toy.app.inject({ url: '/fail' });
    const lines = completed(toy);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', route: '/fail', status: 500 });
    expect((lines[0]!.err as { message: string }).message).toBe('engine exploded');
  });

  it('never writes secrets or uploaded rows (pino redact)', async () => {
    toy = await buildToyApp();
    await toy.app.inject({
      method: 'POST',
      url: '/items',
      headers: { authorization: 'Bearer s3cr3t-token-value', cookie: 'session=c00kie-value' },
      payload: {
        password: 'hunter2-password',
        refreshToken: 'refresh-xyz-123',
        rows: [{ age: 41, race: 'secret-person-row' }],
        columns: ['secret-column-name'],
        name: 'visible-name',
      },
    });
    const text = toy.logs.text();
    for (const secret of [
      's3cr3t-token-value',
      'c00kie-value',
      'hunter2-password',
      'refresh-xyz-123',
      'secret-person-row',
      'secret-column-name',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible-name');
    expect(toy.logs.lines().find((l) => l.msg === 'item received')).toMatchObject({
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' },
      body: { password: '[REDACTED]', rows: '[REDACTED]', name: 'visible-name' },
    });
  });
});
