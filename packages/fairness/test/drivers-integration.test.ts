import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '../src/index.ts';

describe('audit with feature columns', () => {
  const n = 400;
  const g = Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : 'b'));
  const x = Array.from({ length: n }, (_, i) => (i % 2) * 10 + (i % 7));
  const p = x.map((v) => (v > 8 ? 1 : 0));
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const t = tableFromColumns({
    g,
    x,
    noise: Array.from({ length: n }, (_, i) => (i * 7919) % 13),
    y: [null, ...y.slice(1)],
    p,
  });
  it('passes the included rows and decisions to the drivers analysis and keeps its output', () => {
    const r = audit(t, {
      label: 'y',
      labelPositive: ['1'],
      prediction: 'p',
      sensitive: ['g'],
      features: ['x', 'noise'],
      seed: 7,
    });
    expect(r.drivers).not.toBeNull();
    expect(r.driversReason).toBeNull();
    expect(JSON.stringify(r.drivers)).toContain('"x"');
    const again = audit(t, {
      label: 'y',
      labelPositive: ['1'],
      prediction: 'p',
      sensitive: ['g'],
      features: ['x', 'noise'],
      seed: 7,
    });
    expect(again.drivers).toEqual(r.drivers);
  });
});

describe('tableFromColumns', () => {
  it('rejects columns of different lengths and keeps given columns', () => {
    expect(() => tableFromColumns({ a: [1, 2], b: [1] })).toThrow(/column b has 1 rows, expected 2/);
    const t = tableFromColumns({
      a: new Float64Array([1, NaN]),
      b: { kind: 'categorical', codes: new Int32Array([0, -1]), levels: ['x'] },
      c: [true, ''],
    });
    expect(t.rowCount).toBe(2);
    expect(t.columns.get('c')).toEqual({ kind: 'categorical', codes: new Int32Array([0, -1]), levels: ['true'] });
    expect(tableFromColumns({}).rowCount).toBe(0);
  });
});
