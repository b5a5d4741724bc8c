import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createOrgWithAdmin } from '../../../src/orgs/first-admin.ts';
import { fixtureClient, type FixtureClient, type FixtureCredentials, type Who } from './fixture-client.ts';
import { applicants, applicantsCsv, creditDecisions, type Decision } from './fixture-inputs.ts';

/**
 * What an organisation does in its first weeks on round-1 EthixAI, through the HTTP API only
 * (except the first admin, which the operator CLI creates the same way): users and roles, API
 * keys, datasets, analyses and a job, exports, two monitored models with policies, a few hundred
 * evaluations with outcomes, erasure, retention, incidents. Every step that changes state appends
 * to the audit chain. Test-only passwords: they protect nothing but this fixture.
 */
export const PASSWORDS = { analyst: 'fixture-analyst-password-1', viewer: 'fixture-viewer-password-1', departed: 'fixture-departed-password-1' };
export const WEBHOOK_TOKEN = 'fixture-webhook-token-0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface StoryIds {
  orgId: string;
  userIds: string[];
  datasetId: string;
  deletedDatasetId: string;
  reportIds: string[];
  jobId: string;
  modelIds: string[];
  evaluationIds: string[];
  withOutcome: string[];
  erasedIds: string[];
  purgedIds: string[];
  keyEvaluationId: string;
}

export interface Story {
  credentials: FixtureCredentials;
  ids: StoryIds;
}

