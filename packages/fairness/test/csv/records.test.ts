import { describe, expect, it } from 'vitest';
import { readCsvRecords, scanCsv } from '../../src/csv/index.ts';
import { utf8 } from './helpers.ts';

const all = (text: string, maxRecords = 100) => readCsvRecords(utf8(text), { maxRecords, final: true });

describe('readCsvRecords', () => {
  it('reads fields as the scanner does: quotes, doubled quotes, line breaks inside quotes, CRLF, a BOM', () => {
    expect(all('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n4,"multi\nline",6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
      ['4', 'multi\nline', '6'],
    ]);
  });

  it('skips blank lines and keeps a last record without a line end', () => {
    expect(all('a,b\n\n1,2\r\n\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('stops after maxRecords', () => {
    expect(all('a\n1\n2\n3\n', 2)).toEqual([['a'], ['1']]);
  });

  it('without final, leaves out a record that may continue past the bytes it was given', () => {
    const bytes = utf8('a,b\n1,"open\n2,');
    expect(readCsvRecords(bytes, { maxRecords: 10, final: false })).toEqual([['a', 'b']]);
    expect(readCsvRecords(utf8('a,b\n1,2'), { maxRecords: 10, final: false })).toEqual([['a', 'b']]);
    expect(readCsvRecords(utf8('a,b\n1,2\n'), { maxRecords: 10, final: false })).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it("gives the scanner's header and row count on the same bytes", () => {
    const text = 'g,"y\ny",p\r\n"a,1",1,0\n\nb,0,"1"\n';
    const records = all(text);
    const table = scanCsv(utf8(text), { columns: [] });
    expect(records[0]).toEqual([...table.header]);
    expect(records.length - 1).toBe(table.rowCount);
  });
});
