import { setTimeout as sleep } from 'node:timers/promises';
import { describeStep, type Profile, type Step } from './profiles.ts';
import { call, RETRY_POLICY, type CallOutcome } from './retrying-client.ts';
import type { Stack } from './stack.ts';

export interface Operation {
  kind: 'evaluate' | 'analysis';
  startMs: number;
  outcome: CallOutcome;
  /** The id of what a 2xx acknowledged as stored. */
  ackedId?: string;
  /** Evaluations: the decision id sent, which the stored evaluation must carry. */
  decisionId?: string;
}

export interface PhaseResult {
  name: string;
  kind: Step['kind'];
  startMs: number;
  clearedMs: number;
  /** From the fault clearing (for a killed backend: from its restart) to the first analysis answered 201. */
  recoveryMs: number | null;
  restartMs?: number;
}

export interface DrillResult {
  profile: string;
  startedAt: string;
  phases: PhaseResult[];
  operations: Operation[];
  lost: { kind: string; id: string; status: number }[];
}

const ROWS = Array.from({ length: 100 }, (_, i) => ({ g: i % 3 === 0 ? 'b' : 'a', y: i % 2, p: Number(i % 5 !== 0) }));
const ANALYSIS = { config: { label: 'y', prediction: 'p', sensitive: ['g'] }, data: { rows: ROWS } };
const RECOVERY_LIMIT_MS = 20_000;

/** The bootstrap admin's bearer header for `stack`. */
export async function login(stack: Stack): Promise<Record<string, string>> {
  const res = await call(
    stack.base,
    'POST',
    '/v1/auth/login',
    { email: 'admin@ethixai.local', password: stack.password },
    {},
  );
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return { authorization: `Bearer ${res.body.accessToken}` };
}

/** Time until one analysis, not retried, answers 201 (polled every 100 ms). */
async function timeToRecover(stack: Stack, auth: Record<string, string>): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < RECOVERY_LIMIT_MS) {
    const ok = await fetch(`${stack.base}/v1/analyses`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(ANALYSIS),
      signal: AbortSignal.timeout(2_000),
    })
      .then(async (r) => {
        await r.arrayBuffer();
        return r.status === 201;
      })
      .catch(() => false);
    if (ok) return Math.round(performance.now() - start);
    await sleep(100);
  }
  return null;
}

/**
 * Runs `profile` against `stack`: open-loop load (evaluations and inline analyses at fixed rates,
 * each retried by the client policy) while the steps inject and clear their faults; then checks
 * every acknowledged write, one by one.
 */
