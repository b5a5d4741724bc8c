import { describe, expect, it } from 'vitest';
import { tableFromJsonData } from '../../src/ingest/json-table.ts';

const LIMITS = { maxRows: 5, maxColumns: 3 };

function errorOf(fn: () => unknown): { code: string; statusCode: number; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; statusCode: number; message: string };
  }
  throw new Error('expected an error');
}

describe('tableFromJsonData', () => {
  it('builds typed columns from columnar data', () => {
    const table = tableFromJsonData(
      { columns: { y: [1, 0, null], g: ['a', 'b', 'a'], mixed: [1, 'x', true] } },
      LIMITS,
    );
    expect(table.rowCount).toBe(3);
    const y = table.columns.get('y');
    expect(y?.kind).toBe('numeric');
    expect(y?.kind === 'numeric' && [...y.values]).toEqual([1, 0, Number.NaN]);
    expect(table.columns.get('g')).toEqual({
      kind: 'categorical',
      codes: Int32Array.from([0, 1, 0]),
      levels: ['a', 'b'],
    });
    expect(table.columns.get('mixed')).toEqual({
      kind: 'categorical',
      codes: Int32Array.from([0, 1, 2]),
      levels: ['1', 'x', 'true'],
    });
  });

  it('treats null, absent and empty string as missing, and an all-missing column as categorical', () => {
    const table = tableFromJsonData({ columns: { n: [2, '', null], e: [null, null, ''] } }, LIMITS);
    const n = table.columns.get('n');
    expect(n?.kind === 'numeric' && [...n.values]).toEqual([2, Number.NaN, Number.NaN]);
    expect(table.columns.get('e')).toEqual({ kind: 'categorical', codes: Int32Array.from([-1, -1, -1]), levels: [] });
  });

  it('builds the same table from rows, with absent keys missing', () => {
    const fromRows = tableFromJsonData({ rows: [{ y: 1, g: 'a' }, { y: 0 }, { g: 'a', y: null }] }, LIMITS);
    const fromColumns = tableFromJsonData({ columns: { y: [1, 0, null], g: ['a', null, 'a'] } }, LIMITS);
    expect(fromRows).toEqual(fromColumns);
  });

  it('keeps a column named __proto__ as an ordinary column', () => {
    const data = JSON.parse('{"columns": {"__proto__": [1, 0], "y": [0, 1]}}');
    const table = tableFromJsonData(data, LIMITS);
    expect([...table.columns.keys()]).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(data.columns)).toBe(Object.prototype);
  });

  it.each([
    [null, 'AIC_ERR_VALIDATION', 'data: must be an object with "columns" or "rows"'],
    [{}, 'AIC_ERR_VALIDATION', 'data: must have exactly one of "columns" or "rows"'],
    [{ columns: {}, rows: [] }, 'AIC_ERR_VALIDATION', 'data: must have exactly one of "columns" or "rows"'],
    [{ columns: [] }, 'AIC_ERR_VALIDATION', 'data.columns: must be an object mapping column names to arrays'],
    [{ columns: {} }, 'AIC_ERR_VALIDATION', 'data.columns: must name at least one column'],
    [{ columns: { y: 'abc' } }, 'AIC_ERR_VALIDATION', 'data.columns.y: must be an array'],
    [{ columns: { y: [1, 2], g: ['a'] } }, 'AIC_ERR_VALIDATION', 'data.columns.g: has 1 values; column y has 2'],
    [
      { columns: { y: [1, { v: 2 }] } },
      'AIC_ERR_VALIDATION',
      'data.columns.y[1]: must be a string, number, boolean or null',
    ],
    [{ rows: {} }, 'AIC_ERR_VALIDATION', 'data.rows: must be an array of objects'],
    [{ rows: [{ y: 1 }, [1]] }, 'AIC_ERR_VALIDATION', 'data.rows[1]: must be an object'],
    [
      { rows: [{ y: 1 }, { y: [1] }] },
      'AIC_ERR_VALIDATION',
      'data.rows[1].y: must be a string, number, boolean or null',
    ],
    [
      { columns: { y: [1, 2, 3, 4, 5, 6] } },
      'AIC_ERR_TOO_MANY_ROWS',
      'The data has 6 rows; the limit (AI_CORE_MAX_ROWS) is 5',
    ],
    [
      { rows: [{}, {}, {}, {}, {}, {}] },
      'AIC_ERR_TOO_MANY_ROWS',
      'The data has 6 rows; the limit (AI_CORE_MAX_ROWS) is 5',
    ],
    [
      { columns: { a: [], b: [], c: [], d: [] } },
      'AIC_ERR_TOO_MANY_COLUMNS',
      'The data has 4 columns; the limit (AI_CORE_MAX_COLUMNS) is 3',
    ],
    [
      {
        rows: [
          { a: 1, b: 1 },
          { c: 1, d: 1 },
        ],
      },
      'AIC_ERR_TOO_MANY_COLUMNS',
      'The data has 4 columns; the limit (AI_CORE_MAX_COLUMNS) is 3',
    ],
  ])('rejects %j', (data, code, message) => {
    const err = errorOf(() => tableFromJsonData(data, LIMITS));
    expect({ code: err.code, message: err.message }).toEqual({ code, message });
    expect(err.statusCode).toBe(code === 'AIC_ERR_VALIDATION' ? 400 : 413);
  });
});
