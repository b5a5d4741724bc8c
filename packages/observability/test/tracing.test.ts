import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.ts';
import { TRACER_SCOPE } from '../src/names.ts';
import { injectTraceHeaders, withSpan } from '../src/spans.ts';
import { createTracing, reportExportFailures, tracesUrl, type Tracing } from '../src/tracing.ts';
import { parseScrape, sampleValue, startOtlpReceiver, type OtlpReceiver } from '../src/testing.ts';
import { buildToyApp, type ToyApp } from './support/toy-app.ts';

let toy: ToyApp | undefined;
let tracing: Tracing | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await toy?.app.close();
  await tracing?.shutdown();
  await receiver?.close();
  toy = tracing = receiver = undefined;
});

/** A port that was free a moment ago: nothing listens there. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createTracing', () => {
  it('exports spans as OTLP/HTTP JSON with the service name to the configured endpoint', async () => {
    receiver = await startOtlpReceiver();
    tracing = createTracing({ serviceName: 'ethixai-ai-core', serviceVersion: '1.2.3', enabled: true, sampleRatio: 1, otlpEndpoint: receiver.url, registerGlobal: false });
    toy = await buildToyApp({ tracing });
    const res = await toy.app.inject({ url: '/child' });
    await tracing.forceFlush();
    const spans = await receiver.waitForSpans(2);
    expect(spans.map((s) => [s.serviceName, s.name, s.kind])).toEqual([
      ['ethixai-ai-core', 'analysis.parse', 1],
      ['ethixai-ai-core', 'GET /child', 2],
    ]);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([res.headers['x-trace-id']]));
    expect(spans[0]!.parentSpanId).toBe(spans[1]!.spanId);
    expect(spans[1]!.attributes['http.route']).toBe('/child');
    expect(spans[0]!.attributes['ethixai.analysis.rows']).toBe(3);
  });

  it('a dead exporter endpoint changes nothing for clients; failures are counted', async () => {
    const metrics = createMetrics({ service: 'ethixai-backend', maxModelLabels: 1, defaultMetrics: false });
    const unhandled: unknown[] = [];
    const debugLines: Array<[Record<string, unknown>, string]> = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      tracing = createTracing({
        serviceName: 'ethixai-backend', serviceVersion: '0', enabled: true, sampleRatio: 1, registerGlobal: false,
        otlpEndpoint: `http://127.0.0.1:${await deadPort()}`,
        exportTimeoutMillis: 500,
        onExportFailure: reportExportFailures(metrics, { debug: (obj, msg) => debugLines.push([obj, msg]) }),
      });
      toy = await buildToyApp({ tracing });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await toy.app.inject({ url: `/items/${i}` })).statusCode);
      expect(statuses).toEqual(Array(20).fill(200));
      await tracing.forceFlush();
      await expect(tracing.shutdown()).resolves.toBeUndefined();
      expect(sampleValue(parseScrape(await metrics.scrape()), 'ethixai_telemetry_export_failures_total')).toBeGreaterThanOrEqual(1);
      expect(unhandled).toEqual([]);
      expect(debugLines[0]![1]).toBe('telemetry export failed');
      expect(debugLines[0]![0]).toMatchObject({ spans: expect.any(Number) });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('disabled: no spans and no export, but the caller trace id still reaches the response and the completion line', async () => {
    receiver = await startOtlpReceiver();
    tracing = createTracing({ serviceName: 'x', serviceVersion: '0', enabled: false, sampleRatio: 1, otlpEndpoint: receiver.url, registerGlobal: false });
    toy = await buildToyApp({ tracing });
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await toy.app.inject({ url: '/items/1', headers: { traceparent: caller } });
    expect(res.headers['x-trace-id']).toBe('0af7651916cd43dd8448eb211c80319c');
    const line = toy.logs.lines().find((l) => l.msg === 'request completed');
    expect(line?.trace_id).toBe('0af7651916cd43dd8448eb211c80319c');
    const plain = await toy.app.inject({ url: '/child' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['x-trace-id']).toBeUndefined();
    expect((await toy.app.inject({ url: '/downstream' })).json().headers).toEqual({});
    await tracing.forceFlush();
    expect(receiver.requests()).toBe(0);
  });

  it('registers globals for module-level withSpan/injectTraceHeaders and releases them on shutdown', async () => {
    const spans: string[] = [];
    tracing = createTracing({
      serviceName: 'x', serviceVersion: '0', enabled: true, sampleRatio: 1, processor: 'simple',
      exporter: { export: (batch, done) => { spans.push(...batch.map((s) => s.name)); done({ code: 0 }); }, shutdown: async () => undefined },
    });
    const headers = withSpan('db.select', { 'db.system.name': 'sqlite' }, () => injectTraceHeaders());
    expect(spans).toEqual(['db.select']);
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await expect(withSpan('db.fail', {}, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(spans).toEqual(['db.select', 'db.fail']);
    await tracing.shutdown();
    tracing = undefined;
    expect(trace.getTracer(TRACER_SCOPE).startSpan('after').isRecording()).toBe(false);
    const after: Record<string, string> = {};
    propagation.inject(context.active(), after);
    expect(after).toEqual({});
  });

  it('validates the ratio and builds the traces URL', () => {
    expect(() => createTracing({ serviceName: 'x', serviceVersion: '0', enabled: true, sampleRatio: 1.5 })).toThrow('sampleRatio must be between 0 and 1, got 1.5');
    expect(tracesUrl('http://jaeger:4318')).toBe('http://jaeger:4318/v1/traces');
    expect(tracesUrl('http://jaeger:4318/')).toBe('http://jaeger:4318/v1/traces');
    expect(tracesUrl('http://collector/v1/traces')).toBe('http://collector/v1/traces');
  });
});
