import { describe, expect, it } from 'vitest';
import { weightedSequence } from '../src/mix.ts';

describe('weightedSequence', () => {
  it('gives each entry its weight per period, spread out rather than in clumps', () => {
    const seq = weightedSequence([5, 3, 2]);
    expect(seq).toHaveLength(10);
    expect([0, 1, 2].map((k) => seq.filter((x) => x === k).length)).toEqual([5, 3, 2]);
    // the heaviest entry never runs three times in a row
    expect(seq.join('')).not.toMatch(/000/);
  });

  it('spreads a 5 % entry one in twenty', () => {
    const seq = weightedSequence([95, 5]);
    const at = seq.flatMap((x, i) => (x === 1 ? [i] : []));
    expect(at).toHaveLength(5);
    expect(at.slice(1).map((v, i) => v - at[i])).toEqual([20, 20, 20, 20]);
  });
});
