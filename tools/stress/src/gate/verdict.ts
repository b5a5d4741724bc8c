/**
 * The gate's decision from alternating trials: for each trial the candidate's CPU per request and
 * p95 per endpoint are divided by the reference's from the same trial (measured back to back, in
 * alternating order, so drift in the machine's load hits both), and the median ratio over the
 * trials is compared with the tolerance.
 *
 * Tolerances, for 2 shared cores with a load average often above 10. Measured there with the
 * self-test's three stacks in 1 s slices (trials.ts): two stacks of the same build gave CPU ratios
 * of 0.85–1.05 per trial (medians of 5 trials 0.969 and 0.977), the same build with 20 % more CPU
 * 1.10–1.32 (medians 1.247 and 1.234); in p95 the same build moved 0.65–12× per trial. So CPU per
 * request (server utime + stime from /proc, which waiting for a core does not inflate) is the
 * precise measure and fails above +10 %. p95 at a fixed rate is compared and reported on every
 * run but, on a machine this shared, only advisory: a median of +24 ms for the same build was
 * measured. Where the machine is quiet enough to judge latency (a dedicated runner), `gateP95`
 * makes p95 fail above 2× when it also grew by more than 20 ms, so a 3 ms → 8 ms wobble of a fast
 * route is not a regression.
 */
export const TOLERANCE = { cpuPerRequest: 0.1, p95: 1.0, p95SlackMs: 20 } as const;

export interface TrialMeasurement {
  cpuUsPerRequest: number;
  p95Ms: Record<string, number>;
  unexpected: number;
}

export interface GateVerdict {
  trials: number;
  /** Whether a p95 regression fails the gate (otherwise it is reported only). */
  p95Gated: boolean;
  cpuRatio: { median: number; each: number[] };
  p95Ratio: Record<string, { median: number; each: number[]; medianDeltaMs: number }>;
  failures: string[];
  passed: boolean;
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function judgeTrials(
  reference: TrialMeasurement[],
  candidate: TrialMeasurement[],
  options: { gateP95: boolean; tolerance?: typeof TOLERANCE } = { gateP95: false },
): GateVerdict {
  const tolerance = options.tolerance ?? TOLERANCE;
  if (reference.length !== candidate.length || reference.length < 3)
    throw new Error(`the gate needs at least 3 paired trials, got ${reference.length} and ${candidate.length}`);
  const failures: string[] = [];
  const cpuEach = reference.map((r, i) => candidate[i].cpuUsPerRequest / r.cpuUsPerRequest);
  const cpuMedian = median(cpuEach);
  if (!(cpuMedian <= 1 + tolerance.cpuPerRequest))
    failures.push(
      `CPU per request: ${cpuMedian.toFixed(3)}× the reference (median of ${cpuEach.length} trials), above the tolerance of ${(1 + tolerance.cpuPerRequest).toFixed(2)}×`,
    );
  const p95Ratio: GateVerdict['p95Ratio'] = {};
  for (const endpoint of Object.keys(reference[0].p95Ms)) {
    const each = reference.map((r, i) => candidate[i].p95Ms[endpoint] / r.p95Ms[endpoint]);
    const deltas = reference.map((r, i) => candidate[i].p95Ms[endpoint] - r.p95Ms[endpoint]);
    const m = median(each);
    const d = median(deltas);
    p95Ratio[endpoint] = { median: m, each, medianDeltaMs: d };
    if (options.gateP95 && !(m <= 1 + tolerance.p95) && d > tolerance.p95SlackMs)
      failures.push(
        `${endpoint} p95: ${m.toFixed(3)}× the reference (+${d.toFixed(1)} ms, median of ${each.length} trials), above the tolerance of ${(1 + tolerance.p95).toFixed(2)}× and ${tolerance.p95SlackMs} ms`,
      );
  }
  const unexpected = [...reference, ...candidate].reduce((a, t) => a + t.unexpected, 0);
  if (unexpected > 0)
    failures.push(
      `${unexpected} answers the workload did not expect (see the trials): a build that answers errors is not measured`,
    );
  return {
    trials: reference.length,
    p95Gated: options.gateP95,
    cpuRatio: { median: cpuMedian, each: cpuEach },
    p95Ratio,
    failures,
    passed: failures.length === 0,
  };
}
