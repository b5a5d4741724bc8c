import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Validator } from '../../src/csv/utf8.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const isValid = (bytes: Uint8Array): boolean => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Mostly ASCII with some multi-byte text and some arbitrary bytes, so both outcomes occur. */
const mixedBytes = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
      },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => new TextEncoder().encode(s)) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3 }) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap((part) => [...part])));

describe('Utf8Validator', () => {
  it('agrees with a fatal TextDecoder, fed whole or in arbitrary chunks', () => {
    fc.assert(
      fc.property(mixedBytes, fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const expected = isValid(bytes);
        const whole = new Utf8Validator();
        expect(whole.feed(bytes, 0, bytes.length) === -1 && !whole.incomplete).toBe(expected);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunked = new Utf8Validator();
        let ok = true;
        let from = 0;
        for (const to of [...points, bytes.length]) {
          if (ok && chunked.feed(bytes.slice(from, to), 0, to - from) !== -1) ok = false;
          from = to;
        }
        expect(ok && !chunked.incomplete).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('points at the first invalid byte, also past the word-at-a-time ASCII path', () => {
    const bytes = new Uint8Array(1000).fill(0x61);
    bytes[777] = 0x80;
    expect(new Utf8Validator().feed(bytes, 0, bytes.length)).toBe(777);
    const unaligned = bytes.subarray(3);
    expect(new Utf8Validator().feed(unaligned, 0, unaligned.length)).toBe(774);
  });
});
