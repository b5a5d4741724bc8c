import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter, retryAfterSeconds } from '../../src/rate-limit/limiter.ts';
import { parseClassLimits } from '../../src/rate-limit/rate-limit-plugin.ts';

describe('FixedWindowLimiter', () => {
  it('allows max hits per window, refuses the next with the time to the window end, and resets', () => {
    const limiter = new FixedWindowLimiter(60_000);
    const t0 = 120_000; // a window boundary
    expect(limiter.hit('a', 3, t0)).toEqual({ allowed: true, remaining: 2, resetMs: 60_000 });
    expect(limiter.hit('a', 3, t0 + 1)).toEqual({ allowed: true, remaining: 1, resetMs: 59_999 });
    expect(limiter.hit('a', 3, t0 + 2)).toEqual({ allowed: true, remaining: 0, resetMs: 59_998 });
    expect(limiter.hit('a', 3, t0 + 30_000)).toEqual({ allowed: false, remaining: 0, resetMs: 30_000 });
    expect(limiter.hit('b', 3, t0 + 30_000).allowed).toBe(true);
    expect(limiter.hit('a', 3, t0 + 60_000)).toEqual({ allowed: true, remaining: 2, resetMs: 60_000 });
  });

  it('sweeps buckets of past windows so memory follows active keys', () => {
    const limiter = new FixedWindowLimiter(1000);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`, 10, 0);
    expect(limiter.size).toBe(100);
    limiter.hit('k0', 10, 1000);
    expect(limiter.size).toBe(1);
  });

  it('Retry-After is whole seconds, at least 1', () => {
    expect(retryAfterSeconds(0)).toBe('1');
    expect(retryAfterSeconds(1)).toBe('1');
    expect(retryAfterSeconds(1001)).toBe('2');
  });
});

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
