import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ProxyTracerProvider, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry, type Telemetry } from '../src/telemetry.ts';
import { createTracing, tracesUrl } from '../src/tracing.ts';
import {
  createInMemoryTelemetry,
  parseScrape,
  sampleValue,
  startOtlpReceiver,
  type OtlpReceiver,
} from '@ethixai/test-support';
import { buildToyApp, type ToyApp } from './support/toy-app.ts';

let toy: ToyApp | undefined;
let telemetry: Telemetry | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await toy?.app.close();
  await telemetry?.shutdown();
  await receiver?.close();
  toy = telemetry = receiver = undefined;
});

/** A port that was free a moment ago: nothing listens there. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const config = { service: 'ethixai-ai-core', version: '1.2.3', metrics: true, tracing: true, sampleRatio: 1 };

describe('createTelemetry', () => {
  it("spans come from the OpenTelemetry SDK's own tracer provider, registered as the global one", async () => {
    const memory = createInMemoryTelemetry({ service: 'ethixai-backend' });
    telemetry = memory.telemetry;
    const provider = telemetry.tracing!.provider;
    expect(provider).toBeInstanceOf(TracerProvider);
    expect((trace.getTracerProvider() as ProxyTracerProvider).getDelegate()).toBe(provider);
    trace.getTracer('domain').startActiveSpan('analysis.audit', (span) => span.end());
    const [span] = memory.spans();
    expect(span!.name).toBe('analysis.audit');
    expect(span!.resource.attributes['service.name']).toBe('ethixai-backend');
    expect(span!.instrumentationScope.name).toBe('domain');
  });

  it('exports spans as OTLP/HTTP JSON with the service name to the configured endpoint', async () => {
    receiver = await startOtlpReceiver();
    telemetry = createTelemetry({ ...config, otlpEndpoint: receiver.url });
    toy = await buildToyApp(telemetry);
    const res = await toy.app.inject({ url: '/child' });
    await telemetry.tracing!.forceFlush();
    const spans = await receiver.waitForSpans(3);
    expect(new Set(spans.map((s) => s.serviceName))).toEqual(new Set(['ethixai-ai-core']));
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([res.headers['x-trace-id']]));
    const server = spans.find((s) => s.kind === 2)!; // OTLP numbering: SERVER = 2
    expect([server.name, server.attributes['http.route']]).toEqual(['GET /child', '/child']);
    expect(spans.find((s) => s.name === 'analysis.parse')).toBeDefined();
  });

  it(
    'a dead exporter endpoint changes nothing for clients; failed exports are counted',
    { timeout: 60_000 },
    async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        telemetry = createTelemetry({ ...config, otlpEndpoint: `http://127.0.0.1:${await deadPort()}` });
        toy = await buildToyApp(telemetry);
        const statuses: number[] = [];
        for (let i = 0; i < 20; i += 1) statuses.push((await toy.app.inject({ url: `/items/${i}` })).statusCode);
        expect(statuses).toEqual(Array(20).fill(200));
        await telemetry.tracing!.forceFlush();
        const failures = sampleValue(
          parseScrape((await telemetry.metrics!.exposition()).body),
          'ethixai_telemetry_export_failures_total',
        );
        expect(failures).toBeGreaterThanOrEqual(1);
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    },
  );

  it('samples root spans at the ratio, and follows a sampled parent (ParentBased(TraceIdRatioBased))', () => {
    const exporter = new InMemorySpanExporter();
    telemetry = createTelemetry({ ...config, metrics: false, sampleRatio: 0 }, { exporter });
    const tracer = trace.getTracer('test');
    const root = tracer.startSpan('root');
    expect(root.isRecording()).toBe(false);
    const caller = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    expect(
      tracer
        .startSpan(
          'sampled caller',
          { kind: SpanKind.SERVER },
          trace.setSpanContext(ROOT_CONTEXT, { ...caller, traceFlags: TraceFlags.SAMPLED }),
        )
        .isRecording(),
    ).toBe(true);
    expect(
      tracer
        .startSpan(
          'unsampled caller',
          { kind: SpanKind.SERVER },
          trace.setSpanContext(ROOT_CONTEXT, { ...caller, traceFlags: TraceFlags.NONE }),
        )
        .isRecording(),
    ).toBe(false);
  });

  it('off: no provider registered and no metrics when both are off', async () => {
    telemetry = createTelemetry({ ...config, metrics: false, tracing: false });
    expect([telemetry.metrics, telemetry.tracing]).toEqual([undefined, undefined]);
    expect(trace.getTracer('test').startSpan('x').isRecording()).toBe(false);
  });

  it('shutdown releases the global provider', async () => {
    const memory = createInMemoryTelemetry();
    await memory.telemetry.shutdown();
    expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
    expect(memory.spans()).toEqual([]);
  });

  it('validates the ratio and builds the traces URL', () => {
    expect(() => createTracing({ service: 'x', version: '0', sampleRatio: 1.5 })).toThrow(
      'sampleRatio must be between 0 and 1, got 1.5',
    );
    expect(tracesUrl('http://jaeger:4318')).toBe('http://jaeger:4318/v1/traces');
    expect(tracesUrl('http://jaeger:4318/')).toBe('http://jaeger:4318/v1/traces');
    expect(tracesUrl('http://collector/v1/traces')).toBe('http://collector/v1/traces');
  });
});
