import type { DrillResult } from './drill.ts';

/** The drill's goals (issue 20): stated once, checked by the CLI and the test alike. */
export const GOALS = { minSuccessRate: 0.99, maxLostWrites: 0, max500s: 0, maxRecoveryMs: 5_000 } as const;

export interface Summary {
  requests: number;
  succeeded: number;
  success_rate: number;
  by_kind: Record<string, { requests: number; succeeded: number }>;
  final_statuses: Record<string, number>;
  /** 500s seen in any attempt, retried or not. */
  five_hundreds: number;
  retried_requests: number;
  acknowledged_writes: number;
  lost_writes: number;
  max_recovery_ms: number | null;
  /** Requests by the phase they started in, with the final statuses of those that failed. */
  by_phase: { phase: string; requests: number; failed: number; failed_statuses: Record<string, number> }[];
  unrecovered_phases: string[];
  goals: typeof GOALS;
  violations: string[];
}

export function summarise(result: DrillResult): Summary {
  const ops = result.operations;
  const ok = (s: number) => s >= 200 && s < 300;
  const byKind: Summary['by_kind'] = {};
  const finals: Record<string, number> = {};
  for (const op of ops) {
    const k = (byKind[op.kind] ??= { requests: 0, succeeded: 0 });
    k.requests++;
    if (ok(op.outcome.status)) k.succeeded++;
    finals[op.outcome.status] = (finals[op.outcome.status] ?? 0) + 1;
  }
  const succeeded = ops.filter((o) => ok(o.outcome.status)).length;
  const recoveries = result.phases.filter((p) => p.kind !== 'calm');
  const unrecovered = recoveries.filter((p) => p.recoveryMs === null).map((p) => p.name);
  const maxRecovery =
    recoveries.length === 0 || unrecovered.length > 0
      ? null
      : Math.max(...recoveries.map((p) => p.recoveryMs as number));
  const byPhase = result.phases.map((p, i) => {
    const end = result.phases[i + 1]?.startMs ?? Infinity;
    const started = ops.filter((o) => o.startMs >= p.startMs && o.startMs < end);
    const failedStatuses: Record<string, number> = {};
    for (const o of started)
      if (!ok(o.outcome.status)) failedStatuses[o.outcome.status] = (failedStatuses[o.outcome.status] ?? 0) + 1;
    return {
      phase: p.name,
      requests: started.length,
      failed: started.filter((o) => !ok(o.outcome.status)).length,
      failed_statuses: failedStatuses,
    };
  });
  const s: Summary = {
    requests: ops.length,
    succeeded,
    success_rate: ops.length === 0 ? 0 : succeeded / ops.length,
    by_kind: byKind,
    final_statuses: finals,
    five_hundreds: ops.filter((o) => o.outcome.seen.some((x) => x >= 500 && x < 501)).length,
    retried_requests: ops.filter((o) => o.outcome.attempts > 1).length,
    acknowledged_writes: ops.filter((o) => o.ackedId).length,
    lost_writes: result.lost.length,
    max_recovery_ms: maxRecovery,
    by_phase: byPhase,
    unrecovered_phases: unrecovered,
    goals: GOALS,
    violations: [],
  };
  if (ops.length === 0) s.violations.push('no requests were made');
  if (s.success_rate < GOALS.minSuccessRate)
    s.violations.push(`success rate ${(s.success_rate * 100).toFixed(2)} % < ${GOALS.minSuccessRate * 100} %`);
  if (s.lost_writes > GOALS.maxLostWrites) s.violations.push(`${s.lost_writes} acknowledged writes lost`);
  if (s.five_hundreds > GOALS.max500s) s.violations.push(`${s.five_hundreds} requests saw a 500`);
  if (unrecovered.length > 0) s.violations.push(`no recovery within the limit after: ${unrecovered.join('; ')}`);
  else if (maxRecovery !== null && maxRecovery > GOALS.maxRecoveryMs)
    s.violations.push(`recovery took ${maxRecovery} ms > ${GOALS.maxRecoveryMs} ms`);
  return s;
}
