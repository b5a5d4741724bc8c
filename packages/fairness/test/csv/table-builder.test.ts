import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTableBuilder, scanCsv } from '../../src/csv/index.ts';
import { FairnessError } from '../../src/errors.ts';
import { utf8 } from './helpers.ts';

function feed(bytes: Uint8Array, cuts: number[]): unknown {
  const builder = new CsvTableBuilder();
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  try {
    for (const to of [...points, bytes.length]) {
      builder.push(bytes.slice(from, to));
      from = to;
    }
    return builder.finish();
  } catch (error) {
    return error instanceof FairnessError ? { code: error.code, details: error.details } : error;
  }
}

function whole(bytes: Uint8Array): unknown {
  try {
    return scanCsv(bytes);
  } catch (error) {
    return error instanceof FairnessError ? { code: error.code, details: error.details } : error;
  }
}

const csvPiece = fc.constantFrom(
  'a',
  'b',
  '1',
  '2.5',
  ',',
  ',',
  '\n',
  '\r\n',
  '"',
  '""',
  '"x,\ny"',
  'Zoë',
  '\uFEFF',
  '東',
  '\r',
);

describe('CsvTableBuilder', () => {
  it('gives the same table (or the same error) however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(csvPiece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const bytes = utf8(`\uFEFFh1,h2\n${pieces.join('')}`);
        expect(feed(bytes, cuts)).toEqual(whole(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('splits a BOM, a CRLF and a multi-byte character across chunks', () => {
    const bytes = utf8('\uFEFFname,city\r\nZoë,"Zürich\r\nCH"\r\n');
    const builder = new CsvTableBuilder({ columns: [{ name: 'city', as: 'categorical' }] });
    for (let i = 0; i < bytes.length; i++) builder.push(bytes.subarray(i, i + 1));
    const table = builder.finish();
    expect(table.header).toEqual(['name', 'city']);
    expect(table.columns.get('city')).toEqual({
      kind: 'categorical',
      codes: Int32Array.from([0]),
      levels: ['Zürich\r\nCH'],
    });
  });

  it('is linear on one huge quoted field fed in small chunks', () => {
    const big = 'x'.repeat(4_000_000);
    const bytes = utf8(`a,b\n"${big}",1\n`);
    const builder = new CsvTableBuilder({ columns: [{ name: 'b', as: 'numeric' }] });
    for (let i = 0; i < bytes.length; i += 4096) builder.push(bytes.subarray(i, i + 4096));
    expect(builder.finish().rowCount).toBe(1);
  });

  it('does not read a chunk the caller reuses after push', () => {
    const builder = new CsvTableBuilder({ columns: [{ name: 'a', as: 'categorical' }] });
    const buffer = utf8('a\nfirst');
    builder.push(buffer);
    buffer.fill(0x7a);
    builder.push(utf8('\nsecond\n'));
    const a = builder.finish().columns.get('a');
    expect(a?.kind === 'categorical' && a.levels).toEqual(['first', 'second']);
  });
});
