import type { ReadRequest } from './fixture-client.ts';
import type { StoryIds } from './fixture-story.ts';

/**
 * The reads the fixture records and the upgrade test replays, in order: the audit log first
 * (nothing has appended yet), API keys before the key is used (using it stamps lastUsedAt), the
 * report exports last (each appends a `report.export` entry). Every resource the story wrote is
 * read by id, through the role that would read it, and the refusals that must survive too.
 */
export function fixtureReads(ids: StoryIds, auditPages: number): ReadRequest[] {
  const get = (who: ReadRequest['who'], url: string): ReadRequest => ({ who, method: 'GET', url });
  const pick = (list: string[], n: number) => list.filter((_, i) => i % Math.ceil(list.length / n) === 0);
  return [
    ...Array.from({ length: auditPages }, (_, page) => get('admin', `/v1/audit-log?limit=100&afterSeq=${page * 100}`)),
    get('admin', '/v1/api-keys'),
    get('admin', '/v1/auth/me'), get('analyst', '/v1/auth/me'), get('viewer', '/v1/auth/me'),
    get('admin', '/v1/users'),
    ...ids.userIds.map((id) => get('admin', `/v1/users/${id}`)),
    { who: 'anonymous', method: 'POST', url: '/v1/auth/login', payload: { email: 'departed@round1.fixture.test', password: 'fixture-departed-password-1' } },
    get('revokedKey', '/v1/auth/me'),
    get('apiKey', '/v1/auth/me'),
    get('apiKey', `/v1/evaluations/${ids.keyEvaluationId}`),
    get('viewer', '/v1/datasets'),
    get('viewer', `/v1/datasets/${ids.datasetId}`),
    get('viewer', `/v1/datasets/${ids.deletedDatasetId}`),
    get('viewer', '/v1/reports'),
    get('viewer', '/v1/reports?verdict=fail'),
    ...ids.reportIds.map((id) => get('viewer', `/v1/reports/${id}`)),
    get('viewer', `/v1/jobs/${ids.jobId}`),
    get('viewer', '/v1/models'),
    ...ids.modelIds.map((id) => get('viewer', `/v1/models/${id}`)),
    ...ids.modelIds.map((id) => get('viewer', `/v1/models/${id}/fairness`)),
    get('viewer', `/v1/models/${ids.modelIds[0]}/fairness?version=1.0`),
    get('viewer', '/v1/evaluations?limit=500'),
    get('viewer', `/v1/evaluations?modelId=${ids.modelIds[0]}&modelVersion=1.1&limit=20&offset=10`),
    get('viewer', '/v1/evaluations?riskLevel=high&limit=500'),
    ...[...pick(ids.evaluationIds, 12), ...pick(ids.withOutcome, 6), ...ids.erasedIds, ...pick(ids.purgedIds, 2)].map((id) => get('viewer', `/v1/evaluations/${id}`)),
    get('viewer', '/v1/incidents'),
    get('viewer', '/v1/incidents?status=acknowledged'),
    get('viewer', '/v1/retention'),
    ...ids.reportIds.map((id): ReadRequest => ({ ...get('viewer', `/v1/reports/${id}/export?format=csv`), appendsAudit: true })),
  ];
}