export async function runDrill(stack: Stack, profile: Profile): Promise<DrillResult> {
  const auth = await login(stack);
  const model = await call(
    stack.base,
    'POST',
    '/v1/models',
    {
      name: `chaos-${Date.now()}`,
      version: '1.0',
      owner: 'chaos drill',
      intendedUse: 'resilience drill',
      policy: { sensitiveAttributes: ['group'], requiredContextFields: ['channel'] },
    },
    auth,
  );
  if (model.status !== 201) throw new Error(`create model: ${model.status} ${JSON.stringify(model.body)}`);
  const t0 = performance.now();
  const operations: Operation[] = [];
  const pending = new Set<Promise<void>>();
  let running = true;
  let n = 0;

  const launch = (kind: Operation['kind']) => {
    const i = ++n;
    const startMs = Math.round(performance.now() - t0);
    const work =
      kind === 'evaluate'
        ? call(
            stack.base,
            'POST',
            '/v1/evaluate',
            {
              modelId: model.body.id,
              modelVersion: '1.0',
              decisionId: `chaos-${i}`,
              sensitiveAttributes: { group: i % 2 ? 'A' : 'B' },
              prediction: i % 3 === 0 ? 0 : 1,
              context: { channel: 'web' },
            },
            auth,
          )
        : call(stack.base, 'POST', '/v1/analyses', ANALYSIS, { ...auth, 'idempotency-key': `chaos-analysis-${i}` });
    const p = work.then((outcome) => {
      const ackedId =
        outcome.status >= 200 && outcome.status < 300
          ? ((kind === 'evaluate' ? outcome.body?.evaluation?.id : outcome.body?.id) as string | undefined)
          : undefined;
      operations.push({
        kind,
        startMs,
        outcome,
        ackedId,
        ...(kind === 'evaluate' ? { decisionId: `chaos-${i}` } : {}),
      });
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const pace = async (kind: Operation['kind'], perSec: number) => {
    const start = performance.now();
    for (let i = 0; running; i++) {
      const due = start + (i * 1000) / perSec;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (running) launch(kind);
    }
  };
  const loads = [pace('evaluate', profile.evaluatePerSec), pace('analysis', profile.analysesPerSec)];

  const phases: PhaseResult[] = [];
  for (const step of profile.steps) {
    const startMs = Math.round(performance.now() - t0);
    let restartMs: number | undefined;
    if (step.kind === 'calm') await sleep(step.ms);
    else if (step.kind === 'ai-core-kill') {
      await stack.aiCores[step.replica]!.kill();
      await sleep(step.ms);
      await stack.aiCores[step.replica]!.start();
    } else if (step.kind === 'ai-core-freeze') {
      for (const r of step.replicas) stack.aiCores[r]!.freeze();
      await sleep(step.ms);
      for (const r of step.replicas) stack.aiCores[r]!.thaw();
    } else if (step.kind === 'proxy') {
      for (const r of step.replicas) stack.proxies[r]!.set(step.fault);
      await sleep(step.ms);
      for (const r of step.replicas) stack.proxies[r]!.set({ kind: 'none' });
    } else if (step.kind === 'db-proxy') {
      if (!stack.dbProxy) throw new Error('this profile needs the backend on PostgreSQL (--pg <url>)');
      stack.dbProxy.set(step.fault);
      await sleep(step.ms);
      stack.dbProxy.set({ kind: 'none' });
    } else {
      await sleep(300); // mid-write: evaluations are in flight at any moment at these rates
      await stack.backend.kill();
      const before = performance.now();
      await stack.backend.start();
      restartMs = Math.round(performance.now() - before);
    }
    const clearedMs = Math.round(performance.now() - t0);
    const recoveryMs = step.kind === 'calm' ? null : await timeToRecover(stack, auth);
    phases.push({
      name: describeStep(step),
      kind: step.kind,
      startMs,
      clearedMs,
      recoveryMs,
      ...(restartMs === undefined ? {} : { restartMs }),
    });
  }
  running = false;
  await Promise.all(loads);
  // Every request in flight is finished by the retry policy's own deadline.
  const deadline = Date.now() + RETRY_POLICY.totalMs + RETRY_POLICY.attemptTimeoutMs;
  while (pending.size > 0 && Date.now() < deadline) await Promise.race([...pending, sleep(500)]);

  const lost: DrillResult['lost'] = [];
  for (const op of operations) {
    if (!op.ackedId) {
      // A 2xx that names nothing cannot be checked: count it against the drill, not for it.
      if (op.outcome.status >= 200 && op.outcome.status < 300)
        lost.push({ kind: op.kind, id: '(no id in the answer)', status: op.outcome.status });
      continue;
    }
    const path = op.kind === 'evaluate' ? `/v1/evaluations/${op.ackedId}` : `/v1/reports/${op.ackedId}`;
    const res = await call(stack.base, 'GET', path, undefined, auth);
    const same = res.body?.id === op.ackedId && (op.decisionId === undefined || res.body?.decisionId === op.decisionId);
    if (res.status !== 200 || !same) lost.push({ kind: op.kind, id: op.ackedId, status: res.status });
  }
  return {
    profile: profile.name,
    startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    phases,
    operations,
    lost,
  };
}
