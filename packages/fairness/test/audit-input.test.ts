import { describe, expect, it } from 'vitest';
import { audit, FairnessError, tableFromColumns, type Table } from '../src/index.ts';

const base = { label: 'y', prediction: 'p', sensitive: ['g'], minGroupSize: 0, minDenominator: 0 };
function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof FairnessError ? `${e.code}:${e.statusCode}` : String(e);
  }
  return 'no error';
}

describe('input decoding and bad input', () => {
  const t = tableFromColumns({
    g: ['a', 'b', 'a', 'b'],
    y: ['yes', 'no', 'no', 'yes'],
    p: [1, 0, 1, 1],
    s: [0.9, 0.1, 0.6, 0.4],
    cls: ['x', 'y', 'z', 'x'],
  });
  it('recognises yes/no and 0/1 without a positive value', () => {
    const r = audit(t, base);
    expect([r.overall.tp, r.overall.fp, r.overall.tn, r.overall.fn]).toEqual([2, 1, 1, 0]);
  });
  it('takes the decision from score ≥ threshold when there is no prediction column', () => {
    const r = audit(t, { ...base, prediction: undefined, score: 's', threshold: 0.5 });
    expect([r.overall.tp, r.overall.fp, r.overall.tn, r.overall.fn]).toEqual([1, 1, 1, 1]);
  });
  it('names the problem for every kind of bad input', () => {
    expect(code(() => audit(t, { ...base, label: 'nope' }))).toBe('FAIR_ERR_COLUMN_NOT_FOUND:400');
    expect(code(() => audit(t, { ...base, label: 'cls' }))).toBe('FAIR_ERR_NOT_BINARY:400');
    expect(code(() => audit(t, { ...base, score: 'cls' }))).toBe('FAIR_ERR_NOT_NUMERIC:400');
    expect(code(() => audit(tableFromColumns({ g: [], y: [], p: [] }), base))).toBe('FAIR_ERR_EMPTY_INPUT:400');
    expect(code(() => audit(t, { ...base, buckets: { g: [1] } }))).toBe('FAIR_ERR_INVALID_CONFIG:400');
    expect(code(() => audit(t, { ...base, buckets: { s: [1] } }))).toBe('FAIR_ERR_INVALID_CONFIG:400');
    expect(code(() => audit(t, { ...base, reference: { g: 'zzz' } }))).toBe('FAIR_ERR_INVALID_CONFIG:400');
    expect(code(() => audit(t, { ...base, features: ['missing'] }))).toBe('FAIR_ERR_COLUMN_NOT_FOUND:400');
    expect(code(() => audit(tableFromColumns({ g: ['a'], y: [2], p: [1] }), base))).toBe('FAIR_ERR_NOT_BINARY:400');
    const dup: Table = { ...t, duplicateNames: new Set(['y']) };
    expect(code(() => audit(dup, base))).toBe('FAIR_ERR_DUPLICATE_COLUMN:400');
    expect(() => audit(t, { ...base, label: 'cls' })).toThrow(/"cls" has values "x", "y", "z"/);
  });
  it('explicit positive values, numeric labels with positives, categorical numbers as scores', () => {
    const u = tableFromColumns({ g: ['a', 'a', 'b'], y: [2, 5, 2], p: ['hi', 'lo', 'mid'], s: ['0.5', '0.2', '0.9'] });
    const r = audit(u, { ...base, labelPositive: ['5'], predictionPositive: ['hi', 'mid'], score: 's' });
    expect([r.overall.tp, r.overall.fp, r.overall.tn, r.overall.fn]).toEqual([0, 2, 0, 1]);
    expect(r.overall.auc.value).toBe(0); // the only positive (score 0.2) ranks below both negatives
  });
});

describe('missing values, exclusions, weights, buckets', () => {
  const t = tableFromColumns({
    g: ['a', null, 'a', 'b', 'b', null],
    y: [1, 0, null, 1, 0, 1],
    p: [1, 1, 1, null, 0, 0],
    w: [1, 2, 1, 1, -1, 3],
    age: [20, 30, 40, 50, 60, null],
  });
  it('missing sensitive values form their own group by default, and exclusions are reported', () => {
    const r = audit(t, base);
    expect(r.attributes[0].groups.map((g) => [g.key, g.rows])).toEqual([
      ['a', 1],
      ['b', 1],
      ['(missing)', 2],
    ]);
    expect(r.provenance.excluded).toEqual([
      { reason: 'label missing', rows: 1 },
      { reason: 'decision missing (prediction or score)', rows: 1 },
    ]);
    expect(r.provenance.missingSensitive).toEqual([{ column: 'g', rows: 2 }]);
    expect(r.provenance.includedRows).toBe(4);
  });
  it('drop and error policies', () => {
    const d = audit(t, { ...base, missingSensitive: 'drop' });
    expect(d.attributes[0].groups.map((g) => g.key)).toEqual(['a', 'b']);
    expect(d.provenance.excluded).toContainEqual({ reason: 'sensitive value missing (policy drop)', rows: 2 });
    expect(() => audit(t, { ...base, missingSensitive: 'error' })).toThrow(/missing a value in data row 2/);
  });
  it('weights: weighted counts, Kish effective size, invalid weights excluded', () => {
    const r = audit(t, { ...base, weights: 'w' });
    const missing = r.attributes[0].groups.find((g) => g.key === '(missing)')!;
    expect(missing).toMatchObject({ n: 5, rows: 2, fp: 2, fn: 3 });
    expect(missing.effectiveN).toBeCloseTo(25 / 13, 12);
    expect(r.provenance.excluded).toContainEqual({
      reason: 'weight missing, negative, not finite, or outside [1e-100, 1e100] and not 0',
      rows: 1,
    });
  });
  it('numeric sensitive columns are bucketed by edges', () => {
    const r = audit(t, { ...base, sensitive: ['age'], buckets: { age: [25, 45] } });
    expect(r.attributes[0].groups.map((g) => [g.key, g.rows])).toEqual([
      ['< 25', 1],
      ['[25, 45)', 1],
      ['>= 45', 1],
      ['(missing)', 1],
    ]);
    const plain = audit(t, { ...base, sensitive: ['age'] });
    expect(plain.attributes[0].groups.map((g) => g.key)).toEqual(['20', '30', '60', '(missing)']);
  });
  it('every row excluded is an empty-input error naming the reasons', () => {
    const u = tableFromColumns({ g: ['a'], y: [null], p: [1] });
    expect(() => audit(u, { ...base, labelPositive: ['1'] })).toThrow(/every row was excluded \(label missing: 1\)/);
  });
  it('too many distinct numeric sensitive values without edges is a config error', () => {
    const n = 150;
    const u = tableFromColumns({ g: Array.from({ length: n }, (_, i) => i), y: Array(n).fill(1), p: Array(n).fill(1) });
    expect(() => audit(u, base)).toThrow(/give bucket edges/);
  });
});
