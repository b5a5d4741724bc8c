import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimeAt } from '../src/iso-time.ts';

describe('isoTimeAt', () => {
  it('equals Date#toISOString for any instant, in any order (the per-second cache never leaks)', () => {
    const instant = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
    fc.assert(fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
      for (const ms of instants) expect(isoTimeAt(ms)).toBe(new Date(ms).toISOString());
    }));
  });

  it('pads milliseconds within one second', () => {
    const second = Date.UTC(2026, 10, 27, 0, 19, 2);
    for (const ms of [0, 7, 42, 999]) expect(isoTimeAt(second + ms)).toBe(new Date(second + ms).toISOString());
  });
});
