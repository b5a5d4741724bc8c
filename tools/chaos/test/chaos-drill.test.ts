import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrill, type DrillResult } from '../src/drill.ts';
import { PROFILES } from '../src/profiles.ts';
import { renderHtml } from '../src/report-html.ts';
import { startStack, type Stack } from '../src/stack.ts';
import { GOALS, summarise, type Summary } from '../src/summary.ts';

/**
 * The short chaos profile against real processes: two ai-core replicas behind fault proxies and a
 * backend on SQLite, under open-loop load with the documented client retry policy, while ai-core
 * is killed and restarted, delayed, reset, blackholed and frozen, and the backend is killed
 * mid-write and restarted. About 45 s.
 */
describe('chaos drill (short profile)', () => {
  let stack: Stack;
  let result: DrillResult;
  let summary: Summary;
  beforeAll(async () => {
    stack = await startStack();
    result = await runDrill(stack, PROFILES.short!);
    summary = summarise(result);
  }, 180_000);
  afterAll(async () => stack?.close(), 30_000);

  it('injected every fault of the profile', () => {
    expect(result.phases.filter((p) => p.kind !== 'calm').map((p) => p.kind)).toEqual([
      'ai-core-kill',
      'proxy',
      'proxy',
      'proxy',
      'ai-core-freeze',
      'backend-kill',
    ]);
  });

  it(`meets the goals: success ≥ ${GOALS.minSuccessRate * 100} %, no 500, no acknowledged write lost, recovery ≤ ${GOALS.maxRecoveryMs} ms`, () => {
    expect(summary.violations).toEqual([]);
    expect(summary.success_rate).toBeGreaterThanOrEqual(GOALS.minSuccessRate);
    expect(summary.five_hundreds).toBe(0);
    expect(summary.lost_writes).toBe(0);
    // Both kinds of writes were acknowledged and each was found again.
    expect(result.operations.filter((o) => o.kind === 'evaluate' && o.ackedId).length).toBeGreaterThan(50);
    expect(result.operations.filter((o) => o.kind === 'analysis' && o.ackedId).length).toBeGreaterThan(20);
    expect(summary.max_recovery_ms).not.toBeNull();
  });

  it('the faults were felt: some requests needed the retry policy', () => {
    expect(summary.retried_requests).toBeGreaterThan(0);
  });

  it('renders a self-contained HTML report with the numbers', () => {
    const html = renderHtml(result, summary);
    expect(html).toContain(`${(summary.success_rate * 100).toFixed(2)} %`);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe('chaos summary', () => {
  const op = (status: number, seen = [status], ackedId?: string) => ({
    kind: 'evaluate' as const,
    startMs: 0,
    outcome: { status, body: {}, attempts: seen.length, seen, ms: 1 },
    ackedId,
  });
  const base: DrillResult = {
    profile: 'x',
    startedAt: '',
    phases: [{ name: 'f', kind: 'proxy', startMs: 0, clearedMs: 1, recoveryMs: 100 }],
    operations: [],
    lost: [],
  };

  it('names each goal a run misses', () => {
    const ops = [...Array.from({ length: 98 }, () => op(200, [200], 'id')), op(503), op(201, [500, 201], 'id2')];
    const s = summarise({
      ...base,
      operations: ops,
      lost: [{ kind: 'evaluate', id: 'gone', status: 404 }],
      phases: [{ ...base.phases[0]!, recoveryMs: 6_000 }],
    });
    expect(s.success_rate).toBe(0.99);
    expect(s.violations).toEqual([
      '1 acknowledged writes lost',
      '1 requests saw a 500',
      'recovery took 6000 ms > 5000 ms',
    ]);
    expect(summarise({ ...base, operations: [op(200), op(503)] }).violations).toEqual(['success rate 50.00 % < 99 %']);
    expect(
      summarise({ ...base, operations: [op(200)], phases: [{ ...base.phases[0]!, recoveryMs: null }] }).violations,
    ).toEqual(['no recovery within the limit after: f']);
  });
});
