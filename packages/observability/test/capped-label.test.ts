import { describe, expect, it } from 'vitest';
import { cappedLabel } from '../src/capped-label.ts';

describe('cappedLabel', () => {
  it('admits the first cap values and folds the rest into __other__', () => {
    const label = cappedLabel(2);
    expect(['a', 'b', 'c', 'a', '__other__', 'b'].map(label)).toEqual(['a', 'b', '__other__', 'a', '__other__', 'b']);
    expect(() => cappedLabel(-1)).toThrow('label cap must be a non-negative integer, got -1');
    expect(() => cappedLabel(1.5)).toThrow(RangeError);
  });
});
