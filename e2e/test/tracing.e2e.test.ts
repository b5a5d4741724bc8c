/**
 * Issue 5, "Must show": backend and ai-core as separate processes exporting OTLP/HTTP JSON to a
 * receiver inside this test (tracing on, 100 % sampling). One authenticated `POST /v1/analyses`
 * must be one trace across backend → ai-core → database with correct parent links and route
 * templates as span names; its trace id must appear in both services' log lines, in the response
 * headers and in an exemplar of the backend's duration histogram; a caller's `traceparent` is
 * continued; and a dead exporter endpoint changes nothing for the client.
 */
import {
  HEADER_TRACE_ID,
  LOG_ROUTE,
  LOG_TRACE_ID,
  METRIC_HTTP_REQUEST_DURATION,
  METRIC_TELEMETRY_EXPORT_FAILURES,
  SERVICE_AI_CORE,
  SERVICE_BACKEND,
  SPAN_ANALYSIS_STAGE_PREFIX,
  ATTR_DB_SYSTEM,
} from '@ethixai/observability/names';
import {
  parseScrape,
  sampleValue,
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from '@ethixai/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, waitFor } from '../support/http-client.ts';
import { groupCounts, inlineAudit } from '../support/inline-audit.ts';
import { killAll } from '../support/service-process.ts';
import { Stack } from '../support/stack.ts';
import { OTLP_KIND, ancestors, describeSpans, randomHex, spansOfTrace, tracesCovering } from '../support/trace-tree.ts';

const STEP = 240_000;
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const isServer = (service: string, name?: string) => (s: ReceivedSpan) =>
  s.serviceName === service && s.kind === OTLP_KIND.SERVER && (name === undefined || s.name === name);
const isDbSpan = (s: ReceivedSpan) => s.attributes[ATTR_DB_SYSTEM] !== undefined;

describe('tracing end to end: backend → ai-core → database, exported over OTLP/HTTP', () => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  let token = '';
  // The traced analysis request of the first step, inspected by the following ones.
  let traceId = '';
  let trace: ReceivedSpan[] = [];

  const backend = () => stack.backend.url;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await Stack.start({
      env: {
        ETHIXAI_TRACING: 'true',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_SAMPLER_RATIO: '1',
      },
    });
    const admin = await stack.waitForPrintedAdmin();
    token = await login(backend(), admin.email, admin.password);
  }, STEP);

  afterAll(async () => {
    await killAll();
    await stack?.destroy();
    await receiver?.close();
  }, 60_000);

  it(
    'an analysis request answers 201 with its trace id in a header, and its spans reach the receiver',
    async () => {
      const audit = inlineAudit(3);
      const res = await call(backend(), 'POST', '/v1/analyses', { token, json: audit.body });
      expect(res.status, res.text).toBe(201);
      expect(groupCounts(res.json().result, 'region')).toEqual(audit.expected);
      traceId = res.headers.get(HEADER_TRACE_ID) ?? '';
      expect(traceId, `response header ${HEADER_TRACE_ID}`).toMatch(/^[0-9a-f]{32}$/);

      // Both server spans (the ai-core one in whatever trace it landed); every other span of the
      // request ends before its service's server span, so it was exported in the same or an earlier batch.
      await waitFor(
        'the backend and ai-core server spans of the analysis',
        async () => {
          const spans = receiver.spans();
          const backendDone = spans.some(
            (s) => s.traceId === traceId && isServer(SERVICE_BACKEND, 'POST /v1/analyses')(s),
          );
          return backendDone && spans.some(isServer(SERVICE_AI_CORE, 'POST /v1/analyze')) ? true : undefined;
        },
        60_000,
        100,
      );
      trace = spansOfTrace(receiver.spans(), traceId);
      expect(trace.length).toBeGreaterThan(0);
    },
    STEP,
  );

  it('exactly one trace id covers spans of both services, and it is the one in the response header', () => {
    const both = tracesCovering(receiver.spans(), [SERVICE_BACKEND, SERVICE_AI_CORE]);
    expect(both, `every span received:\n${describeSpans(receiver.spans())}`).toEqual([traceId]);
  });

  it("the trace has database spans of the backend, under the backend's server span", () => {
    const db = trace.filter((s) => s.serviceName === SERVICE_BACKEND && isDbSpan(s));
    expect(db.length, `spans of trace ${traceId}:\n${describeSpans(trace)}`).toBeGreaterThan(0);
    const backendServer = trace.find(isServer(SERVICE_BACKEND, 'POST /v1/analyses'))!;
    for (const span of db)
      expect(
        ancestors(span, trace).map((s) => s.spanId),
        describeSpans([span]),
      ).toContain(backendServer.spanId);
  });

  it("ai-core's engine stages are spans under its server span, in the same trace", () => {
    const aiCoreServer = trace.find(isServer(SERVICE_AI_CORE))!;
    const stages = trace.filter(
      (s) => s.serviceName === SERVICE_AI_CORE && s.name.startsWith(SPAN_ANALYSIS_STAGE_PREFIX),
    );
    expect(stages.map((s) => s.name).sort(), `spans of trace ${traceId}:\n${describeSpans(trace)}`).toEqual([
      'analysis.audit',
      'analysis.ingest',
      'analysis.serialise',
    ]);
    for (const span of stages) expect(ancestors(span, trace).map((s) => s.spanId)).toContain(aiCoreServer.spanId);
  });

  it("parent links: ai-core's server span ← the backend's client span to ai-core ← … ← the backend's server span (the root)", () => {
    const message = `spans of trace ${traceId}:\n${describeSpans(trace)}`;
    const backendServer = trace.find(isServer(SERVICE_BACKEND, 'POST /v1/analyses'));
    expect(backendServer, message).toBeDefined();
    expect(backendServer!.parentSpanId, 'a request without traceparent starts a new trace').toBeUndefined();

    const aiCoreServer = trace.find(isServer(SERVICE_AI_CORE));
    expect(aiCoreServer, message).toBeDefined();
    const client = trace.find((s) => s.spanId === aiCoreServer!.parentSpanId);
    expect(client, `the parent of ai-core's server span\n${message}`).toBeDefined();
    expect({ service: client!.serviceName, kind: client!.kind }).toEqual({
      service: SERVICE_BACKEND,
      kind: OTLP_KIND.CLIENT,
    });
    expect(
      ancestors(client!, trace).map((s) => s.spanId),
      message,
    ).toContain(backendServer!.spanId);
  });

  it('server span names are route templates, and so are their http.route attributes', () => {
    const servers = receiver.spans().filter((s) => s.kind === OTLP_KIND.SERVER);
    expect(servers.map((s) => `${s.serviceName} ${s.name}`)).toEqual(
      expect.arrayContaining([
        `${SERVICE_BACKEND} POST /v1/auth/login`,
        `${SERVICE_BACKEND} POST /v1/analyses`,
        `${SERVICE_AI_CORE} POST /v1/analyze`,
      ]),
    );
    for (const span of servers) {
      expect(span.name, describeSpans([span])).toMatch(/^[A-Z]+ \/[\w/:.-]*$/);
      expect(span.name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // never a raw id
      expect(`${span.attributes['http.request.method']} ${span.attributes['http.route']}`).toBe(span.name);
    }
  });

  it("the trace id appears in both services' JSON log lines", async () => {
    const lines = (service: Stack['backend']) => service.logs().filter((l) => l[LOG_TRACE_ID] === traceId);
    await waitFor(
      'log lines carrying the trace id',
      async () => (lines(stack.backend).length > 0 && lines(stack.aiCore).length > 0 ? true : undefined),
      10_000,
      100,
    ).catch(() => undefined);
    expect(
      lines(stack.backend).map((l) => l[LOG_ROUTE]),
      'backend log lines with the trace id',
    ).toContain('/v1/analyses');
    const aiCoreTraces = stack.aiCore
      .logs()
      .filter((l) => l[LOG_ROUTE] === '/v1/analyze')
      .map((l) => l[LOG_TRACE_ID]);
    expect(
      lines(stack.aiCore).map((l) => l[LOG_ROUTE]),
      `ai-core log lines with trace id ${traceId} (its /v1/analyze lines carry ${JSON.stringify(aiCoreTraces)})`,
    ).toContain('/v1/analyze');
  });

  it('the backend /metrics, scraped as OpenMetrics, has an exemplar with the trace id on http_request_duration_seconds', async () => {
    const res = await call(backend(), 'GET', '/metrics', { headers: { ...stack.metricsAuth(), accept: OPENMETRICS } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/openmetrics-text/);
    const buckets = parseScrape(res.text).samples.filter(
      (s) =>
        s.name === `${METRIC_HTTP_REQUEST_DURATION}_bucket` &&
        s.labels.route === '/v1/analyses' &&
        s.labels.method === 'POST',
    );
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.filter((s) => s.exemplar?.labels.trace_id === traceId).length).toBe(1);
  });

  it(
    "a client-supplied traceparent is honoured: the backend's server span continues it",
    async () => {
      const callerTrace = randomHex(16);
      const callerSpan = randomHex(8);
      const audit = inlineAudit(4);
      const res = await call(backend(), 'POST', '/v1/analyses', {
        token,
        json: audit.body,
        headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` },
      });
      expect(res.status, res.text).toBe(201);
      expect(groupCounts(res.json().result, 'region')).toEqual(audit.expected);
      expect(res.headers.get(HEADER_TRACE_ID)).toBe(callerTrace);

      const server = await waitFor(
        'the backend server span of the caller trace',
        async () =>
          receiver.spans().find((s) => s.traceId === callerTrace && isServer(SERVICE_BACKEND, 'POST /v1/analyses')(s)),
        60_000,
        100,
      );
      expect(server.parentSpanId).toBe(callerSpan);
    },
    STEP,
  );

  it(
    'with the receiver closed (exporter endpoint dead), requests still answer correctly and nothing crashes',
    async () => {
      await receiver.close();
      const failuresBefore = await exportFailures(backend(), stack.metricsToken());
      for (let variant = 5; variant < 8; variant += 1) {
        const audit = inlineAudit(variant);
        const res = await call(backend(), 'POST', '/v1/analyses', { token, json: audit.body });
        expect(res.status, res.text).toBe(201);
        expect(groupCounts(res.json().result, 'region')).toEqual(audit.expected);
        expect((await call(backend(), 'GET', '/v1/auth/me', { token })).status).toBe(200);
      }
      // The exporters really tried and failed (so the requests above ran against a dead endpoint)...
      await waitFor(
        'a failed export counted by the backend',
        async () => ((await exportFailures(backend(), stack.metricsToken())) > failuresBefore ? true : undefined),
        90_000,
        500,
      );
      await waitFor(
        'a failed export counted by ai-core',
        async () => ((await exportFailures(stack.aiCore.url, stack.metricsToken())) > 0 ? true : undefined),
        90_000,
        500,
      );
      // ...and afterwards everything still answers.
      const audit = inlineAudit(9);
      const res = await call(backend(), 'POST', '/v1/analyses', { token, json: audit.body });
      expect(res.status, res.text).toBe(201);
      expect(groupCounts(res.json().result, 'region')).toEqual(audit.expected);
      for (const service of [stack.backend, stack.aiCore]) {
        expect(service.alive, `${service.service} is still running`).toBe(true);
        expect((await call(service.url, 'GET', '/ready')).status).toBe(200);
        expect(
          service.logs().filter((l) => l.level === 'fatal'),
          `${service.service} fatal log lines`,
        ).toEqual([]);
      }
    },
    STEP,
  );
});

async function exportFailures(baseUrl: string, metricsToken: string): Promise<number> {
  const res = await call(baseUrl, 'GET', '/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  return sampleValue(parseScrape(res.text), METRIC_TELEMETRY_EXPORT_FAILURES);
}
