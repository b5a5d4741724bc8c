import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS, createMetrics, type MetricSpec } from '../src/metrics.ts';
import * as names from '../src/names.ts';
import { parseScrape } from '@ethixai/test-support';

const DOC = readFileSync(new URL('../../../docs/reference/metrics.md', import.meta.url), 'utf8');
const METRIC_NAMES = Object.entries(names)
  .filter(([key]) => key.startsWith('METRIC_'))
  .map(([, value]) => value as string);

/** A registry with every instrument touched once, so every family has a series. */
async function fullScrape() {
  const metrics = createMetrics({ service: names.SERVICE_BACKEND });
  const i = metrics.instruments;
  i.httpRequestDuration.observe({ labels: { method: 'GET', route: '/x', status: '200' }, value: 0.01 });
  i.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
  i.httpRequestsInProgress.set({ method: 'GET', route: '/x' }, 0);
  i.telemetryExportFailures.inc(0);
  i.analysisJobsQueued.set(0);
  i.analysisJobsOldestAge.set(0);
  i.incidentsOpen.set({ severity: 'low' }, 0);
  i.analyses.inc({ outcome: 'completed', verdict: 'pass' });
  i.rowsAnalysed.inc(10);
  i.evaluations.inc({ model: 'm', risk_level: 'low' });
  const model = { model: 'm', metric: 'demographic_parity_difference' };
  i.modelDisparity.set(model, 0.1);
  i.modelDisparityThreshold.set({ ...model, breach: 'above' }, 0.1);
  i.modelFairnessVerdict.set({ ...model, verdict: 'pass' }, 1);
  i.analysisNormalizedDuration.observe({ mode: 'sync' }, 0.2);
  i.dependencyUp.set({ dependency: 'ai_core' }, 1);
  i.dependencyCircuitState.set({ dependency: 'ai_core', state: 'closed' }, 1);
  i.analysisStageDuration.observe({ labels: { stage: 'parse' }, value: 0.001 });
  return parseScrape((await metrics.exposition()).body);
}

describe('names', () => {
  it('documents every METRIC_* constant in docs/reference/metrics.md', () => {
    expect(METRIC_NAMES.length).toBeGreaterThanOrEqual(15);
    const missing = METRIC_NAMES.filter((name) => !DOC.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('every METRIC_* is exported by createMetrics, and every EthixAI/HTTP family exported has a constant', async () => {
    const scrape = await fullScrape();
    const families = [...scrape.types.keys()];
    expect(METRIC_NAMES.filter((name) => !families.includes(name))).toEqual([]);
    const ours = families.filter(
      (f) => f.startsWith('ethixai_') || f.startsWith('http_') || f === names.METRIC_EVENT_LOOP_UTILIZATION,
    );
    expect(ours.filter((f) => !METRIC_NAMES.includes(f))).toEqual([]);
  });

  it('counters end in _total, durations in _seconds, and the SLO thresholds are bucket boundaries', () => {
    expect(names.HTTP_DURATION_BUCKETS).toContain(0.1);
    expect(names.HTTP_DURATION_BUCKETS).toContain(0.5);
    for (const name of METRIC_NAMES.filter((n) => n.includes('duration'))) expect(name).toMatch(/_seconds$/);
    expect(names.SERVICE_BACKEND).toBe('ethixai-backend');
    expect(names.SERVICE_AI_CORE).toBe('ethixai-ai-core');
    expect([names.JOB_BACKEND, names.JOB_AI_CORE]).toEqual(['backend', 'ai_core']);
  });

  it('every entry of the metric table matches its row in docs/reference/metrics.md: type and label names', () => {
    const rows = new Map(
      [...DOC.matchAll(/^\| `([a-z_:]+)` \| (\w+) \| ([^|]*) \|/gm)].map(([, name, type, labels]) => [
        name!,
        { type, labels: [...labels!.replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]) },
      ]),
    );
    const specs: MetricSpec[] = Object.values(METRICS);
    expect(specs.length).toBe(METRIC_NAMES.length);
    for (const spec of specs)
      expect({ name: spec.name, ...rows.get(spec.name) }).toEqual({
        name: spec.name,
        type: spec.type,
        labels: [...(spec.labels ?? [])],
      });
    const labelNames = new Set(specs.flatMap((spec) => spec.labels ?? []));
    const constants = Object.entries(names).filter(([key]) => key.startsWith('LABEL_') && key !== 'LABEL_SERVICE');
    expect(constants.filter(([, label]) => !labelNames.has(label as string))).toEqual([]);
  });
});