async function ok(res: Promise<LightMyRequestResponse>, status: number): Promise<any> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body.slice(0, 300)}`);
  return String(r.headers['content-type']).startsWith('application/json') ? r.json() : r.body;
}

export async function writeStory(app: FastifyInstance): Promise<Story> {
  const creds: Partial<FixtureCredentials> = {};
  const client = fixtureClient(app, () => creds as FixtureCredentials);
  const call = (who: Who, opts: InjectOptions, status: number) => ok(client.as(who, opts), status);
  const now = Date.now();

  const admin = await createOrgWithAdmin(app.db, { orgName: 'Round One Lending', email: 'admin@round1.fixture.test', name: 'Fixture Admin' });
  creds.admin = { email: admin.email, password: admin.password };
  const user = (email: string, name: string, role: string, password: string) =>
    call('admin', { method: 'POST', url: '/v1/users', payload: { email, name, role, password } }, 201).then((b) => b.user.id as string);
  const analystId = await user('analyst@round1.fixture.test', 'Ana Lyst', 'analyst', PASSWORDS.analyst);
  const viewerId = await user('viewer@round1.fixture.test', 'Vi Ewer', 'viewer', PASSWORDS.viewer);
  const departedId = await user('departed@round1.fixture.test', 'De Parted', 'analyst', PASSWORDS.departed);
  Object.assign(creds, {
    analyst: { email: 'analyst@round1.fixture.test', password: PASSWORDS.analyst },
    viewer: { email: 'viewer@round1.fixture.test', password: PASSWORDS.viewer },
    departed: { email: 'departed@round1.fixture.test', password: PASSWORDS.departed },
  });
  await call('admin', { method: 'PATCH', url: `/v1/users/${departedId}`, payload: { role: 'viewer' } }, 200);
  await call('admin', { method: 'POST', url: `/v1/users/${departedId}/deactivate` }, 200);

  const key = await call('admin', { method: 'POST', url: '/v1/api-keys', payload: { name: 'scoring-service', role: 'analyst', rateLimitPerMinute: 60_000 } }, 201);
  const retired = await call('admin', { method: 'POST', url: '/v1/api-keys', payload: { name: 'retired-integration', role: 'viewer' } }, 201);
  await call('admin', { method: 'DELETE', url: `/v1/api-keys/${retired.apiKey.id}` }, 200);
  creds.apiKey = key.secret;
  creds.revokedKey = retired.secret;

  // Datasets: one kept (uploaded with an Idempotency-Key, then retried), one deleted.
  const people = applicants(240);
  const csv = (name: string, body: string, extra: Record<string, string> = {}): InjectOptions =>
    ({ method: 'POST', url: `/v1/datasets?name=${name}`, headers: { 'content-type': 'text/csv', ...extra }, payload: body });
  const dataset = await call('analyst', csv('credit-applications-2026q1', applicantsCsv(people), { 'idempotency-key': 'fixture-upload-1' }), 201);
  await call('analyst', csv('credit-applications-2026q1', applicantsCsv(people), { 'idempotency-key': 'fixture-upload-1' }), 201);
  const scratch = await call('analyst', csv('scratch', applicantsCsv(people.slice(0, 20))), 201);
  await call('analyst', { method: 'DELETE', url: `/v1/datasets/${scratch.id}` }, 204);

  // Analyses: a dataset audit, an intersectional inline audit, and a job.
  const analysis = (body: unknown, headers: Record<string, string> = {}): InjectOptions =>
    ({ method: 'POST', url: '/v1/analyses', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const bySex = await call('analyst', analysis({ datasetId: dataset.id, config: { label: 'repaid', prediction: 'predicted', score: 'score', sensitive: ['sex'] } }), 201);
  const rows = people.slice(0, 160).map(({ sex, age_band, predicted, repaid }) => ({ sex, age_band, predicted, repaid }));
  const intersectional = await call('analyst', analysis(
    { config: { label: 'repaid', prediction: 'predicted', sensitive: ['sex', 'age_band'], intersection: true, minGroupSize: 10 }, data: { rows } }), 201);
  const queued = await call('analyst', analysis(
    { datasetId: dataset.id, config: { label: 'repaid', score: 'score', threshold: 0.55, sensitive: ['age_band'], reference: { age_band: '26-45' } } },
    { prefer: 'respond-async' }), 202);
  const job = await waitForJob(client, queued.id);
  const reportIds = [bySex.id, intersectional.id, job.reportId];
  for (const id of reportIds) await call('viewer', { method: 'GET', url: `/v1/reports/${id}/export?format=csv` }, 200);
  await call('viewer', { method: 'GET', url: `/v1/reports/${intersectional.id}/export?format=html` }, 200);

  // Monitoring: two models; the credit model gets a second version and a second policy version.
  const credit = await call('analyst', { method: 'POST', url: '/v1/models', payload: {
    name: 'credit-scoring', version: '1.0', owner: 'credit risk team', intendedUse: 'consumer loan pre-screening',
    policy: {
      sensitiveAttributes: ['sex', 'age_band'], requiredContextFields: ['channel'],
      metrics: [{ metric: 'demographic_parity_difference', threshold: 0.1 }, { metric: 'disparate_impact', threshold: 0.8 }],
      window: { spanSeconds: 7 * 86_400, bucketSeconds: 3_600, minDecisions: 50, minGroupSize: 10 },
    },
  } }, 201);
  const fraud = await call('analyst', { method: 'POST', url: '/v1/models', payload: {
    name: 'fraud-screen', version: '2026.1', owner: 'payments team', intendedUse: 'card payment fraud screening',
    policy: { sensitiveAttributes: ['sex'], window: { spanSeconds: 2 * 86_400, bucketSeconds: 3_600, minDecisions: 20, minGroupSize: 5 } },
  } }, 201);

  const evaluate = async (who: Who, decisions: Decision[]) => {
    const out: string[] = [];
    // Oldest first, in batches of 25, so later decisions are assessed against a filled window.
    for (let i = decisions.length; i > 0; i -= 25) {
      const body = await call(who, { method: 'POST', url: '/v1/evaluate', payload: { decisions: decisions.slice(Math.max(0, i - 25), i) } }, 200);
      out.unshift(...body.results.map((r: { evaluation: { id: string } }) => r.evaluation.id));
    }
    return out;
  };
  const v10 = people.slice(0, 200);
  const v10Ids = await evaluate('apiKey', creditDecisions(credit.id, '1.0', v10, now - 2 * HOUR, 6 * 60_000, 'loan'));
  const purgedIds = await evaluate('apiKey', creditDecisions(credit.id, '1.0', people.slice(200, 208), now - 40 * DAY, 60_000, 'old-loan'));

  await call('analyst', { method: 'POST', url: `/v1/models/${credit.id}/versions`, payload: { version: '1.1' } }, 201);
  await call('analyst', { method: 'PUT', url: `/v1/models/${credit.id}/policy`, payload: {
    sensitiveAttributes: ['sex', 'age_band'], requiredContextFields: ['channel'],
    metrics: [{ metric: 'demographic_parity_difference', threshold: 0.1 }, { metric: 'disparate_impact', threshold: 0.8 }, { metric: 'equal_opportunity_difference', threshold: 0.1 }],
    window: { spanSeconds: 7 * 86_400, bucketSeconds: 3_600, minDecisions: 50, minGroupSize: 10 },
    scoreBands: { decisionThreshold: 0.5, extremeLow: 0.1, extremeHigh: 0.9 },
  } }, 200);
  const v11 = applicants(100, 77);
  const v11Ids = await evaluate('apiKey', creditDecisions(credit.id, '1.1', v11, now - 60_000, 60_000, 'loan-v11'));
  const subject = creditDecisions(credit.id, '1.1', applicants(3, 5), now - 30_000, 1_000, 'loan-subject').map((d) => ({ ...d, subjectId: 'applicant-7731' }));
  const subjectIds = await evaluate('apiKey', subject);

  // The fraud model: score only, one decision per request from an analyst; one replay, one conflict.
  const fraudIds: string[] = [];
  for (const [i, p] of applicants(30, 99).entries()) {
    const d = { modelId: fraud.id, modelVersion: '2026.1', decisionId: `txn-${1000 + i}`, sensitiveAttributes: { sex: p.sex }, score: p.score, context: { merchant: `m-${i % 4}` }, decidedAt: new Date(now - (30 - i) * 90_000).toISOString() };
    fraudIds.push((await call('analyst', { method: 'POST', url: '/v1/evaluate', payload: d }, 201)).evaluation.id);
    if (i === 0) {
      await call('analyst', { method: 'POST', url: '/v1/evaluate', payload: d }, 200);
      await call('analyst', { method: 'POST', url: '/v1/evaluate', payload: { ...d, score: 0.5 } }, 409);
    }
  }

  // Ground truth arrives for every fourth credit decision and every fifth fraud decision.
  const withOutcome = [...v10Ids.filter((_, i) => i % 4 === 0).map((id, i) => [id, v10[i * 4].repaid] as const),
    ...fraudIds.filter((_, i) => i % 5 === 0).map((id, i) => [id, i % 2] as const)];
  for (const [id, outcome] of withOutcome) await call('analyst', { method: 'POST', url: `/v1/evaluations/${id}/outcome`, payload: { outcome } }, 200);

  // Erasure, retention and the purge.
  await call('admin', { method: 'DELETE', url: '/v1/subjects/applicant-7731' }, 200);
  await call('admin', { method: 'DELETE', url: `/v1/evaluations/${v10Ids[7]}` }, 200);
  await call('admin', { method: 'PUT', url: '/v1/retention', payload: { retentionDays: 30 } }, 200);
  const purge = await call('admin', { method: 'POST', url: '/v1/retention/purge' }, 200);
  if (purge.evaluations !== purgedIds.length) throw new Error(`purge removed ${purge.evaluations}, expected ${purgedIds.length}`);

  await incidents(app, client);

  return {
    credentials: creds as FixtureCredentials,
    ids: {
      orgId: admin.orgId, userIds: [admin.userId, analystId, viewerId, departedId], datasetId: dataset.id, deletedDatasetId: scratch.id,
      reportIds, jobId: queued.id, modelIds: [credit.id, fraud.id],
      evaluationIds: [...v10Ids.filter((_, i) => i !== 7), ...v11Ids, ...fraudIds], withOutcome: withOutcome.map(([id]) => id),
      erasedIds: [v10Ids[7], ...subjectIds], purgedIds, keyEvaluationId: v11Ids[0],
    },
  };
}

async function waitForJob(client: FixtureClient, id: string): Promise<{ reportId: string }> {
  for (let i = 0; i < 200; i++) {
    const job = (await client.as('analyst', { method: 'GET', url: `/v1/jobs/${id}` })).json();
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

/** Alertmanager's webhook (version 4): two alerts open, one repeats and resolves; the rest by hand. */
async function incidents(app: FastifyInstance, client: FixtureClient): Promise<void> {
  const alert = (status: 'firing' | 'resolved', name: string, severity: string, fingerprint: string, startsAt: string) => ({
    status, labels: { alertname: name, severity, service: 'ethixai-backend' }, annotations: { summary: `${name} (${severity})` },
    startsAt, endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-05-01T10:20:00.5Z', generatorURL: 'http://prometheus:9090/graph', fingerprint,
  });
  const send = async (status: 'firing' | 'resolved', alerts: object[]) => {
    const payload = { version: '4', groupKey: '{}:{}', status, receiver: 'backend-incidents', alerts, truncatedAlerts: 0 };
    await ok(app.inject({ method: 'POST', url: '/v1/alerts/webhook', headers: { authorization: `Bearer ${WEBHOOK_TOKEN}` }, payload }), 200);
  };
  const latency = (status: 'firing' | 'resolved') => alert(status, 'BackendHighLatencyP95', 'critical', 'f1a2b3c4d5e60001', '2026-05-01T10:00:00.123456789Z');
  await send('firing', [latency('firing'), alert('firing', 'ModelDisparityBreach', 'warning', 'f1a2b3c4d5e60002', '2026-05-01T10:05:00Z')]);
  await send('firing', [latency('firing')]);
  await send('resolved', [latency('resolved')]);
  await send('firing', [alert('firing', 'JobQueueBacklog', 'page', 'f1a2b3c4d5e60003', '2026-05-01T11:00:00Z')]);
  const open = (await client.as('analyst', { method: 'GET', url: '/v1/incidents?status=open' })).json().items as { id: string; alertname: string }[];
  const byName = (name: string) => open.find((i) => i.alertname === name)?.id;
  await ok(client.as('analyst', { method: 'POST', url: `/v1/incidents/${byName('ModelDisparityBreach')}/acknowledge` }), 200);
  await ok(client.as('analyst', { method: 'POST', url: `/v1/incidents/${byName('JobQueueBacklog')}/resolve` }), 200);
}
