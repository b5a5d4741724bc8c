import { describe, expect, it } from 'vitest';
import { judgeTrials, median, type TrialMeasurement } from '../../src/gate/verdict.ts';

const t = (cpu: number, p95: number, unexpected = 0): TrialMeasurement => ({
  cpuUsPerRequest: cpu,
  p95Ms: { evaluate: p95 },
  unexpected,
});

describe('judgeTrials', () => {
  it('passes equal builds and takes the median of the per-trial ratios', () => {
    const v = judgeTrials([t(100, 20), t(100, 20), t(100, 20)], [t(95, 21), t(130, 20), t(104, 19)]);
    expect(v.cpuRatio.median).toBeCloseTo(1.04, 9);
    expect(v.passed).toBe(true);
  });

  it('fails 20 % more CPU per request, naming the measure and the tolerance', () => {
    const v = judgeTrials([t(100, 20), t(110, 20), t(90, 20)], [t(120, 20), t(132, 20), t(108, 20)]);
    expect(v.passed).toBe(false);
    expect(v.failures).toEqual([
      'CPU per request: 1.200× the reference (median of 3 trials), above the tolerance of 1.10×',
    ]);
  });

  it('when p95 is gated, fails a regression only beyond both the ratio and the absolute slack', () => {
    const gated = { gateP95: true };
    expect(judgeTrials([t(100, 4), t(100, 4), t(100, 4)], [t(100, 19), t(100, 19), t(100, 19)], gated).passed).toBe(
      true,
    ); // 4.75× but +15 ms
    expect(judgeTrials([t(100, 40), t(100, 40), t(100, 40)], [t(100, 79), t(100, 79), t(100, 79)], gated).passed).toBe(
      true,
    ); // +39 ms but 1.98×
    const slow = judgeTrials([t(100, 40), t(100, 40), t(100, 40)], [t(100, 90), t(100, 90), t(100, 90)], gated);
    expect(slow.failures).toEqual([
      expect.stringMatching(
        /^evaluate p95: 2\.250× the reference \(\+50\.0 ms, median of 3 trials\), above the tolerance of 2\.00× and 20 ms$/,
      ),
    ]);
  });

  it('reports p95 without failing on it unless asked to', () => {
    const v = judgeTrials([t(100, 40), t(100, 40), t(100, 40)], [t(100, 90), t(100, 90), t(100, 90)]);
    expect(v.passed).toBe(true);
    expect(v.p95Ratio.evaluate.median).toBeCloseTo(2.25, 9);
  });

  it('refuses fewer than 3 trials and fails on unexpected answers', () => {
    expect(() => judgeTrials([t(1, 1), t(1, 1)], [t(1, 1), t(1, 1)])).toThrow(/at least 3/);
    expect(judgeTrials([t(1, 1), t(1, 1), t(1, 1)], [t(1, 1, 2), t(1, 1), t(1, 1)]).failures).toEqual([
      expect.stringMatching(/^2 answers the workload did not expect/),
    ]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
