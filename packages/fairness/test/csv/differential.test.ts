/**
 * Differential test: our scanner against csv-parse 7 on generated files with quoted delimiters,
 * doubled quotes, embedded LF/CRLF, CRLF records, a BOM, empty cells and non-ASCII text. Every
 * header name and every cell must be equal.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/csv/index.ts';
import { cells, utf8 } from './helpers.ts';

const cellText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a',
    'African-American',
    '0',
    '1',
    '-2.5',
    'x,y',
    'say "hi"',
    '"',
    '""',
    'l1\nl2',
    'r1\r\nr2',
    '\r',
    'Zoë',
    '東京',
    ' pad ',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

const needsQuotes = (text: string, delimiter: string): boolean => /["\r\n]/.test(text) || text.includes(delimiter);
const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

const csvFile = fc.record({
  columnCount: fc.integer({ min: 2, max: 6 }),
  rows: fc.array(fc.array(fc.tuple(cellText, fc.boolean()), { minLength: 6, maxLength: 6 }), {
    minLength: 1,
    maxLength: 25,
  }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  delimiter: fc.constantFrom(',', ',', ';', '\t'),
});

describe('scanCsv vs csv-parse 7', () => {
  it('reads every generated file cell for cell like csv-parse', () => {
    fc.assert(
      fc.property(csvFile, ({ columnCount, rows, crlf, bom, finalNewline, delimiter }) => {
        const header = Array.from({ length: columnCount }, (_, j) => (j === 1 ? `col ${j}, "quoted"` : `c${j}`));
        const write = ([text, forceQuotes]: [string, boolean]): string =>
          forceQuotes || needsQuotes(text, delimiter) ? quote(text) : text;
        const records = rows.map((row) => row.slice(0, columnCount));
        const lines = [header.map((h) => write([h, false])), ...records.map((row) => row.map(write))].map((r) =>
          r.join(delimiter),
        );
        const newline = crlf ? '\r\n' : '\n';
        const text = `${bom ? '\uFEFF' : ''}${lines.join(newline)}${finalNewline ? newline : ''}`;

        const expected: string[][] = parse(text, {
          bom: true,
          delimiter,
          relax_column_count: false,
          skip_empty_lines: true,
        });
        const table = scanCsv(utf8(text), {
          delimiter,
          columns: header.map((name) => ({ name, as: 'categorical' as const })),
        });

        expect(table.header).toEqual(expected[0]);
        expect(table.rowCount).toBe(expected.length - 1);
        header.forEach((name, j) => expect(cells(table.columns.get(name))).toEqual(expected.slice(1).map((r) => r[j])));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads numeric cells to the same doubles as Number() of csv-parse cells', () => {
    const numberText = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.constantFrom('', '0.10', '-.5', '1e-7', '00012'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(numberText, numberText), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (rows, quoted) => {
          const w = (t: string): string => (quoted ? quote(t) : t);
          const text = `x,y\r\n${rows.map(([a, b]) => `${w(a)},${w(b)}`).join('\r\n')}\r\n`;
          const expected: string[][] = parse(text, { skip_empty_lines: true });
          const table = scanCsv(utf8(text), {
            columns: [
              { name: 'x', as: 'numeric' },
              { name: 'y', as: 'numeric' },
            ],
          });
          for (const [j, name] of ['x', 'y'].entries()) {
            const column = table.columns.get(name);
            if (column?.kind !== 'numeric') throw new Error('expected numeric');
            expected
              .slice(1)
              .forEach((r, i) => expect(Object.is(column.values[i], r[j] === '' ? NaN : Number(r[j]))).toBe(true));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
