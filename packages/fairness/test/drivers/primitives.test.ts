import { describe, expect, it } from 'vitest';
import { collapseLevels, collapsedCodes } from '../../src/drivers/categorical-levels.ts';
import { agreement, auc, majorityAgreement } from '../../src/drivers/fidelity.ts';
import { deriveSeed, mulberry32, permutation, sampleSorted } from '../../src/drivers/prng.ts';
import { numericStats } from '../../src/drivers/standardise.ts';

describe('seeded randomness', () => {
  it('mulberry32 is a fixed sequence for a seed, different for another', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(2)()).not.toBe(xs[0]);
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
  });

  it('sampleSorted draws k distinct increasing positions, all of them when k >= n', () => {
    const s = sampleSorted(1000, 100, mulberry32(3));
    expect(s.length).toBe(100);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[99]).toBeLessThan(1000);
    expect(Array.from(sampleSorted(4, 10, mulberry32(3)))).toEqual([0, 1, 2, 3]);
  });

  it('permutation is a permutation of 0..n-1', () => {
    const p = Array.from(permutation(new Uint32Array(50), mulberry32(9)));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('fidelity', () => {
  it('AUC counts ties as one half: pos [0.9, 0.5] vs neg [0.5, 0.1] = 3.5 / 4', () => {
    const eta = Float64Array.from([0.9, 0.5, 0.5, 0.1]);
    const d = Uint8Array.from([1, 1, 0, 0]);
    expect(auc(eta, d)).toBe(0.875);
    expect(auc(eta, Uint8Array.from([1, 1, 1, 1]))).toBeNull();
  });

  it('AUC equals the brute-force pair count on random scores with ties', () => {
    const r = mulberry32(11);
    const eta = Float64Array.from({ length: 400 }, () => Math.round(r() * 20) / 4);
    const d = Uint8Array.from({ length: 400 }, () => (r() < 0.3 ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < 400; i++)
      for (let j = 0; j < 400; j++) {
        if (d[i] === 1 && d[j] === 0) {
          pairs++;
          wins += eta[i] > eta[j] ? 1 : eta[i] === eta[j] ? 0.5 : 0;
        }
      }
    expect(auc(eta, d)).toBeCloseTo(wins / pairs, 12);
  });

  it('agreement thresholds the logit at 0 (probability 0.5); majority baseline', () => {
    const eta = Float64Array.from([2, 0, -0.1, -3]);
    expect(agreement(eta, Uint8Array.from([1, 1, 0, 1]))).toBe(0.75);
    expect(majorityAgreement(Uint8Array.from([1, 1, 0, 1]))).toBe(0.75);
  });
});

describe('encoding helpers', () => {
  it('numeric stats ignore NaN; population sd; a constant is sd 0', () => {
    const s = numericStats(Float64Array.from([1, NaN, 3, 5]));
    expect(s).toEqual({ mean: 3, sd: Math.sqrt(8 / 3), observed: 3, missing: 1 });
    expect(numericStats(Float64Array.from([1e9, 1e9, 1e9])).sd).toBe(0);
  });

  it('levels beyond the most frequent collapse to "other"; missing is its own level', () => {
    // counts: a 4, b 3, c 2, d 1, missing 2; maxLevels 3 keeps a, b and pools c, d.
    const codes = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 3, -1, -1]);
    const c = collapseLevels(codes, ['a', 'b', 'c', 'd'], 3);
    expect(c.names).toEqual([
      { term: 'level', level: 'a' },
      { term: 'level', level: 'b' },
      { term: 'other_levels' },
      { term: 'missing_level' },
    ]);
    expect(Array.from(c.counts)).toEqual([4, 3, 3, 2]);
    expect(Array.from(collapsedCodes(codes, c))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3]);
  });

  it('frequency ties keep first-appearance order; no "other" when all levels fit', () => {
    const c = collapseLevels(Int32Array.from([1, 0, 1, 0, 2]), ['x', 'y', 'z'], 10);
    expect(c.names.map((n) => n.level)).toEqual(['x', 'y', 'z']);
    expect(c.missingLevel).toBe(-1);
  });
});
