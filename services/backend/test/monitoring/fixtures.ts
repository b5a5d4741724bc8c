import type { TestApp, TestUser } from '../helper.ts';

/** A policy small enough for tests: one attribute, tiny window minimums. */
export const TEST_POLICY = {
  sensitiveAttributes: ['group'],
  requiredContextFields: ['channel'],
  window: { spanSeconds: 86_400, bucketSeconds: 3_600, minDecisions: 20, minGroupSize: 10 },
};

export async function createModel(t: TestApp, user: TestUser = t.admin, overrides: Record<string, unknown> = {}) {
  const res = await t.injectAs(user, {
    method: 'POST',
    url: '/v1/models',
    payload: {
      name: `credit-${Math.random().toString(36).slice(2)}`,
      version: '1.0',
      owner: 'risk team',
      intendedUse: 'consumer credit pre-screening',
      policy: TEST_POLICY,
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create model: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; policy: { version: number } };
}

let seq = 0;
export function decision(modelId: string, group: string, prediction: 0 | 1, extra: Record<string, unknown> = {}) {
  return {
    modelId,
    modelVersion: '1.0',
    decisionId: `d-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    sensitiveAttributes: { group },
    prediction,
    context: { channel: 'web' },
    ...extra,
  };
}

export async function evaluate(t: TestApp, body: unknown, user: TestUser = t.admin) {
  return t.injectAs(user, { method: 'POST', url: '/v1/evaluate', payload: body as Record<string, unknown> });
}
