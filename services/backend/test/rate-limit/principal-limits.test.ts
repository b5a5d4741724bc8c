import { describe, expect, it } from 'vitest';
import { parseClassLimits } from '../../src/rate-limit/principal-limits.ts';

describe('parseClassLimits', () => {
  it('parses name=max pairs and rejects anything else', () => {
    expect([...parseClassLimits('analyses=20, exports=5')]).toEqual([
      ['analyses', 20],
      ['exports', 5],
    ]);
    expect(parseClassLimits('').size).toBe(0);
    expect(() => parseClassLimits('analyses=0')).toThrow('"analyses=0" is not name=positive-integer');
  });
});
