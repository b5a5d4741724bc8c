import { describe, expect, it } from 'vitest';
import { createMetrics } from '@ethixai/observability';
import { findSamples, parseScrape, sampleValue } from '@ethixai/test-support';
import { backendMetrics, setDependencyState } from '../../src/plugins/business-metrics.ts';

const fresh = () => createMetrics({ service: 'ethixai-backend', defaultMetrics: false });
const scrape = async (m: ReturnType<typeof fresh>) => parseScrape((await m.exposition()).body);
const evaluation = (modelId: string) => ({
  status: 'created',
  evaluation: { modelId, risk: { level: 'high' as const } },
});
const di = (value: number, verdict: 'warn' | 'fail' = 'fail') => ({
  metric: 'disparate_impact_ratio',
  value,
  threshold: 0.8,
  breach: 'below' as const,
  verdict,
});

describe('backend business metrics on the prom-client instruments', () => {
  it('counts analyses by outcome and verdict, and rows only for completed analyses', async () => {
    const m = fresh();
    const b = backendMetrics(m, 2);
    b.analysisCompleted({ verdict: 'fail', rows: 1200 }, 1);
    b.analysisCompleted({ verdict: 'fail', rows: 800 }, 1);
    b.analysisFailed(new Error('engine crashed'));
    const s = await scrape(m);
    expect(sampleValue(s, 'ethixai_analyses_total', { outcome: 'completed', verdict: 'fail' })).toBe(2);
    expect(sampleValue(s, 'ethixai_analyses_total', { outcome: 'failed', verdict: 'none' })).toBe(1);
    expect(sampleValue(s, 'ethixai_rows_analysed_total')).toBe(2000);
  });

  it('caps the model label: evaluations fold into __other__, disparity gauges beyond the cap are dropped', async () => {
    const m = fresh();
    const b = backendMetrics(m, 2);
    b.evaluated(['credit', 'hiring', 'loans', 'fraud'].map(evaluation));
    b.modelFairness('credit', [di(0.71)]);
    b.modelFairness('loans', [di(0.5)]);
    const s = await scrape(m);
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
    const b = backendMetrics(m, 2);
    b.modelFairness('credit', [di(0.62, 'warn')]);
    b.modelFairness('credit', [di(0.55)]);
    const s = await scrape(m);
    const labels = { model: 'credit', metric: 'disparate_impact_ratio' };
    expect(sampleValue(s, 'ethixai_model_disparity', labels)).toBe(0.55);
    expect(sampleValue(s, 'ethixai_model_disparity_threshold', { ...labels, breach: 'below' })).toBe(0.8);
    expect(findSamples(s, 'ethixai_model_fairness_verdict').map((x) => [x.labels.verdict, x.value])).toEqual([
      ['pass', 0],
      ['warn', 0],
      ['fail', 1],
      ['insufficient_data', 0],
    ]);
  });

  it('normalises analysis durations to seconds per 1,000 rows, never below the whole time', async () => {
    const m = fresh();
    const b = backendMetrics(m, 2);
    b.analysisCompleted({ verdict: 'pass', rows: 200 }, 0.3); // small input: the whole 0.3 s
    b.analysisCompleted({ verdict: 'pass', rows: 20_000 }, 6); // 0.3 s per 1,000 rows
    b.analysisCompleted({ verdict: 'pass', rows: 4_000 }, 6); // 1.5 s per 1,000 rows
    const s = await scrape(m);
    const bucket = (le: string) =>
      sampleValue(s, 'ethixai_analysis_normalized_duration_seconds_bucket', { mode: 'job', le });
    expect([bucket('0.25'), bucket('0.5'), bucket('1'), bucket('2.5')]).toEqual([0, 2, 2, 3]);
  });

  it('reports dependency state with a one-hot circuit state', async () => {
    const m = fresh();
    setDependencyState(m.instruments, 'ai_core', false, 'half_open');
    const s = await scrape(m);
    expect(sampleValue(s, 'ethixai_dependency_up', { dependency: 'ai_core' })).toBe(0);
    expect(findSamples(s, 'ethixai_dependency_circuit_state').map((x) => [x.labels.state, x.value])).toEqual([
      ['closed', 0],
      ['open', 0],
      ['half_open', 1],
    ]);
  });
});
