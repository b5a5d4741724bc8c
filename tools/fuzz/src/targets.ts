/**
 * What the fuzz runs against: ai-core listening on a random port, and the backend (its test build,
 * on a fresh SQLite database) talking to it over HTTP and listening too, for the raw-socket cases.
 * Organisation A is the attacker, whose admin sends every case; organisation B is the victim, with
 * one of each resource, whose ids the attacker also tries.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  buildBackend,
  CONFIG,
  sampleCsv,
  SERVICE_TOKEN,
  startAiCore,
} from '../../../services/backend/test/analyses/two-services.ts';
import type { TestApp, TestUser } from '../../../services/backend/test/helper.ts';

export interface Targets {
  readonly backend: TestApp;
  readonly backendPort: number;
  readonly aiCore: FastifyInstance;
  readonly aiCorePort: number;
  readonly attacker: Record<string, string>;
  readonly service: Record<string, string>;
  readonly victim: TestUser;
  /** Ids of the victim's resources. */
  readonly victimIds: string[];
  close(): Promise<void>;
}

/** Every list the victim can read, as text: equal before and after means untouched. */
export const VICTIM_READS = [
  '/v1/users/',
  '/v1/api-keys/',
  '/v1/datasets/',
  '/v1/reports/',
  '/v1/models',
  '/v1/evaluations',
  '/v1/incidents',
  '/v1/audit-log?limit=500',
  '/v1/retention',
];

export async function startTargets(): Promise<Targets> {
  const ai = await startAiCore({ AI_CORE_HEADERS_TIMEOUT_MS: '1000', AI_CORE_REQUEST_TIMEOUT_MS: '1500' });
  // Short timeouts, so the stalled-request cases answer quickly; every other case is small.
  // Limits out of the way, so every case reaches the code under test rather than a 429; the
  // incidents webhook on (owned by the attacker's organisation), so its route is fuzzed for real.
  const backend = await buildBackend(ai.url, ({ orgId }) => ({
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '1500',
    RATE_LIMIT_USER_MAX: '1000000',
    LOGIN_RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_ANONYMOUS_MAX: '1000000',
    AUTH_FAILURES_MAX: '1000000',
    LOGIN_FAILURES_PER_ACCOUNT: '1000000',
    LOGIN_FAILURES_PER_ADDRESS: '1000000',
    INCIDENTS_ORG_ID: orgId,
  }));
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const victim = await backend.createOrg();
  const as = (path: string, method: 'POST' | 'PUT', payload: unknown, headers: Record<string, string> = {}) =>
    backend.injectAs(victim, { method, url: path, payload: payload as string, headers });
  const dataset = (await as('/v1/datasets?name=victim', 'POST', sampleCsv(60), { 'content-type': 'text/csv' })).json();
  const report = (await as('/v1/analyses', 'POST', { datasetId: dataset.id, config: CONFIG })).json();
  const model = (
    await as('/v1/models', 'POST', {
      name: 'victim',
      version: '1',
      owner: 'o',
      intendedUse: 'u',
      policy: { sensitiveAttributes: ['g'] },
    })
  ).json();
  const evaluation = (
    await as('/v1/evaluate', 'POST', {
      modelId: model.id,
      modelVersion: '1',
      decisionId: 'd1',
      subjectId: 's1',
      sensitiveAttributes: { g: 'a' },
      prediction: 1,
    })
  ).json();
  const apiKey = (await as('/v1/api-keys/', 'POST', { name: 'victim', role: 'viewer' })).json();
  const victimIds = [victim.id, dataset.id, report.id, model.id, evaluation.evaluation?.id, apiKey.apiKey?.id].filter(
    (id): id is string => typeof id === 'string',
  );
  if (victimIds.length !== 6)
    throw new Error(
      `victim set-up failed: ${JSON.stringify({ dataset, report, model, evaluation, apiKey }).slice(0, 500)}`,
    );
  const { accessToken } = await backend.login(backend.admin);
  return {
    backend,
    backendPort: (backend.app.server.address() as AddressInfo).port,
    aiCore: ai.app,
    aiCorePort: new URL(ai.url).port === '' ? 80 : Number(new URL(ai.url).port),
    attacker: { authorization: `Bearer ${accessToken}` },
    service: { authorization: `Bearer ${SERVICE_TOKEN}` },
    victim,
    victimIds,
    async close() {
      await backend.close();
      await ai.app.close();
    },
  };
}

export async function victimSnapshot(targets: Targets): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const url of VICTIM_READS) {
    const res = await targets.backend.injectAs(targets.victim, { method: 'GET', url });
    out[url] = `${res.statusCode} ${res.body}`;
  }
  return out;
}
