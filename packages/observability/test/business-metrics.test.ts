import { describe, expect, it } from 'vitest';
import { cappedLabel } from '../src/business-metrics.ts';
import { createMetrics } from '../src/metrics.ts';
import { trace } from '@opentelemetry/api';
import { createInMemoryTelemetry, findSamples, parseScrape, sampleValue } from '@ethixai/test-support';

const fresh = (maxModelLabels = 2) =>
  createMetrics({ service: 'ethixai-backend', maxModelLabels, defaultMetrics: false });
const text = async (m: ReturnType<typeof fresh>) => (await m.exposition()).body;

describe('business metrics', () => {
  it('counts analyses by outcome and verdict and rows only for completed analyses', async () => {
    const m = fresh();
    m.business.recordAnalysis('completed', 'fail', 1200);
    m.business.recordAnalysis('completed', 'fail', 800);
    m.business.recordAnalysis('unavailable', 'none', 5000);
    const s = parseScrape(await text(m));
    expect(sampleValue(s, 'ethixai_analyses_total', { outcome: 'completed', verdict: 'fail' })).toBe(2);
    expect(sampleValue(s, 'ethixai_analyses_total', { outcome: 'unavailable', verdict: 'none' })).toBe(1);
    expect(sampleValue(s, 'ethixai_rows_analysed_total')).toBe(2000);
  });

  it('caps the model label: evaluations fold into __other__, disparity gauges beyond the cap are dropped', async () => {
    const m = fresh(2);
    for (const model of ['credit', 'hiring', 'loans', 'fraud']) m.business.recordEvaluation(model, 'high');
    const di = (value: number) => ({
      metric: 'disparate_impact_ratio',
      value,
      threshold: 0.8,
      breach: 'below' as const,
      verdict: 'fail' as const,
    });
    expect(m.business.setModelMetric('credit', di(0.71))).toBe(true);
    expect(m.business.setModelMetric('loans', di(0.5))).toBe(false);
    const s = parseScrape(await text(m));
    expect(findSamples(s, 'ethixai_evaluations_total').map((x) => [x.labels.model, x.value])).toEqual([
      ['credit', 1],
      ['hiring', 1],
      ['__other__', 2],
    ]);
    expect(findSamples(s, 'ethixai_model_disparity').map((x) => [x.labels.model, x.labels.metric, x.value])).toEqual([
      ['credit', 'disparate_impact_ratio', 0.71],
    ]);
  });

  it('exports each monitored metric with its policy threshold, breach side and one-hot verdict', async () => {
    const m = fresh();
    m.business.setModelMetric('credit', {
      metric: 'disparate_impact',
      value: 0.62,
      threshold: 0.8,
      breach: 'below',
      verdict: 'warn',
    });
    m.business.setModelMetric('credit', {
      metric: 'disparate_impact',
      value: 0.55,
      threshold: 0.8,
      breach: 'below',
      verdict: 'fail',
    });
    const s = parseScrape(await text(m));
    expect(sampleValue(s, 'ethixai_model_disparity', { model: 'credit', metric: 'disparate_impact' })).toBe(0.55);
    expect(
      sampleValue(s, 'ethixai_model_disparity_threshold', {
        model: 'credit',
        metric: 'disparate_impact',
        breach: 'below',
      }),
    ).toBe(0.8);
    expect(findSamples(s, 'ethixai_model_fairness_verdict').map((x) => [x.labels.verdict, x.value])).toEqual([
      ['pass', 0],
      ['warn', 0],
      ['fail', 1],
      ['insufficient_data', 0],
    ]);
  });

  it('normalises analysis durations to seconds per 1,000 rows, never below the whole time', async () => {
    const m = fresh();
    m.business.observeAnalysisDuration('sync', 0.3, 200); // small input: the whole 0.3 s
    m.business.observeAnalysisDuration('job', 6, 20_000); // 0.3 s per 1,000 rows
    m.business.observeAnalysisDuration('job', 6, 4_000); // 1.5 s per 1,000 rows
    const s = parseScrape(await text(m));
    const bucket = (mode: string, le: string) =>
      sampleValue(s, 'ethixai_analysis_normalized_duration_seconds_bucket', { mode, le });
    expect([bucket('sync', '0.25'), bucket('sync', '0.5')]).toEqual([0, 1]);
    expect([bucket('job', '0.25'), bucket('job', '0.5'), bucket('job', '1'), bucket('job', '2.5')]).toEqual([
      0, 1, 1, 2,
    ]);
  });

  it('a caller-chosen label admits the first cap values and folds the rest into __other__', () => {
    const label = cappedLabel(2);
    expect(['a', 'b', 'c', 'a', '__other__', 'b'].map(label)).toEqual(['a', 'b', '__other__', 'a', '__other__', 'b']);
    expect(() => cappedLabel(-1)).toThrow('label cap must be a non-negative integer, got -1');
    expect(() => cappedLabel(1.5)).toThrow(RangeError);
  });

  it('reports dependency state with a one-hot circuit state', async () => {
    const m = fresh();
    m.business.setDependencyState('ai_core', false, 'half_open');
    const s = parseScrape(await text(m));
    expect(sampleValue(s, 'ethixai_dependency_up', { dependency: 'ai_core' })).toBe(0);
    expect(findSamples(s, 'ethixai_dependency_circuit_state').map((x) => [x.labels.state, x.value])).toEqual([
      ['closed', 0],
      ['open', 0],
      ['half_open', 1],
    ]);
  });

  it('observes engine stages with the active span as exemplar', async () => {
    const m = fresh();
    const traced = createInMemoryTelemetry();
    trace.getTracer('test').startActiveSpan('analysis.metrics', (span) => {
      m.business.observeAnalysisStage('metrics', 0.03);
      span.end();
    });
    m.business.observeAnalysisStage('parse', 0.002); // outside any span: no exemplar
    const s = parseScrape((await m.exposition('application/openmetrics-text')).body);
    const [span] = traced.spans();
    const exemplars = s.samples.filter((x) => x.exemplar);
    expect(exemplars.map((x) => [x.labels.stage, x.labels.le, x.exemplar!.labels.trace_id])).toEqual([
      ['metrics', '0.05', span!.spanContext().traceId],
    ]);
    expect(sampleValue(s, 'ethixai_analysis_stage_duration_seconds_count', { stage: 'parse' })).toBe(1);
    await traced.telemetry.shutdown();
  });
});
