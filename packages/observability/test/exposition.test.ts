import { describe, expect, it } from 'vitest';
import { negotiateFormat } from '../src/exposition.ts';
import { createMetrics } from '../src/metrics.ts';
import { parseScrape, sampleValue } from '../src/testing.ts';
import { hasPromtool, promtoolLint, promtoolParseOpenMetrics } from './support/promtool.ts';

const TRACE = { trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' };

function populated() {
  const metrics = createMetrics({ service: 'ethixai-backend', maxModelLabels: 2 });
  metrics.http.duration.observe('GET', '/items/:id', 200, 0.07, TRACE);
  metrics.http.duration.observe('GET', '/odd "quoted"\\path', 404, 0.3);
  metrics.business.recordAnalysis('completed', 'warn', 1000);
  metrics.business.recordEvaluation('credit-v1', 'high');
  metrics.business.setModelDisparity('credit-v1', 'demographic_parity_difference', 0.12);
  metrics.business.setDependencyState('ai_core', false, 'open');
  metrics.business.setIncidentsOpen('critical', 2);
  metrics.business.setAnalysisJobs(3, 12.5);
  metrics.business.observeAnalysisStage('parse', 0.004);
  return metrics;
}

describe('exposition', () => {
  it('negotiates OpenMetrics only when the Accept header names it', () => {
    expect(negotiateFormat(undefined)).toBe('prometheus');
    expect(negotiateFormat('text/plain;version=0.0.4;q=1,*/*;q=0.1')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text;version=1.0.0;q=0.75,text/plain;q=0.5')).toBe('openmetrics');
  });

  it('writes the same values in both formats; exemplars and counter families only in OpenMetrics', async () => {
    const metrics = populated();
    const text = parseScrape(await metrics.scrape('prometheus'));
    const om = parseScrape(await metrics.scrape('openmetrics'));
    for (const scrape of [text, om]) {
      expect(sampleValue(scrape, 'http_requests_total', { route: '/items/:id' })).toBe(1);
      expect(sampleValue(scrape, 'http_requests_total', { route: '/odd "quoted"\\path' })).toBe(1);
      expect(sampleValue(scrape, 'ethixai_rows_analysed_total')).toBe(1000);
      expect(sampleValue(scrape, 'http_request_duration_seconds_bucket', { route: '/items/:id', le: '0.1' })).toBe(1);
      expect(sampleValue(scrape, 'http_request_duration_seconds_bucket', { status: '404', le: '0.1' })).toBe(0);
    }
    expect(text.types.get('http_requests_total')).toBe('counter');
    expect(om.types.get('http_requests')).toBe('counter');
    expect(text.samples.some((s) => s.exemplar)).toBe(false);
    const exemplars = om.samples.filter((s) => s.exemplar);
    expect(exemplars.map((s) => [s.name, s.labels.le, s.exemplar!.labels, s.exemplar!.value])).toEqual([
      ['http_request_duration_seconds_bucket', '0.1', TRACE, 0.07],
    ]);
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics (allowlist: prom-client runtime gauges only)', async () => {
    const { status, problems } = promtoolLint(await populated().scrape('prometheus'));
    expect(problems).toEqual([]);
    expect(status).toBe(3); // the three allowlisted names are still reported, so the lint did run
  });

  it.skipIf(!hasPromtool)('promtool lint fails on a badly named metric (the check can fail)', () => {
    const { problems } = promtoolLint('# HELP analysis_duration_ms x\n# TYPE analysis_duration_ms counter\nanalysis_duration_ms 1\n');
    expect(problems.join('\n')).toContain('counter metrics should have "_total" suffix');
  });

  it.skipIf(!hasPromtool)("parses with Prometheus' OpenMetrics parser, exemplars included", async () => {
    const served = await populated().scrape('openmetrics');
    const ok = promtoolParseOpenMetrics(served);
    expect(ok.output).not.toContain('error');
    expect(ok.status).toBe(0);
    const broken = promtoolParseOpenMetrics(served.replace('# {trace_id=', '# {trace_id '));
    expect(broken.status).not.toBe(0);
  });
});
