import { describe, expect, it } from 'vitest';
import {
  bucketStart,
  decisionIncrement,
  outcomeIncrement,
  windowStart,
} from '../../../src/monitoring/live-window/buckets.ts';
import { attributesOfKey, groupKeyOf } from '../../../src/monitoring/live-window/group-key.ts';
import { CellIncrements } from '../../../src/monitoring/live-window/cell-increments.ts';

describe('group keys', () => {
  it('sorts attributes, marks missing values and escapes separators', () => {
    expect(groupKeyOf(['sex', 'race'], { race: 'Black', sex: 'Male' })).toBe('race=Black|sex=Male');
    expect(groupKeyOf(['sex', 'age'], { sex: '', age: 31 })).toBe('age=31|sex=(missing)');
    expect(groupKeyOf(['a'], { a: 'x|y=z%' })).toBe('a=x%7Cy%3Dz%25');
    expect(attributesOfKey('race=Black|sex=Male')).toEqual(['race', 'sex']);
  });
});

describe('buckets and window', () => {
  const H = 3_600_000;
  it('floors to the bucket size', () => {
    expect(bucketStart(10 * H + 59 * 60_000, 3600)).toBe(10 * H);
    expect(bucketStart(10 * H, 3600)).toBe(10 * H);
  });
  it('a 24 h window of 1 h buckets is the current bucket and the 23 before it', () => {
    expect(windowStart(100 * H + 5, 86_400, 3_600)).toBe(77 * H);
    expect(windowStart(100 * H + 5, 5_400, 3_600)).toBe(99 * H); // ceil(1.5) = 2 buckets
  });
  it('confusion increments', () => {
    expect(decisionIncrement(1)).toEqual({ n: 1, predictedPositive: 1, tp: 0, fp: 0, tn: 0, fn: 0 });
    expect([
      outcomeIncrement(1, 1).tp,
      outcomeIncrement(1, 0).fp,
      outcomeIncrement(0, 0).tn,
      outcomeIncrement(0, 1).fn,
    ]).toEqual([1, 1, 1, 1]);
  });
  it('folds increments per cell and sorts cells', () => {
    const inc = new CellIncrements();
    const key = (g: string) => ({ orgId: 'o', modelId: 'm', modelVersion: '1', groupKey: g, bucketStart: 0 });
    inc.add(key('sex=M'), decisionIncrement(1));
    inc.add(key('sex=F'), decisionIncrement(0));
    inc.add(key('sex=M'), decisionIncrement(0));
    inc.add(key('sex=M'), decisionIncrement(1), -1);
    expect(inc.sorted().map((c) => [c.groupKey, c.counts.n, c.counts.predictedPositive])).toEqual([
      ['sex=F', 1, 0],
      ['sex=M', 1, 0],
    ]);
  });
});
