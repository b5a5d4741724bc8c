/**
 * The endpoints a scenario's mix can name, and how the i-th request to each is built from the
 * run's fixtures (API key, model, uploaded dataset, stored reports).
 */
import type { RequestSpec } from '@ethixai/bench/loadgen';
import type { Fixtures } from './fixtures.ts';

export const ENDPOINT_NAMES = [
  'health',
  'analyses.inline',
  'analyses.dataset',
  'evaluate',
  'reports.read',
  'reports.list',
  'datasets.upload',
  'datasets.list',
  'evaluations.list',
  'models.fairness',
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

type Builder = (f: Fixtures, i: number) => RequestSpec;

const json = (f: Fixtures) => ({ ...f.auth, 'content-type': 'application/json' });

const BUILDERS: Record<EndpointName, Builder> = {
  health: () => ({ method: 'GET', path: '/health', headers: {} }),
  'analyses.inline': (f) => ({ method: 'POST', path: '/v1/analyses', headers: json(f), body: f.inlineAnalysis }),
  'analyses.dataset': (f) => ({ method: 'POST', path: '/v1/analyses', headers: json(f), body: f.datasetAnalysis }),
  evaluate: (f, i) => ({ method: 'POST', path: '/v1/evaluate', headers: json(f), body: f.decision(i) }),
  // Clients send Accept-Encoding; the stored report is served compressed.
  'reports.read': (f, i) => ({
    method: 'GET',
    path: `/v1/reports/${f.reportIds[i % f.reportIds.length]}`,
    headers: { ...f.auth, 'accept-encoding': 'gzip, deflate' },
  }),
  'reports.list': (f) => ({
    method: 'GET',
    path: '/v1/reports?limit=20',
    headers: { ...f.auth, 'accept-encoding': 'gzip, deflate' },
  }),
  'datasets.upload': (f, i) => ({
    method: 'POST',
    path: `/v1/datasets?name=${encodeURIComponent(`${f.runId}-upload-${i}`)}`,
    headers: { ...f.auth, 'content-type': 'text/csv' },
    body: f.datasetCsv,
  }),
  'datasets.list': (f) => ({ method: 'GET', path: '/v1/datasets?limit=20', headers: f.auth }),
  'evaluations.list': (f) => ({
    method: 'GET',
    path: `/v1/evaluations?modelId=${f.modelId}&limit=20`,
    headers: f.auth,
  }),
  'models.fairness': (f) => ({ method: 'GET', path: `/v1/models/${f.modelId}/fairness`, headers: f.auth }),
};

export function buildRequest(endpoint: EndpointName, fixtures: Fixtures, i: number): RequestSpec {
  return BUILDERS[endpoint](fixtures, i);
}
