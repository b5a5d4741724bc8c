import { parseScrape } from '@ethixai/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import {
  documentedMetrics,
  notPromClientInstances,
} from '../../../packages/observability/test/support/documented-metrics.ts';
import { LiveMetrics } from '../src/live-metrics.ts';
import * as names from '../src/metric-names.ts';

const SECTION = 'Stress suite (tools/stress)';
const RUN = {
  scenario: 'probe',
  kind: 'open-loop',
  commit: 'abc123',
  phases: ['warm-up', 'ramp', 'steady'],
  expectations: { evaluate: [201], health: [200] },
};

let live: LiveMetrics | undefined;
afterEach(async () => {
  await live?.close();
  live = undefined;
});

async function scrape(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return parseScrape(await res.text());
}

const value = (s: Awaited<ReturnType<typeof scrape>>, name: string, labels: Record<string, string>) =>
  s.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

describe('LiveMetrics', () => {
  it('serves the run on GET /metrics: outcomes by status, unexpected ones, latency, in flight, phase and offered rate', async () => {
    live = new LiveMetrics();
    const port = await live.listen(0);
    live.beginRun(RUN);
    let s = await scrape(port);
    // Before any answer, the series a share or a phase panel divides by already exist.
    expect(value(s, names.METRIC_STRESS_UNEXPECTED, { endpoint: 'evaluate' })).toBe(0);
    expect(value(s, `${names.METRIC_STRESS_DURATION}_count`, { endpoint: 'health' })).toBe(0);
    expect(value(s, names.METRIC_STRESS_RUN_INFO, { scenario: 'probe', kind: 'open-loop', commit: 'abc123' })).toBe(1);

    live.setPhase('ramp', { offeredRate: 12.5 });
    for (let i = 0; i < 3; i += 1) live.sent();
    live.record('evaluate', { index: 0, dueMs: 0, latencyMs: 40, status: 201 }, { wasSent: true });
    live.record('evaluate', { index: 1, dueMs: 10, latencyMs: 2_000, status: 503 }, { wasSent: true });
    s = await scrape(port);
    expect(value(s, names.METRIC_STRESS_PHASE, { phase: 'ramp' })).toBe(1);
    expect(value(s, names.METRIC_STRESS_PHASE, { phase: 'warm-up' })).toBe(0);
    expect(value(s, names.METRIC_STRESS_OFFERED_RATE, { scenario: 'probe' })).toBe(12.5);
    expect(value(s, names.METRIC_STRESS_IN_FLIGHT, { scenario: 'probe' })).toBe(1);
    expect(value(s, names.METRIC_STRESS_REQUESTS, { endpoint: 'evaluate', status: '201' })).toBe(1);
    expect(value(s, names.METRIC_STRESS_REQUESTS, { endpoint: 'evaluate', status: '503' })).toBe(1);
    expect(value(s, names.METRIC_STRESS_UNEXPECTED, { endpoint: 'evaluate' })).toBe(1);
    expect(value(s, `${names.METRIC_STRESS_DURATION}_bucket`, { endpoint: 'evaluate', le: '0.05' })).toBe(1);
    expect(value(s, `${names.METRIC_STRESS_DURATION}_bucket`, { endpoint: 'evaluate', le: '2.5' })).toBe(2);

    live.record('health', { index: 2, dueMs: 20, latencyMs: 30_000, error: 'TimeoutError' }, { wasSent: true });
    live.endRun();
    s = await scrape(port);
    expect(value(s, names.METRIC_STRESS_REQUESTS, { endpoint: 'health', status: 'error' })).toBe(1);
    expect(value(s, names.METRIC_STRESS_UNEXPECTED, { endpoint: 'health' })).toBe(1);
    expect(RUN.phases.map((phase) => value(s, names.METRIC_STRESS_PHASE, { phase }))).toEqual([0, 0, 0]);
    expect(value(s, names.METRIC_STRESS_OFFERED_RATE, { scenario: 'probe' })).toBe(0);
    expect(value(s, names.METRIC_STRESS_RUN_INFO, { scenario: 'probe' })).toBe(0);

    const other = await fetch(`http://127.0.0.1:${port}/`);
    expect(other.status).toBe(404);
    await other.arrayBuffer();
  });

  it('refuses phases and outcomes outside a run', () => {
    live = new LiveMetrics();
    expect(() => live!.setPhase('ramp')).toThrow(/no run begun/);
  });

  it('matches docs/reference/metrics.md: every name documented, with its documented type', () => {
    live = new LiveMetrics();
    const documented = documentedMetrics()
      .filter((m) => m.section === SECTION)
      .map((m) => m.name);
    const defined = Object.entries(names)
      .filter(([k]) => k.startsWith('METRIC_'))
      .map(([, v]) => v as string);
    expect(documented.sort()).toEqual(defined.sort());
    expect(notPromClientInstances(live.registry, [SECTION])).toEqual([]);
    expect(
      live.registry
        .getMetricsAsArray()
        .map((m) => m.name)
        .sort(),
    ).toEqual(defined.sort());
  });
});
