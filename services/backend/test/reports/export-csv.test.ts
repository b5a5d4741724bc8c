import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '@ethixai/fairness';
import { csvField, reportToCsv } from '../../src/reports/export-csv.ts';

/** Issue 17, finding 6: text a spreadsheet would run as a formula is neutralised (OWASP, CSV Injection). */
const FORMULAS = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1'];

describe('CSV export', () => {
  it.each(FORMULAS)('neutralises a text cell starting %j: a leading quote, and quoted', (text) => {
    expect(csvField(text)).toBe(`"'${text.replaceAll('"', '""')}"`);
  });

  it('leaves numbers, including negative ones, and ordinary text alone', () => {
    expect([csvField(-0.25), csvField(3), csvField('group a'), csvField('a,b'), csvField(null)]).toEqual([
      '-0.25',
      '3',
      'group a',
      '"a,b"',
      '',
    ]);
  });

  it('a report whose group values and column name are formulas exports them as inert text', () => {
    const groups = ["=cmd|' /C calc'!A0", '@SUM(1+1)'];
    const table = tableFromColumns({
      '+attr': [groups[0], groups[0], groups[1], groups[1]],
      y: [1, 0, 1, 0],
      p: [1, 0, 0, 1],
    });
    const csv = reportToCsv(audit(table, { label: 'y', prediction: 'p', sensitive: ['+attr'] }));
    const rows = parse(csv) as string[][];
    const cells = rows.flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell)))).toEqual([]);
    expect(rows.map((row) => [row[0], row[1]])).toEqual(
      expect.arrayContaining([
        ["'+attr", `'${groups[0]}`],
        ["'+attr", `'${groups[1]}`],
      ]),
    );
  });
});
