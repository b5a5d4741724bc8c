import { describe, expect, it } from 'vitest';
import { BoundedLabel } from '../src/bounded-label.ts';

describe('BoundedLabel', () => {
  it('admits the first cap values and folds the rest into __other__', () => {
    const label = new BoundedLabel(2);
    expect(['a', 'b', 'c', 'a', 'd', 'b'].map((v) => label.resolve(v))).toEqual(['a', 'b', '__other__', 'a', '__other__', 'b']);
    expect(label.size).toBe(2);
  });

  it('frees a slot on forget and never admits the overflow value itself', () => {
    const label = new BoundedLabel(1);
    expect(label.resolve('__other__')).toBe('__other__');
    expect(label.resolve('a')).toBe('a');
    expect(label.forget('a')).toBe(true);
    expect(label.resolve('b')).toBe('b');
    expect(label.has('a')).toBe(false);
  });

  it('rejects a cap that is not a non-negative integer', () => {
    expect(() => new BoundedLabel(-1)).toThrow('label cap must be a non-negative integer, got -1');
    expect(() => new BoundedLabel(1.5)).toThrow(RangeError);
  });
});
