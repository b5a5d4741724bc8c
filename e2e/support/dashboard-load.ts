/**
 * A short, bounded load that touches every feature a dashboard panel shows: synchronous and job
 * analyses, a monitored model with live evaluations, reads, client errors (400, 401, 404) and a
 * brief ai-core outage (503s, dependency down, circuit) followed by recovery.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { call, waitFor } from './http-client.ts';
import { inlineAudit } from './inline-audit.ts';
import { REPO_ROOT } from './paths.ts';
import type { Stack } from './stack.ts';

const GERMAN_CREDIT = path.join(REPO_ROOT, 'examples', 'german-credit', 'decisions.csv');
const GERMAN_CONFIG = {
  label: 'credit_risk',
  labelPositive: ['good'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  sensitive: ['sex', 'age_group'],
};

function expectStatus(what: string, res: { status: number; text: string }, status: number): void {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
}

/** The example's 1,000 decisions as one POST /v1/evaluate batch for `modelId`. */
function germanCreditDecisions(modelId: string): unknown {
  const [header, ...rows] = readFileSync(GERMAN_CREDIT, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const at = (row: string[], name: string) => row[header!.indexOf(name)]!;
  return {
    decisions: rows.map((row) => ({
      modelId,
      modelVersion: '1',
      decisionId: `applicant-${at(row, 'id')}`,
      sensitiveAttributes: { age_group: at(row, 'age_group') },
      score: Number(at(row, 'score')),
      prediction: at(row, 'decision') === 'approve' ? 1 : 0,
    })),
  };
}

export interface LoadSummary {
  readonly requests: number;
  readonly refusedDuringOutage: number;
}

export async function driveDashboardLoad(stack: Stack, token: string, readMs = 4_000): Promise<LoadSummary> {
  const b = stack.backend.url;
  let requests = 0;
  const as = async (method: string, route: string, options: Parameters<typeof call>[3] = {}) => {
    requests += 1;
    return call(b, method, route, { token, ...options });
  };

  const reports: string[] = [];
  for (let variant = 0; variant < 3; variant += 1) {
    const res = await as('POST', '/v1/analyses', { json: inlineAudit(variant).body });
    expectStatus('sync analysis', res, 201);
    reports.push(res.json().id);
  }
  const upload = await as('POST', '/v1/datasets?name=german-credit', {
    body: readFileSync(GERMAN_CREDIT),
    headers: { 'content-type': 'text/csv' },
  });
  expectStatus('dataset upload', upload, 201);
  const job = await as('POST', '/v1/analyses', {
    json: { datasetId: upload.json().id, config: GERMAN_CONFIG },
    headers: { prefer: 'respond-async' },
  });
  expectStatus('job analysis', job, 202);
  await waitFor(
    'the analysis job to succeed',
    async () => {
      const state = (await as('GET', `/v1/jobs/${job.json().id}`)).json<{ status: string }>().status;
      if (state === 'failed') throw new Error('the analysis job failed');
      return state === 'succeeded' ? state : undefined;
    },
    60_000,
    250,
  );

  const model = await as('POST', '/v1/models', {
    json: {
      name: 'german-credit-scorecard',
      version: '1',
      owner: 'credit risk team',
      intendedUse: 'Approve or deny consumer loans',
      policy: { sensitiveAttributes: ['age_group'], scoreBands: { decisionThreshold: 0.8333 } },
    },
  });
  expectStatus('model registration', model, 201);
  expectStatus(
    'evaluation batch',
    await as('POST', '/v1/evaluate', { json: germanCreditDecisions(model.json().id) }),
    200,
  );
  expectStatus('fairness window', await as('GET', `/v1/models/${model.json().id}/fairness`), 200);

  // Client mistakes, each a documented 4xx.
  expectStatus('unknown report', await as('GET', `/v1/reports/${randomUUID()}`), 404);
  expectStatus('analysis without a body', await as('POST', '/v1/analyses', { json: {} }), 400);
  requests += 1;
  expectStatus('no credentials', await call(b, 'GET', '/v1/models'), 401);

  // Reads, four at a time, for a bounded time.
  const until = Date.now() + readMs;
  const reader = async () => {
    for (let i = 0; Date.now() < until; i += 1) {
      const res = await as('GET', i % 2 === 0 ? `/v1/reports/${reports[i % reports.length]}` : '/v1/models');
      expectStatus('read', res, 200);
    }
  };
  await Promise.all([reader(), reader(), reader(), reader()]);

  // A brief ai-core outage: analyses answer 503 while everything else serves; then recovery.
  await stack.aiCore.kill();
  let refusedDuringOutage = 0;
  for (let i = 0; i < 3; i += 1) {
    const res = await as('POST', '/v1/analyses', { json: inlineAudit(i).body });
    expectStatus('analysis with ai-core down', res, 503);
    refusedDuringOutage += 1;
  }
  await stack.startAiCore();
  await waitFor(
    'an analysis to succeed after ai-core restarted',
    async () => {
      const res = await as('POST', '/v1/analyses', { json: inlineAudit(5).body });
      return res.status === 201 ? res : undefined;
    },
    60_000,
    500,
  );
  return { requests, refusedDuringOutage };
}
