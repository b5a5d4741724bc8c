import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '../src/index.ts';

describe('AUC and calibration per group', () => {
  // group a: positives 0.9, 0.6 (tie with a negative), negatives 0.6, 0.2 → AUC = (1 + 1 + 0.5 + 1)/4 = 0.875
  // group b: positive 0.3, negatives 0.8, 0.1 → AUC = 0.5
  const t = tableFromColumns({
    g: ['a', 'a', 'a', 'a', 'b', 'b', 'b'],
    y: [1, 1, 0, 0, 1, 0, 0],
    s: [0.9, 0.6, 0.6, 0.2, 0.3, 0.8, 0.1],
    w: [1, 1, 1, 1, 2, 1, 1],
  });
  const cfg = {
    label: 'y',
    score: 's',
    threshold: 0.5,
    sensitive: ['g'],
    minGroupSize: 0,
    minDenominator: 0,
    calibrationBins: 2,
  };
  it('Mann–Whitney AUC with ties, per group and overall', () => {
    const r = audit(t, cfg);
    const [a, b] = r.attributes[0].groups;
    expect(a.auc.value).toBeCloseTo(0.875, 14);
    expect(b.auc.value).toBeCloseTo(0.5, 14);
    // overall: positives 0.9, 0.6, 0.3; negatives 0.8, 0.6, 0.2, 0.1 → (4 + 2.5 + 2 + 2... ) counted by hand:
    // 0.9 beats 4; 0.6 beats 0.2, 0.1 and ties 0.6 → 2.5; 0.3 beats 0.2, 0.1 → 2 ⇒ 8.5/12
    expect(r.overall.auc.value).toBeCloseTo(8.5 / 12, 14);
    if (a.auc.value !== null) expect(a.auc.interval![0]).toBeLessThanOrEqual(0.875);
  });
  it('weights count as pair weights', () => {
    const r = audit(t, { ...cfg, weights: 'w' });
    expect(r.attributes[0].groups[1].auc.value).toBeCloseTo(0.5, 14);
    expect(r.overall.auc.value).toBeCloseTo((4 + 2.5 + 2 * 2) / (4 * 4), 14);
  });
  it('calibration bins on the probability scale with ECE', () => {
    const r = audit(t, cfg);
    const cal = r.attributes[0].groups[0].calibration!;
    expect(cal.bins.map((b) => [b.lower, b.upper, b.n])).toEqual([
      [0, 0.5, 1],
      [0.5, 1, 3],
    ]);
    expect(cal.bins[0].meanScore).toBeCloseTo(0.2, 14);
    expect(cal.bins[1].meanScore).toBeCloseTo(0.7, 14);
    expect(cal.bins[1].observedRate.value).toBeCloseTo(2 / 3, 14);
    expect(cal.ece).toBeCloseTo((1 * 0.2 + 3 * Math.abs(2 / 3 - 0.7)) / 4, 14);
  });
  it('scores outside [0,1] use [min, max] bins and no ECE; missing scores are left out and reported', () => {
    const u = tableFromColumns({ g: ['a', 'a', 'a', 'a'], y: [1, 0, 1, 0], p: [1, 0, 1, 1], s: [10, 2, null, 6] });
    const r = audit(u, {
      label: 'y',
      prediction: 'p',
      score: 's',
      sensitive: ['g'],
      minGroupSize: 0,
      calibrationBins: 2,
    });
    expect(r.overall.calibration!.ece).toBeNull();
    expect(r.overall.calibration!.bins.map((b) => [b.lower, b.upper, b.n])).toEqual([
      [2, 6, 1],
      [6, 10, 2],
    ]);
    expect(r.provenance.excluded).toContainEqual({
      reason: 'score missing (left out of AUC and calibration only)',
      rows: 1,
    });
    expect(r.overall.auc.value).toBe(1);
  });
});
