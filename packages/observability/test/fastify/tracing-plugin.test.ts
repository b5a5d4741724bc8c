import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryTracing, type InMemoryTracing } from '../../src/testing.ts';
import { buildToyApp, type ToyApp } from '../support/toy-app.ts';

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

let toy: ToyApp | undefined;
let traced: InMemoryTracing | undefined;
afterEach(async () => {
  await toy?.app.close();
  await traced?.tracing.shutdown();
  toy = traced = undefined;
});

async function setup(sampleRatio = 1): Promise<{ toy: ToyApp; traced: InMemoryTracing }> {
  traced = createInMemoryTracing({ registerGlobal: false, sampleRatio });
  toy = await buildToyApp({ tracing: traced.tracing });
  return { toy, traced };
}

describe('tracing plugin', () => {
  it('continues the caller trace: same trace id, parent = caller span, named by route template', async () => {
    const { toy, traced } = await setup();
    const res = await toy.app.inject({ url: '/items/123?verbose=1', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } });
    expect(res.statusCode).toBe(200);
    const [span] = traced.spans();
    expect(traced.spans()).toHaveLength(1);
    expect(span!.name).toBe('GET /items/:id');
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.spanContext().traceId).toBe(CALLER_TRACE);
    expect(span!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/items/:id',
      'url.path': '/items/123',
      'url.scheme': 'http',
      'http.response.status_code': 200,
    });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    expect(res.headers['x-trace-id']).toBe(CALLER_TRACE);
    expect(res.headers.traceresponse).toBe(`00-${CALLER_TRACE}-${span!.spanContext().spanId}-01`);
  });

  it('starts a new trace without a traceparent and ignores a malformed one', async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/items/1', headers: { traceparent: '00-zzzz-not-a-trace-01' } });
    const [span] = traced.spans();
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span!.spanContext().traceId).not.toBe('0'.repeat(32));
  });

  it('marks 5xx spans ERROR with error.type and the exception; 4xx stay UNSET', async () => {
    const { toy, traced } = await setup();
    expect((await toy.app.inject({ url: '/fail' })).statusCode).toBe(500);
    expect((await toy.app.inject({ url: '/bad' })).statusCode).toBe(400);
    const [failed, bad] = traced.spans();
    expect(failed!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'engine exploded' });
    expect(failed!.attributes['error.type']).toBe('AIC_ERR_TEST');
    expect(failed!.attributes['http.response.status_code']).toBe(500);
    expect(failed!.events.map((e) => e.name)).toEqual(['exception']);
    expect(bad!.status.code).toBe(SpanStatusCode.UNSET);
    expect(bad!.attributes['error.type']).toBeUndefined();
  });

  it('echoes a sane x-request-id, replaces an unsafe one, generates one when absent, and sets it on the span', async () => {
    const { toy, traced } = await setup();
    const echoed = await toy.app.inject({ url: '/items/1', headers: { 'x-request-id': 'client-req.42' } });
    const unsafe = await toy.app.inject({ url: '/items/2', headers: { 'x-request-id': 'evil\u0000id with spaces' } });
    const fresh = await toy.app.inject({ url: '/items/3' });
    expect(echoed.headers['x-request-id']).toBe('client-req.42');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(traced.spans().map((s) => s.attributes['ethixai.request_id'])).toEqual([
      'client-req.42',
      unsafe.headers['x-request-id'],
      fresh.headers['x-request-id'],
    ]);
  });

  it('gives handlers the server span as their trace context: child spans and outgoing traceparent join it', async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/child', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } });
    const [child, server] = traced.spans();
    expect(child!.name).toBe('analysis.parse');
    expect(child!.spanContext().traceId).toBe(CALLER_TRACE);
    expect(child!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);

    const res = await toy.app.inject({ url: '/downstream' });
    const outgoing = (res.json() as { headers: Record<string, string> }).headers.traceparent!;
    const [, traceId, parentId] = TRACEPARENT.exec(outgoing)!;
    expect(traceId).toBe(res.headers['x-trace-id']);
    expect(parentId).toBe(traced.spans().at(-1)!.spanContext().spanId);
  });

  it('binds the request logger to the trace and span ids, across body parsing', async () => {
    const { toy } = await setup();
    await toy.app.inject({ method: 'POST', url: '/items', payload: { name: 'x' } });
    const line = toy.logs.lines().find((l) => l.msg === 'item received')!;
    const [span] = traced!.spans();
    expect(line.trace_id).toBe(span!.spanContext().traceId);
    expect(line.span_id).toBe(span!.spanContext().spanId);
  });

  it('with sampling ratio 0 exports nothing but still propagates the trace', async () => {
    const { toy, traced } = await setup(0);
    const res = await toy.app.inject({ url: '/downstream' });
    expect(traced.spans()).toHaveLength(0);
    const outgoing = (res.json() as { headers: Record<string, string> }).headers.traceparent!;
    expect(outgoing).toMatch(TRACEPARENT);
    expect(outgoing.endsWith('-00')).toBe(true);
    expect(outgoing.split('-')[1]).toBe(res.headers['x-trace-id']);
    // Unsampled: no traceresponse (no trace will exist), but the completion line has the ids.
    expect(res.headers.traceresponse).toBeUndefined();
    const done = toy.logs.lines().find((l) => l.msg === 'request completed' && l.route === '/downstream')!;
    expect(done.trace_id).toBe(res.headers['x-trace-id']);
    expect(done.span_id).toMatch(/^[0-9a-f]{16}$/);
    // A sampled caller still wins (parent-based): its trace is recorded even at ratio 0.
    await toy.app.inject({ url: '/items/1', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } });
    expect(traced.spans().map((s) => s.spanContext().traceId)).toEqual([CALLER_TRACE]);
  });

  it('an unsampled caller stays unsampled: no span, its trace id, a new span id passed on with flags 00', async () => {
    const { toy, traced } = await setup(1);
    const res = await toy.app.inject({ url: '/downstream', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-00` } });
    expect(traced.spans()).toHaveLength(0);
    expect(res.headers['x-trace-id']).toBe(CALLER_TRACE);
    const [, traceId, parentId] = TRACEPARENT.exec((res.json() as { headers: Record<string, string> }).headers.traceparent!)!;
    expect([traceId, (res.json() as { headers: Record<string, string> }).headers.traceparent!.slice(-2)]).toEqual([CALLER_TRACE, '00']);
    expect(parentId).not.toBe(CALLER_SPAN);
    const done = toy.logs.lines().find((l) => l.msg === 'request completed' && l.route === '/downstream')!;
    expect([done.trace_id, done.span_id]).toEqual([CALLER_TRACE, parentId]);
  });

  it('samples about the configured share of new traces; only sampled ones get spans and traceresponse', async () => {
    const { toy, traced } = await setup(0.5);
    const responses = [];
    for (let i = 0; i < 400; i++) responses.push(await toy.app.inject({ url: `/items/${i}` }));
    const sampled = responses.filter((r) => r.headers.traceresponse !== undefined);
    // Binomial(400, 0.5): outside 140..260 has probability below 1e-9.
    expect(sampled.length).toBeGreaterThan(140);
    expect(sampled.length).toBeLessThan(260);
    expect(new Set(traced.spans().map((s) => s.spanContext().traceId))).toEqual(new Set(sampled.map((r) => r.headers['x-trace-id'])));
    expect(new Set(responses.map((r) => r.headers['x-trace-id'])).size).toBe(400);
  });

  it('ends the span of a request the client abandons, with error.type "aborted"', async () => {
    const { toy, traced } = await setup();
    await toy.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (toy.app.server.address() as AddressInfo).port;
    const controller = new AbortController();
    const pending = fetch(`http://127.0.0.1:${port}/slow?ms=1500`, { signal: controller.signal }).catch(() => undefined);
    // Abort only once the server has the request (a loaded box may deliver it late).
    while ((await toy.app.inject({ url: '/metrics' })).body.match(/http_requests_in_progress\{method="GET",route="\/slow"[^}]*\} 1/) === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    await pending;
    const deadline = Date.now() + 5000;
    while (traced.spans().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const spans = traced.spans();
    expect(spans.map((s) => [s.name, s.attributes['error.type']])).toEqual([['GET /slow', 'aborted']]);
  });

  it('creates no span for /metrics and the health routes', async () => {
    const { toy, traced } = await setup();
    await toy.app.inject({ url: '/metrics' });
    expect(traced.spans()).toHaveLength(0);
  });
});
