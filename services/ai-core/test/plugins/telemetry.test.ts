import { SpanKind } from '@opentelemetry/api';
import { createMetrics } from '@ethixai/observability';
import { createInMemoryTelemetry, parseScrape, sampleValue, type InMemoryTelemetry } from '@ethixai/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, METRICS_AUTH, build } from '../helper.ts';
import { COLUMNS, CONFIG } from '../fixtures.ts';

const STAGES = ['ingest', 'audit', 'serialise'];

describe('ai-core telemetry', () => {
  let app: FastifyInstance;
  let traces: InMemoryTelemetry;
  beforeAll(async () => {
    traces = createInMemoryTelemetry({ service: 'ethixai-ai-core' });
    const metrics = createMetrics({ service: 'ethixai-ai-core', defaultMetrics: false });
    app = await build({}, { telemetry: { ...traces.telemetry, metrics } });
  });
  afterAll(async () => {
    await app.close();
    await traces.telemetry.shutdown();
  });

  it('records each engine stage as a histogram observation and a child span of the request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: AUTH,
      payload: { config: CONFIG, data: { columns: COLUMNS } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));

    const spans = traces.spans();
    const server = spans.find((span) => span.name === 'POST /v1/analyze');
    expect(server?.kind).toBe(SpanKind.SERVER);
    expect(res.headers['x-trace-id']).toBe(server?.spanContext().traceId);
    for (const stage of STAGES) {
      const span = spans.find((s) => s.name === `analysis.${stage}`);
      expect(span?.attributes['ethixai.analysis.stage']).toBe(stage);
      expect(span?.spanContext().traceId).toBe(server?.spanContext().traceId);
      // Under the request span (through @fastify/otel's handler span, whose parent it is).
      const parent = spans.find((s) => s.spanContext().spanId === span?.parentSpanContext?.spanId);
      expect([parent?.spanContext().spanId, parent?.parentSpanContext?.spanId]).toContain(server?.spanContext().spanId);
    }

    const scrape = parseScrape((await app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH })).body);
    for (const stage of STAGES)
      expect(sampleValue(scrape, 'ethixai_analysis_stage_duration_seconds_count', { stage })).toBe(1);
    expect(sampleValue(scrape, 'http_requests_total', { method: 'POST', route: '/v1/analyze', status: '200' })).toBe(1);
  });

  it('the stage histogram carries the stage span as its exemplar (OpenMetrics)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { ...METRICS_AUTH, accept: 'application/openmetrics-text; version=1.0.0' },
    });
    const stageSpans = new Set(
      traces
        .spans()
        .filter((s) => s.name.startsWith('analysis.'))
        .map((s) => s.spanContext().spanId),
    );
    const exemplars = parseScrape(res.body).samples.filter(
      (s) => s.name === 'ethixai_analysis_stage_duration_seconds_bucket' && s.exemplar !== undefined,
    );
    expect(exemplars.length).toBeGreaterThan(0);
    for (const sample of exemplars) expect(stageSpans.has(sample.exemplar!.labels.span_id!)).toBe(true);
  });

  it('counts rejected requests under the route template, with no stage observations', async () => {
    await app.inject({ method: 'POST', url: '/v1/analyze?x=1', payload: {} });
    const scrape = parseScrape((await app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH })).body);
    expect(sampleValue(scrape, 'http_requests_total', { method: 'POST', route: '/v1/analyze', status: '401' })).toBe(1);
    expect(sampleValue(scrape, 'ethixai_analysis_stage_duration_seconds_count', { stage: 'ingest' })).toBe(1);
  });

  it("continues the caller's trace (the backend's traceparent)", async () => {
    traces.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      payload: { config: CONFIG, data: { columns: COLUMNS } },
      headers: { ...AUTH, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.statusCode).toBe(200);
    const server = traces.spans().find((span) => span.name === 'POST /v1/analyze');
    expect(server?.spanContext().traceId).toBe(traceId);
    expect(server?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(
      traces
        .spans()
        .filter((span) => span.name.startsWith('analysis.'))
        .map((span) => span.spanContext().traceId),
    ).toEqual([traceId, traceId, traceId]);
  });
});
