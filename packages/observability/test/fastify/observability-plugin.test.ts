import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  METRIC_EVENT_LOOP_UTILIZATION,
  METRIC_HTTP_REQUESTS_IN_PROGRESS,
  METRIC_HTTP_REQUESTS_TOTAL,
  METRIC_HTTP_REQUEST_DURATION,
} from '../../src/names.ts';
import {
  createInMemoryTelemetry,
  findSamples,
  parseScrape,
  sampleValue,
  type InMemoryTelemetry,
} from '@ethixai/test-support';
import { buildToyApp, type ToyApp } from '../support/toy-app.ts';

let toy: ToyApp | undefined;
let traced: InMemoryTelemetry | undefined;
afterEach(async () => {
  await toy?.app.close();
  await traced?.telemetry.shutdown();
  toy = traced = undefined;
});

async function pollScrape(base: string, until: (s: ReturnType<typeof parseScrape>) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const parsed = parseScrape(await (await fetch(`${base}/metrics`)).text());
    if (until(parsed) || Date.now() > deadline) return parsed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function scrape(app: ToyApp['app'], accept?: string) {
  const res = await app.inject({ url: '/metrics', headers: accept ? { accept } : {} });
  expect(res.statusCode).toBe(200);
  return { res, parsed: parseScrape(res.body) };
}

describe('observability plugin: RED metrics and /metrics', () => {
  it('records RED metrics under the route template with exact counts', async () => {
    toy = await buildToyApp();
    for (const id of ['123', '456', '789'])
      expect((await toy.app.inject({ url: `/items/${id}` })).statusCode).toBe(200);
    await toy.app.inject({ url: '/fail' });
    await toy.app.inject({ url: '/no/such/path/42' });

    const { res, parsed } = await scrape(toy.app);
    expect(res.headers['content-type']).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_TOTAL, { method: 'GET', route: '/items/:id', status: '200' })).toBe(
      3,
    );
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_TOTAL, { route: '/fail', status: '500' })).toBe(1);
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_TOTAL, { route: '__unmatched__', status: '404' })).toBe(1);
    expect(res.body).not.toContain('/items/123');
    expect(res.body).not.toContain('/no/such/path');
    expect(sampleValue(parsed, `${METRIC_HTTP_REQUEST_DURATION}_count`, { route: '/items/:id', status: '200' })).toBe(
      3,
    );
    // /metrics itself is machine traffic and is not recorded.
    expect(findSamples(parsed, METRIC_HTTP_REQUESTS_TOTAL, { route: '/metrics' })).toHaveLength(0);
  });

  it('uses exactly the label set method, route, status (+service) and has the SLO bucket boundaries', async () => {
    toy = await buildToyApp();
    await toy.app.inject({ url: '/items/1' });
    const { parsed } = await scrape(toy.app);
    const [counter] = findSamples(parsed, METRIC_HTTP_REQUESTS_TOTAL);
    expect(Object.keys(counter!.labels).sort()).toEqual(['method', 'route', 'service', 'status']);
    expect(counter!.labels.service).toBe('ethixai-backend');
    const les = findSamples(parsed, `${METRIC_HTTP_REQUEST_DURATION}_bucket`, { route: '/items/:id' }).map(
      (s) => s.labels.le,
    );
    expect(les).toEqual(['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    expect(parsed.types.get(METRIC_HTTP_REQUEST_DURATION)).toBe('histogram');
    expect(parsed.types.get(METRIC_HTTP_REQUESTS_IN_PROGRESS)).toBe('gauge');
    expect(parsed.types.get(METRIC_EVENT_LOOP_UTILIZATION)).toBe('gauge');
    expect(parsed.types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
    expect(parsed.types.get('process_cpu_seconds_total')).toBe('counter');
    const elu = sampleValue(parsed, METRIC_EVENT_LOOP_UTILIZATION);
    expect(elu).toBeGreaterThanOrEqual(0);
    expect(elu).toBeLessThanOrEqual(1);
  });

  it('counts in-progress requests on a real port and returns to 0', async () => {
    toy = await buildToyApp();
    await toy.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(toy.app.server.address() as AddressInfo).port}`;
    const slow = fetch(`${base}/slow?ms=1000`);
    // Poll rather than sleep a fixed time: on a loaded 2-core box the request may arrive late.
    const inFlight = await pollScrape(
      base,
      (s) => sampleValue(s, METRIC_HTTP_REQUESTS_IN_PROGRESS, { method: 'GET', route: '/slow' }) === 1,
    );
    expect(sampleValue(inFlight, METRIC_HTTP_REQUESTS_IN_PROGRESS, { method: 'GET', route: '/slow' })).toBe(1);
    expect((await slow).status).toBe(200);
    const after = parseScrape(await (await fetch(`${base}/metrics`)).text());
    expect(sampleValue(after, METRIC_HTTP_REQUESTS_IN_PROGRESS, { route: '/slow' })).toBe(0);
    expect(sampleValue(after, METRIC_HTTP_REQUESTS_TOTAL, { route: '/slow', status: '200' })).toBe(1);
    // >= 1 s: outside every bucket up to 1 s, inside 2.5 s unless the box stalls for 1.5 s.
    expect(sampleValue(after, `${METRIC_HTTP_REQUEST_DURATION}_bucket`, { route: '/slow', le: '0.5' })).toBe(0);
    expect(sampleValue(after, `${METRIC_HTTP_REQUEST_DURATION}_bucket`, { route: '/slow', le: '+Inf' })).toBe(1);
  });

  it('records a request the client abandons as 499 and does not leak the in-progress gauge', async () => {
    toy = await buildToyApp();
    await toy.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(toy.app.server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    const pending = fetch(`${base}/slow?ms=1500`, { signal: controller.signal }).catch(() => undefined);
    await pollScrape(base, (s) => sampleValue(s, METRIC_HTTP_REQUESTS_IN_PROGRESS, { route: '/slow' }) === 1);
    controller.abort();
    await pending;
    const parsed = await pollScrape(
      base,
      (s) => sampleValue(s, METRIC_HTTP_REQUESTS_TOTAL, { route: '/slow', status: '499' }) === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1700)); // the handler finishes later: it must not count again
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_IN_PROGRESS, { route: '/slow' })).toBe(0);
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_TOTAL, { route: '/slow', status: '499' })).toBe(1);
    const later = parseScrape(await (await fetch(`${base}/metrics`)).text());
    expect(
      findSamples(later, METRIC_HTTP_REQUESTS_TOTAL, { route: '/slow' }).map((x) => [x.labels.status, x.value]),
    ).toEqual([['499', 1]]);
    expect(sampleValue(later, METRIC_HTTP_REQUESTS_IN_PROGRESS, { route: '/slow' })).toBe(0);
  });

  it('serves OpenMetrics with an exemplar carrying the request trace id when asked', async () => {
    traced = createInMemoryTelemetry();
    toy = await buildToyApp(traced.telemetry);
    const res = await toy.app.inject({ url: '/items/9' });
    const traceId = res.headers['x-trace-id'];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const { res: om, parsed } = await scrape(
      toy.app,
      'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5',
    );
    expect(om.headers['content-type']).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
    expect(om.body.endsWith('# EOF\n')).toBe(true);
    const withExemplar = findSamples(parsed, `${METRIC_HTTP_REQUEST_DURATION}_bucket`, { route: '/items/:id' }).filter(
      (s) => s.exemplar,
    );
    expect(withExemplar).toHaveLength(1);
    const server = traced.spans().find((s) => s.name === 'GET /items/:id');
    expect(withExemplar[0]!.exemplar!.labels).toEqual({ trace_id: traceId, span_id: server!.spanContext().spanId });
    // OpenMetrics counters: family without _total, sample with it.
    expect(parsed.types.get('http_requests')).toBe('counter');
    expect(sampleValue(parsed, METRIC_HTTP_REQUESTS_TOTAL, { route: '/items/:id' })).toBe(1);

    const { res: text } = await scrape(toy.app);
    expect(text.body).not.toContain('trace_id');
  });

  it('puts no exemplar on requests whose trace is not sampled', async () => {
    traced = createInMemoryTelemetry({ sampleRatio: 0 });
    toy = await buildToyApp(traced.telemetry);
    await toy.app.inject({ url: '/items/9' });
    const { parsed } = await scrape(toy.app, 'application/openmetrics-text');
    expect(parsed.samples.some((s) => s.exemplar)).toBe(false);
  });
});
