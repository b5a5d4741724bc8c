import { SpanKind } from '@opentelemetry/api';
import { createHealthState } from '@ethixai/service-kit';
import { createInMemoryTracing, type InMemoryTracing } from '@ethixai/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const parentOf = (flags: '00' | '01') => ({ traceparent: `00-${TRACE}-00f067aa0ba902b7-${flags}` });

describe('POST /v1/evaluate traced without async hooks', () => {
  let t: TestApp;
  let traces: InMemoryTracing;
  let modelId: string;
  beforeAll(async () => {
    traces = createInMemoryTracing({ serviceName: 'ethixai-backend', sampleRatio: 0 }) // global: the database driver uses the global tracer;
    t = await build({}, undefined, { telemetry: { tracing: traces.tracing, health: createHealthState() } });
    modelId = (await createModel(t)).id;
  });
  afterAll(async () => {
    await t.close();
    await traces.tracing.shutdown();
  });

  it("a sampled request's group commit queries are CLIENT spans under its server span", async () => {
    traces.reset();
    const res = await t.injectAs(t.admin, { method: 'POST', url: '/v1/evaluate', payload: decision(modelId, 'a', 1), headers: parentOf('01') });
    expect(res.statusCode).toBe(201);
    const spans = traces.spans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /v1/evaluate');
    expect(server?.spanContext().traceId).toBe(TRACE);
    const queries = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(queries.map((s) => s.name)).toEqual(expect.arrayContaining(['INSERT evaluations', 'INSERT window_counts']));
    for (const q of queries) {
      expect(q.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
      expect(q.attributes['db.system.name']).toBe('sqlite');
    }
  });

  it('an unsampled request records nothing, yet its trace id is still returned and propagated', async () => {
    traces.reset();
    const res = await evaluate(t, decision(modelId, 'b', 0));
    expect(res.statusCode).toBe(201);
    const unsampledCaller = await t.injectAs(t.admin, { method: 'POST', url: '/v1/evaluate', payload: decision(modelId, 'b', 1), headers: parentOf('00') });
    expect(unsampledCaller.statusCode).toBe(201);
    expect(unsampledCaller.headers['x-trace-id']).toBe(TRACE);
    expect(traces.spans()).toEqual([]);
  });
});
