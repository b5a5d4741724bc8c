import { TraceFlags } from '@opentelemetry/api';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics, observeWithExemplar, type Metrics } from '../src/metrics.ts';
import { parseScrape, sampleValue } from '@ethixai/test-support';
import { hasPromtool, promtoolLint, promtoolParseOpenMetrics } from './support/promtool.ts';

const TRACE = { trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' };
const SAMPLED = { traceId: TRACE.trace_id, spanId: TRACE.span_id, traceFlags: TraceFlags.SAMPLED };
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0;q=0.75,text/plain;q=0.5';
const scrape = async (metrics: Metrics, accept?: string) => (await metrics.exposition(accept)).body;

function request(
  metrics: Metrics,
  labels: { method: string; route: string; status: string },
  seconds: number,
  span?: typeof SAMPLED,
) {
  metrics.instruments.httpRequests.inc(labels);
  observeWithExemplar(metrics.instruments.httpRequestDuration, labels, seconds, span);
}

function populated() {
  const metrics = createMetrics({ service: 'ethixai-backend' });
  request(metrics, { method: 'GET', route: '/items/:id', status: '200' }, 0.07, SAMPLED);
  request(metrics, { method: 'GET', route: '/odd "quoted"\\path', status: '404' }, 0.3, {
    ...SAMPLED,
    traceFlags: TraceFlags.NONE,
  });
  const i = metrics.instruments;
  i.analyses.inc({ outcome: 'completed', verdict: 'warn' });
  i.rowsAnalysed.inc(1000);
  i.evaluations.inc({ model: 'credit-v1', risk_level: 'high' });
  const model = { model: 'credit-v1', metric: 'demographic_parity_difference' };
  i.modelDisparity.set(model, 0.12);
  i.modelDisparityThreshold.set({ ...model, breach: 'above' }, 0.1);
  for (const verdict of ['pass', 'warn', 'fail', 'insufficient_data'])
    i.modelFairnessVerdict.set({ ...model, verdict }, verdict === 'fail' ? 1 : 0);
  i.dependencyUp.set({ dependency: 'ai_core' }, 0);
  for (const state of ['closed', 'open', 'half_open'])
    i.dependencyCircuitState.set({ dependency: 'ai_core', state }, state === 'open' ? 1 : 0);
  i.incidentsOpen.set({ severity: 'critical' }, 2);
  i.analysisJobsQueued.set(3);
  i.analysisJobsOldestAge.set(12.5);
  i.analysisStageDuration.observe({ labels: { stage: 'parse' }, value: 0.004 });
  return metrics;
}

describe('metrics: prom-client objects in one registry, exposed in both formats', () => {
  it('the HTTP metrics are prom-client instances registered in the registry, with the documented buckets', () => {
    const metrics = createMetrics({ service: 'ethixai-ai-core' });
    expect(metrics.registry).toBeInstanceOf(Registry);
    expect(metrics.registry.getSingleMetric('http_request_duration_seconds')).toBeInstanceOf(Histogram);
    expect(metrics.registry.getSingleMetric('http_requests_total')).toBeInstanceOf(Counter);
    expect(metrics.registry.getSingleMetric('http_requests_in_progress')).toBeInstanceOf(Gauge);
    expect(metrics.registry.getSingleMetric('process_cpu_seconds_total')).toBeInstanceOf(Counter);
  });

  it('negotiates OpenMetrics only when the Accept header names it', async () => {
    const metrics = populated();
    expect((await metrics.exposition()).contentType).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    expect((await metrics.exposition('text/plain;version=0.0.4;q=1,*/*;q=0.1')).contentType).toBe(
      Registry.PROMETHEUS_CONTENT_TYPE,
    );
    expect((await metrics.exposition(OPENMETRICS)).contentType).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
  });

  it('writes the same values in both formats, scraped in turns; exemplars only in OpenMetrics, sampled spans only', async () => {
    const metrics = populated();
    // OpenMetrics first: prom-client 15.1.3 renames counters in place when it renders OpenMetrics.
    const om = parseScrape(await scrape(metrics, OPENMETRICS));
    const text = parseScrape(await scrape(metrics));
    expect((await scrape(metrics)).endsWith('# EOF\n')).toBe(false);
    for (const parsed of [text, om]) {
      expect(sampleValue(parsed, 'http_requests_total', { route: '/items/:id' })).toBe(1);
      expect(sampleValue(parsed, 'http_requests_total', { route: '/odd "quoted"\\path' })).toBe(1);
      expect(sampleValue(parsed, 'ethixai_rows_analysed_total')).toBe(1000);
      expect(sampleValue(parsed, 'http_request_duration_seconds_bucket', { route: '/items/:id', le: '0.1' })).toBe(1);
      expect(sampleValue(parsed, 'http_request_duration_seconds_bucket', { status: '404', le: '0.1' })).toBe(0);
    }
    expect(text.types.get('http_requests_total')).toBe('counter');
    expect(om.types.get('http_requests')).toBe('counter');
    expect(text.samples.some((s) => s.exemplar)).toBe(false);
    const exemplars = om.samples.filter((s) => s.exemplar);
    expect(exemplars.map((s) => [s.name, s.labels.le, s.exemplar!.labels, s.exemplar!.value])).toEqual([
      ['http_request_duration_seconds_bucket', '0.1', TRACE, 0.07],
    ]);
  });

  it('keeps counting across scrapes in both formats', async () => {
    const metrics = populated();
    const labels = { method: 'GET', route: '/items/:id', status: '200' };
    await scrape(metrics, OPENMETRICS);
    request(metrics, labels, 0.01);
    expect(sampleValue(parseScrape(await scrape(metrics, OPENMETRICS)), 'http_requests_total', labels)).toBe(2);
    request(metrics, labels, 0.01);
    expect(sampleValue(parseScrape(await scrape(metrics)), 'http_requests_total', labels)).toBe(3);
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics (allowlist: prom-client runtime gauges only)', async () => {
    const metrics = populated();
    await scrape(metrics, OPENMETRICS);
    const { status, problems } = promtoolLint(await scrape(metrics));
    expect(problems).toEqual([]);
    expect(status).toBe(3); // the three allowlisted names are still reported, so the lint did run
  });

  it.skipIf(!hasPromtool)('promtool lint fails on a badly named metric (the check can fail)', () => {
    const { problems } = promtoolLint(
      '# HELP analysis_duration_ms x\n# TYPE analysis_duration_ms counter\nanalysis_duration_ms 1\n',
    );
    expect(problems.join('\n')).toContain('counter metrics should have "_total" suffix');
  });

  it.skipIf(!hasPromtool)("parses with Prometheus' OpenMetrics parser, exemplars included", async () => {
    const served = await scrape(populated(), OPENMETRICS);
    const ok = promtoolParseOpenMetrics(served);
    expect(ok.output).not.toContain('error');
    expect(ok.status).toBe(0);
    const broken = promtoolParseOpenMetrics(served.replace('# {trace_id=', '# {trace_id '));
    expect(broken.status).not.toBe(0);
  });
});
