import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBatch } from '../src/line-batch.ts';

function recordingSink() {
  const chunks: Buffer[] = [];
  let flushedSync = 0;
  return {
    chunks,
    text: () => Buffer.concat(chunks).toString('utf8'),
    flushedSync: () => flushedSync,
    write: (chunk: Buffer) => chunks.push(Buffer.from(chunk)),
    flushSync: () => void (flushedSync += 1),
  };
}

const line = fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `${s}\n`);

describe('LineBatch', () => {
  it('hands the sink every line once, in order, as UTF-8, in chunks of at most capacity bytes', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 200 }), fc.integer({ min: 1, max: 5000 }), (lines, capacity) => {
      const sink = recordingSink();
      const batch = new LineBatch(sink, capacity);
      let chunksBefore = 0;
      for (const l of lines) {
        batch.write(l);
        const added = sink.chunks.slice(chunksBefore);
        chunksBefore = sink.chunks.length;
        // A line too long for any chunk goes out alone; otherwise chunks never exceed capacity,
        // and one is handed over only when the next line might not fit into what is left.
        for (const chunk of added) {
          if (chunk.length > capacity) expect(chunk.toString('utf8')).toBe(l);
        }
      }
      for (const chunk of sink.chunks) {
        if (chunk.length > capacity) expect(lines).toContain(chunk.toString('utf8'));
      }
      batch.flushSync();
      expect(sink.text()).toBe(lines.join(''));
      expect(sink.flushedSync()).toBe(1);
    }));
  });

  it('fills a chunk before handing it over', () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink, 30);
    // 9 bytes each, worst case 27: the second line might not fit after the first.
    for (const l of ['abcdefgh\n', 'ijklmnop\n', 'qrstuvwx\n']) batch.write(l);
    expect(sink.chunks.map((c) => c.toString())).toEqual(['abcdefgh\n', 'ijklmnop\n']);
    const wide = new LineBatch(sink, 100);
    sink.chunks.length = 0;
    // 11 bytes each, worst case 33: after seven lines (77 bytes) the eighth might overflow 100.
    for (let i = 0; i < 7; i += 1) wide.write('0123456789\n');
    expect(sink.chunks).toEqual([]);
    wide.write('0123456789\n');
    expect(sink.chunks.map((c) => c.length)).toEqual([77]);
  });

  it('encodes multi-byte characters whole', () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink, 64);
    const lines = ['é€😀\n', '日本語\n', 'plain\n'];
    for (const l of lines) batch.write(l);
    batch.flush();
    expect(sink.text()).toBe(lines.join(''));
  });

  it('flush writes what is pending, at once, and answers a callback', () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink, 4096);
    batch.write('a\n');
    batch.write('b\n');
    expect(sink.chunks).toEqual([]);
    let called = false;
    batch.flush(() => {
      called = true;
    });
    expect(sink.text()).toBe('a\nb\n');
    expect(called).toBe(true);
    batch.flush();
    expect(sink.chunks).toHaveLength(1);
  });

  it('gives the sink a chunk it may keep: later lines go to a new buffer', () => {
    const sink = { kept: [] as Buffer[], write: (c: Buffer) => sink.kept.push(c), flushSync: () => undefined };
    const batch = new LineBatch(sink, 64);
    batch.write('first\n');
    batch.flush();
    batch.write('second\n');
    batch.flush();
    expect(sink.kept.map((c) => c.toString())).toEqual(['first\n', 'second\n']);
  });
});
