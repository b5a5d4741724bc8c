import { describe, expect, it } from 'vitest';
import { ifNoneMatch } from '../../src/reports/conditional-get.ts';

describe('ifNoneMatch', () => {
  it('matches listed tags by weak comparison and the wildcard', () => {
    expect(ifNoneMatch('"a"', '"a"')).toBe(true);
    expect(ifNoneMatch(' "x" , W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatch('*', '"a"')).toBe(true);
  });

  it('does not match absent, different or unquoted tags', () => {
    expect(ifNoneMatch(undefined, '"a"')).toBe(false);
    expect(ifNoneMatch('"b"', '"a"')).toBe(false);
    expect(ifNoneMatch('a', '"a"')).toBe(false);
    expect(ifNoneMatch('"a-gzip"', '"a"')).toBe(false);
  });
});
