import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBatch } from '../src/line-batch.ts';

function recordingSink() {
  const writes: string[] = [];
  let flushedSync = 0;
  return { writes, flushedSync: () => flushedSync, write: (text: string) => writes.push(text), flushSync: () => void (flushedSync += 1) };
}

describe('LineBatch', () => {
  it('hands the sink every line once, in order, in batches of at least minChars until flushed', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 300 }).map((s) => `${s}\n`), { maxLength: 200 }), fc.integer({ min: 1, max: 5000 }), (lines, minChars) => {
      const sink = recordingSink();
      const batch = new LineBatch(sink, minChars);
      for (const line of lines) batch.write(line);
      // Before the final flush, every write is a full batch and nothing pending reaches minChars.
      for (const text of sink.writes) expect(text.length).toBeGreaterThanOrEqual(minChars);
      const pending = lines.join('').length - sink.writes.join('').length;
      expect(pending).toBeLessThan(minChars);
      batch.flushSync();
      expect(sink.writes.join('')).toBe(lines.join(''));
      expect(sink.flushedSync()).toBe(1);
    }));
  });

  it('flush writes what is pending, at once, and answers a callback', () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink, 4096);
    batch.write('a\n');
    batch.write('b\n');
    expect(sink.writes).toEqual([]);
    let called = false;
    batch.flush(() => {
      called = true;
    });
    expect(sink.writes).toEqual(['a\nb\n']);
    expect(called).toBe(true);
    batch.flush();
    expect(sink.writes).toEqual(['a\nb\n']);
  });
});
