import { SpanKind } from '@opentelemetry/api';
import { createInMemoryTelemetry, type InMemoryTelemetry, type ReadableSpan } from '@ethixai/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helper.ts';
import { createModel, decision, evaluate } from '../fixtures.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const OTHER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const parent = (flags: '00' | '01', trace = TRACE) => ({ traceparent: `00-${trace}-00f067aa0ba902b7-${flags}` });
const idOf = (span: ReadableSpan | undefined) => span?.spanContext().spanId;

describe('POST /v1/evaluate traced through the active context', () => {
  let t: TestApp;
  let traces: InMemoryTelemetry;
  let modelId: string;
  beforeAll(async () => {
    // Root traces are never sampled here: only a caller's sampled flag makes a request traced.
    traces = createInMemoryTelemetry({ service: 'ethixai-backend', sampleRatio: 0 });
    t = await build({ EVALUATE_COMMIT_INTERVAL_MS: '50' }, undefined, { telemetry: traces.telemetry });
    modelId = (await createModel(t)).id;
  });
  afterAll(async () => {
    await t.close();
    await traces.telemetry.shutdown();
  });

  it("a sampled request's group commit is a span under its request, with the queries as CLIENT spans under it", async () => {
    traces.reset();
    const res = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/evaluate',
      payload: decision(modelId, 'a', 1),
      headers: parent('01'),
    });
    expect(res.statusCode).toBe(201);
    const spans = traces.spans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /v1/evaluate');
    expect(server?.spanContext().traceId).toBe(TRACE);
    expect(res.headers['x-trace-id']).toBe(TRACE);
    const commit = spans.find((s) => s.name === 'evaluations.commit');
    expect(commit?.spanContext().traceId).toBe(TRACE);
    expect(ancestors(commit!, spans).map(idOf)).toContain(idOf(server));
    const writes = spans.filter((s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === idOf(commit));
    expect(writes.map((s) => s.name)).toEqual(expect.arrayContaining(['INSERT evaluations', 'INSERT window_counts']));
    for (const q of writes) expect(q.attributes['db.system.name']).toBe('sqlite');
    // The reads done for the request itself (model catalog, live window) are under the request too.
    for (const q of spans.filter((s) => s.kind === SpanKind.CLIENT))
      expect(ancestors(q, spans).map(idOf)).toContain(idOf(server));
  });

  it('requests committed in one batch: the span is under the first, linked to the other sampled ones', async () => {
    traces.reset();
    const [first, second] = await Promise.all([
      t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/evaluate',
        payload: decision(modelId, 'a', 1),
        headers: parent('01'),
      }),
      t.injectAs(t.admin, {
        method: 'POST',
        url: '/v1/evaluate',
        payload: decision(modelId, 'b', 0),
        headers: parent('01', OTHER_TRACE),
      }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const commits = traces.spans().filter((s) => s.name === 'evaluations.commit');
    expect(commits.map((s) => s.attributes['ethixai.evaluations.requests'])).toEqual([2]);
    const [commit] = commits;
    const linked = commit!.links.map((l) => l.context.traceId);
    expect([commit!.spanContext().traceId, ...linked].sort()).toEqual([TRACE, OTHER_TRACE].sort());
  });

  it('an unsampled request records nothing, yet its trace id is still returned and propagated', async () => {
    traces.reset();
    const res = await evaluate(t, decision(modelId, 'b', 0));
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    const unsampledCaller = await t.injectAs(t.admin, {
      method: 'POST',
      url: '/v1/evaluate',
      payload: decision(modelId, 'b', 1),
      headers: parent('00'),
    });
    expect(unsampledCaller.statusCode).toBe(201);
    expect(unsampledCaller.headers['x-trace-id']).toBe(TRACE);
    expect(traces.spans()).toEqual([]);
  });
});

function ancestors(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan[] {
  const chain: ReadableSpan[] = [];
  for (let next = span.parentSpanContext?.spanId; next !== undefined;) {
    const found = spans.find((s) => s.spanContext().spanId === next);
    if (found === undefined) break;
    chain.push(found);
    next = found.parentSpanContext?.spanId;
  }
  return chain;
}
