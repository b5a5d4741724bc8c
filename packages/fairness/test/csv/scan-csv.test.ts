import { describe, expect, it } from 'vitest';
import { AUTO_LEVEL_CAP } from '../../src/csv/auto-sink.ts';
import { scanCsv } from '../../src/csv/index.ts';
import { cells, fairnessError, scanText, utf8 } from './helpers.ts';

describe('scanCsv: RFC 4180 structure', () => {
  it('reads categorical codes in order of first appearance and numbers as Float64', () => {
    const table = scanText('race,score\nb,1.5\na,2\nb,\n,-3e2\n', {
      columns: [
        { name: 'race', as: 'categorical' },
        { name: 'score', as: 'numeric' },
      ],
    });
    expect(table.rowCount).toBe(4);
    const race = table.columns.get('race');
    expect(race).toEqual({ kind: 'categorical', codes: Int32Array.from([0, 1, 0, -1]), levels: ['b', 'a'] });
    const score = table.columns.get('score');
    expect(score?.kind === 'numeric' && Array.from(score.values)).toEqual([1.5, 2, NaN, -300]);
  });

  it('keeps commas, doubled quotes and embedded LF / CRLF inside quoted fields', () => {
    const table = scanText('a,b\n"x, y","say ""hi"""\n"line1\nline2","r1\r\nr2"\n""," "\n', {
      columns: [
        { name: 'a', as: 'categorical' },
        { name: 'b', as: 'categorical' },
      ],
    });
    expect(cells(table.columns.get('a'))).toEqual(['x, y', 'line1\nline2', '']);
    expect(cells(table.columns.get('b'))).toEqual(['say "hi"', 'r1\r\nr2', ' ']);
  });

  it('reads CRLF, LF and mixed line ends, with or without a final line break', () => {
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\r\n1,2\n3,4\r', 'a,b\n1,2\r\n3,4']) {
      const table = scanText(text);
      expect(table.rowCount).toBe(2);
      expect(cells(table.columns.get('a'))).toEqual(['1', '3']);
      expect(cells(table.columns.get('b'))).toEqual(['2', '4']);
    }
  });

  it('drops a UTF-8 byte order mark and decodes non-ASCII values', () => {
    const table = scanText('\uFEFFnom,ville\nZoë,Zürich\n李,"東京, 日本"\n');
    expect(table.header).toEqual(['nom', 'ville']);
    expect(cells(table.columns.get('nom'))).toEqual(['Zoë', '李']);
    expect(cells(table.columns.get('ville'))).toEqual(['Zürich', '東京, 日本']);
  });

  it('skips blank lines (LF or CRLF) anywhere, as pandas does', () => {
    const table = scanText('\n\na,b\n\n1,2\r\n\r\n3,4\n\n\n');
    expect(table.rowCount).toBe(2);
    expect(cells(table.columns.get('b'))).toEqual(['2', '4']);
  });

  it('keeps a quote inside an unquoted field as data', () => {
    const table = scanText('h,w\n5\'10",70\n');
    expect(cells(table.columns.get('h'))).toEqual(['5\'10"']);
  });

  it('honours another delimiter', () => {
    const table = scanText('a;b\n"1;2";3\n', { delimiter: ';' });
    expect(cells(table.columns.get('a'))).toEqual(['1;2']);
    expect(cells(scanText('a\tb\nx\ty\n', { delimiter: '\t' }).columns.get('b'))).toEqual(['y']);
  });

  it('materialises only the requested columns', () => {
    const table = scanText('a,b,c\n1,x,2\n', { columns: [{ name: 'c', as: 'numeric' }] });
    expect([...table.columns.keys()]).toEqual(['c']);
    expect(table.header).toEqual(['a', 'b', 'c']);
  });
});

