import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.ts';
import { parseScrape, sampleValue } from '../src/testing.ts';

describe('http_requests_total', () => {
  it('counts what the duration histogram counted, per label set, and keeps counting across scrapes', async () => {
    const metrics = createMetrics({ service: 'ethixai-backend', maxModelLabels: 1, defaultMetrics: false });
    const ok = { method: 'POST', route: '/v1/evaluate', status: '201' };
    const bad = { ...ok, status: '400' };
    for (const value of [0.001, 0.2]) metrics.http.duration.observe(ok.method, ok.route, 201, value);
    metrics.http.duration.observe(bad.method, bad.route, 400, 0.002);
    const first = parseScrape(await metrics.scrape());
    expect(sampleValue(first, 'http_requests_total', ok)).toBe(2);
    expect(sampleValue(first, 'http_requests_total', bad)).toBe(1);
    metrics.http.duration.observe(ok.method, ok.route, 201, 0.003);
    const second = parseScrape(await metrics.scrape('openmetrics'));
    expect(sampleValue(second, 'http_requests_total', ok)).toBe(3);
    expect(sampleValue(second, 'http_requests_total', bad)).toBe(1);
  });
});
