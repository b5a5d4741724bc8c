/**
 * What the traffic needs before it starts, made through the public API as a client would: an
 * analyst API key (machine clients use API keys; its rate limit is set above the scenario's rate,
 * so a 429 is a finding), the example's model, the example dataset uploaded, and a few stored
 * reports to read.
 */
import { randomUUID } from 'node:crypto';
import { datasetAnalysisBody, decisionBody, germanCredit, inlineAnalysisBody, modelBody } from './payloads.ts';

export interface Fixtures {
  runId: string;
  auth: Record<string, string>;
  modelId: string;
  datasetId: string;
  reportIds: string[];
  inlineAnalysis: string;
  datasetAnalysis: string;
  datasetCsv: Buffer;
  decision(i: number): string;
}

export interface Login {
  email: string;
  password: string;
}

// Setup answers are read for a few known fields (id, secret, accessToken) and nothing else.
type Answer = Record<string, string>;

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  // A backend started moments before its ai-core marks it available on its next liveness probe;
  // until then analyses answer 503 with Retry-After. Setup waits for that, at most 60 s.
  for (const deadline = Date.now() + 60_000; ;) {
    const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as Answer;
    const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN);
    if (res.status !== 503 || !Number.isFinite(retryAfter) || Date.now() + retryAfter * 1000 > deadline) {
      throw new Error(`setup: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(200, retryAfter * 1000)));
  }
}

/** Rows of the inline analyses (the size the analysis SLO is stated for: 1,000 rows). */
export const INLINE_ROWS = 1000;

export async function createFixtures(
  base: string,
  login: Login,
  options: { apiKeyPerMinute?: number; reports?: number } = {},
): Promise<Fixtures> {
  const runId = `stress-${randomUUID().slice(0, 8)}`;
  const jsonHeaders = { 'content-type': 'application/json' };
  const session = await call(base, 'POST', '/v1/auth/login', jsonHeaders, JSON.stringify(login));
  const admin = { ...jsonHeaders, authorization: `Bearer ${session.accessToken}` };
  const key = await call(
    base,
    'POST',
    '/v1/api-keys',
    admin,
    JSON.stringify({ name: runId, role: 'analyst', rateLimitPerMinute: options.apiKeyPerMinute ?? 10_000_000 }),
  );
  const auth = { 'x-api-key': key.secret };
  const model = await call(base, 'POST', '/v1/models', admin, JSON.stringify(modelBody(runId)));
  const { csv, applicants } = germanCredit();
  const dataset = await call(
    base,
    'POST',
    `/v1/datasets?name=${runId}-german-credit`,
    { ...auth, 'content-type': 'text/csv' },
    csv,
  );
  const inlineAnalysis = inlineAnalysisBody(INLINE_ROWS);
  const datasetAnalysis = datasetAnalysisBody(dataset.id);
  const reportIds: string[] = [];
  for (let r = 0; r < (options.reports ?? 4); r += 1) {
    const report = await call(
      base,
      'POST',
      '/v1/analyses',
      { ...auth, ...jsonHeaders },
      r % 2 === 0 ? datasetAnalysis : inlineAnalysis,
    );
    reportIds.push(report.id);
  }
  return {
    runId,
    auth,
    modelId: model.id,
    datasetId: dataset.id,
    reportIds,
    inlineAnalysis,
    datasetAnalysis,
    datasetCsv: csv,
    decision: (i) => decisionBody(model.id, applicants[i % applicants.length], `${runId}-${i}`),
  };
}