describe('scanCsv: column kinds', () => {
  it('auto is numeric when every non-empty cell is a number', () => {
    const table = scanText('x,y\n1,a\n,b\n 2.50 ,c\n');
    const x = table.columns.get('x');
    expect(x?.kind === 'numeric' && Array.from(x.values)).toEqual([1, NaN, 2.5]);
    expect(table.columns.get('y')?.kind).toBe('categorical');
  });

  it('auto turns categorical on the first text cell and keeps the exact spelling of earlier cells', () => {
    const table = scanText('zip\n01000\n1000\n\nunknown\n1000\n');
    expect(table.columns.get('zip')).toEqual({
      kind: 'categorical',
      codes: Int32Array.from([0, 1, 2, 1]),
      levels: ['01000', '1000', 'unknown'],
    });
  });

  it('auto past AUTO_LEVEL_CAP distinct numbers writes earlier cells back as String(value) when text appears', () => {
    const numbers = Array.from({ length: AUTO_LEVEL_CAP + 1 }, (_, i) => `${i}.50`);
    const table = scanText(`v\n${numbers.join('\n')}\n""\nn/a\n`);
    const cellsOf = cells(table.columns.get('v'));
    expect(table.columns.get('v')?.kind).toBe('categorical');
    expect(cellsOf.slice(0, 2)).toEqual(['0.5', '1.5']);
    expect(cellsOf.slice(-2)).toEqual(['', 'n/a']);
  });

  it('categorical keeps number-looking text as text', () => {
    const table = scanText('code\n007\n7\n', { columns: [{ name: 'code', as: 'categorical' }] });
    expect(cells(table.columns.get('code'))).toEqual(['007', '7']);
  });

  it('a text cell in a numeric column is FAIR_ERR_NOT_NUMERIC naming column, line and value', () => {
    const error = fairnessError(
      () => scanText('a,n\nx,1\n"y\nz",oops\n', { columns: [{ name: 'n', as: 'numeric' }] }),
      'FAIR_ERR_NOT_NUMERIC',
    );
    expect(error.details).toEqual({ line: 4, column: 'n', value: 'oops' });
    expect(error.message).toBe('line 4: column "n" must be numeric, got "oops"');
  });
});

describe('scanCsv: duplicate header names', () => {
  const text = 'id,score,score,x\n1,5,6,a\n';

  it('records duplicates and keeps the first occurrence when all columns are read', () => {
    const table = scanText(text);
    expect([...(table.duplicateNames ?? [])]).toEqual(['score']);
    expect(cells(table.columns.get('score'))).toEqual(['5']);
  });

  it('is fine when the duplicated column is not asked for', () => {
    const table = scanText(text, { columns: [{ name: 'x', as: 'categorical' }] });
    expect(cells(table.columns.get('x'))).toEqual(['a']);
    expect(table.duplicateNames?.has('score')).toBe(true);
  });

  it('is FAIR_ERR_DUPLICATE_COLUMN when the duplicated column is asked for', () => {
    const error = fairnessError(
      () => scanText(text, { columns: [{ name: 'score', as: 'numeric' }] }),
      'FAIR_ERR_DUPLICATE_COLUMN',
    );
    expect(error.details).toEqual({ column: 'score' });
  });

  it('a column that is not in the header is FAIR_ERR_COLUMN_NOT_FOUND naming it', () => {
    const error = fairnessError(
      () => scanText(text, { columns: [{ name: 'race', as: 'categorical' }] }),
      'FAIR_ERR_COLUMN_NOT_FOUND',
    );
    expect(error.message).toBe('column "race" is not in the header (columns: "id", "score", "score", "x")');
  });
});

