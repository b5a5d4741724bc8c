import { describe, expect, it } from 'vitest';
import { CsvInspector, CsvStructureError } from '../../src/datasets/csv-inspector.ts';

function inspect(text: string | Uint8Array, preview = 2, split = 3) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const inspector = new CsvInspector(preview);
  for (let i = 0; i < bytes.length; i += split) inspector.push(bytes.subarray(i, i + split));
  return inspector.finish();
}

function problem(text: string | Uint8Array) {
  try {
    inspect(text);
  } catch (error) {
    if (error instanceof CsvStructureError) return { problem: error.problem, line: error.line };
    throw error;
  }
  throw new Error('expected a CsvStructureError');
}

describe('CsvInspector', () => {
  it('captures the header, the preview rows and counts data rows across chunk boundaries', () => {
    const result = inspect('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n4,"multi\nline",6\n7,8,9\n', 2);
    expect(result.header).toEqual(['a', 'b', 'c']);
    expect(result.preview).toEqual([
      ['1', 'x, "y"', '3'],
      ['4', 'multi\nline', '6'],
    ]);
    expect(result.rowCount).toBe(3);
  });

  it('accepts a missing final newline and skips blank lines', () => {
    expect(inspect('a,b\n1,2\n\n3,4').rowCount).toBe(2);
  });

  it('rejects empty input and a header without rows', () => {
    expect(problem('')).toEqual({ problem: 'empty', line: 1 });
    expect(problem('\n\n')).toEqual({ problem: 'empty', line: 1 });
    expect(problem('a,b\n')).toEqual({ problem: 'empty', line: 2 });
  });

  it('names the line of a ragged row, counting lines inside quoted fields', () => {
    expect(problem('a,b\n1,2\n3,4,5\n')).toEqual({ problem: 'ragged', line: 3 });
    expect(problem('a,b\n"x\ny",2\n3\n')).toEqual({ problem: 'ragged', line: 4 });
  });

  it('rejects invalid UTF-8 with its line, but accepts multi-byte characters split across chunks', () => {
    expect(inspect('name,g\nJosé,ü€😀\n', 1, 1).preview).toEqual([['José', 'ü€😀']]);
    expect(problem(Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0x66, 0xff, 0x2c, 0x31, 0x0a])]))).toEqual({
      problem: 'encoding',
      line: 3,
    });
    expect(problem(Buffer.from([0x61, 0x0a, 0xc0, 0xaf, 0x0a]))).toEqual({ problem: 'encoding', line: 2 });
    expect(problem(Buffer.from([0x61, 0x0a, 0xe2, 0x82]))).toEqual({ problem: 'encoding', line: 2 });
  });

  it('reports an unterminated quote at the line where it opened', () => {
    expect(problem('a,b\n1,2\n3,"open\nmore\n')).toEqual({ problem: 'unterminated_quote', line: 3 });
  });

  it('refuses data after a closing quote, as the engine does when it reads the file for an analysis', () => {
    expect(problem('a,b\n1,2\n"x"y,3\n')).toEqual({ problem: 'malformed_quote', line: 3 });
  });

  it('previews only whole rows of a file longer than the part it keeps for the preview', () => {
    const row = `${'x'.repeat(200_000)},1\n`;
    const result = inspect(`big,n\n${row.repeat(8)}`, 20, 65_536);
    expect(result.rowCount).toBe(8);
    expect(result.header).toEqual(['big', 'n']);
    expect(result.preview.length).toBeGreaterThan(0);
    expect(result.preview.length).toBeLessThan(8);
    for (const r of result.preview) expect(r).toEqual(['x'.repeat(200_000), '1']);
  });
});