describe('scanCsv: malformed input names the line', () => {
  it('ragged rows: FAIR_ERR_CSV_RAGGED_ROW with the 1-based physical line and both counts', () => {
    const short = fairnessError(() => scanText('a,b,c\n1,2,3\n4,5\n'), 'FAIR_ERR_CSV_RAGGED_ROW');
    expect(short.details).toEqual({ line: 3, fields: 2, expected: 3 });
    expect(short.message).toBe('line 3 has 2 fields, the header has 3');
    const long = fairnessError(() => scanText('a,b\n"multi\nline",2\n\n1,2,3\n'), 'FAIR_ERR_CSV_RAGGED_ROW');
    expect(long.details).toEqual({ line: 5, fields: 3, expected: 2 });
  });

  it('invalid UTF-8: FAIR_ERR_CSV_ENCODING with the line, even in a column not read', () => {
    const bytes = Uint8Array.from([...utf8('a,b\n1,x\n2,'), 0xc3, 0x28, ...utf8('\n')]);
    const error = fairnessError(
      () => scanCsv(bytes, { columns: [{ name: 'a', as: 'numeric' }] }),
      'FAIR_ERR_CSV_ENCODING',
    );
    expect(error.details).toEqual({ line: 3 });
    const header = fairnessError(() => scanCsv(Uint8Array.from([0x61, 0xff, 0x0a, 0x31])), 'FAIR_ERR_CSV_ENCODING');
    expect(header.details).toEqual({ line: 1 });
    const truncated = fairnessError(
      () => scanCsv(Uint8Array.from([...utf8('a\nb\n'), 0xe2, 0x82])),
      'FAIR_ERR_CSV_ENCODING',
    );
    expect(truncated.details).toEqual({ line: 3 });
  });

  it('rejects overlong encodings and UTF-16 surrogates', () => {
    fairnessError(() => scanCsv(Uint8Array.from([0x61, 0x0a, 0xc0, 0xaf])), 'FAIR_ERR_CSV_ENCODING');
    fairnessError(() => scanCsv(Uint8Array.from([0x61, 0x0a, 0xed, 0xa0, 0x80])), 'FAIR_ERR_CSV_ENCODING');
  });

  it('empty file, BOM only, blank lines only and header only: FAIR_ERR_EMPTY_INPUT', () => {
    for (const text of ['', '\uFEFF', '\n\r\n\n']) {
      expect(fairnessError(() => scanText(text), 'FAIR_ERR_EMPTY_INPUT').message).toBe(
        'the CSV is empty: no header and no data rows',
      );
    }
    for (const [text, line] of [
      ['a,b', 1],
      ['a,b\n', 2],
      ['a,b\r\n\r\n', 3],
    ] as const) {
      const error = fairnessError(() => scanText(text), 'FAIR_ERR_EMPTY_INPUT');
      expect(error.message).toBe('the CSV has a header but no data rows');
      expect(error.details).toEqual({ line });
    }
  });

  it('unterminated quote: FAIR_ERR_CSV_UNTERMINATED_QUOTE with the line of the opening quote', () => {
    const error = fairnessError(
      () => scanText('a,b\n1,2\n3,"open\nnever\nclosed\n'),
      'FAIR_ERR_CSV_UNTERMINATED_QUOTE',
    );
    expect(error.details).toEqual({ line: 3 });
    const later = fairnessError(() => scanText('a,b\n"x\ny","z\nw\n'), 'FAIR_ERR_CSV_UNTERMINATED_QUOTE');
    expect(later.details).toEqual({ line: 3 });
  });

  it('data after a closing quote: FAIR_ERR_CSV_MALFORMED_QUOTE with the line', () => {
    const error = fairnessError(() => scanText('a,b\n1,2\n"x"y,3\n'), 'FAIR_ERR_CSV_MALFORMED_QUOTE');
    expect(error.details).toEqual({ line: 3 });
  });
});

describe('scanCsv: limits', () => {
  it('maxRows, maxColumns and maxBytes are FAIR_ERR_LIMIT_EXCEEDED', () => {
    const text = 'a,b,c\n1,2,3\n4,5,6\n';
    expect(scanText(text, { maxRows: 2, maxColumns: 3, maxBytes: text.length }).rowCount).toBe(2);
    expect(fairnessError(() => scanText(text, { maxRows: 1 }), 'FAIR_ERR_LIMIT_EXCEEDED').details).toEqual({
      limit: 'maxRows',
      line: 3,
    });
    expect(fairnessError(() => scanText(text, { maxColumns: 2 }), 'FAIR_ERR_LIMIT_EXCEEDED').details).toEqual({
      limit: 'maxColumns',
      value: 3,
    });
    expect(
      fairnessError(() => scanText(text, { maxBytes: text.length - 1 }), 'FAIR_ERR_LIMIT_EXCEEDED').details,
    ).toEqual({ limit: 'maxBytes' });
  });

  it('rejects a delimiter that cannot work and conflicting column requests', () => {
    fairnessError(() => scanText('a\n1\n', { delimiter: '"' }), 'FAIR_ERR_INVALID_CONFIG');
    fairnessError(() => scanText('a\n1\n', { delimiter: ',,' }), 'FAIR_ERR_INVALID_CONFIG');
    for (const delimiter of ['1', '.', '\n', 'é'])
      fairnessError(() => scanText('a\n1\n', { delimiter }), 'FAIR_ERR_INVALID_CONFIG');
    expect(cells(scanText('a|b\n-1|x\n', { delimiter: '|' }).columns.get('a'))).toEqual(['-1']);
    fairnessError(
      () =>
        scanText('a\n1\n', {
          columns: [
            { name: 'a', as: 'numeric' },
            { name: 'a', as: 'categorical' },
          ],
        }),
      'FAIR_ERR_INVALID_CONFIG',
    );
  });
});
